import MiaraValues

extension Store {
    /// Runs `body` as one write of the store: one transaction (`BEGIN IMMEDIATE`), committed
    /// while holding the store's commit lock exclusively, so a reader's snapshot (`StoreSnapshot`)
    /// sees the store before or after it, never in between; rolled back when `body` throws.
    /// `spilling`: the derivation's sorts and index builds spill to temporary files, not
    /// memory, with a larger page cache (128 MiB, a bound) keeping them in memory longer; the
    /// connection's settings come back afterwards.
    /// A store opened read-only refuses before anything runs (`MiaraError` `.readOnlyStore`).
    public func write<T>(spilling: Bool = false, _ body: (StoreWriter) throws -> T) throws -> T {
        guard mode != .readOnly else {
            throw MiaraError.readOnlyStore(db.path, StoreText.openedForReading)
        }
        guard spilling else { return try transaction(body) }
        // temp_store 1: FILE.
        return try db.withPragmas(["temp_store": 1, "cache_size": -131072]) { try transaction(body) }
    }

    private func transaction<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        try db.transaction(commit: { try StoreSnapshot.withCommitLock(path: self.db.path, exclusive: true, $0) }) { try body(StoreWriter(db)) }
    }
}
