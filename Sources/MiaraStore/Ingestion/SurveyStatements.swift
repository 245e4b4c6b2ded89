import MiaraValues

/// The inserts of a survey file's staging (SPEC 3): its questionnaire's items once, then each
/// response that passed (`RecordPlanner`) with its answers' scores.
public final class SurveyStatements {
    let db: SQLiteDatabase
    let q: Questionnaire
    let insertResponse: Statement
    let insertAnswer: Statement

    init(db: SQLiteDatabase, questionnaire: Questionnaire) throws {
        self.db = db; self.q = questionnaire
        insertResponse = try db.prepare("""
            INSERT INTO staged_survey_responses (file_id, line, raw, questionnaire, survey_group, unit_kind, unit_column, unit_id, date, date_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAnswer = try db.prepare("INSERT OR REPLACE INTO staged_survey_answers (response_id, item, dimension, score) VALUES (?, ?, ?, ?)")
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
        for (item, s) in scores {
            insertAnswer.reset()
            try insertAnswer.bind(.integer(id), at: 1)
            try insertAnswer.bind(.text(item.code), at: 2)
            try insertAnswer.bind(.text(item.dimension), at: 3)
            try insertAnswer.bind(.real(s), at: 4)
            try insertAnswer.run()
        }
    }
}
