import Foundation
import MiaraStore
import MiaraValues

/// Writes a file's planned records (`StagedRecord`) into the store: rows that passed into
/// `staged_<table>` or `staged_survey_*`, the others into `rejects`, in the order read.
final class StagingWriter {
    let ingestor: Ingestor
    let file: InboxFile
    let fileID: Int64
    let insert: Statement?
    let survey: SurveyStatements?

    init(ingestor: Ingestor, file: InboxFile, fileID: Int64, questionnaire: Questionnaire?) throws {
        self.ingestor = ingestor; self.file = file; self.fileID = fileID
        if let q = questionnaire {
            survey = try SurveyStatements(db: ingestor.db, questionnaire: q)
            insert = nil
        } else {
            survey = nil
            insert = try ingestor.stageStatement(file.spec!)
        }
    }

    /// Writes one planned record; a row's values are in `packed`.
    func write(_ r: StagedRecord, _ packed: PackedValues) throws {
        switch r {
        case .counted, .peselWithoutKey: return
        case .malformed(let line, let raw):
            try ingestor.insertReject(fileID: fileID, file: file.path, line: line, dataset: file.dataset,
                                      problem: RowFailure(code: .C14, column: "", detail: ""), raw: raw)
        case .reject(let line, let failure, let raw):
            try ingestor.insertReject(fileID: fileID, file: file.path, line: line, dataset: file.dataset, problem: failure, raw: raw)
        case .row(let line, let slots, let maskedColumns):
            let st = insert!
            st.reset()
            try st.bind(.integer(fileID), at: 1)
            try st.bind(.integer(Int64(line)), at: 2)
            try packed.run(st, slots: slots, from: 3)
            for c in maskedColumns {
                try ingestor.insertWarning(fileID: fileID, file: file.path, line: line, dataset: file.dataset, column: c, code: .W02, detail: "")
            }
        case .response(let line, let raw, let unit, let day, let scores):
            try survey!.insert(fileID: fileID, line: line, raw: raw, unit: unit, day: day, scores: scores)
        }
    }
}

extension Ingestor {
    /// The settings rows are staged with: the as-of date is taken as unbounded, because the
    /// checks that depend on it are derived again on every ingest (`Derivation`).
    var stagingSettings: IngestSettings {
        var s = settings
        s.asOf = Day(iso: "9999-12-31")!
        return s
    }

    /// The insert of a staged dataset row: bound values `file_id, line, raw` and the SPEC
    /// columns as `?1…?N`, then the table's derived columns (`Schema.derivedColumns`); the key is
    /// a column the store computes from the key columns.
    func stageStatement(_ spec: DatasetSpec) throws -> Statement {
        let (names, values) = Schema.insertTerms(table: spec.table, given: ["file_id", "line", "raw"] + spec.columns.map(\.name))
        return try statement("INSERT INTO staged_\(spec.table) (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))")
    }

    func insertReject(fileID: Int64, file: String, line: Int, dataset: String, problem: RowFailure, raw: String) throws {
        let p = Problem(code: problem.code, file: file, line: line, column: problem.column, detail: problem.detail)
        try execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .text(p.file), .integer(Int64(line)), .text(dataset), .text(p.column),
                  .text(problem.code.rawValue), .text(p.reason(settings.language)), .text(PersonalData.masked(raw)), .text(runID)])
    }

    func insertWarning(fileID: Int64, file: String, line: Int, dataset: String, column: String, code: CheckCode, detail: String) throws {
        let p = Problem(code: code, file: file, line: line, column: column, detail: detail)
        try execute("""
            INSERT INTO warnings (file_id, file, line, dataset, "column", check_code, message, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .text(p.file), .integer(Int64(line)), .text(dataset), .text(p.column),
                  .text(code.rawValue), .text(p.reason(settings.language)), .text(runID)])
    }

    /// Runs a statement with arguments through the ingest's prepared statements.
    func execute(_ sql: String, _ args: [SQLValue]) throws {
        let st = try statement(sql)
        try st.bind(args)
        try st.run()
    }
}
