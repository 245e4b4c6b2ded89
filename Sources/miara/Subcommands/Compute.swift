import ArgumentParser
import Foundation
import MiaraPipeline
/// `miara compute`: measures.csv and benchmark.csv for the run's periods.
struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compute every measure; write measures.csv and benchmark.csv.")
    @OptionGroup var options: PipelineOptions
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print the seconds each measure took.")
    var timings = false
    @Option(help: "Measure queries run at once (default: the cores, at most 4); the output does not depend on it.")
    var jobs: Int?

    func run() throws {
        let context = try options.context("compute", mode: .read, adjust: { try compute.apply(to: &$0, setOutputs: false) })
        let config = context.config, console = context.console
        if let j = jobs, j > ComputeStage.maxJobs { throw MiaraError.configuration(file: "--jobs", ConfigText.atMost(ComputeStage.maxJobs, found: j)) }
        try NoCompletedIngest.check(try context.store())
        var stage = ComputeStage(config: config)
        if let j = jobs {
            guard j >= 1 else { throw MiaraError.configuration(file: "--jobs", ConfigText.atLeast(1)) }
            // Each job holds a connection to the store; beyond this many they only contend.
            guard j <= ComputeStage.maxJobs else { throw MiaraError.configuration(file: "--jobs", ConfigText.atMost(ComputeStage.maxJobs, found: j)) }
            stage.parallelism = j
        }
        if timings {
            stage.timing = { code, rows, secs in
                printError(String(format: "timing %@ %d rows %.2f s", code.raw, rows, secs))
            }
        }
        let r = try stage.run(context)
        let urls = try ComputeStage.writeCSVs(r, to: URL(fileURLWithPath: compute.out ?? config.outputs))
        let periods = r.periods.map(\.text).joined(separator: ", "), secs = String(format: "%.2f", r.seconds)
        print(console.t("\(r.measures.count) wierszy miar, \(r.benchmark.count) wierszy porównań, okresy \(periods), \(secs) s",
                        "\(r.measures.count) measure rows, \(r.benchmark.count) benchmark rows for \(periods) in \(secs) s"))
        for u in urls { print(u.path) }
    }
}
