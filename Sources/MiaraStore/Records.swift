import MiaraValues

/// A quarantined row as the store keeps it (`rejects`): where, which check, why, its text.
public struct RejectRecord: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var dataset: String
    public var column: String
    public var check: String
    public var reason: String
    /// The record's text, PESELs masked; empty for a file-level reject.
    public var raw: String
    /// Decided by the derivation (as-of, key repeats, cross-row checks), so decided again by every
    /// ingest; false for a check of the row's own values or of its file.
    public var derived: Bool
}

/// A file the store has read (`files`).
public struct FileRecord: Sendable, Equatable {
    public var id: Int64
    public var path: String
    public var sha256: String
    public var dataset: String
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// The file-level check that rejected the whole file, if any.
    public var fileCheck: String?
    public var runID: String
}

/// Reading the store's bookkeeping tables as records, so other layers need not know their SQL.
public enum StoreRecords {
    /// Every reject, in no particular order.
    public static func rejects(_ db: SQLiteDatabase) throws -> [RejectRecord] {
        var out: [RejectRecord] = []
        try db.forEach("SELECT file, line, dataset, \"column\", check_code, reason, raw, derived FROM rejects") { st in
            out.append(RejectRecord(file: st.string(0) ?? "", line: st.int(1), dataset: st.string(2) ?? "", column: st.string(3) ?? "",
                                    check: st.string(4) ?? "", reason: st.string(5) ?? "", raw: st.string(6) ?? "", derived: st.int(7) != 0))
        }
        return out
    }

    /// Every file read, by path.
    public static func files(_ db: SQLiteDatabase) throws -> [FileRecord] {
        try db.query("""
            SELECT id, path, sha256, dataset, rows_read, rows_accepted, rows_rejected, file_check, run_id FROM files ORDER BY path, id
            """).map {
            FileRecord(id: Int64($0[0].int ?? 0), path: $0[1].text ?? "", sha256: $0[2].text ?? "", dataset: $0[3].text ?? "",
                       rowsRead: $0[4].int ?? 0, rowsAccepted: $0[5].int ?? 0, rowsRejected: $0[6].int ?? 0,
                       fileCheck: $0[7].text, runID: $0[8].text ?? "")
        }
    }

    /// Warnings an ingest wrote, counted per check, by check.
    public static func warningCounts(_ db: SQLiteDatabase, runID: String) throws -> [(check: String, count: Int)] {
        try db.query("SELECT check_code, count(*) FROM warnings WHERE run_id = ? GROUP BY check_code ORDER BY 1", [.text(runID)])
            .map { ($0[0].text ?? "", $0[1].int ?? 0) }
    }
}
