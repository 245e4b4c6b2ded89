import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara ingest`: read new inbox files into the store; quarantined rows go to `rejects` and rejects.csv.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ingest the inbox into the store (prints a line per file).")
    @OptionGroup var options: PipelineOptions

    func run() throws {
        let config = try options.config()
        let result = try IngestStage(config: config).run(runID: RunID.make())
        let read = result.reports.reduce(0) { $0 + $1.rowsRead }
        let rejected = result.reports.reduce(0) { $0 + $1.rowsRejected }
        print("\(result.reports.count) files, \(read) rows read, \(read - rejected) accepted, \(rejected) rejected in \(String(format: "%.2f", result.seconds)) s")
        print("store: \(config.store)")
        print("rejects: \(result.rejectsCSV.path)")
    }
}
