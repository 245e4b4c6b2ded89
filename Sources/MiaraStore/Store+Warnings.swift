import MiaraValues

/// A warning as the store keeps it (`warnings`): the row was accepted, but something in it deserves a look.
public struct WarningRecord: Sendable, Equatable, StoredRecord {
    public var file: String
    public var line: Int
    public var dataset: String
    public var column: String
    public var check: String
    public var message: String

    static let select = "SELECT file, line, dataset, \"column\", check_code, message FROM warnings"

    init(_ st: Statement) {
        file = st.string(0) ?? ""; line = st.int(1); dataset = st.string(2) ?? ""; column = st.string(3) ?? ""
        check = st.string(4) ?? ""; message = st.string(5) ?? ""
    }
}

extension StoreRecords {
    /// Every warning, in the order the store wrote them.
    public static func warnings(_ db: StoreReader) throws -> [WarningRecord] {
        try fetch(db, WarningRecord.self)
    }

    /// The warnings of the stored file with these bytes, in the order the store wrote them.
    public static func warnings(_ db: StoreReader, sha256: String) throws -> [WarningRecord] {
        try fetch(db, WarningRecord.self, "WHERE file_id IN (SELECT id FROM files WHERE sha256 = ?) ORDER BY rowid", [.text(sha256)])
    }

    /// Warnings an ingest wrote, counted per check, by check.
    public static func warningCounts(_ db: StoreReader, runID: String) throws -> [(check: String, count: Int)] {
        try db.query("SELECT check_code, count(*) FROM warnings WHERE run_id = ? GROUP BY check_code ORDER BY 1", [.text(runID)])
            .map { ($0[0].text ?? "", $0[1].int ?? 0) }
    }

    /// Warnings grouped by file and check, by file then check.
    public static func warningGroups(_ db: StoreReader) throws -> [CheckGroup] {
        var out: [CheckGroup] = []
        try db.forEach("""
            SELECT file, check_code, min(message), count(*), coalesce(min(file_id), -1) FROM warnings
            GROUP BY file, check_code ORDER BY file, check_code
            """) { st in
            out.append(CheckGroup(fileID: st.int(4), file: st.string(0) ?? "", check: st.string(1) ?? "", text: st.string(2) ?? "", count: st.int(3)))
        }
        return out
    }
}
