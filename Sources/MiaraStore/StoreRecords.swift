/// Reading and writing the store as typed records, so no other layer needs its table or column
/// names. Each concern has its own file (`Store+Files.swift`, `Store+Rejects.swift`, …); every
/// record is decoded from its row in one place, beside its column list.
public enum StoreRecords {
    /// The records `R.select` returns with `tail` appended (a `WHERE`, `ORDER BY`, `LIMIT`…), in
    /// the order of the query.
    static func fetch<R: StoredRecord>(_ db: SQLiteDatabase, _: R.Type = R.self, _ tail: String = "",
                                       _ args: [SQLValue] = []) throws -> [R] {
        var out: [R] = []
        try db.forEach(tail.isEmpty ? R.select : R.select + " " + tail, args) { out.append(R($0)) }
        return out
    }

    /// `fetch` on a reader's connection.
    static func fetch<R: StoredRecord>(_ r: StoreReader, _: R.Type = R.self, _ tail: String = "",
                                       _ args: [SQLValue] = []) throws -> [R] {
        try fetch(r.db, R.self, tail, args)
    }
}

/// A record decoded from one row of its `select`.
protocol StoredRecord {
    /// The query that reads the record's columns, in the order `init(_:)` decodes them.
    static var select: String { get }
    init(_ st: Statement)
}
