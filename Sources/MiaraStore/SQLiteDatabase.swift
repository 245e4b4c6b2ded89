import CSQLite
import Foundation
import MiaraValues

/// An SQLite result, in the manner of GRDB's `DatabaseError`: the result code, SQLite's message
/// and the SQL that failed. It is the `cause` of the `MiaraError` (code `.database`, the database
/// file as its location) that a failed call throws, never thrown alone; the values bound to the
/// statement are that error's `arguments`, kept for a debugger and never printed (they may hold
/// pseudonyms): neither this description nor the error's text shows them.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's result code (`SQLITE_CONSTRAINT`, `SQLITE_AUTH`, …; -1: the file could not be created).
    public let code: Int32
    public let message: String
    public let sql: String?
    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " — in: \($0.prefix(200))" } ?? "")
    }

    /// The error a failed call on the database at `path` throws: `MiaraError(.database)` with this
    /// result as its cause and the bound values as its never-printed arguments.
    static func failure(_ code: Int32, _ message: String, sql: String?, path: String, arguments: [SQLValue] = [],
                        phrase: Phrase = StoreText.statementFailed) -> MiaraError {
        let file = path == ":memory:" ? "" : path
        return MiaraError(.database, phrase, at: MiaraError.Location(file: file),
                          cause: DatabaseError(code: code, message: message, sql: sql), arguments: arguments.map(\.debugText))
    }
}

extension MiaraError {
    /// The SQLite result beneath a `.database` error (nil for any other error).
    public var database: DatabaseError? { cause as? DatabaseError }
}

/// A value bound to or read from an SQLite statement.
public enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var text: String? { if case .text(let s) = self { return s }; return nil }
    public var double: Double? {
        switch self {
        case .real(let d): return d
        case .integer(let i): return Double(i)
        default: return nil
        }
    }
    public var int: Int? {
        switch self {
        case .integer(let i): return Int(i)
        case .real(let d): return Int(d)
        default: return nil
        }
    }
    public var isNull: Bool { self == .null }

    /// The value as a debugger shows it (an error's never-printed `arguments`).
    var debugText: String {
        switch self {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .text(let s): return s
        }
    }
}

/// A connection to one SQLite file, used directly through the C API (see README: Design).
// @unchecked proof: `path` and `handle` are set only in init, and SQLite serialises the calls on a connection (checked in `configured`).
final class SQLiteDatabase: @unchecked Sendable {
    public let path: String
    private(set) var handle: OpaquePointer
    /// The checkpoint of a read-write store file's log, run beside the work after a long commit
    /// (nil for a read-only, in-memory or temporary database).
    let checkpoint: BackgroundCheckpoint?

    /// SQLite's process-wide settings, applied once before the first connection. The library
    /// must be built serialized (`SQLITE_THREADSAFE=1`, Debian's build): a connection may be
    /// used from another thread than the one that opened it.
    private static let configured: Void = {
        precondition(sqlite3_threadsafe() == 1, "SQLite built without serialized threading")
        _ = miara_sqlite3_disable_memstatus()
    }()

    /// Opens (creating if needed) the database; a new file is created readable by its owner only.
    /// `:memory:` is a database in memory; the empty path is SQLite's private temporary database,
    /// a file it never names and deletes when the connection closes (pages beyond the cache go to
    /// disk, so it can hold a store larger than memory).
    public init(path: String, readOnly: Bool = false) throws {
        Self.configured
        self.path = path
        let inMemoryOrTemporary = path == ":memory:" || path.isEmpty
        if !readOnly && !inMemoryOrTemporary && !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_WRONLY, 0o600)
            guard fd >= 0 else {
                throw MiaraError(.database, StoreText.cannotCreate, at: MiaraError.Location(file: path),
                                 cause: SystemError("open", errno: errno, reason: String(cString: strerror(errno))))
            }
            close(fd)
        }
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw DatabaseError.failure(rc, msg, sql: nil, path: path, phrase: StoreText.cannotOpen)
        }
        handle = db
        checkpoint = readOnly || inMemoryOrTemporary ? nil : BackgroundCheckpoint(path: path)
        sqlite3_busy_timeout(db, 5000)
        if readOnly && path != ":memory:" && !Self.readable(db) {
            // A WAL store on a read-only mount without its `-shm` file cannot be read the usual
            // way (SQLite cannot create the shared memory): nothing can write it either, so it is
            // opened as immutable.
            sqlite3_close_v2(db)
            var ro: OpaquePointer?
            let rc = sqlite3_open_v2(Self.immutableURI(path), &ro, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
            guard rc == SQLITE_OK, let ro else {
                let msg = ro.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
                sqlite3_close(ro)
                throw DatabaseError.failure(rc, msg, sql: nil, path: path, phrase: StoreText.cannotOpen)
            }
            handle = ro
        }
        try execute("PRAGMA foreign_keys = ON")
        if !readOnly && !inMemoryOrTemporary {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = NORMAL")
            // Bulk upserts touch three b-trees per row (table, key, file index): a 64 MiB page
            // cache keeps them in memory instead of re-reading pages (a bound, not growth).
            try execute("PRAGMA cache_size = -65536")
            try execute("PRAGMA temp_store = MEMORY")
            checkpoint?.install(on: handle)
        }
    }

    deinit {
        // The last connection's close copies what is left of the log into the file: after the
        // checkpoint running beside it, if any.
        checkpoint?.wait()
        sqlite3_close_v2(handle)
    }

    /// True when the connection can read the schema (a read-only WAL store may not be).
    private static func readable(_ db: OpaquePointer) -> Bool {
        var st: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, nil) == SQLITE_OK else { return false }
        defer { sqlite3_finalize(st) }
        let rc = sqlite3_step(st)
        return rc == SQLITE_ROW
    }

    /// `file:<path>?immutable=1`, the path percent-encoded where a URI needs it.
    static func immutableURI(_ path: String) -> String {
        var out = "file:"
        for b in path.utf8 {
            if b == UInt8(ascii: "%") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || b < 0x21 || b >= 0x7F {
                out += String(format: "%%%02X", b)
            } else { out.append(Character(UnicodeScalar(b))) }
        }
        return out + "?immutable=1"
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? lastError
            sqlite3_free(err)
            throw DatabaseError.failure(rc, msg, sql: sql, path: path)
        }
    }

    /// Runs one statement with arguments.
    public func execute(_ sql: String, _ args: [SQLValue]) throws {
        let st = try prepare(sql)
        try st.bind(args)
        try st.run()
    }

    public func prepare(_ sql: String) throws -> Statement { try Statement(db: self, sql: sql) }

    /// All rows of a query.
    public func query(_ sql: String, _ args: [SQLValue] = []) throws -> [[SQLValue]] {
        let st = try prepare(sql)
        try st.bind(args)
        var rows: [[SQLValue]] = []
        while try st.step() { rows.append(st.row()) }
        return rows
    }

    /// Calls `body` with each row of a query, without collecting them.
    public func forEach(_ sql: String, _ args: [SQLValue] = [], _ body: (Statement) throws -> Void) throws {
        let st = try prepare(sql)
        try st.bind(args)
        while try st.step() { try body(st) }
    }

    /// The first column of the first row, or nil.
    public func scalar(_ sql: String, _ args: [SQLValue] = []) throws -> SQLValue? {
        try query(sql, args).first?.first
    }

    /// Runs `body` with the connection's PRAGMA `settings` (integer values) set, then sets each
    /// back to the value it had. Restoring is best effort: the settings are performance ones (page
    /// cache, temporary storage, sorter threads), so a failure there never changes a row.
    func withPragmas<T>(_ settings: KeyValuePairs<String, Int>, _ body: () throws -> T) throws -> T {
        var before: [(name: String, value: Int)] = []
        // Restoring the connection's settings on the way out; an error in flight is the one that matters.
        defer { for p in before.reversed() { try? execute("PRAGMA \(p.name) = \(p.value)") } }
        for (name, value) in settings {
            let was = try scalar("PRAGMA \(name)")?.int ?? 0
            try execute("PRAGMA \(name) = \(value)")
            before.append((name, was))
        }
        return try body()
    }

    /// Whether the database holds a table of this name (a store opened read-only before a
    /// migration that adds it does not).
    func hasTable(_ name: String) throws -> Bool {
        try scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(name)])?.int == 1
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// `commit` wraps the `COMMIT` (an ingest takes the store's commit lock around it).
    public func transaction<T>(commit: (() throws -> Void) throws -> Void = { try $0() }, _ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let v = try body()
            try commit { try execute("COMMIT") }
            return v
        } catch {
            // The body's error is thrown below; ROLLBACK fails only when SQLite has rolled back already (SQLITE_FULL, SQLITE_IOERR).
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside a savepoint of the current transaction: released when it returns,
    /// rolled back (leaving no trace) when it throws.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT miara_step")
        do {
            let v = try body()
            try execute("RELEASE miara_step")
            return v
        } catch {
            // As in `transaction`: the body's error is thrown below; the savepoint is gone when SQLite rolled back already.
            try? execute("ROLLBACK TO miara_step")
            try? execute("RELEASE miara_step")
            throw error
        }
    }

    /// Copies every page of this database into `target` (SQLite's online backup, one step, so the
    /// copy is one consistent state of this database). See https://sqlite.org/backup.html.
    public func copy(into target: SQLiteDatabase) throws {
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw DatabaseError.failure(sqlite3_errcode(target.handle), target.lastError, sql: nil, path: target.path, phrase: StoreText.copyFailed(path))
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            throw DatabaseError.failure(step == SQLITE_DONE ? finish : step, target.lastError, sql: nil, path: target.path,
                                        phrase: StoreText.copyFailed(path))
        }
    }

    /// True inside an open transaction.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// `PRAGMA user_version`, the schema version.
    public var userVersion: Int {
        get { (try? scalar("PRAGMA user_version"))??.int ?? 0 }
    }
}

/// A prepared statement; reuse it with `reset` for bulk work.
public final class Statement {
    let db: SQLiteDatabase
    let handle: OpaquePointer
    let sql: String
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(db: SQLiteDatabase, sql: String) throws {
        self.db = db; self.sql = sql
        var st: OpaquePointer?
        let rc = sqlite3_prepare_v2(db.handle, sql, -1, &st, nil)
        guard rc == SQLITE_OK, let st else { throw DatabaseError.failure(rc, db.lastError, sql: sql, path: db.path) }
        handle = st
    }
    deinit { sqlite3_finalize(handle) }

    /// The values last given to `bind(_:)`: a failure's never-printed `arguments` (values bound
    /// one by one or as bytes are not kept).
    private(set) var arguments: [SQLValue] = []

    /// The error of a failed call on this statement (its SQL, the bound values kept unprinted).
    private func failure(_ rc: Int32) -> MiaraError {
        DatabaseError.failure(rc, db.lastError, sql: sql, path: db.path, arguments: arguments)
    }

    public func bind(_ args: [SQLValue]) throws {
        arguments = args
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, a) in args.enumerated() { try bind(a, at: Int32(i + 1)) }
    }

    public func bind(_ v: SQLValue, at i: Int32) throws {
        let rc: Int32
        switch v {
        case .null: rc = sqlite3_bind_null(handle, i)
        case .integer(let x): rc = sqlite3_bind_int64(handle, i, x)
        case .real(let x): rc = sqlite3_bind_double(handle, i, x)
        case .text(let s): rc = sqlite3_bind_text(handle, i, s, -1, Statement.transient)
        }
        guard rc == SQLITE_OK else { throw failure(rc) }
    }

    /// Binds text given as UTF-8 bytes without copying them: `bytes` must stay valid and unchanged
    /// until the statement has been stepped and its parameters bound again.
    public func bindText(_ bytes: UnsafePointer<UInt8>, count: Int, at i: Int32) throws {
        let rc = bytes.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
            sqlite3_bind_text(handle, i, $0, Int32(count), nil)
        }
        guard rc == SQLITE_OK else { throw failure(rc) }
    }

    /// Binds bytes as a BLOB (copied).
    public func bindBlob(_ bytes: [UInt8], at i: Int32) throws {
        let rc = bytes.withUnsafeBytes { sqlite3_bind_blob64(handle, i, $0.baseAddress, sqlite3_uint64($0.count), Statement.transient) }
        guard rc == SQLITE_OK else { throw failure(rc) }
    }

    /// Steps once: true when a row is available.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw failure(rc)
    }

    /// Steps to completion, ignoring rows.
    public func run() throws { while try step() {} }

    public func reset() { sqlite3_reset(handle) }
    /// Resets the statement and sets every parameter to NULL (no pointer bound without a copy is kept).
    public func clearBindings() { sqlite3_reset(handle); sqlite3_clear_bindings(handle); arguments = [] }

    /// True when the statement cannot change the database (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func value(_ i: Int) -> SQLValue {
        let c = Int32(i)
        switch sqlite3_column_type(handle, c) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, c))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, c))
        case SQLITE_NULL: return .null
        default: return .text(string(i) ?? "")
        }
    }

    public func string(_ i: Int) -> String? {
        guard let p = sqlite3_column_text(handle, Int32(i)) else { return nil }
        return String(cString: p)
    }
    /// The text of column `i` as its bytes up to the first NUL (what `string` would decode), valid
    /// only until the statement steps again; nil for NULL.
    public func textBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(handle, Int32(i)) else { return nil }
        return UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }
    public func int(_ i: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(i))) }
    /// The bytes of column `i` (a BLOB; empty for NULL).
    public func blob(_ i: Int) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, Int32(i)))
        guard n > 0, let p = sqlite3_column_blob(handle, Int32(i)) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
    }
    public func double(_ i: Int) -> Double? {
        sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL ? nil : sqlite3_column_double(handle, Int32(i))
    }

    public func row() -> [SQLValue] { (0..<columnCount).map(value) }
}
