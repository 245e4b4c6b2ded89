import Foundation
import MiaraValues

/// The miara store: one SQLite file holding every dataset, `files`, `rejects`, `warnings` and `runs`.
///
/// The one way into a store file is `Store.open(_:_:)`: read-write creates and migrates it,
/// read-only never writes it, a private copy only reads it. Its connection is internal: other
/// modules use the store through scopes in the manner of GRDB's `read`/`write`
/// (`StoreAccess.swift`): `read { reader in … }`, `write { writer in … }` (one transaction),
/// `autocommit { writer in … }`, `withRun` (the run-log bracket) and `measures(readers:)`, the
/// only handle on which SQL can be prepared (further read-only connections, one snapshot).
public final class Store {
    let db: SQLiteDatabase
    /// How the store was opened.
    public let mode: Access

    /// How a store is opened.
    public enum Access: Sendable {
        /// Created (mode 0600, its folder too) when missing and migrated to the newest schema.
        case readWrite
        /// `SQLITE_OPEN_READONLY`, no WAL setup, no migration: works on a read-only mount or
        /// another owner's file. A schema older than this miara's is an error
        /// (`MiaraError` `.readOnlyOlderStore`), as it cannot be migrated here.
        case readOnly
        /// A private copy in SQLite's temporary database: the file at the path (none for the
        /// empty path: an empty store) is only read; writes go to the copy.
        case privateCopy
    }

    private init(db: SQLiteDatabase, access: Access) {
        self.db = db; self.mode = access
    }

    /// Opens the store at `path` (`:memory:`, a store in memory, is always read-write). A store
    /// of a newer miara is refused before anything is written to it.
    public static func open(_ path: String, _ access: Access) throws -> Store {
        switch access {
        case .readWrite:
            if path != ":memory:" {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            }
            if path != ":memory:" && FileManager.default.fileExists(atPath: path) {
                let probe = try SQLiteDatabase(path: path, readOnly: true)
                if probe.userVersion > Schema.migrations.count {
                    throw MiaraError.newerStore(path: path, version: probe.userVersion, known: Schema.migrations.count)
                }
            }
            let db = try SQLiteDatabase(path: path)
            try Schema.migrate(db)
            return Store(db: db, access: .readWrite)
        case .readOnly:
            let db = try SQLiteDatabase(path: path, readOnly: true)
            let version = db.userVersion
            if version > Schema.migrations.count {
                throw MiaraError.newerStore(path: path, version: version, known: Schema.migrations.count)
            }
            if version < Schema.migrations.count {
                throw MiaraError.readOnlyStore(path, StoreText.olderSchema(version, Schema.migrations.count), olderSchema: true)
            }
            return Store(db: db, access: .readOnly)
        case .privateCopy:
            return try privateCopy(of: path.isEmpty ? nil : path)
        }
    }

    /// A private copy of the store at `path` (an empty store when nil), migrated to the newest
    /// schema, in SQLite's temporary database (never named on disk, deleted when closed, so no
    /// copy outlives the process). The store itself is only read. `miara validate` ingests into
    /// such a copy to see what an ingest would decide.
    static func privateCopy(of path: String?) throws -> Store {
        let db = try SQLiteDatabase(path: "")
        if let path {
            let source = try SQLiteDatabase(path: path, readOnly: true)
            if source.userVersion > Schema.migrations.count {
                throw MiaraError.newerStore(path: path, version: source.userVersion, known: Schema.migrations.count)
            }
            try source.copy(into: db)
        }
        try Schema.migrate(db)
        return Store(db: db, access: .privateCopy)
    }

    /// True when the store at `path` and its folder can be written (SQLite writes the WAL and
    /// the shared-memory file beside it); false on a read-only mount or another owner's file.
    public static func isWritable(path: String) -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(dir.isEmpty ? "." : dir, W_OK) == 0
    }

    /// The store file's path.
    public var path: String { db.path }

    /// True when a file with these bytes was ingested before.
    public func hasFile(sha256: String) throws -> Bool {
        try db.scalar("SELECT 1 FROM files WHERE sha256 = ?", [.text(sha256)]) != nil
    }

    /// Rows in a table.
    public func count(_ table: String) throws -> Int {
        try db.scalar("SELECT count(*) FROM \(table)")?.int ?? 0
    }
}
