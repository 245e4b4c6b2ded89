import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara prune`: removes old run folders as the pipeline's `keep` says.
struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove old run folders as the pipeline's `keep` setting says (the nightly run does it after publishing).",
        discussion: """
            keep: { nights: 14, month_ends: 24 } keeps the last 14 run folders and the last run of each of the \
            last 24 months. The folder `latest` points at and the runs listed in <outputs>/submissions.txt \
            (one run id or <as-of>/<run-id> a line) are never removed.
            """)
    @OptionGroup var options: PipelineOptions
    @Option(help: "Output folder (overrides `outputs`).") var out: String?
    @Flag(name: .customLong("dry-run"), help: "Only list what would be removed.") var dryRun = false

    func run() throws {
        let context = try options.context("prune", mode: .read)
        let config = context.config, console = context.console
        guard let keep = config.keep else {
            console.info(console.t("brak ustawienia `keep` w pliku potoku: nic nie usunięto",
                                   "no `keep` setting in the pipeline file: nothing removed"))
            return
        }
        let outputs = URL(fileURLWithPath: out ?? config.outputs)
        let removed = try keep.prune(outputs: outputs, dryRun: dryRun)
        for r in removed { console.detail((dryRun ? console.t("do usunięcia: ", "would remove: ") : console.t("usunięto: ", "removed: ")) + r.relative) }
        console.info(console.t("\(dryRun ? "do usunięcia" : "usunięto") folderów wyników: \(removed.count); pozostało: \(Retention.runFolders(in: outputs).count)",
                               "\(dryRun ? "would remove" : "removed") \(removed.count) run folders; \(Retention.runFolders(in: outputs).count) remain"))
    }
}
