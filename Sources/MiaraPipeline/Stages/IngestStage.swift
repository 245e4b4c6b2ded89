import Foundation
import MiaraIngest
import MiaraStore
import MiaraValues

/// The ingest stage: discover the inbox, ingest new files into the store, run the cross-row
/// checks, write rejects.csv beside the store.
public struct IngestStage {
    public let config: PipelineConfig
    public var out: (String) -> Void = { Console.out($0) }
    public var warn: (String) -> Void = { Console.err("warning: " + $0) }

    public init(config: PipelineConfig) { self.config = config }

    public struct Result {
        public var reports: [FileReport]
        public var rejectsCSV: URL
        public var seconds: Double
        public var crossCheckSeconds: Double
        /// Seconds spent building the read indexes after a bulk ingest (0 otherwise).
        public var indexSeconds: Double

        /// Rows read and seconds per dataset, for the throughput lines of `miara ingest --timings`.
        public var perDataset: [(dataset: String, rows: Int, seconds: Double)] {
            var m: [String: (Int, Double)] = [:]
            for r in reports where r.duplicateOf == nil {
                let key = r.dataset.hasPrefix("surveys/") ? "surveys" : r.dataset
                m[key, default: (0, 0)].0 += r.rowsRead
                m[key, default: (0, 0)].1 += r.seconds
            }
            return m.keys.sorted().map { ($0, m[$0]!.0, m[$0]!.1) }
        }
    }

    public func run(runID: String) throws -> Result {
        let started = Date()
        let asOf = try config.asOf()
        let standard = try Standard.load(path: config.standard)
        let questionnaires = try Questionnaire.loadAll(folder: config.surveys)
        let settings = IngestSettings(asOf: asOf, pseudonymiser: try config.pseudonymiser(), standard: standard, language: config.language)
        let inboxURL = URL(fileURLWithPath: config.inbox)
        let listing: InboxListing
        do { listing = try Inbox.list(inboxURL) } catch let e as InboxError {
            throw config.error(for: "inbox", e.message)
        }
        for i in listing.ignored { warn("\(i): outside the known dataset folders, ignored") }
        for u in listing.unsafe { warn(u) }
        let files = listing.files
        if files.isEmpty && listing.unsafe.isEmpty {
            // A mistyped inbox must not look like a quiet night (and must not create a store).
            let seen = FileManager.default.fileExists(atPath: config.store)
                ? try PrivateFiles.openStore(config.store, warn: warn).count("files") > 0 : false
            if !seen {
                throw config.error(for: "inbox", "the inbox \(inboxURL.path) holds no .csv or .xlsx file in a dataset folder, and the store has never read one: is it the right folder?")
            }
        }
        let store = try PrivateFiles.openStore(config.store, warn: warn)
        let ingestor = Ingestor(store: store, settings: settings, runID: runID, questionnaires: questionnaires)
        ingestor.onWarning = warn
        let reports = try ingestor.ingest(files)
        for r in reports { out(r.line) }
        let rejects = URL(fileURLWithPath: config.store).deletingLastPathComponent().appendingPathComponent("rejects.csv")
        try RejectsCSV.write(db: store.db, to: rejects)
        let w = try store.db.query("SELECT check_code, count(*) FROM warnings WHERE run_id = ? GROUP BY check_code ORDER BY 1", [.text(runID)])
        for row in w { warn("\(row[1].int ?? 0) × \(row[0].text ?? "") (see the warnings table)") }
        return Result(reports: reports, rejectsCSV: rejects, seconds: Date().timeIntervalSince(started),
                      crossCheckSeconds: ingestor.crossCheckSeconds, indexSeconds: ingestor.indexSeconds)
    }
}
