import Foundation
import MiaraValues

/// A run as the store records it (`runs`): one row per `miara report` / `miara run` / `miara demo`.
public struct RunRecord: Sendable, Equatable, StoredRecord {
    public var runID: String
    public var command: String
    public var asOf: String
    public var startedAt: String
    public var finishedAt: String?
    /// `running`, `done` or `failed`.
    public var status: String
    /// The manifest's JSON text of a published run.
    public var manifest: String?
    /// SHA-256 of the manifest.json bytes the run published.
    public var manifestSHA256: String? = nil

    static let select = "SELECT run_id, command, as_of, started_at, finished_at, status, manifest, manifest_sha256 FROM runs"

    init(_ st: Statement) {
        runID = st.string(0) ?? ""; command = st.string(1) ?? ""; asOf = st.string(2) ?? ""; startedAt = st.string(3) ?? ""
        finishedAt = st.string(4); status = st.string(5) ?? ""; manifest = st.string(6); manifestSHA256 = st.string(7)
    }
}

/// The store's `runs` table: written `running` when a run starts and `done` (with the manifest
/// text) or `failed` when it ends.
public enum RunLog {
    public static func begin(_ db: StoreWriter, runID: String, command: String, asOf: String, startedAt: String) throws {
        try db.execute("INSERT INTO runs (run_id, command, as_of, started_at, status) VALUES (?, ?, ?, ?, 'running')",
                       [.text(runID), .text(command), .text(asOf), .text(startedAt)])
    }

    /// Marks the run `done` or `failed`; `manifest` is the manifest's JSON text of a published run
    /// (its SHA-256 is recorded beside it).
    public static func finish(_ db: StoreWriter, runID: String, status: String, manifest: String? = nil) throws {
        let digest = manifest.map { FileScan.sha256(Data($0.utf8)) }
        try db.execute("UPDATE runs SET finished_at = ?, status = ?, manifest = ?, manifest_sha256 = ? WHERE run_id = ?",
                       [.text(UTCTimestamp.string()), .text(status), manifest.map { .text($0) } ?? .null,
                        digest.map { .text($0) } ?? .null, .text(runID)])
    }

    /// The manifest SHA-256 recorded for a run, if the store knows the run.
    public static func manifestSHA256(_ db: StoreReader, runID: String) throws -> String?? {
        try StoreRecords.fetch(db, RunRecord.self, "WHERE run_id = ?", [.text(runID)]).last.map(\.manifestSHA256)
    }

    /// Marks runs still `running` as `failed` (killed before they could finish); call it only while
    /// holding the run lock. Returns their run ids.
    @discardableResult
    public static func failAbandoned(_ db: StoreWriter) throws -> [String] {
        let ids = try db.query("SELECT run_id FROM runs WHERE status = 'running' ORDER BY id").compactMap { $0[0].text }
        if !ids.isEmpty {
            try db.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE status = 'running'", [.text(UTCTimestamp.string())])
        }
        return ids
    }

    /// The latest `limit` runs, newest first.
    public static func recent(_ db: StoreReader, limit: Int = 10) throws -> [RunRecord] {
        try StoreRecords.fetch(db, RunRecord.self, "ORDER BY started_at DESC, id DESC LIMIT ?", [.integer(Int64(limit))])
    }
}

/// One recorded stage of a run (`run_stages`): discover, ingest, check, compute, report, publish, prune.
public struct StageRecord: Sendable, Equatable, StoredRecord {
    public var stage: String
    public var startedAt: String
    public var finishedAt: String?
    public var rows: Int?
    public var outcome: String
    public var detail: String?

    static let select = "SELECT stage, started_at, finished_at, rows, outcome, detail FROM run_stages"

    init(_ st: Statement) {
        stage = st.string(0) ?? ""; startedAt = st.string(1) ?? ""; finishedAt = st.string(2); rows = st.value(3).int
        outcome = st.string(4) ?? ""; detail = st.string(5)
    }
}

/// The store's `run_stages` table: one row per stage of a run with its start, end, rows and outcome.
public enum StageLog {
    /// Runs `body` as stage `name` of the run, recording its start, end, rows (what `body`
    /// returns as its row count) and outcome; a thrown error is recorded as `failed` and rethrown.
    @discardableResult
    public static func record<T>(_ db: StoreWriter, runID: String, _ name: String, rows: (T) -> Int? = { _ in nil },
                                 _ body: () throws -> T) throws -> T {
        let seq = try begin(db, runID: runID, name)
        do {
            let value = try body()
            try finish(db, runID: runID, seq: seq, rows: rows(value), outcome: "done", detail: nil)
            return value
        } catch {
            // The stage's own error is thrown below; a log entry that cannot be written must not hide it.
            try? finish(db, runID: runID, seq: seq, rows: nil, outcome: "failed", detail: String(describing: error))
            throw error
        }
    }

    /// Records the start of a stage; returns its sequence number for `finish`.
    public static func begin(_ db: StoreWriter, runID: String, _ name: String, at start: Date = Date()) throws -> Int {
        let seq = (try db.scalar("SELECT coalesce(max(seq), 0) + 1 FROM run_stages WHERE run_id = ?", [.text(runID)])?.int) ?? 1
        try db.execute("INSERT INTO run_stages (run_id, seq, stage, started_at) VALUES (?, ?, ?, ?)",
                       [.text(runID), .integer(Int64(seq)), .text(name), .text(UTCTimestamp.string(start))])
        return seq
    }

    /// Records a stage that already ended (its times measured by the caller).
    public static func add(_ db: StoreWriter, runID: String, _ name: String, start: Date, end: Date, rows: Int?,
                           outcome: String = "done") throws {
        let seq = try begin(db, runID: runID, name, at: start)
        try finish(db, runID: runID, seq: seq, rows: rows, outcome: outcome, detail: nil, at: end)
    }

    /// Records the end of a stage.
    public static func finish(_ db: StoreWriter, runID: String, seq: Int, rows: Int?, outcome: String, detail: String?,
                              at end: Date = Date()) throws {
        try db.execute("UPDATE run_stages SET finished_at = ?, rows = ?, outcome = ?, detail = ? WHERE run_id = ? AND seq = ?",
                       [.text(UTCTimestamp.string(end)), rows.map { .integer(Int64($0)) } ?? .null, .text(outcome),
                        detail.map { .text($0) } ?? .null, .text(runID), .integer(Int64(seq))])
    }

    /// The stages of a run in order.
    public static func stages(_ db: StoreReader, runID: String) throws -> [StageRecord] {
        try StoreRecords.fetch(db, StageRecord.self, "WHERE run_id = ? ORDER BY seq", [.text(runID)])
    }
}
