import Foundation
import MiaraStore
import MiaraValues

/// Takes a file's records one by one and stores or quarantines each.
protocol RecordSink {
    func consume(_ rec: TabularRecord) throws -> SinkOutcome
}

enum SinkOutcome { case done, peselWithoutKey }

extension Ingestor {
    /// `commaDecimal`: `1234,5` is a number only in a `;`-delimited CSV.
    func makeSink(_ f: InboxFile, fileID: Int64, questionnaire: Questionnaire?, columnIndex: [Int?], commaDecimal: Bool) throws -> RecordSink {
        if let q = questionnaire {
            return try SurveySink(ingestor: self, file: f, fileID: fileID, questionnaire: q, columnIndex: columnIndex)
        }
        let spec = f.spec!
        return try DatasetSink(ingestor: self, file: f, fileID: fileID, spec: spec, columnIndex: columnIndex,
                               validator: RowValidator(dataset: spec, settings: stagingSettings, commaDecimal: commaDecimal),
                               insert: stageStatement(spec))
    }

    /// The settings rows are staged with: the as-of date is taken as unbounded, because the
    /// checks that depend on it are derived again on every ingest (`Derivation`).
    var stagingSettings: IngestSettings {
        var s = settings
        s.asOf = Day(iso: "9999-12-31")!
        return s
    }

    /// The insert of a staged dataset row: bound values `key, file_id, line, raw` and the SPEC
    /// columns as `?1…?N`, then the table's derived columns (`Schema.derivedColumns`).
    func stageStatement(_ spec: DatasetSpec) throws -> Statement {
        let (names, values) = Schema.insertTerms(table: spec.table, given: ["key", "file_id", "line", "raw"] + spec.columns.map(\.name))
        return try db.prepare("INSERT INTO staged_\(spec.table) (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))")
    }

    func insertReject(fileID: Int64, file: String, line: Int, dataset: String, problem: RowFailure, raw: String) throws {
        let p = Problem(code: problem.code, file: file, line: line, column: problem.column, detail: problem.detail)
        try db.execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .text(p.file), .integer(Int64(line)), .text(dataset), .text(p.column),
                  .text(problem.code.rawValue), .text(p.reason(settings.language)), .text(PersonalData.masked(raw)), .text(runID)])
    }

    func insertWarning(fileID: Int64, file: String, line: Int, dataset: String, column: String, code: CheckCode, detail: String) throws {
        let p = Problem(code: code, file: file, line: line, column: column, detail: detail)
        try db.execute("""
            INSERT INTO warnings (file_id, file, line, dataset, "column", check_code, message, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .text(p.file), .integer(Int64(line)), .text(dataset), .text(p.column),
                  .text(code.rawValue), .text(p.reason(settings.language)), .text(runID)])
    }
}

/// Stages rows of one of the twelve datasets: a row that passes the checks of its own values is
/// kept in `staged_<table>`, the others in `rejects`.
final class DatasetSink: RecordSink {
    let ingestor: Ingestor
    let file: InboxFile
    let fileID: Int64
    let spec: DatasetSpec
    let columnIndex: [Int?]
    let validator: RowValidator
    let insert: Statement
    let personColumns: [Int]
    var w02 = 0

    init(ingestor: Ingestor, file: InboxFile, fileID: Int64, spec: DatasetSpec, columnIndex: [Int?], validator: RowValidator, insert: Statement) throws {
        self.ingestor = ingestor; self.file = file; self.fileID = fileID; self.spec = spec
        self.columnIndex = columnIndex; self.validator = validator; self.insert = insert
        personColumns = spec.columns.indices.filter { spec.columns[$0].pesel == .pseudonymise }
    }

    func consume(_ rec: TabularRecord) throws -> SinkOutcome {
        let cells: [Cell?] = columnIndex.map { i in i.flatMap { rec.cells[$0] } }
        if ingestor.settings.pseudonymiser == nil {
            for i in personColumns { if let c = cells[i], c.holdsPESEL(for: spec.columns[i]) { return .peselWithoutKey } }
        }
        switch validator.validate(cells) {
        case .failure(let f):
            try ingestor.insertReject(fileID: fileID, file: file.path, line: rec.line, dataset: file.dataset, problem: f, raw: rec.raw)
        case .success(let row):
            var args: [SQLValue] = [.text(row.key), .integer(fileID), .integer(Int64(rec.line)), .text(PESEL.masked(rec.raw) ?? rec.raw)]
            args += row.values
            try insert.bind(args)
            try insert.run()
            for c in row.maskedColumns {
                try ingestor.insertWarning(fileID: fileID, file: file.path, line: rec.line, dataset: file.dataset, column: c, code: .W02, detail: "")
            }
        }
        return .done
    }
}
