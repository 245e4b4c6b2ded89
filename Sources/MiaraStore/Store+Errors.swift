import MiaraValues

/// The store's errors are `MiaraError`s (the one error shape) with the store's codes.
extension MiaraError {
    /// A store written by a newer miara (its schema version is beyond this tool's migrations):
    /// refused and never written (exit 2).
    public static func newerStore(path: String, version: Int, known: Int) -> MiaraError {
        MiaraError(.newerStore, StoreText.newer(version, known), at: Location(file: path))
    }

    /// A read-only store a command cannot use as it is (exit 2); `olderSchema`: its schema is
    /// older than this miara's, so it needs a read-write open to migrate.
    public static func readOnlyStore(_ path: String, _ why: Phrase, olderSchema: Bool = false) -> MiaraError {
        MiaraError(olderSchema ? .readOnlyOlderStore : .readOnlyStore, StoreText.readOnly.joined(why), at: Location(file: path))
    }
}
