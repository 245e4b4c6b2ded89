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

    /// Opens an existing store without writing to it (`SQLITE_OPEN_READONLY`, no WAL setup, no
    /// migration): for the commands that only read, when the store cannot be written (a
    /// read-only mount, another owner's file). A schema older than this miara's cannot be
    /// migrated here and is an error saying so.
    public init(readOnlyPath path: String) throws {
        let probe = try SQLiteDatabase(path: path, readOnly: true)
        let version = probe.userVersion
        if version > Schema.migrations.count {
            throw NewerStoreError(path: path, version: version, known: Schema.migrations.count)
        }
        if version < Schema.migrations.count {
            throw ReadOnlyStoreError(path: path, message: "its schema (version \(version)) is older than this miara's "
                                     + "(\(Schema.migrations.count)); run miara ingest once with the store writable to migrate it")
        }
        db = probe
    }

    /// True when the store at `path` and its folder can be written (SQLite writes the WAL and
    /// the shared-memory file beside it); false on a read-only mount or another owner's file.
    public static func isWritable(path: String) -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(dir.isEmpty ? "." : dir, W_OK) == 0
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

/// A read-only store that a command cannot use as it is.
public struct ReadOnlyStoreError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "the store \(path) is read-only: \(message)" }
}
