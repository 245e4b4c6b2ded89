import Foundation

/// One read snapshot of the store over several connections: each connection holds an open read
/// transaction begun while no ingest can commit (a shared `flock` on `<store>.commit`, which an
/// ingest holds exclusively only for its `COMMIT`), so every connection sees the same committed
/// state however long the readers run, and an ingest meanwhile neither waits nor mixes in.
final class StoreSnapshot {
    /// The caller's connection first, then the read-only readers.
    let connections: [SQLiteDatabase]
    private var isOpen = true

    /// Begins the snapshot on `connections` (the store's connection first, then read-only
    /// connections to the same file: `SQLiteDatabase.readers`).
    init(connections conns: [SQLiteDatabase]) throws {
        connections = conns
        try Self.withCommitLock(path: conns[0].path, exclusive: false) {
            for c in conns {
                try c.execute("BEGIN DEFERRED")
                _ = try c.scalar("SELECT count(*) FROM sqlite_master")   // the read transaction starts here
            }
        }
    }

    /// Ends the read transactions.
    func end() {
        guard isOpen else { return }
        isOpen = false
        // Ending read-only snapshots: nothing was written, so a failed COMMIT loses nothing (the connection closes anyway).
        for c in connections { try? c.execute("COMMIT") }
    }

    deinit { end() }

    /// Runs `body` holding the store's commit lock, shared (snapshots beginning) or exclusive (an
    /// ingest committing). Does nothing special for an in-memory store.
    static func withCommitLock<T>(path: String, exclusive: Bool, _ body: () throws -> T) throws -> T {
        guard path != ":memory:" && !path.isEmpty else { return try body() }
        let fd = open(path + ".commit", O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { return try body() }   // a read-only folder: no ingest can commit either
        defer { close(fd) }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

extension SQLiteDatabase {
    /// `count` more read-only connections to this store file, each with a 64 MiB page cache
    /// (none for an in-memory or temporary store): the readers of a snapshot or of the measure
    /// engine, which see the same committed data in WAL mode.
    func readers(_ count: Int) throws -> [SQLiteDatabase] {
        guard path != ":memory:" && !path.isEmpty else { return [] }
        return try (0..<max(0, count)).map { _ in
            let r = try SQLiteDatabase(path: path, readOnly: true)
            try r.execute("PRAGMA cache_size = -65536")
            return r
        }
    }
}
