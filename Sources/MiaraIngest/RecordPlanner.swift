import Foundation
import MiaraStore
import MiaraValues

/// What the header of a file means for staging: where each dataset (or questionnaire) column
/// sits, the first required column missing (C01), the unknown names (W01).
struct HeaderPlan {
    /// False for a file without a header line.
    var present: Bool
    var commaDecimal: Bool
    /// For each dataset column (for a survey: unit, date, then the map's items), its file column.
    var columnIndex: [Int?]
    var missing: String?
    var unknown: [String]
}

/// What staging does with one record, decided from the file's bytes and the settings alone, so
/// that it can be decided on another thread than the one writing the store (`StagingPrefetch`).
enum StagedRecord {
    /// Read and counted, nothing more: the file already fails as a whole (C01, C15).
    case counted
    /// C14: a broken quote or a width other than the header's.
    case malformed(line: Int, raw: String)
    /// A row-level failure of its own values.
    case reject(line: Int, failure: RowFailure, raw: String)
    /// A dataset row that passed: of an XLSX file its text (PESELs masked), then its values in
    /// dataset column order, as `slots` of the planner's `PackedValues`, and the free-text columns
    /// in which a PESEL was masked (W02). A CSV row's text is not kept (the file is archived,
    /// `FileArchive`).
    case row(line: Int, slots: Range<Int>, maskedColumns: [String])
    /// A survey response that passed: its text (PESELs masked; empty for a CSV file, which is
    /// archived), unit, date, and each answered item's score.
    case response(line: Int, raw: String, unit: String, day: String, scores: [(item: Questionnaire.Item, score: Double)])
    /// A PESEL in an identifier column while there is no pseudonym key: the file becomes C15.
    case peselWithoutKey
}

/// Decides, record by record, what staging does with one file (no store access): the header's
/// plan, then each record's `StagedRecord`. After a missing column or a PESEL without a key the
/// remaining records are only counted.
final class RecordPlanner {
    let file: InboxFile
    let questionnaire: Questionnaire?
    let settings: IngestSettings
    /// The file's dataset (nil for a survey), looked up once, not per record.
    let spec: DatasetSpec?
    /// A dataset CSV file: its rows are staged without their text, the file archived instead
    /// (decided once per file: the path's extension is not looked at per record).
    let keepsNoText: Bool
    /// A survey response keeps its text only from an XLSX file (a CSV file is archived).
    let keepsResponseText: Bool
    private(set) var header: HeaderPlan?
    private var validator: RowValidator?
    private var personColumns: [Int] = []
    private var stopped = false
    /// The scores of the answer texts met so far in this file (`Questionnaire.score`, a function
    /// of the text: a file repeats a handful of answers thousands of times).
    private var answerScores: [String: Questionnaire.AnswerScore] = [:]
    /// The cells of the record being planned in dataset column order, reused from record to record.
    private var cells: [Cell?] = []
    /// Where planned rows' values go (`StagedRecord.row`); the reader takes it with the records.
    private(set) var packed = PackedValues()

    /// `settings`: those rows are staged with (the as-of date unbounded, `Ingestor.stagingSettings`).
    init(file: InboxFile, questionnaire: Questionnaire?, settings: IngestSettings) {
        self.file = file; self.questionnaire = questionnaire; self.settings = settings
        spec = file.spec
        keepsNoText = questionnaire == nil && TabularFile.format(of: file.url) == .csv
        keepsResponseText = TabularFile.format(of: file.url) != .csv
    }

    /// The header's plan: `names` are the trimmed header names (nil when the file has no header line).
    func plan(header names: [String]?, commaDecimal: Bool) -> HeaderPlan {
        let columns: [String]
        if let q = questionnaire { columns = [q.unitColumn, q.dateColumn] + q.items.map(\.column) }
        else { columns = file.spec!.columns.map(\.name) }
        let required: Set<String> = questionnaire != nil ? Set(columns.map { $0.lowercased() })
            : Set(file.spec!.requiredColumns.map(\.name))
        let lower = (names ?? []).map { $0.lowercased() }
        var missing: String? = nil
        var index: [Int?] = []
        for c in columns {
            let i = lower.firstIndex(of: c.lowercased())
            if i == nil, required.contains(questionnaire != nil ? c.lowercased() : c), missing == nil { missing = c }
            index.append(i)
        }
        // Columns a template adds for reading only (the `miara plan` context) are known, not read.
        let known = Set((columns + (questionnaire == nil ? file.spec!.contextColumns : [])).map { $0.lowercased() })
        let unknown = (names ?? []).filter { !$0.isEmpty && !known.contains($0.lowercased()) }
        let h = HeaderPlan(present: names != nil, commaDecimal: commaDecimal, columnIndex: index, missing: missing, unknown: unknown)
        header = h
        if missing != nil { stopped = true }
        if let spec = file.spec, questionnaire == nil {
            validator = RowValidator(dataset: spec, settings: settings, commaDecimal: commaDecimal)
            personColumns = spec.columns.indices.filter { spec.columns[$0].pesel == .pseudonymise }
        }
        return h
    }

    /// What staging does with the next record of the file.
    func plan(_ rec: TabularRecord) -> StagedRecord {
        if stopped { return .counted }
        if rec.malformed { return .malformed(line: rec.line, raw: rec.raw) }
        let index = header!.columnIndex
        var cells = self.cells
        self.cells = []
        cells.removeAll(keepingCapacity: true)
        for i in index { cells.append(i.flatMap { rec.cells[$0] }) }
        defer { self.cells = cells }
        let planned = questionnaire.map { planResponse(rec, cells, $0) } ?? planRow(rec, cells)
        if case .peselWithoutKey = planned { stopped = true }
        return planned
    }

    private func planRow(_ rec: TabularRecord, _ cells: [Cell?]) -> StagedRecord {
        if settings.pseudonymiser == nil {
            let spec = self.spec!
            for i in personColumns { if let c = cells[i], c.holdsPESEL(for: spec.columns[i]) { return .peselWithoutKey } }
        }
        switch validator!.validate(cells) {
        case .failure(let f): return .reject(line: rec.line, failure: f, raw: rec.raw)
        case .success(let row):
            let first = packed.count
            if !keepsNoText { packed.append(text: PESEL.masked(rec.raw) ?? rec.raw) }
            for v in row.values { packed.append(v) }
            return .row(line: rec.line, slots: first..<packed.count, maskedColumns: row.maskedColumns)
        }
    }

    /// A survey response (SPEC 3): unit, date, then each item's answer mapped to a score (reverse
    /// items 6 − score); an answer not in the map rejects the response (C17).
    private func planResponse(_ rec: TabularRecord, _ cells: [Cell?], _ q: Questionnaire) -> StagedRecord {
        func reject(_ code: CheckCode, _ column: String, _ detail: String = "") -> StagedRecord {
            .reject(line: rec.line, failure: RowFailure(code: code, column: column, detail: detail), raw: rec.raw)
        }
        // Unit.
        guard let unitCell = cells[0] else { return reject(.C02, q.unitColumn) }
        var unit = unitCell.text
        if q.unitKind == .provider, let p = ProviderID(unit) { unit = p.canonical }
        // A PESEL as a unit is pseudonymised as in the identifier columns, so it still names its unit.
        switch PersonalData.identifier(unit, pseudonymiser: settings.pseudonymiser) {
        case .success(let r): unit = r.value
        case .failure: return .peselWithoutKey
        }
        // Date.
        guard let dateCell = cells[1] else { return reject(.C02, q.dateColumn) }
        let day: Day?
        switch dateCell {
        case .text(let s): day = Day(input: s)
        case .number(let v, _): day = Day(excelSerial: v)
        case .bool: day = nil
        }
        guard let day else { return reject(.C03, q.dateColumn, dateCell.text) }
        // Items, in the map's order.
        var scores: [(item: Questionnaire.Item, score: Double)] = []
        for (i, item) in q.items.enumerated() {
            guard let c = cells[2 + i] else { continue }
            let text: String
            if case .number(let v, _) = c, v == v.rounded() { text = String(Int(v)) } else { text = c.text }
            let answer: Questionnaire.AnswerScore
            if let a = answerScores[text] { answer = a } else {
                answer = q.score(text)
                if answerScores.count < 4096 { answerScores[text] = answer }
            }
            switch answer {
            case .score(let s): scores.append((item, item.reverse ? 6 - s : s))
            case .noAnswer: continue
            case .unknown: return reject(.C17, item.column, text)
            }
        }
        // The as-of check (C10) is derived on every ingest (`Derivation`).
        let raw = keepsResponseText ? PESEL.masked(rec.raw) ?? rec.raw : ""
        return .response(line: rec.line, raw: raw, unit: unit, day: day.iso, scores: scores)
    }

    /// Hands over the packed values of the records planned so far and starts a new buffer.
    func takePacked(capacity: Int) -> PackedValues {
        let p = packed
        packed = PackedValues(capacity: capacity)
        return p
    }

    /// Reads the file and plans it: `onHeader` once, then `onRecord` per record; returns the
    /// encoding. Throws as `TabularFile.read` does (C20: `MiaraError` `.unreadableFile`).
    /// `csvBytes`: a CSV file's bytes already read (`StagingPrefetch`).
    func read(url: URL, scan: FileScan, csvBytes: [UInt8]? = nil, onHeader: (HeaderPlan) throws -> Void,
              onRecord: (StagedRecord) throws -> Void) throws -> String {
        let format = TabularFile.format(of: url)!
        let (encoding, _) = try TabularFile.read(url: url, format: format, scan: scan, csvBytes: csvBytes, onHeader: { names, commaDecimal in
            try onHeader(self.plan(header: names, commaDecimal: commaDecimal))
        }, onRecord: { rec in
            try onRecord(self.plan(rec))
        })
        return encoding
    }
}
