import Foundation
import MiaraStore
import MiaraValues

/// The store's `runs` table: one row per `miara report` / `miara run` / `miara demo`, written
/// `running` when the run starts and `done` (with the manifest text) or `failed` when it ends.
public enum RunLog {
    public struct Entry: Sendable, Equatable {
        public var runID: String
        public var command: String
        public var asOf: String
        public var startedAt: String
        public var finishedAt: String?
        public var status: String
        public var manifest: String?
        /// SHA-256 of the manifest.json bytes the run published.
        public var manifestSHA256: String? = nil
    }

    public static func begin(_ db: SQLiteDatabase, runID: String, command: String, asOf: String, startedAt: String) throws {
        try db.execute("INSERT INTO runs (run_id, command, as_of, started_at, status) VALUES (?, ?, ?, ?, 'running')",
                       [.text(runID), .text(command), .text(asOf), .text(startedAt)])
    }

    /// Marks the run `done` or `failed`; `manifest` is the manifest's JSON text of a published run
    /// (its SHA-256 is recorded beside it).
    public static func finish(_ db: SQLiteDatabase, runID: String, status: String, manifest: String? = nil) throws {
        let digest = manifest.map { FileScan.sha256(Data($0.utf8)) }
        try db.execute("UPDATE runs SET finished_at = ?, status = ?, manifest = ?, manifest_sha256 = ? WHERE run_id = ?",
                       [.text(Manifest.timestamp()), .text(status), manifest.map { .text($0) } ?? .null,
                        digest.map { .text($0) } ?? .null, .text(runID)])
    }

    /// The manifest SHA-256 recorded for a run, if the store knows the run.
    public static func manifestSHA256(_ db: SQLiteDatabase, runID: String) throws -> String?? {
        guard let row = try db.query("SELECT manifest_sha256 FROM runs WHERE run_id = ?", [.text(runID)]).first else { return nil }
        return .some(row[0].text)
    }

    /// Marks runs still `running` as `failed` (killed before they could finish); call it only while
    /// holding the run lock. Returns their run ids.
    @discardableResult
    public static func failAbandoned(_ db: SQLiteDatabase) throws -> [String] {
        let ids = try db.query("SELECT run_id FROM runs WHERE status = 'running' ORDER BY id").compactMap { $0[0].text }
        if !ids.isEmpty {
            try db.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE status = 'running'", [.text(Manifest.timestamp())])
        }
        return ids
    }

    /// The latest `limit` runs, newest first.
    public static func recent(_ db: SQLiteDatabase, limit: Int = 10) throws -> [Entry] {
        try db.query("""
            SELECT run_id, command, as_of, started_at, finished_at, status, manifest
            FROM runs ORDER BY started_at DESC, id DESC LIMIT ?
            """, [.integer(Int64(limit))]).map { r in
            Entry(runID: r[0].text ?? "", command: r[1].text ?? "", asOf: r[2].text ?? "", startedAt: r[3].text ?? "",
                  finishedAt: r[4].text, status: r[5].text ?? "", manifest: r[6].text)
        }
    }
}
