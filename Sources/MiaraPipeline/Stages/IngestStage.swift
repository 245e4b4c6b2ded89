import Foundation
import MiaraIngest
import MiaraMeasures
import MiaraStore
import MiaraValues

/// The ingest stage: discover the inbox, ingest new files into the store, run the cross-row
/// checks, write rejects.csv beside the store, and tell people what happened (`IngestSummary`).
public struct IngestStage {
    public init() {}

    public struct Result {
        public var reports: [FileReport]
        public var rejectsCSV: URL
        public var seconds: Double
        public var crossCheckSeconds: Double
        /// Seconds spent building the read indexes after a bulk ingest (0 otherwise).
        public var indexSeconds: Double
        /// Files outside the known dataset folders (relative to the inbox).
        public var ignored: [String] = []
        /// Warnings of this run by check code (W01, W02, W03), with their counts.
        public var warningCounts: [(code: String, count: Int)] = []
        /// Exit 3 once per file version (SPEC 10): the versions over `max_reject_share` whose
        /// exit 3 no completed run has given yet (read now, or by a run that did not complete).
        public var owed: [RejectShareNotice] = []
        /// The versions in the inbox still over the share whose exit 3 was given before: named
        /// ("still pending"), no exit 3.
        public var stillPending: [RejectShareNotice] = []
        /// Files not read for a reason outside their bytes (permissions, temporary space): no
        /// version to note, so every run that meets them exits 3.
        public var unread: [FileReport] { reports.filter { $0.failure != nil } }
        /// Exit 3: a version owed, or a file not read.
        public var overRejectShare: Bool { !owed.isEmpty || !unread.isEmpty }

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

    /// Runs the stage as a command of its own (`miara ingest`, the demo): a command complete when
    /// the ingest is, so the exit 3 it owes is given here, under the store's lock; `owed` then
    /// lists the versions given. Throws `MiaraError` `.lockHeld` (exit 75), naming the holder, when another process
    /// holds the store's lock.
    public func run(_ context: RunContext) throws -> Result {
        let lock = try StoreLock.acquire(storePath: context.config.store)
        var result = try ingest(context, lock: lock)
        result.owed = try context.store().autocommit { try StoreRecords.giveOwedNotices($0, runID: context.runID) }
        withExtendedLifetime(lock) {}
        return result
    }

    /// Ingests under the store's lock, which the caller holds (`miara run` takes it first).
    func ingest(_ context: RunContext, lock: StoreLock) throws -> Result {
        let started = Date(), config = context.config
        defer { withExtendedLifetime(lock) {} }
        let console = context.console
        let settings = IngestSettings(asOf: context.asOf, pseudonymiser: try config.pseudonymiser(), standard: context.standard,
                                      language: config.language, maxRejectShare: config.maxRejectShare,
                                      planMeasures: context.catalogue.planMeasureCodes)
        let inboxURL = URL(fileURLWithPath: config.inbox)
        let listing: InboxListing
        do { listing = try Inbox.list(inboxURL) } catch let e as MiaraError where e.isConfiguration {
            throw config.error(for: "inbox", e.message)
        }
        let warn: (String) -> Void = { console.warning($0) }
        for u in listing.unsafe { warn(u) }
        let files = listing.files
        if files.isEmpty && listing.unsafe.isEmpty {
            // A mistyped inbox must not look like a quiet night (and must not create a store).
            let seen = FileManager.default.fileExists(atPath: config.store) ? try context.read { try StoreRecords.fileCount($0) } > 0 : false
            if !seen {
                throw config.error(for: "inbox", ConfigText.emptyInbox(inboxURL.path))
            }
        }
        let store = try context.store()
        let pendingBefore = IngestSummary.pendingByDataset(try store.read { try StoreRecords.pendingRows($0) })
        if context.recordStages { try store.autocommit { try StageLog.add($0, runID: context.runID, "discover", start: started, end: Date(), rows: files.count) } }
        let ingestor = Ingestor(store: store, settings: settings, runID: context.runID, questionnaires: context.questionnaires)
        // A file seen before is not news: it is listed with --verbose only, never as a warning.
        ingestor.onDuplicate = { _ in }   // said below, in the console's language
        ingestor.onWarning = warn
        ingestor.onFileDone = { done, report in
            console.detail(IngestSummary.fileLine(report, console))
            console.progress("ingest", done: done, total: files.count, unit: console.t("plików", "files"), started: started)
        }
        let t1 = Date()
        let reports: [FileReport]
        do { reports = try ingestor.ingest(files) } catch {
            console.endProgress()
            if context.recordStages {
                // The ingest's own error is thrown below; a stage log entry that cannot be written must not hide it.
                try? store.autocommit { try StageLog.add($0, runID: context.runID, "ingest", start: t1, end: Date(), rows: nil, outcome: "failed") }
            }
            throw error
        }
        console.endProgress()
        if context.recordStages {
            let end = Date(), checkStart = end.addingTimeInterval(-ingestor.crossCheckSeconds - ingestor.indexSeconds)
            try store.autocommit { db in
                try StageLog.add(db, runID: context.runID, "ingest", start: t1, end: checkStart,
                                 rows: reports.reduce(0) { $0 + $1.rowsRead })
                let rejected = try StoreRecords.rejectCount(db, runID: context.runID)
                try StageLog.add(db, runID: context.runID, "check", start: checkStart, end: end, rows: rejected)
            }
        }
        let rejects = URL(fileURLWithPath: config.store).deletingLastPathComponent().appendingPathComponent("rejects.csv")
        return try store.read { db in try summary(db, reports: reports, listing: listing, rejects: rejects, started: started,
                                                   ingestor: ingestor, context: context, pendingBefore: pendingBefore) }
    }

    /// The result of an ingest and its lines on the console.
    private func summary(_ db: StoreReader, reports: [FileReport], listing: InboxListing, rejects: URL, started: Date,
                         ingestor: Ingestor, context: RunContext, pendingBefore: [String: Int]) throws -> Result {
        let console = context.console, config = context.config
        try RejectsCSV.write(db: db, to: rejects)
        let w = try StoreRecords.warningCounts(db, runID: context.runID)
        var result = Result(reports: reports, rejectsCSV: rejects, seconds: Date().timeIntervalSince(started),
                            crossCheckSeconds: ingestor.crossCheckSeconds, indexSeconds: ingestor.indexSeconds)
        result.ignored = listing.ignored
        result.warningCounts = w.map { ($0.check, $0.count) }
        result.owed = try StoreRecords.owedNotices(db)
        result.stillPending = try StoreRecords.currentNotices(db).filter { !$0.owed }
        try IngestSummary(result: result, db: db, config: config, console: console, pendingBefore: pendingBefore).print()
        return result
    }
}
