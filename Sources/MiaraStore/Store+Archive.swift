import MiaraValues

/// The archive of ingested files (`file_archive`) and the derived rejects whose record text is
/// read again from it: staging keeps an accepted row's values, not its text (`raw` is empty for
/// rows staged since the archive exists), so a derived reject of such a row starts with an
/// empty `raw` and ingestion fills it in from the archived file by its line.
extension StoreRecords {
    /// Archives a file's packed bytes, `bytes` long unpacked (`FileArchive` in ingestion decides the packing).
    public static func archiveFile(_ db: StoreWriter, fileID: Int64, packed: [UInt8], bytes: Int) throws {
        let st = try db.prepare("INSERT OR REPLACE INTO file_archive (file_id, bytes, packed) VALUES (?, ?, ?)")
        try st.bind(.integer(fileID), at: 1)
        try st.bind(.integer(Int64(bytes)), at: 2)
        try st.bindBlob(packed, at: 3)
        try st.run()
    }

    /// A file's archived bytes, still packed, with their unpacked length, the file's format and encoding; nil when the
    /// store did not archive it (a file ingested before the archive existed keeps its rows' text).
    public static func archivedFile(_ db: StoreReader, fileID: Int64) throws
        -> (packed: [UInt8], bytes: Int, format: String, encoding: String)? {
        var found: (packed: [UInt8], bytes: Int, format: String, encoding: String)? = nil
        try db.forEach("SELECT a.packed, a.bytes, f.format, f.encoding FROM file_archive a JOIN files f ON f.id = a.file_id WHERE a.file_id = ?",
                       [.integer(fileID)]) { st in
            found = (st.blob(0), st.int(1), st.string(2) ?? "", st.string(3) ?? "")
        }
        return found
    }

    /// The derived rejects without their record's text, by file: the lines to read again.
    public static func derivedRejectsWithoutText(_ db: StoreReader) throws -> [(fileID: Int64, lines: Set<Int>)] {
        var byFile: [Int64: Set<Int>] = [:]
        try db.forEach("SELECT file_id, line FROM rejects WHERE derived = 1 AND raw = '' AND line > 0") { st in
            byFile[Int64(st.int(0)), default: []].insert(st.int(1))
        }
        return byFile.keys.sorted().map { ($0, byFile[$0]!) }
    }

    /// Sets the text of a file's derived rejects that have none, by line.
    public static func setDerivedRejectText(_ db: StoreWriter, fileID: Int64, texts: [Int: String]) throws {
        let st = try db.prepare("UPDATE rejects SET raw = ?3 WHERE file_id = ?1 AND line = ?2 AND derived = 1 AND raw = ''")
        for (line, text) in texts.sorted(by: { $0.key < $1.key }) {
            try st.bind([.integer(fileID), .integer(Int64(line)), .text(text)])
            try st.run()
        }
    }
}
