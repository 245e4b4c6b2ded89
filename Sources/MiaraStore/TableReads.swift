import CSQLite

/// The tables the statements prepared on a measures connection read, as SQLite's authorizer
/// reports them when each statement is prepared (`MeasureConnection.tablesRead`): what a check of
/// the catalogue's `datasets` compares them with.
///
/// A table is named with its database: `main.staged_services` (the store), `temp.period_served`
/// (a TEMP relation). A read through a view is reported as reads of the tables the view reads;
/// those made for a view of the store (a dataset's accepted rows over its staged table) carry the
/// view's name, since the view itself is not always reported (`SELECT count(*) FROM services`
/// reads only `staged_services`).
public struct TableReads: Sendable, Equatable {
    /// One table read: its database and name, and the store's view (of `main`) the read is made
    /// for, when it is (nil for a table the statement names itself, or reads through a TEMP view
    /// or a common table expression).
    public struct Read: Hashable, Sendable, CustomStringConvertible {
        public var table: String
        public var view: String?
        public init(_ table: String, view: String? = nil) { self.table = table; self.view = view }
        public var description: String { view.map { "\(table) (through \($0))" } ?? table }
    }
    /// Every table read, by any statement prepared meanwhile.
    public var read: Set<Read> = []
    /// Each TEMP table or view written meanwhile (created, from a query or not, or inserted into),
    /// with the tables read by the statements that wrote it (empty for one filled with bound
    /// values only, and for a view: a view's tables are read, through it, where it is used).
    public var sources: [String: Set<Read>] = [:]

    public init() {}
}

/// What the authorizer and the trace callback of a recording connection share. A statement's
/// authorizer calls come when it is prepared; its trace call when it starts running: the calls
/// between two trace calls are one statement's (or, for a statement prepared and never run, a
/// few statements': their targets then also take the others' reads, never fewer).
// @unchecked proof: used only on the connection's own thread, while `tablesRead` runs its body.
final class TableReadRecorder: @unchecked Sendable {
    var reads = TableReads()
    /// The views of the store (`main`), whose reads are named after them.
    let storeViews: Set<String>
    init(storeViews: Set<String>) { self.storeViews = storeViews }
    private var statementReads: Set<TableReads.Read> = []
    private var statementTargets: Set<String> = []

    func read(_ r: TableReads.Read) { reads.read.insert(r); statementReads.insert(r) }
    func target(_ table: String) { statementTargets.insert(table) }

    /// Ends the current statement: its targets take its reads.
    func endStatement() {
        for t in statementTargets { reads.sources[t, default: []].formUnion(statementReads) }
        statementReads = []; statementTargets = []
    }
}

/// The measures scope's authorizer (`storeWriteAuthorizer`: it still refuses writes to the store)
/// recording the tables read and the TEMP tables written.
private let recordingAuthorizer: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?,
                                                 UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = {
    context, action, arg1, arg2, database, inner in
    if let context {
        let recorder = Unmanaged<TableReadRecorder>.fromOpaque(context).takeUnretainedValue()
        let name = arg1.map { String(cString: $0) } ?? ""
        let db = database.map { String(cString: $0) } ?? ""
        switch action {
        case SQLITE_READ:
            let view = inner.map { String(cString: $0) }
            recorder.read(TableReads.Read("\(db).\(name)", view: view.flatMap { recorder.storeViews.contains($0) ? $0 : nil }))
        case SQLITE_CREATE_TEMP_TABLE, SQLITE_CREATE_TEMP_VIEW:
            recorder.target("temp.\(name)")
        case SQLITE_INSERT where db == "temp" && !name.hasPrefix("sqlite_"):
            recorder.target("temp.\(name)")
        default:
            break
        }
    }
    return storeWriteAuthorizer(context, action, arg1, arg2, database, inner)
}

/// Ends the recorder's current statement when a statement starts running.
private let recordingTrace: @convention(c) (UInt32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?,
                                            UnsafeMutableRawPointer?) -> Int32 = { _, context, _, _ in
    if let context { Unmanaged<TableReadRecorder>.fromOpaque(context).takeUnretainedValue().endStatement() }
    return 0
}

extension MeasureConnection {
    /// Runs `body` on this connection and returns, with its result, the tables its statements
    /// read (`TableReads`), as the authorizer sees them when each is prepared (a statement
    /// prepared before `body` is not seen). The measures scope's refusal of writes to the store
    /// holds meanwhile, and is what is left afterwards.
    public func tablesRead<T>(_ body: () throws -> T) throws -> (result: T, reads: TableReads) {
        let views = try db.query("SELECT name FROM main.sqlite_master WHERE type = 'view'").compactMap { $0.first?.text }
        let recorder = TableReadRecorder(storeViews: Set(views))
        let context = Unmanaged.passUnretained(recorder).toOpaque()
        sqlite3_set_authorizer(db.handle, recordingAuthorizer, context)
        sqlite3_trace_v2(db.handle, UInt32(SQLITE_TRACE_STMT), recordingTrace, context)
        defer {
            sqlite3_trace_v2(db.handle, 0, nil, nil)
            db.refuseStoreWrites(true)
        }
        let result = try withExtendedLifetime(recorder) { try body() }
        recorder.endStatement()
        return (result, recorder.reads)
    }
}
