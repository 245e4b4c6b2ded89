import Foundation
import MiaraIngest
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara run`: the nightly pipeline (SPEC 10) — lock, ingest new files, compute, publish a run
/// folder.
///
/// Exit status: 0 done; 1 failed (nothing published); 2 configuration error; 3 done, but a file
/// ingested by this run has a rejected share above `max_reject_share` (a file-level reject counts
/// as 1; the manifest lists every input over the limit in `files_over_reject_share`); 75 another
/// run holds the lock `<outputs>/.miara.lock` (an exclusive `flock`).
///
/// Decision: the exit status looks at the files this run ingested, not at every file of the
/// store: a bad file stays in the store (the same bytes are never ingested again), and a nightly
/// job that exits 3 forever after would hide the next bad file. The manifest still marks it.
public struct RunStage {
    public static let lockName = ".miara.lock"

    public enum Status: Int32, Sendable {
        case done = 0, failed = 1, configuration = 2, overRejectShare = 3, locked = 75
    }

    public let config: PipelineConfig
    public var out: (String) -> Void = { Console.out($0) }
    public var warn: (String) -> Void = { Console.err("warning: " + $0) }
    /// The report stage (tests replace its workbook writer or publish hook).
    public var report: ReportStage

    public init(config: PipelineConfig) {
        self.config = config
        report = ReportStage(config: config)
    }

    public struct Result {
        public var status: Status
        public var runID: String
        public var runFolder: URL?
        /// Files ingested by this run whose rejected share exceeds the limit.
        public var overLimit: [String]
        public var manifest: Manifest?
    }

    /// Runs the pipeline. Configuration errors and failures are thrown (the command maps them to
    /// 2 and 1); a held lock is returned as `.locked`.
    public func run(runID: String = RunID.make()) throws -> Result {
        let outputs = URL(fileURLWithPath: config.outputs)
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        guard let lock = try Self.lock(outputs.appendingPathComponent(Self.lockName)) else {
            return Result(status: .locked, runID: runID, runFolder: nil, overLimit: [], manifest: nil)
        }
        defer { close(lock) }
        // Under the lock no other run writes here: a `.tmp-*` folder is a killed run's leftover.
        RunFolder.removeLeftovers(in: outputs)

        let asOf = try config.asOf()
        let store = try PrivateFiles.openStore(config.store, warn: warn)
        for id in try RunLog.failAbandoned(store.db) { warn("run \(id) was interrupted before it finished; marked failed") }
        let startedAt = Manifest.timestamp()
        try RunLog.begin(store.db, runID: runID, command: "run", asOf: asOf.iso, startedAt: startedAt)
        do {
            var ingest = IngestStage(config: config)
            ingest.out = out
            ingest.warn = warn
            let ingested = try ingest.run(runID: runID)
            let overLimit = ingested.reports.filter { $0.duplicateOf == nil && Self.rejectShare($0) > config.maxRejectShare }
                .map(\.path)
            let computed = try ComputeStage(config: config).run(db: store.db)
            let r = try report.run(db: store.db, computed: computed, runID: runID, command: "run", startedAt: startedAt,
                                   ingestSeconds: ingested.seconds)
            try RunLog.finish(store.db, runID: runID, status: "done",
                              manifest: String(decoding: try r.manifest.encoded(), as: UTF8.self))
            return Result(status: overLimit.isEmpty ? .done : .overRejectShare, runID: runID, runFolder: r.runFolder,
                          overLimit: overLimit, manifest: r.manifest)
        } catch {
            try? RunLog.finish(store.db, runID: runID, status: "failed")
            throw error
        }
    }

    /// rejected ÷ read of one file; 1 for a file-level reject (SPEC 10).
    public static func rejectShare(_ r: FileReport) -> Double {
        if r.fileCheck != nil { return 1 }
        return r.rowsRead > 0 ? Double(r.rowsRejected) / Double(r.rowsRead) : 0
    }

    /// Takes an exclusive, non-blocking `flock` on `url` (created if absent); returns the open
    /// descriptor, or nil when another process holds the lock.
    public static func lock(_ url: URL) throws -> Int32? {
        let fd = open(url.path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw RunFolderError("cannot open the lock \(url.path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return nil }
            throw RunFolderError("cannot lock \(url.path): \(String(cString: strerror(e)))")
        }
        return fd
    }
}
