import Foundation
import MiaraReport
import MiaraStore

/// The store's `run_stages` data: one row per stage of a run (discover, ingest, check, compute,
/// report, publish, prune) with its start, end, rows and outcome.
public enum StageLog {
    /// One recorded stage.
    public struct Entry: Sendable, Equatable {
        public var stage: String
        public var startedAt: String
        public var finishedAt: String?
        public var rows: Int?
        public var outcome: String
        public var detail: String?
    }

    /// Runs `body` as stage `name` of the run, recording its start, end, rows (what `body`
    /// returns as its row count) and outcome; a thrown error is recorded as `failed` and rethrown.
    @discardableResult
    public static func record<T>(_ db: SQLiteDatabase, runID: String, _ name: String, rows: (T) -> Int? = { _ in nil },
                                 _ body: () throws -> T) throws -> T {
        let seq = try begin(db, runID: runID, name)
        do {
            let value = try body()
            try finish(db, runID: runID, seq: seq, rows: rows(value), outcome: "done", detail: nil)
            return value
        } catch {
            try? finish(db, runID: runID, seq: seq, rows: nil, outcome: "failed", detail: String(describing: error))
            throw error
        }
    }

    /// Records the start of a stage; returns its sequence number for `finish`.
    public static func begin(_ db: SQLiteDatabase, runID: String, _ name: String, at start: Date = Date()) throws -> Int {
        let seq = (try db.scalar("SELECT coalesce(max(seq), 0) + 1 FROM run_stages WHERE run_id = ?", [.text(runID)])?.int) ?? 1
        try db.execute("INSERT INTO run_stages (run_id, seq, stage, started_at) VALUES (?, ?, ?, ?)",
                       [.text(runID), .integer(Int64(seq)), .text(name), .text(Manifest.timestamp(start))])
        return seq
    }

    /// Records a stage that already ended (its times measured by the caller).
    public static func add(_ db: SQLiteDatabase, runID: String, _ name: String, start: Date, end: Date, rows: Int?,
                           outcome: String = "done") throws {
        let seq = try begin(db, runID: runID, name, at: start)
        try finish(db, runID: runID, seq: seq, rows: rows, outcome: outcome, detail: nil, at: end)
    }

    /// Records the end of a stage.
    public static func finish(_ db: SQLiteDatabase, runID: String, seq: Int, rows: Int?, outcome: String, detail: String?,
                              at end: Date = Date()) throws {
        try db.execute("UPDATE run_stages SET finished_at = ?, rows = ?, outcome = ?, detail = ? WHERE run_id = ? AND seq = ?",
                       [.text(Manifest.timestamp(end)), rows.map { .integer(Int64($0)) } ?? .null, .text(outcome),
                        detail.map { .text($0) } ?? .null, .text(runID), .integer(Int64(seq))])
    }

    /// The stages of a run in order.
    public static func stages(_ db: SQLiteDatabase, runID: String) throws -> [Entry] {
        try db.query("SELECT stage, started_at, finished_at, rows, outcome, detail FROM run_stages WHERE run_id = ? ORDER BY seq",
                     [.text(runID)]).map {
            Entry(stage: $0[0].text ?? "", startedAt: $0[1].text ?? "", finishedAt: $0[2].text, rows: $0[3].int,
                  outcome: $0[4].text ?? "", detail: $0[5].text)
        }
    }
}
