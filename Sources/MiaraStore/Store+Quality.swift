import MiaraValues

/// Accepted rows of one file whose optional columns are empty, counted per column.
public struct EmptyColumnCounts: Sendable, Equatable {
    public var fileID: Int
    /// In the order of the columns asked for.
    public var counts: [Int]
}

/// Accepted rows of a dataset whose event date lies `days` before the night their file was read,
/// counted per municipality of the row's facility.
public struct EventDelayCount: Sendable, Equatable {
    public var teryt: String
    /// Days from the event to the as-of date of the run that read the file (negative: the event is
    /// later); nil when a date cannot be read as one.
    public var days: Double?
    public var rows: Int
}

extension StoreRecords {
    /// Per file, the accepted rows of `dataset` where each of `columns` is empty (NULL).
    public static func emptyCounts(_ db: SQLiteDatabase, dataset: DatasetSpec, columns: [String]) throws -> [EmptyColumnCounts] {
        guard !columns.isEmpty else { return [] }
        let sums = columns.map { "coalesce(sum(\"\($0)\" IS NULL), 0)" }.joined(separator: ", ")
        var out: [EmptyColumnCounts] = []
        try db.forEach("SELECT file_id, \(sums) FROM \(dataset.table) GROUP BY file_id") { st in
            out.append(EmptyColumnCounts(fileID: st.int(0), counts: (0..<columns.count).map { st.int(1 + $0) }))
        }
        return out
    }

    /// The days from each accepted row's `column` (a full ISO date; rows dated by month are left
    /// out) to the night its file was read: the as-of date of the run that read it, else `asOf`
    /// (as after a bare `miara ingest`). Grouped by the municipality of the row's facility and the
    /// number of days, by municipality then days. `dataset` must have a `facility_id` column.
    public static func eventDelays(_ db: SQLiteDatabase, dataset: DatasetSpec, column: String, asOf: String) throws -> [EventDelayCount] {
        let arrival = "coalesce((SELECT r.as_of FROM runs r WHERE r.run_id = fl.run_id), ?1)"
        let days = "(julianday(\(arrival)) - julianday(t.\"\(column)\"))"
        var out: [EventDelayCount] = []
        try db.forEach("""
            SELECT fa.teryt, \(days) AS d, count(*) FROM \(dataset.table) t
            JOIN files fl ON fl.id = t.file_id
            JOIN facilities fa ON fa.facility_id = t.facility_id
            WHERE length(t."\(column)") = 10
            GROUP BY fa.teryt, d ORDER BY fa.teryt, d
            """, [.text(asOf)]) { st in
            out.append(EventDelayCount(teryt: st.string(0) ?? "", days: st.double(1), rows: st.int(2)))
        }
        return out
    }
}
