import MiaraValues

/// The per-record writes of an ingest's staging (SPEC 2): a row that passed its own checks into
/// `staged_<table>`, a rejected record into `rejects`, a warning into `warnings`, a survey
/// response into `staged_survey_*` (`SurveyStatements`). Each statement is prepared once per
/// ingest and reused for every record.
public final class StagingStatements {
    let db: SQLiteDatabase
    let runID: String
    let language: Language
    /// Prepared statements of this ingest by their SQL.
    private var statements: [String: Statement] = [:]
    /// What this ingest learned about the rows it staged (`StagedRowLedger`), for its derivation.
    public private(set) lazy var ledger = StagedRowLedger(db: db)

    /// Writes of the ingest `runID` on `db`; reasons and messages in `language`.
    init(db: SQLiteDatabase, runID: String, language: Language) {
        self.db = db; self.runID = runID; self.language = language
    }

    /// The prepared statement for `sql`, prepared once per ingest.
    func statement(_ sql: String) throws -> Statement {
        if let st = statements[sql] { return st }
        let st = try db.prepare(sql)
        statements[sql] = st
        return st
    }

    /// The insert of a staged dataset row: bound values `file_id, line`, `raw` when `keepsText`,
    /// and the SPEC columns as `?1…?N`, then the table's derived columns (`Schema.derivedColumns`);
    /// the key is a column the store computes from the key columns. Without `keepsText` the
    /// record's text is not kept (`raw` empty): the file is archived (`file_archive`) and a
    /// record rejected later is read again from there.
    public func stage(_ spec: DatasetSpec, keepsText: Bool) throws -> Statement {
        let given = ["file_id", "line"] + (keepsText ? ["raw"] : []) + spec.columns.map(\.name)
        let (names, values) = Schema.insertTerms(table: spec.table, given: given)
        if keepsText {
            return try statement("INSERT INTO staged_\(spec.table) (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))")
        }
        return try statement("INSERT INTO staged_\(spec.table) (raw, \(names.joined(separator: ", "))) VALUES ('', \(values.joined(separator: ", ")))")
    }

    /// Starts the ledger afresh (after the derivation it served: its memory goes).
    public func forgetLedger() { ledger = StagedRowLedger(db: db) }

    /// The record the writer keeps of the rows it stages into `spec`'s table (`StagedRowLedger`).
    public func ledger(_ spec: DatasetSpec) throws -> StagedRowLedger.Table { try ledger.table(spec) }

    /// The inserts of a survey file's responses, with its questionnaire's items recorded.
    public func survey(_ questionnaire: Questionnaire) throws -> SurveyStatements {
        try SurveyStatements(db: db, questionnaire: questionnaire)
    }

    /// Records a rejected record (line 0: the whole file); `raw` is stored with PESELs masked.
    public func insertReject(fileID: Int64, file: String, line: Int, dataset: String, code: CheckCode,
                             column: String, detail: String, raw: String) throws {
        let p = Problem(code: code, file: file, line: line, column: column, detail: detail)
        try execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .text(p.file), .integer(Int64(line)), .text(dataset), .text(p.column),
                  .text(code.rawValue), .text(p.reason(language)), .text(PersonalData.masked(raw)), .text(runID)])
    }

    /// Records a warning about a record (line 0: the file's header).
    public func insertWarning(fileID: Int64, file: String, line: Int, dataset: String, column: String, code: CheckCode, detail: String) throws {
        let p = Problem(code: code, file: file, line: line, column: column, detail: detail)
        try execute("""
            INSERT INTO warnings (file_id, file, line, dataset, "column", check_code, message, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .text(p.file), .integer(Int64(line)), .text(dataset), .text(p.column),
                  .text(code.rawValue), .text(p.reason(language)), .text(runID)])
    }

    /// Runs a statement with arguments through the prepared statements.
    func execute(_ sql: String, _ args: [SQLValue]) throws {
        let st = try statement(sql)
        try st.bind(args)
        try st.run()
    }
}
