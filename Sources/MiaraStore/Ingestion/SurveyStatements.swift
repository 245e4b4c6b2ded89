import MiaraValues

/// The inserts of a survey file's staging (SPEC 3): its questionnaire's items once, then each
/// response that passed (`RecordPlanner`) with its answers' scores.
public final class SurveyStatements {
    let db: SQLiteDatabase
    let q: Questionnaire
    let insertResponse: Statement
    /// The insert of a response's `n` answers as one statement of `n` rows, by `n` (one step per
    /// response, not per answer: national surveys stage about 700,000 answers).
    private var insertAnswers: [Int: Statement] = [:]

    init(db: SQLiteDatabase, questionnaire: Questionnaire) throws {
        self.db = db; self.q = questionnaire
        insertResponse = try db.prepare("""
            INSERT INTO staged_survey_responses (file_id, line, raw, questionnaire, survey_group, unit_kind, unit_column, unit_id, date, date_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let items = try db.prepare("INSERT OR IGNORE INTO survey_items (survey_group, item, dimension, questionnaire) VALUES (?, ?, ?, ?)")
        let own = try db.prepare("INSERT OR IGNORE INTO questionnaire_items (questionnaire, survey_group, item, dimension) VALUES (?, ?, ?, ?)")
        for it in q.items {
            try items.bind([.text(q.group.rawValue), .text(it.code), .text(it.dimension), .text(q.name)])
            try items.run()
            try own.bind([.text(q.name), .text(q.group.rawValue), .text(it.code), .text(it.dimension)])
            try own.run()
        }
        // The values every response of this file shares.
        try insertResponse.bind(.text(q.name), at: 4)
        try insertResponse.bind(.text(q.group.rawValue), at: 5)
        try insertResponse.bind(.text(q.unitKind.rawValue), at: 6)
        try insertResponse.bind(.text(q.unitColumn), at: 7)
        try insertResponse.bind(.text(q.dateColumn), at: 10)
    }

    /// Stages one response (`raw`: its text with PESELs masked, or empty for a CSV file, which is
    /// archived) and its answers.
    public func insert(fileID: Int64, line: Int, raw: String, unit: String, day: String, scores: [(item: Questionnaire.Item, score: Double)]) throws {
        insertResponse.reset()
        try insertResponse.bind(.integer(fileID), at: 1)
        try insertResponse.bind(.integer(Int64(line)), at: 2)
        try insertResponse.bind(.text(raw), at: 3)
        try insertResponse.bind(.text(unit), at: 8)
        try insertResponse.bind(.text(day), at: 9)
        try insertResponse.run()
        let id = db.lastInsertRowID
        guard !scores.isEmpty else { return }
        // The rows are inserted in the answers' order, as one statement per answer would.
        let st = try answers(scores.count)
        st.reset()
        try st.bind(.integer(id), at: 1)
        for (k, (item, s)) in scores.enumerated() {
            let p = Int32(2 + 3 * k)
            try st.bind(.text(item.code), at: p)
            try st.bind(.text(item.dimension), at: p + 1)
            try st.bind(.real(s), at: p + 2)
        }
        try st.run()
    }

    /// The insert of `n` answers of one response: `?1` its id, then item, dimension and score per answer.
    private func answers(_ n: Int) throws -> Statement {
        if let st = insertAnswers[n] { return st }
        let rows = (0..<n).map { k in "(?1, ?\(2 + 3 * k), ?\(3 + 3 * k), ?\(4 + 3 * k))" }
        let st = try db.prepare("INSERT OR REPLACE INTO staged_survey_answers (response_id, item, dimension, score) VALUES \(rows.joined(separator: ", "))")
        insertAnswers[n] = st
        return st
    }
}
