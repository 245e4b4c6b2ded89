import Foundation
import Logging
import MiaraIngest
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara run`: the nightly pipeline (SPEC 10) — lock, ingest new files, compute, publish a run
/// folder.
///
/// Exit status: 0 done; 1 failed (nothing published); 2 configuration error; 3 done, but a file
/// version over `max_reject_share` (a file-level reject counts as 1) owes its exit 3 (read by this
/// run, or by one that did not complete; given once per version, `RejectShareNotes`), or a file
/// could not be read for a reason outside its bytes; 75 another process holds the store's lock
/// `<store>.lock` (any `run` or `ingest` on the same store) or the output folder's
/// `<outputs>/.miara.lock` (exclusive `flock`s).
///
/// A version whose exit 3 an earlier completed run gave and that the inbox still holds over the
/// share is named ("still pending") with no exit 3, so cron mails once per problem; the manifest
/// lists every input over the limit in `files_over_reject_share` whatever the night.
public struct RunStage {
    public static let lockName = ".miara.lock"

    public enum Status: Int32, Sendable {
        case done = 0, failed = 1, configuration = 2, overRejectShare = 3, locked = 75
    }

    public let config: PipelineConfig
    /// The report stage (tests replace its workbook writer or publish hook).
    public var report: ReportStage
    /// Publish the last run's outputs again when nothing they depend on changed (`RunReuse`);
    /// false recomputes every night (`miara run --no-reuse`).
    public var reuse = true
    /// Called after each measure computed with its code, rows and seconds (`miara run --timings`).
    public var timing: ((MeasureCode, Int, Double) -> Void)?

    public init(config: PipelineConfig) {
        self.config = config
        report = ReportStage(config: config)
    }

    public struct Result {
        public var status: Status
        public var runID: String
        public var runFolder: URL?
        /// Paths of the versions whose exit 3 this run gave, then of the files it could not read.
        public var overLimit: [String] { owed.map(\.path) + unread.map(\.path) }
        public var manifest: Manifest?
        /// Who holds the lock, when `status` is `.locked`.
        public var lockHolder: String? = nil
        /// The versions over the share whose exit 3 this run gave (SPEC 10).
        public var owed: [RejectShareNotice] = []
        /// Files this run could not read for a reason outside their bytes.
        public var unread: [FileReport] = []
    }

    /// Runs the pipeline. Configuration errors and failures are thrown (the command maps them to
    /// 2 and 1); a held lock is returned as `.locked`. The run is resolved once (`RunContext`):
    /// one as-of date, one set of catalogues, one store connection for every stage.
    public func run(_ context: RunContext) throws -> Result {
        let runID = context.runID
        let outputs = URL(fileURLWithPath: config.outputs)
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        // The store's lock first (any second writer of the store, whatever its outputs), then
        // the output folder's (two stores publishing into one folder).
        let storeLock: StoreLock
        do { storeLock = try StoreLock.acquire(storePath: config.store) }
        catch let held as MiaraError where held.code == .lockHeld {
            return Result(status: .locked, runID: runID, runFolder: nil, manifest: nil, lockHolder: held.text(context.console.language))
        }
        guard let lock = try Self.lock(outputs.appendingPathComponent(Self.lockName)) else {
            return Result(status: .locked, runID: runID, runFolder: nil, manifest: nil,
                          lockHolder: "another run holds \(outputs.appendingPathComponent(Self.lockName).path)")
        }
        defer { close(lock) }
        // Under the lock no other run writes here: a `.tmp-*` folder is a killed run's leftover.
        RunFolder.removeLeftovers(in: outputs)

        let store = try context.store()
        // The run log, the stage log and the fingerprint: each write its own transaction.
        return try store.autocommit { db in try run(context, db: db, storeLock: storeLock, outputs: outputs) }
    }

    private func run(_ context: RunContext, db: StoreWriter, storeLock: StoreLock, outputs: URL) throws -> Result {
        let c = context.console, runID = context.runID
        for id in try RunLog.failAbandoned(db) { c.warning(c.t("przebieg \(id) przerwano przed końcem; oznaczony jako nieudany", "run \(id) was interrupted before it finished; marked failed")) }
        context.recordStages = true
        let log = context.log
        let periods = context.periods.map(\.text).joined(separator: ", ")
        let header = c.t("miara \(MiaraVersion.current): przebieg \(runID), stan na \(context.asOf.iso), okresy \(periods)",
                         "miara \(MiaraVersion.current): run \(runID), as of \(context.asOf.iso), periods \(periods)")
        log.notice("\(header)")
        return try RunLog.withRun(db, runID: runID, command: "run", asOf: context.asOf.iso, startedAt: context.startedAt) { run in
            let ingested = try IngestStage().ingest(context, lock: storeLock)
            try db.releaseCache()
            FreedMemory.release()
            // Fast nights: nothing the outputs depend on changed since the last published run.
            let fingerprint = try RunFingerprint(context: context, db: db).sha256
            let reuse = RunReuse(outputs: report.outputs)
            let r: ReportStage.Result
            if self.reuse, let previous = try reuse.candidate(db: db, runID: runID, fingerprint: fingerprint) {
                r = try StageLog.record(db, runID: runID, "reuse", rows: { $0.manifest.outputs.count }) {
                    try reuse.publish(context: context, from: previous, ingestSeconds: ingested.seconds)
                }
                log.notice("\(c.t("nic nowego od przebiegu \(previous.runID): jego wyniki opublikowane ponownie bez przeliczania", "nothing new since run \(previous.runID): its outputs published again without recomputing"))\(String(format: ", %.2f s", r.seconds))")
            } else {
                c.stageStarted(c.t("obliczenia", "compute"))
                let computed = try StageLog.record(db, runID: runID, "compute", rows: { $0.measures.count }) {
                    var stage = ComputeStage(config: config)
                    stage.keepsResults = true
                    stage.timing = timing
                    return try stage.run(context)
                }
                FreedMemory.release()   // the rows before publication
                log.notice("\(c.t("obliczenia: \(computed.measures.count) wierszy miar, \(computed.benchmark.count) wierszy porównań", "compute: \(computed.measures.count) measure rows, \(computed.benchmark.count) benchmark rows"))\(String(format: ", %.2f s", computed.seconds))")
                log.info("\(c.t("miary: \(computed.computedResults) par (miara, okres) przeliczonych, \(computed.reusedResults) wziętych z magazynu", "measures: \(computed.computedResults) (measure, period) pairs computed, \(computed.reusedResults) taken from the store"))")
                for line in CoverageSummary(rows: computed.coverage, console: c).lines(names: try CoverageSummary.names(db)) { log.notice("\(line)") }
                var report = self.report
                report.reuseWorkbooks = self.reuse
                report.keepsDerivedState = true
                var reportSeq: Int? = try StageLog.begin(db, runID: runID, "report")
                var publishSeq: Int?
                let hook = report.beforePublish
                report.beforePublish = { dir in
                    try hook?(dir)
                    // The count is the stage log's information only (0 when the folder cannot be listed).
                    let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path).count) ?? 0
                    if let s = reportSeq { try StageLog.finish(db, runID: runID, seq: s, rows: files, outcome: "done", detail: nil) }
                    reportSeq = nil
                    publishSeq = try StageLog.begin(db, runID: runID, "publish")
                }
                c.stageStarted(c.t("raporty", "report"))
                do { r = try report.run(context, computed: computed, ingestSeconds: ingested.seconds) } catch {
                    for s in [reportSeq, publishSeq].compactMap({ $0 }) {
                        // The report's own error is thrown below; a stage log entry that cannot be written must not hide it.
                        try? StageLog.finish(db, runID: runID, seq: s, rows: nil, outcome: "failed", detail: String(describing: error))
                    }
                    throw error
                }
                if let s = publishSeq { try StageLog.finish(db, runID: runID, seq: s, rows: nil, outcome: "done", detail: nil) }
                log.notice("\(c.t("raporty: \(r.workbooks.count) skoroszytów", "report: \(r.workbooks.count) workbooks"))\(String(format: ", %.2f s", r.seconds))")
            }
            try RunFingerprints.record(db, runID: runID, fingerprint: fingerprint)
            // The run is done and the exit 3 it owes is given, in one transaction: a run killed
            // before it leaves the notices owed to the next run that completes.
            let given = try run.done(manifest: String(decoding: try r.manifest.encoded(), as: UTF8.self)) {
                try StoreRecords.giveOwedNotices(db, runID: runID)
            }
            if let keep = config.keep {
                let removed = try StageLog.record(db, runID: runID, "prune", rows: { $0.count }) { try keep.prune(outputs: outputs) }
                if !removed.isEmpty {
                    log.info("\(c.t("usunięto stare foldery wyników: ", "removed old run folders: "))\(removed.map(\.relative).joined(separator: ", "))")
                }
            }
            let latest = outputs.appendingPathComponent(RunFolder.latestName).path
            log.notice("\(c.t("wyniki: \(r.runFolder.path) (najnowsze zawsze w \(latest))", "results: \(r.runFolder.path) (the newest always in \(latest))"))")
            let unread = ingested.unread
            return Result(status: given.isEmpty && unread.isEmpty ? .done : .overRejectShare, runID: runID, runFolder: r.runFolder,
                          manifest: r.manifest, owed: given, unread: unread)
        }
    }

    /// Takes an exclusive, non-blocking `flock` on `url` (created if absent); returns the open
    /// descriptor, or nil when another process holds the lock.
    public static func lock(_ url: URL) throws -> Int32? {
        let fd = open(url.path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw MiaraError(.lock, FileText.cannotOpenLock(url.path), cause: SystemError("open", errno: errno, reason: String(cString: strerror(errno)))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return nil }
            throw MiaraError(.lock, FileText.cannotLock(url.path), cause: SystemError("flock", errno: e, reason: String(cString: strerror(e))))
        }
        return fd
    }
}
