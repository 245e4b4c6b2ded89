import MiaraValues

/// A quarantined row as the store keeps it (`rejects`): where, which check, why, its text.
public struct RejectRecord: Sendable, Equatable, StoredRecord {
    /// The store id of the file (`FileRecord.id`).
    public var fileID: Int
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

    static let select = "SELECT file_id, file, line, dataset, \"column\", check_code, reason, raw, derived FROM rejects"

    init(_ st: Statement) {
        fileID = st.int(0); file = st.string(1) ?? ""; line = st.int(2); dataset = st.string(3) ?? ""
        column = st.string(4) ?? ""; check = st.string(5) ?? ""; reason = st.string(6) ?? ""; raw = st.string(7) ?? ""
        derived = st.int(8) != 0
    }
}

/// Rejects (or warnings) of one file and check, counted: the data-quality sheet's reasons.
public struct CheckGroup: Sendable, Equatable {
    /// The smallest file id among the rows (-1 when none is tied to a stored file).
    public var fileID: Int
    public var file: String
    public var check: String
    /// The first text of the group (`min(reason)` / `min(message)`).
    public var text: String
    public var count: Int
}

/// Column-level rejects of one file, dataset, column and check, counted.
public struct ColumnRejectCount: Sendable, Equatable {
    public var fileID: Int
    public var dataset: String
    public var column: String
    public var check: String
    public var count: Int
}

/// Rows of one stored file waiting for the as-of date or a reference (`CheckCode.pending`):
/// counted among the file's rejected rows, checked again by every ingest.
public struct PendingRows: Sendable, Equatable {
    public var dataset: String
    /// The file's bytes (`FileRecord.sha256`), as `FileReport` names a file.
    public var sha256: String
    public var count: Int
}

extension StoreRecords {
    /// Pending rejects (C10–C13) per file, by dataset then file; files with none are left out.
    public static func pendingRows(_ db: StoreReader) throws -> [PendingRows] {
        let codes = CheckCode.pending.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        var out: [PendingRows] = []
        try db.forEach("""
            SELECT f.dataset, f.sha256, count(*) FROM rejects r JOIN files f ON f.id = r.file_id
            WHERE r.check_code IN (\(codes)) GROUP BY f.id ORDER BY f.dataset, f.id
            """) { st in
            out.append(PendingRows(dataset: st.string(0) ?? "", sha256: st.string(1) ?? "", count: st.int(2)))
        }
        return out
    }

    /// Every reject, in the order the store wrote them.
    public static func rejects(_ db: StoreReader) throws -> [RejectRecord] {
        try fetch(db, RejectRecord.self)
    }

    /// The rejects of the stored file with these bytes, in the order the store wrote them.
    public static func rejects(_ db: StoreReader, sha256: String) throws -> [RejectRecord] {
        try fetch(db, RejectRecord.self, "WHERE file_id IN (SELECT id FROM files WHERE sha256 = ?) ORDER BY rowid", [.text(sha256)])
    }

    /// Rejects written by one run (or ingest).
    public static func rejectCount(_ db: StoreReader, runID: String) throws -> Int {
        try db.scalar("SELECT count(*) FROM rejects WHERE run_id = ?", [.text(runID)])?.int ?? 0
    }

    /// The file-level reject (line 0) of the file with these bytes, if it was rejected whole.
    public static func fileReject(_ db: StoreReader, sha256: String) throws -> RejectRecord? {
        try fetch(db, RejectRecord.self, "WHERE file_id = (SELECT id FROM files WHERE sha256 = ?) AND line = 0 LIMIT 1",
                  [.text(sha256)]).first
    }

    /// Rejects grouped by file and check, by file then check.
    public static func rejectGroups(_ db: StoreReader) throws -> [CheckGroup] {
        var out: [CheckGroup] = []
        try db.forEach("""
            SELECT file, check_code, min(reason), count(*), min(file_id) FROM rejects GROUP BY file, check_code ORDER BY file, check_code
            """) { st in
            out.append(CheckGroup(fileID: st.int(4), file: st.string(0) ?? "", check: st.string(1) ?? "", text: st.string(2) ?? "", count: st.int(3)))
        }
        return out
    }

    /// Rejects that name a column, counted per file, dataset, column and check (no order).
    public static func columnRejectCounts(_ db: StoreReader) throws -> [ColumnRejectCount] {
        var out: [ColumnRejectCount] = []
        try db.forEach("""
            SELECT file_id, dataset, "column", check_code, count(*) FROM rejects WHERE "column" <> ''
            GROUP BY file_id, dataset, "column", check_code
            """) { st in
            out.append(ColumnRejectCount(fileID: st.int(0), dataset: st.string(1) ?? "", column: st.string(2) ?? "",
                                         check: st.string(3) ?? "", count: st.int(4)))
        }
        return out
    }

    /// Rejects of one file.
    public static func rejectCount(_ db: StoreReader, fileID: Int64) throws -> Int {
        try db.scalar("SELECT count(*) FROM rejects WHERE file_id = ?", [.integer(fileID)])?.int ?? 0
    }

    /// Drops the rejects of one file (before a file-level reject replaces them).
    public static func deleteRejects(_ db: StoreWriter, fileID: Int64) throws {
        try db.execute("DELETE FROM rejects WHERE file_id = ?", [.integer(fileID)])
    }
}
