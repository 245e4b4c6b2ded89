import CSQLite
import MiaraValues

/// Reading the store: the handle `Store.read` gives its body. Outside MiaraStore it runs no SQL:
/// it is passed to the typed record queries (`StoreRecords.files(_:)`, `RunLog.recent(_:)`, …),
/// so the store's tables and columns are named in this module only (the compiler is the
/// boundary: the connection behind it is internal).
public class StoreReader {
    let db: SQLiteDatabase
    init(_ db: SQLiteDatabase) { self.db = db }

    /// The store file's path (`:memory:` for a store in memory).
    public var path: String { db.path }
    /// The store's schema version (`PRAGMA user_version`: the migrations applied).
    public var schemaVersion: Int { db.userVersion }

    // The connection's calls, for the record queries of this module.
    func execute(_ sql: String) throws { try db.execute(sql) }
    func execute(_ sql: String, _ args: [SQLValue]) throws { try db.execute(sql, args) }
    func prepare(_ sql: String) throws -> Statement { try db.prepare(sql) }
    func query(_ sql: String, _ args: [SQLValue] = []) throws -> [[SQLValue]] { try db.query(sql, args) }
    func forEach(_ sql: String, _ args: [SQLValue] = [], _ body: (Statement) throws -> Void) throws { try db.forEach(sql, args, body) }
    func scalar(_ sql: String, _ args: [SQLValue] = []) throws -> SQLValue? { try db.scalar(sql, args) }
    func transaction<T>(_ body: () throws -> T) throws -> T { try db.transaction(body) }
    var changes: Int { db.changes }
    var lastInsertRowID: Int64 { db.lastInsertRowID }
}

/// Writing the store: the handle `Store.write` (one transaction) and `Store.autocommit` (each
/// statement its own) give their body. It reads too.
public final class StoreWriter: StoreReader {
    /// Frees the connection's page cache (the store's pages stay in the operating system's
    /// cache): after an ingest has filled it, before the measures and workbooks hold their rows.
    public func releaseCache() throws { try db.execute("PRAGMA shrink_memory") }

    /// Runs `body` in a savepoint: its writes are undone when it throws (one file of an ingest).
    public func savepoint<T>(_ body: () throws -> T) throws -> T { try db.savepoint(body) }

    /// Derives the dataset tables, the survey tables and the derived rejects from staging as of
    /// `asOf` (`Derivation`); returns the tables derived again.
    @discardableResult
    public func derive(asOf: Day, runID: String, language: Language, scope: CrossChecks.Scope,
                       ledger: StagedRowLedger? = nil) throws -> [String] {
        // A derived reject derived again keeps the record text it had (staged rows keep none:
        // what is not found here is read again from the archived file, `file_archive`).
        try db.execute("""
            DROP TABLE IF EXISTS temp.kept_text;
            CREATE TEMP TABLE kept_text (file_id INTEGER, line INTEGER, raw TEXT NOT NULL, PRIMARY KEY (file_id, line)) WITHOUT ROWID;
            INSERT OR IGNORE INTO temp.kept_text SELECT file_id, line, raw FROM rejects WHERE derived = 1 AND raw <> '';
            """)
        let derived = try Derivation(db: db, asOf: asOf, runID: runID, language: language, ledger: ledger).run(scope: scope)
        try db.execute("""
            UPDATE rejects SET raw = k.raw FROM temp.kept_text k
              WHERE rejects.derived = 1 AND rejects.raw = '' AND k.file_id = rejects.file_id AND k.line = rejects.line;
            DROP TABLE temp.kept_text;
            """)
        return derived
    }

    /// The per-record writes of the ingest `runID` (statements prepared once).
    public func staging(runID: String, language: Language) -> StagingStatements {
        StagingStatements(db: db, runID: runID, language: language)
    }

    /// The largest `row_id` of `staged_<table>` (staging only grows, so about its rows; 0 when empty).
    public func stagedTop(_ table: String) throws -> Int {
        try db.scalar("SELECT coalesce(max(row_id), 0) FROM staged_\(table)")?.int ?? 0
    }

    /// Builds the read indexes over the staged tables (`Schema.readIndexes`), sorting on two
    /// threads (`sortingOnTwoThreads`).
    public func createReadIndexes() throws { try sortingOnTwoThreads { try Schema.createReadIndexes(db) } }

    /// Runs `body` (index builds after a bulk load) with SQLite's sorter allowed a second thread
    /// (`PRAGMA threads`: the ingest's reading thread is done by then; national services' read
    /// index 6.4 s → 5.1 s) and a page cache of 32 MiB, so that the two threads' sort buffers
    /// take less memory than one took with the ingest's cache (peak 440 → 430 MB). The
    /// connection's settings come back afterwards.
    func sortingOnTwoThreads(_ body: () throws -> Void) throws {
        try db.withPragmas(["cache_size": -32768, "threads": 2], body)
    }

    /// Drops the read indexes before a bulk load (built again by `createReadIndexes`).
    public func dropReadIndexes() throws { try Schema.dropReadIndexes(db) }
}

extension SQLiteDatabase {
    /// This connection as a reader or a writer of the store, for this module's own calls.
    var reader: StoreReader { StoreReader(self) }
    var writer: StoreWriter { StoreWriter(self) }
}

/// One connection of the measures scope (`Store.measures`): the only handle outside MiaraStore
/// on which SQL can be prepared — the catalogue's measure SQL and the engine's TEMP relations.
/// While the scope lasts, its connection refuses, when a statement is prepared, any write to the
/// store's own tables (an authorizer): the measures only read the store and write TEMP tables.
public final class MeasureConnection: Sendable {
    let db: SQLiteDatabase
    init(_ db: SQLiteDatabase) { self.db = db }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws { try checked { try db.execute(sql) } }
    /// Runs one statement with arguments.
    public func execute(_ sql: String, _ args: [SQLValue]) throws { try checked { try db.execute(sql, args) } }
    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> Statement { try checked { try db.prepare(sql) } }
    /// Every row of a query.
    public func query(_ sql: String, _ args: [SQLValue] = []) throws -> [[SQLValue]] { try checked { try db.query(sql, args) } }
    /// Calls `body` with each row of a query.
    public func forEach(_ sql: String, _ args: [SQLValue] = [], _ body: (Statement) throws -> Void) throws {
        try checked { try db.forEach(sql, args, body) }
    }
    /// The first column of the first row (nil when none).
    public func scalar(_ sql: String, _ args: [SQLValue] = []) throws -> SQLValue? { try checked { try db.scalar(sql, args) } }

    /// A statement the scope's authorizer refused (`SQLITE_AUTH`) says why.
    private func checked<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch var e as MiaraError where e.database?.code == SQLITE_AUTH {
            e.cause = DatabaseError(code: SQLITE_AUTH, message: "the statement writes to the store's tables; the measures scope may only read them",
                                    sql: e.database?.sql)
            throw e
        }
    }
}

/// The measures scope's connections, all reading one snapshot of the store: the store's own
/// connection first, then the read-only readers (none for a store in memory or a private copy).
public final class MeasureConnections {
    public let connections: [MeasureConnection]
    /// The first connection as a reader of the store's records, in the same snapshot (what a
    /// report reads beside the measures).
    public let reader: StoreReader
    init(_ dbs: [SQLiteDatabase]) {
        connections = dbs.map(MeasureConnection.init)
        reader = StoreReader(dbs[0])
    }

    /// Frees every connection's page cache (the store's pages stay in the operating system's
    /// cache): after the measures and the coverage have read what they need, before the rows
    /// are published (a national night's peak is there).
    public func releaseCaches() throws {
        for c in connections { try c.execute("PRAGMA shrink_memory") }
    }
}

extension Store {
    /// Runs `body` on the store's connection for reading.
    public func read<T>(_ body: (StoreReader) throws -> T) rethrows -> T {
        try body(StoreReader(db))
    }

    /// Runs `body` with a writer whose every statement is its own transaction (the run log, the
    /// stage log, a run's fingerprint): a write that must stand whatever follows. A store opened
    /// read-only refuses before anything runs (`MiaraError` `.readOnlyStore`).
    public func autocommit<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        guard mode != .readOnly else {
            throw MiaraError.readOnlyStore(db.path, StoreText.openedForReading)
        }
        return try body(StoreWriter(db))
    }

    /// The measures scope: the store's connection and `readers` more read-only connections, all
    /// beginning one read snapshot (`StoreSnapshot`) and ending it when `body` returns, so the
    /// measures and whatever `body` reads beside them see one committed state, whatever an ingest
    /// commits meanwhile. Each connection keeps TEMP data in temporary files (the measures'
    /// contributions spill there past the page cache) and refuses writes to the store's tables;
    /// both are undone afterwards.
    public func measures<T>(readers: Int, _ body: (MeasureConnections) throws -> T) throws -> T {
        let all = [db] + (try db.readers(readers))
        // Set before the snapshot begins (SQLite refuses it inside a read transaction); changing
        // temp_store drops a connection's TEMP tables, so the store's connection gets its
        // setting back afterwards.
        let tempStore = (try db.scalar("PRAGMA temp_store"))?.int ?? 0
        for c in all { try c.execute("PRAGMA temp_store = FILE") }
        defer { try? db.execute("PRAGMA temp_store = \(tempStore)") }
        for c in all { c.refuseStoreWrites(true) }
        defer { db.refuseStoreWrites(false) }
        let snapshot = try StoreSnapshot(connections: all)
        defer { snapshot.end() }
        return try body(MeasureConnections(all))
    }
}

/// The authorizer of the measures scope: denies, when a statement is prepared, any write to the
/// store's own tables (the `main` database); TEMP tables and views, reads and pragmas pass.
let storeWriteAuthorizer: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?,
                                                  UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = {
    _, action, arg1, _, database, _ in
    switch action {
    case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
        // A write to a table of `main` (TEMP tables are in `temp`).
        return database.map { String(cString: $0) } == "main" ? SQLITE_DENY : SQLITE_OK
    case SQLITE_CREATE_TABLE, SQLITE_CREATE_INDEX, SQLITE_CREATE_VIEW, SQLITE_CREATE_TRIGGER,
         SQLITE_DROP_TABLE, SQLITE_DROP_INDEX, SQLITE_DROP_VIEW, SQLITE_DROP_TRIGGER,
         SQLITE_CREATE_VTABLE, SQLITE_DROP_VTABLE, SQLITE_ATTACH, SQLITE_DETACH:
        // Their TEMP forms have codes of their own (`SQLITE_CREATE_TEMP_TABLE`, …).
        return SQLITE_DENY
    case SQLITE_ALTER_TABLE:
        return arg1.map { String(cString: $0) } == "temp" ? SQLITE_OK : SQLITE_DENY
    default:
        return SQLITE_OK
    }
}

extension SQLiteDatabase {
    /// Turns the measures scope's check on or off (`storeWriteAuthorizer`).
    func refuseStoreWrites(_ on: Bool) {
        sqlite3_set_authorizer(handle, on ? storeWriteAuthorizer : nil, nil)
    }
}
