import ArgumentParser
import MiaraPipeline

/// `miara bench-xlsx` (hidden): the Swift side of Benchmarks/xlsx-baseline — the same cells the C
/// baseline writes, through miara's workbook code.
struct BenchXLSX: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-xlsx", abstract: "Benchmark: write N measure rows to one sheet.",
                                                    shouldDisplay: false)
    @Option(help: "Rows to write.") var rows: Int = 200_000
    @Option(help: "Output workbook.") var out: String

    func run() throws {
        try WorkbookBenchmark.write(rows: rows, path: out)
    }
}
