/// A run between its `running` row and its end (`RunLog.withRun`): the body marks it done.
public struct OpenRun {
    let db: StoreWriter
    public let runID: String

    /// Marks the run `done` with its manifest's JSON text.
    public func done(manifest: String) throws {
        try RunLog.finish(db, runID: runID, status: "done", manifest: manifest)
    }

    /// Marks the run `done` in one transaction with `also` (the exit 3 a run gives), so a run
    /// killed before it leaves both to the next run that completes.
    public func done<T>(manifest: String, with also: () throws -> T) throws -> T {
        try db.transaction {
            try RunLog.finish(db, runID: runID, status: "done", manifest: manifest)
            return try also()
        }
    }
}

extension RunLog {
    /// The run-log bracket, the one copy: records the run `running`, runs `body`, and marks the
    /// run `failed` when `body` throws (the error is rethrown; a failure to record the failure is
    /// dropped, as the run's own error is the one to report and `failAbandoned` marks it later).
    /// `body` marks the run done (`OpenRun.done`) when its outputs are published.
    public static func withRun<T>(_ db: StoreWriter, runID: String, command: String, asOf: String, startedAt: String,
                                  _ body: (OpenRun) throws -> T) throws -> T {
        try begin(db, runID: runID, command: command, asOf: asOf, startedAt: startedAt)
        do {
            return try body(OpenRun(db: db, runID: runID))
        } catch {
            // The run's own error is thrown below; a log entry that cannot be written must not hide it.
            try? finish(db, runID: runID, status: "failed")
            throw error
        }
    }
}

extension Store {
    /// The run-log bracket on this store (`RunLog.withRun`).
    public func withRun<T>(_ runID: String, command: String, asOf: String, startedAt: String,
                           _ body: (OpenRun) throws -> T) throws -> T {
        try autocommit { try RunLog.withRun($0, runID: runID, command: command, asOf: asOf, startedAt: startedAt, body) }
    }
}
