import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara report`: compute, then publish a run folder `<out>/<as-of>/<run-id>/` with the CSVs,
/// the workbooks and manifest.json, and point `<out>/latest` at it.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every measure and publish a run folder (CSVs, workbooks, manifest.json).",
        discussion: "Writes into <out>/.tmp-<run-id>/, then renames it to <out>/<as-of>/<run-id>/ and points <out>/latest at it; a failed run publishes nothing.")
    @OptionGroup var options: PipelineOptions
    @OptionGroup var compute: ComputeOptions

    func run() throws {
        let context = try options.context("report", mode: .write, adjust: { try compute.apply(to: &$0) })
        let config = context.config
        let (c, r) = try ReportCommandStage(config: config).run(context)
        let console = context.console, periods = c.periods.map(\.text).joined(separator: ", ")
        print(console.t("\(c.measures.count) wierszy miar, \(c.benchmark.count) wierszy porównań, okresy \(periods)",
                        "\(c.measures.count) measure rows, \(c.benchmark.count) benchmark rows for \(periods)"))
        print(console.t("folder wyników: \(r.runFolder.path)", "run folder: \(r.runFolder.path)"))
        console.detail(console.t(String(format: "obliczenia %.1f s, raport %.1f s (czas procesora %.1f s)", c.seconds, r.seconds, r.cpuSeconds),
                                 String(format: "compute %.1f s, report %.1f s (processor time %.1f s)", c.seconds, r.seconds, r.cpuSeconds)))
        for o in r.manifest.outputs { print("  \(o.path)") }
        print("  \(ReportStage.manifestName)")
    }
}
