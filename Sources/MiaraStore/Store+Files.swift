import MiaraValues

/// A file the store has read (`files`).
public struct FileRecord: Sendable, Equatable, StoredRecord {
    public var id: Int64
    /// Relative to the inbox, PESELs masked.
    public var path: String
    public var sha256: String
    public var dataset: String
    /// `csv` or `xlsx`.
    public var format: String
    public var encoding: String
    public var bytes: Int
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// The file-level check that rejected the whole file, if any.
    public var fileCheck: String?
    /// The id of the run (or ingest) that read it.
    public var runID: String
    /// The clock time it was read (UTC ISO 8601); never written to a run folder.
    public var ingestedAt: String
    /// The as-of date of the run that read it, when that run is recorded in `runs`.
    public var runAsOf: String?

    static let select = """
        SELECT fl.id, fl.path, fl.sha256, fl.dataset, fl.format, fl.encoding, fl.bytes, fl.rows_read, fl.rows_accepted,
               fl.rows_rejected, fl.file_check, fl.run_id, fl.ingested_at,
               (SELECT r.as_of FROM runs r WHERE r.run_id = fl.run_id)
        FROM files fl
        """

    /// rejected ÷ read (1 for a file rejected whole; `RejectShare`).
    public var rejectShare: Double {
        RejectShare.of(rowsRead: rowsRead, rowsRejected: rowsRejected, rejectedWhole: !(fileCheck ?? "").isEmpty)
    }

    init(_ st: Statement) {
        id = Int64(st.int(0)); path = st.string(1) ?? ""; sha256 = st.string(2) ?? ""; dataset = st.string(3) ?? ""
        format = st.string(4) ?? ""; encoding = st.string(5) ?? ""; bytes = st.int(6)
        rowsRead = st.int(7); rowsAccepted = st.int(8); rowsRejected = st.int(9)
        fileCheck = st.string(10); runID = st.string(11) ?? ""; ingestedAt = st.string(12) ?? ""; runAsOf = st.string(13)
    }
}

/// The files of one dataset, summed (`miara status`).
public struct DatasetFileTotals: Sendable, Equatable {
    public var dataset: String
    public var files: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
}

extension StoreRecords {
    /// Every file read, by path (bytewise), then id.
    public static func files(_ db: StoreReader) throws -> [FileRecord] {
        try fetch(db, FileRecord.self, "ORDER BY fl.path, fl.id")
    }

    /// Every file's path and dataset by its id (`explain` names the file of each record).
    public static func filePaths(_ db: StoreReader) throws -> [Int: (path: String, dataset: String)] {
        var out: [Int: (path: String, dataset: String)] = [:]
        try db.forEach("SELECT id, path, dataset FROM files") { st in out[st.int(0)] = (st.string(1) ?? "", st.string(2) ?? "") }
        return out
    }

    /// Rows read from the file stored under `path` (0 when the store has no such file).
    public static func rowsRead(_ db: StoreReader, path: String) throws -> Int {
        try db.scalar("SELECT rows_read FROM files WHERE path = ?", [.text(path)])?.int ?? 0
    }

    /// Files and their rows summed per dataset, by dataset.
    public static func datasetTotals(_ db: StoreReader) throws -> [DatasetFileTotals] {
        var out: [DatasetFileTotals] = []
        try db.forEach("SELECT dataset, count(*), sum(rows_accepted), sum(rows_rejected) FROM files GROUP BY dataset ORDER BY dataset") { st in
            out.append(DatasetFileTotals(dataset: st.string(0) ?? "", files: st.int(1), rowsAccepted: st.int(2), rowsRejected: st.int(3)))
        }
        return out
    }

    /// The stored file with these bytes, if any.
    public static func file(_ db: StoreReader, sha256: String) throws -> FileRecord? {
        try fetch(db, FileRecord.self, "WHERE fl.sha256 = ?", [.text(sha256)]).last
    }

    /// Records a file as read now by `runID` (encoding and counts follow with `setRead`); returns its id.
    public static func insertFile(_ db: StoreWriter, path: String, sha256: String, dataset: String, format: String, bytes: Int,
                                  ingestedAt: String, runID: String) throws -> Int64 {
        try db.execute("""
            INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES (?, ?, ?, ?, '', ?, ?, ?)
            """, [.text(path), .text(sha256), .text(dataset), .text(format), .integer(Int64(bytes)), .text(ingestedAt), .text(runID)])
        return db.lastInsertRowID
    }

    /// Marks a file rejected whole by the file-level check `check`.
    public static func setFileCheck(_ db: StoreWriter, fileID: Int64, check: String) throws {
        try db.execute("UPDATE files SET file_check = ? WHERE id = ?", [.text(check), .integer(fileID)])
    }

    /// Records how a file was read: its encoding and the rows read.
    public static func setRead(_ db: StoreWriter, fileID: Int64, encoding: String, rowsRead: Int) throws {
        try db.execute("UPDATE files SET encoding = ?, rows_read = ? WHERE id = ?",
                       [.text(encoding), .integer(Int64(rowsRead)), .integer(fileID)])
    }

    /// Forgets a file with its rejects and warnings, so it is read again as a file arriving now.
    public static func forgetFile(_ db: StoreWriter, fileID: Int64) throws {
        for table in ["rejects", "warnings", "file_archive"] { try db.execute("DELETE FROM \(table) WHERE file_id = ?", [.integer(fileID)]) }
        try db.execute("DELETE FROM files WHERE id = ?", [.integer(fileID)])
    }

    /// Sets every file's counts from its rejects: rows_rejected = the file's reject rows (all its
    /// rows for a file rejected whole); rows_accepted = read − rejected.
    public static func updateFileCounts(_ db: StoreWriter) throws {
        try db.execute("""
            UPDATE files SET
              rows_rejected = CASE WHEN file_check IS NOT NULL THEN rows_read
                                   ELSE (SELECT count(*) FROM rejects r WHERE r.file_id = files.id) END;
            UPDATE files SET rows_accepted = rows_read - rows_rejected;
            """)
    }

    /// How many files the store has read.
    public static func fileCount(_ db: StoreReader) throws -> Int {
        try db.scalar("SELECT count(*) FROM files")?.int ?? 0
    }
}
