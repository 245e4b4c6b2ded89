import Foundation
import MiaraValues

/// The miara store: one SQLite file holding every dataset, `files`, `rejects`, `warnings` and `runs`.
public final class Store {
    public let db: SQLiteDatabase

    /// Opens the store at `path`, creating it (mode 0600) and migrating it to the newest schema.
    public init(path: String) throws {
        if path != ":memory:" {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        }
        if path != ":memory:" && FileManager.default.fileExists(atPath: path) {
            // A store of a newer miara is refused before anything is written to it.
            let probe = try SQLiteDatabase(path: path, readOnly: true)
            if probe.userVersion > Schema.migrations.count {
                throw NewerStoreError(path: path, version: probe.userVersion, known: Schema.migrations.count)
            }
        }
        db = try SQLiteDatabase(path: path)
        try Schema.migrate(db)
    }

    /// A private copy of the store at `path`, migrated to the newest schema, in SQLite's temporary
    /// database (never named on disk, deleted when closed, so no copy outlives the process). The
    /// store itself is only read. `miara validate` ingests into such a copy to see what an ingest
    /// would decide.
    public init(copyOf path: String) throws {
        let source = try SQLiteDatabase(path: path, readOnly: true)
        if source.userVersion > Schema.migrations.count {
            throw NewerStoreError(path: path, version: source.userVersion, known: Schema.migrations.count)
        }
        db = try SQLiteDatabase(path: "")
        try source.copy(into: db)
        try Schema.migrate(db)
    }

    /// True when a file with these bytes was ingested before.
    public func hasFile(sha256: String) throws -> Bool {
        try db.scalar("SELECT 1 FROM files WHERE sha256 = ?", [.text(sha256)]) != nil
    }

    /// Rows in a table.
    public func count(_ table: String) throws -> Int {
        try db.scalar("SELECT count(*) FROM \(table)")?.int ?? 0
    }
}
