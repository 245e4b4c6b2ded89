import MiaraValues

/// W03 (SPEC 2): a row that replaced the row of the same key from a file sorting after its own
/// file in path order — an older version re-sent after a correction may have undone it. The row
/// is kept and replaces as before; only a warning is written.
///
/// Every replacement is a pair of consecutive rows of one key in arrival order (the file order
/// replacement by key uses) among the rows that compete for the key (valid, first of their key
/// in their file); W03 marks the later row of a pair whose earlier row's file path is greater,
/// bytewise. So the warnings are a function of the staged files, like every other derived
/// decision: a rebuild finds every pair again and keeps the warnings it finds again (with the
/// run that first wrote them), an append adds the pairs its new rows make. Within one run files
/// arrive in path order, so a run never warns about its own files.
extension Derivation {
    /// `contest`: SQL giving `file_id, line, key` of the competing rows to pair up (every such
    /// row of the keys concerned). `replacing`: the whole dataset was derived again, so its W03
    /// warnings not found again are removed.
    func reversals(contest: String, dataset: String, replacing: Bool) throws {
        let prefix = Problem(code: .W03, file: "", line: 0, column: "", detail: "x").reason(language).dropLast(1).description
        let lineWord = language == .pl ? ", wiersz " : ", line "
        try db.execute("DROP TABLE IF EXISTS temp.reversal")
        try db.execute("""
            CREATE TEMP TABLE reversal AS
            SELECT c.file_id, f.path AS file, c.line, f.dataset, ?1 || p.path || ?2 || c.prev_line AS message
            FROM (SELECT file_id, line, lag(file_id) OVER w AS prev_file, lag(line) OVER w AS prev_line
                  FROM (\(contest)) WINDOW w AS (PARTITION BY key ORDER BY file_id)) c
            JOIN files f ON f.id = c.file_id JOIN files p ON p.id = c.prev_file
            WHERE p.path > f.path
            """, [.text(prefix), .text(lineWord)])
        // Dropping a TEMP table on the way out; its creation drops any leftover first, and an error in flight is the one that matters.
        defer { try? db.execute("DROP TABLE IF EXISTS temp.reversal") }
        if replacing {
            try db.execute("""
                DELETE FROM warnings WHERE derived = 1 AND check_code = 'W03' AND dataset = ?1
                  AND NOT EXISTS (SELECT 1 FROM temp.reversal r
                                  WHERE r.file_id = warnings.file_id AND r.line = warnings.line AND r.message = warnings.message)
                """, [.text(dataset)])
        }
        try db.execute("""
            INSERT INTO warnings (file_id, file, line, dataset, "column", check_code, message, run_id, derived)
            SELECT r.file_id, r.file, r.line, r.dataset, '', 'W03', r.message, ?1, 1 FROM temp.reversal r
            WHERE NOT EXISTS (SELECT 1 FROM warnings w WHERE w.derived = 1 AND w.check_code = 'W03'
                              AND w.file_id = r.file_id AND w.line = r.line AND w.message = r.message)
            ORDER BY r.file, r.line
            """, [.text(runID)])
    }
}
