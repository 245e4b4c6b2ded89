import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara ingest`: read new inbox files into the store; quarantined rows go to `rejects` and rejects.csv.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingest the inbox into the store (prints a line per dataset).",
        discussion: "Exit status: 0 done; 1 failed; 2 usage or configuration error; 3 a file version read now (or by a command that did not complete) has a rejected share above max_reject_share (once per version), or a file could not be read; 75 another writer holds the store's lock.")
    @OptionGroup var options: PipelineOptions
    @Flag(help: "Print rows per second per dataset and the time of the cross-row checks and read indexes.")
    var timings = false

    func run() throws {
        let context = try options.context("ingest", mode: .write)
        let config = context.config, console = context.console
        try config.checkBeforeWriting()
        if let notice = config.defaultsNotice { console.info(notice) }
        let result: IngestStage.Result
        do { result = try IngestStage().run(context) }
        catch let held as MiaraError where held.code == .lockHeld {
            console.error("miara: " + held.text(console.language))
            throw ExitCode(held.exitStatus)
        }
        if timings {
            for d in result.perDataset {
                let rate = d.seconds > 0 ? Double(d.rows) / d.seconds : 0
                print(String(format: "timing %-22@ %10d rows %8.2f s %12.0f rows/s", d.dataset as NSString, d.rows, d.seconds, rate))
            }
            print(String(format: "timing cross-row checks %.2f s", result.crossCheckSeconds))
            print(String(format: "timing indexes built after the load %.2f s", result.indexSeconds))
        }
        console.info(console.t("magazyn: \(config.store); odrzucone wiersze: \(result.rejectsCSV.path)",
                               "store: \(config.store); rejected rows: \(result.rejectsCSV.path)"))
        // Exit as `miara run` does for the files it read: 3 once per file version over
        // `max_reject_share` (a file rejected whole counts as a share of 1), given by the stage
        // once the ingest is complete; and for a file it could not read.
        for line in RejectShareLines(config: config, console: console).lines(owed: result.owed, unread: result.unread, published: false) {
            console.error(line)
        }
        if result.overRejectShare { throw ExitCode(3) }
    }
}
