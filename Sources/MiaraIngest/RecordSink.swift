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
    /// The record of the rows staged, for the derivation (`StagedRowLedger`).
    let ledger: StagedRowLedger.Table?
    /// Whether staged records keep their text: only an XLSX file's do; a CSV file is archived
    /// (`file_archive`) and a record rejected later is read again from there.
    let keepsText: Bool

    init(ingestor: Ingestor, file: InboxFile, fileID: Int64, questionnaire: Questionnaire?) throws {
        self.ingestor = ingestor; self.file = file; self.fileID = fileID
        keepsText = TabularFile.format(of: file.url) != .csv
        if let q = questionnaire {
            survey = try ingestor.staging.survey(q)
            insert = nil
            ledger = nil
        } else {
            survey = nil
            insert = try ingestor.staging.stage(file.spec!, keepsText: keepsText)
            ledger = try ingestor.staging.ledger(file.spec!)
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
            try packed.run(st, slots: slots, from: 3, ledger: ledger, columnsAt: keepsText ? 1 : 0)
            for c in maskedColumns {
                try ingestor.insertWarning(fileID: fileID, file: file.path, line: line, dataset: file.dataset, column: c, code: .W02, detail: "")
            }
        case .response(let line, let raw, let unit, let day, let scores):
            try survey!.insert(fileID: fileID, line: line, raw: keepsText ? raw : "", unit: unit, day: day, scores: scores)
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

    func insertReject(fileID: Int64, file: String, line: Int, dataset: String, problem: RowFailure, raw: String) throws {
        try staging.insertReject(fileID: fileID, file: file, line: line, dataset: dataset, code: problem.code,
                                 column: problem.column, detail: problem.detail(settings.language), raw: raw)
    }

    func insertWarning(fileID: Int64, file: String, line: Int, dataset: String, column: String, code: CheckCode, detail: String) throws {
        try staging.insertWarning(fileID: fileID, file: file, line: line, dataset: dataset, column: column, code: code, detail: detail)
    }
}
