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
                               validator: RowValidator(dataset: spec, settings: settings, commaDecimal: commaDecimal),
                               upsert: upsertStatement(spec))
    }

    /// The upsert of a dataset row: bound values `key, file_id, line, raw` and the SPEC columns as
    /// `?1…?N`, then the table's derived columns (`Schema.derivedColumns`) computed from them.
    func upsertStatement(_ spec: DatasetSpec) throws -> Statement {
        let (names, values) = Schema.insertTerms(table: spec.table, given: ["key", "file_id", "line", "raw"] + spec.columns.map(\.name))
        let sets = names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return try db.prepare("""
            INSERT INTO \(spec.table) (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT(key) DO UPDATE SET \(sets) WHERE \(spec.table).file_id <> excluded.file_id
            """)
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

/// Stores rows of one of the twelve datasets.
final class DatasetSink: RecordSink {
    let ingestor: Ingestor
    let file: InboxFile
    let fileID: Int64
    let spec: DatasetSpec
    let columnIndex: [Int?]
    let validator: RowValidator
    let upsert: Statement
    let personColumns: [Int]
    var w02 = 0

    init(ingestor: Ingestor, file: InboxFile, fileID: Int64, spec: DatasetSpec, columnIndex: [Int?], validator: RowValidator, upsert: Statement) throws {
        self.ingestor = ingestor; self.file = file; self.fileID = fileID; self.spec = spec
        self.columnIndex = columnIndex; self.validator = validator; self.upsert = upsert
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
            try upsert.bind(args)
            try upsert.run()
            if ingestor.db.changes == 0 {
                try ingestor.insertReject(fileID: fileID, file: file.path, line: rec.line, dataset: file.dataset,
                                          problem: RowFailure(code: .C16, column: "", detail: ""), raw: rec.raw)
            }
            for c in row.maskedColumns {
                try ingestor.insertWarning(fileID: fileID, file: file.path, line: rec.line, dataset: file.dataset, column: c, code: .W02, detail: "")
            }
        }
        return .done
    }
}
