import ArgumentParser
import Foundation
import MiaraPipeline
import MiaraReport

/// `miara report`: compute, then publish a run folder `<out>/<as-of>/<run-id>/` with the CSVs,
/// the workbooks and manifest.json, and point `<out>/latest` at it.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every measure and publish a run folder (CSVs, workbooks, manifest.json).",
        discussion: "Writes into <out>/.tmp-<run-id>/, then renames it to <out>/<as-of>/<run-id>/ and points <out>/latest at it; a failed run publishes nothing.")
    @OptionGroup var options: PipelineOptions
    @Option(name: .customLong("period"), help: "A period (2024, 2024H1, 2024Q3, 2024-03) or year|halves|quarters; repeatable (overrides `periods`).")
    var periods: [String] = []
    @Option(name: .customLong("min-cell"), help: "Disclosure threshold (overrides `min_cell`).")
    var minCell: Int?
    @Option(help: "Output folder runs are published under (default: the pipeline's `outputs`).")
    var out: String?

    func run() throws {
        var config = try options.config()
        if !periods.isEmpty { config.periods = periods; _ = try config.resolvedPeriods(asOf: try config.asOf()) }
        if let m = minCell {
            guard m >= 1 else { throw ConfigError(file: "--min-cell", "must be at least 1") }
            config.minCell = m
        }
        if let o = out { config.outputs = o; config.setByFlag("outputs"); try config.checkPaths() }
        let (c, r) = try ReportCommandStage(config: config).run()
        let console = options.console(config), periods = c.periods.map(\.text).joined(separator: ", ")
        print(console.t("\(c.measures.count) wierszy miar, \(c.benchmark.count) wierszy porównań, okresy \(periods)",
                        "\(c.measures.count) measure rows, \(c.benchmark.count) benchmark rows for \(periods)"))
        print(console.t("folder wyników: \(r.runFolder.path)", "run folder: \(r.runFolder.path)"))
        console.detail(console.t(String(format: "obliczenia %.1f s, raport %.1f s (czas procesora %.1f s)", c.seconds, r.seconds, r.cpuSeconds),
                                 String(format: "compute %.1f s, report %.1f s (processor time %.1f s)", c.seconds, r.seconds, r.cpuSeconds)))
        for o in r.manifest.outputs { print("  \(o.path)") }
        print("  \(RunFolder.manifestName)")
    }
}
