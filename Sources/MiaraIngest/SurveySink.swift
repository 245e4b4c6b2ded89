import MiaraStore
import MiaraValues

/// Stages survey responses (SPEC 3): unit, date, then each item's answer mapped to a score
/// (reverse items 6 − score); an answer not in the map quarantines the response (C17).
final class SurveySink: RecordSink {
    let ingestor: Ingestor
    let file: InboxFile
    let fileID: Int64
    let q: Questionnaire
    let columnIndex: [Int?]
    let insertResponse: Statement
    let insertAnswer: Statement

    init(ingestor: Ingestor, file: InboxFile, fileID: Int64, questionnaire: Questionnaire, columnIndex: [Int?]) throws {
        self.ingestor = ingestor; self.file = file; self.fileID = fileID; self.q = questionnaire; self.columnIndex = columnIndex
        insertResponse = try ingestor.db.prepare("""
            INSERT INTO staged_survey_responses (file_id, line, raw, questionnaire, survey_group, unit_kind, unit_column, unit_id, date, date_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAnswer = try ingestor.db.prepare("INSERT OR REPLACE INTO staged_survey_answers (response_id, item, dimension, score) VALUES (?, ?, ?, ?)")
        let items = try ingestor.db.prepare("INSERT OR IGNORE INTO survey_items (survey_group, item, dimension, questionnaire) VALUES (?, ?, ?, ?)")
        let own = try ingestor.db.prepare("INSERT OR IGNORE INTO questionnaire_items (questionnaire, survey_group, item, dimension) VALUES (?, ?, ?, ?)")
        for it in q.items {
            try items.bind([.text(q.group.rawValue), .text(it.code), .text(it.dimension), .text(q.name)])
            try items.run()
            try own.bind([.text(q.name), .text(q.group.rawValue), .text(it.code), .text(it.dimension)])
            try own.run()
        }
    }

    func reject(_ rec: TabularRecord, _ code: CheckCode, _ column: String, _ detail: String = "") throws {
        try ingestor.insertReject(fileID: fileID, file: file.path, line: rec.line, dataset: file.dataset,
                                  problem: RowFailure(code: code, column: column, detail: detail), raw: rec.raw)
    }

    func consume(_ rec: TabularRecord) throws -> SinkOutcome {
        let cells: [Cell?] = columnIndex.map { i in i.flatMap { rec.cells[$0] } }
        // Unit.
        guard let unitCell = cells[0] else { try reject(rec, .C02, q.unitColumn); return .done }
        var unit = unitCell.text
        if q.unitKind == .provider, let p = ProviderID(unit) { unit = p.canonical }
        // A PESEL as a unit is pseudonymised as in the identifier columns, so it still names its unit.
        switch PersonalData.identifier(unit, pseudonymiser: ingestor.settings.pseudonymiser) {
        case .success(let r): unit = r.value
        case .failure: return .peselWithoutKey
        }
        // Date.
        guard let dateCell = cells[1] else { try reject(rec, .C02, q.dateColumn); return .done }
        let day: Day?
        switch dateCell {
        case .text(let s): day = Day(input: s)
        case .number(let v, _): day = Day(excelSerial: v)
        case .bool: day = nil
        }
        guard let day else { try reject(rec, .C03, q.dateColumn, dateCell.text); return .done }
        // Items, in the map's order.
        var scores: [(Questionnaire.Item, Double)] = []
        for (i, item) in q.items.enumerated() {
            guard let c = cells[2 + i] else { continue }
            let text: String
            if case .number(let v, _) = c, v == v.rounded() { text = String(Int(v)) } else { text = c.text }
            switch q.score(text) {
            case .score(let s): scores.append((item, item.reverse ? 6 - s : s))
            case .noAnswer: continue
            case .unknown: try reject(rec, .C17, item.column, text); return .done
            }
        }
        // The as-of check (C10) is derived on every ingest (`Derivation`).
        try insertResponse.bind([.integer(fileID), .integer(Int64(rec.line)), .text(PESEL.masked(rec.raw) ?? rec.raw), .text(q.name),
                                 .text(q.group.rawValue), .text(q.unitKind.rawValue), .text(q.unitColumn), .text(unit), .text(day.iso), .text(q.dateColumn)])
        try insertResponse.run()
        let id = ingestor.db.lastInsertRowID
        for (item, s) in scores {
            try insertAnswer.bind([.integer(id), .text(item.code), .text(item.dimension), .real(s)])
            try insertAnswer.run()
        }
        return .done
    }
}
