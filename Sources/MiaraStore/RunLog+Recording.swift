import MiaraValues

extension RunLog {
    /// The run-log bracket, once for every command that records a run: `runID` is written
    /// `running`, then `body` runs; it calls `done` with the manifest's JSON text when the run has
    /// published (inside whatever transaction the caller wants it in), and a thrown error marks the
    /// run `failed` (best effort: the error that ended the run is the one rethrown).
    public static func recording<T>(_ db: SQLiteDatabase, runID: String, command: String, asOf: String, startedAt: String,
                                    _ body: (_ done: (_ manifest: String) throws -> Void) throws -> T) throws -> T {
        try begin(db, runID: runID, command: command, asOf: asOf, startedAt: startedAt)
        do {
            return try body { manifest in try finish(db, runID: runID, status: "done", manifest: manifest) }
        } catch {
            try? finish(db, runID: runID, status: "failed")
            throw error
        }
    }
}
