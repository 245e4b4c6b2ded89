import Foundation
import MiaraStore
import MiaraValues

extension PrivateFiles {
    /// Opens the store for writing (`Store.Access.readWrite`); a new one is created 0600
    /// (`SQLiteDatabase`), and SQLite gives its WAL and shared-memory files the store's mode; an
    /// existing store (or its WAL) readable by group or others is tightened to 0600 with a warning.
    /// A store that does not exist yet is created; when its folder is missing too, the folder is
    /// created and that is said (decisions.md 81), so a mistyped folder does not start an empty
    /// store unseen.
    /// `before`: what existed when the command started (`StorePresence(path)`), as the writer
    /// lock beside the store creates its folder first.
    public static func openStore(_ path: String, before: StorePresence? = nil,
                                 warn: (String) -> Void = { Console.err("warning: " + $0) }) throws -> Store {
        let presence = before ?? StorePresence(path)
        let isNew = !presence.store && !FileManager.default.fileExists(atPath: path)
        let dir = (path as NSString).deletingLastPathComponent
        let newFolder = isNew && !presence.folder
        let store = try open(path, .readWrite, warn: warn)
        if newFolder { warn("\(path): the store's folder \(dir) did not exist; created it and a new, empty store") }
        return store
    }

    /// Opens the existing store for a command that only reads it (`status`, `explain`,
    /// `compute`, `verify`, `template`): never creates one (`missing` names the setting for the
    /// error) and opens it read-only, so reading never needs write access and never migrates
    /// (decisions.md 110). The one exception: a store whose schema is older than this miara's
    /// cannot be read as it is, and is migrated (opened read-write) when it can be written.
    public static func openStoreForReading(_ path: String, missing: MiaraError,
                                           warn: (String) -> Void = { Console.err("warning: " + $0) }) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw missing }
        do {
            return try open(path, .readOnly, warn: warn)
        // An older schema in a store that can be written: opened for writing, which migrates it.
        } catch let e as MiaraError where e.code == .readOnlyOlderStore && Store.isWritable(path: path) {
            return try open(path, .readWrite, warn: warn)
        }
    }

    /// A private copy of the store at `path` (an empty store for nil) for `miara validate`
    /// (`Store.Access.privateCopy`): the store itself is only read.
    public static func openPrivateCopy(of path: String?) throws -> Store {
        try open(path ?? "", .privateCopy, warn: { _ in })
    }

    /// The one place the pipeline opens a store. A store file it may write (read-write or
    /// read-only on a writable file, whose WAL and shared-memory files SQLite may create) has its
    /// existing files tightened to 0600 first; other outputs follow the umask (decisions.md 119).
    static func open(_ path: String, _ access: Store.Access, warn: (String) -> Void) throws -> Store {
        if access != .privateCopy {
            for p in [path, path + "-wal", path + "-shm"] {
                if let old = tighten(p) {
                    warn("\(p) was readable by others (mode \(String(old, radix: 8))); tightened to 600")
                }
            }
        }
        return try Store.open(path, access)
    }
}

/// The store has no completed ingest: its first ingest is still running (exit 75, try again
/// later) or none has finished (exit 2). `compute`, `report` and `explain` refuse to read an
/// empty snapshot and call it results.
public enum NoCompletedIngest {
    /// Throws when the store has read no file: before its first ingest commits, every reader
    /// sees it empty (an ingest is one transaction, and an ingest that reads nothing into a new
    /// store is a configuration error, decisions.md 45).
    public static func check(_ store: Store) throws {
        let path = store.path
        guard try store.read({ try StoreRecords.fileCount($0) }) == 0 else { return }
        var held = false
        if Store.isWritable(path: path) {
            do { _ = try StoreLock.acquire(StoreLock.url(forStore: path)) }   // released at once
            catch let e as MiaraError where e.code == .lockHeld { held = true }
            // Any other failure to take the lock (no lock file can be created beside a store on a
            // read-only share) says nothing about a running ingest: the store is reported empty.
            catch {}
        }
        throw held
            ? MiaraError(.ingestRunning, StoreText.noCompletedIngestRunning(path, pid: StoreLock.holder(StoreLock.url(forStore: path))))
            : MiaraError(.noCompletedIngest, StoreText.noCompletedIngest(path))
    }
}

/// Whether a store file and its folder exist, taken when a command starts.
public struct StorePresence: Sendable {
    public let store: Bool
    public let folder: Bool
    public init(_ path: String) {
        let fm = FileManager.default
        let dir = (path as NSString).deletingLastPathComponent
        store = path == ":memory:" || fm.fileExists(atPath: path)
        folder = dir.isEmpty || fm.fileExists(atPath: dir)
    }
}
