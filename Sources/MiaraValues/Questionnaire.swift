/// A questionnaire map of SPEC 3 (`Pipelines/surveys/<name>.yaml`): how to read one survey tool's export.
public struct Questionnaire: Sendable, Equatable {
    /// The group a questionnaire feeds: users → Q01–Q03, professionals → Q10, residents → Q11, cooperation → Q09.
    public enum Group: String, Sendable, CaseIterable { case users, residents, professionals, cooperation }
    /// What the unit column names.
    public enum UnitKind: String, Sendable, CaseIterable { case facility, provider, municipality }

    /// One question: its column header, stable item code, dimension and whether it is reverse-scored.
    public struct Item: Sendable, Equatable {
        public let column: String
        public let code: String
        public let dimension: String
        public let reverse: Bool
        public init(column: String, code: String, dimension: String, reverse: Bool = false) {
            self.column = column; self.code = code; self.dimension = dimension; self.reverse = reverse
        }
    }

    /// One answer text of the map, as written, with its score (nil: "no answer").
    public struct Answer: Sendable, Equatable {
        public let text: String
        public let score: Double?
        public init(text: String, score: Double?) { self.text = text; self.score = score }
    }

    public let name: String
    public let group: Group
    public let unitColumn: String
    public let unitKind: UnitKind
    /// Answer texts (lower-cased, trimmed) → score 1…5, or nil for "no answer".
    public let answers: [String: Double?]
    /// The answers as the map lists them, in its order and spelling.
    public let answerList: [Answer]
    public let items: [Item]
    public let dateColumn: String

    /// `answers` in the map's order; of two texts equal but for case, the first one scores.
    public init(name: String, group: Group, unitColumn: String, unitKind: UnitKind, answers: [Answer],
                items: [Item], dateColumn: String) {
        self.name = name; self.group = group; self.unitColumn = unitColumn; self.unitKind = unitKind
        self.answerList = answers
        self.answers = Dictionary(answers.map { ($0.text.lowercased(), $0.score) }, uniquingKeysWith: { a, _ in a })
        self.items = items; self.dateColumn = dateColumn
    }

    /// Scores an answer text: the map's answers, or `1`…`5`; `.noAnswer` for a null answer.
    public func score(_ text: String) -> AnswerScore {
        if let v = answers[UTF8Bytes.asciiLowercased(text) ?? text.lowercased()] { return v.map { .score($0) } ?? .noAnswer }
        if let i = Int(text), (1...5).contains(i) { return .score(Double(i)) }
        return .unknown
    }

    /// The text the map gives a score (`nil`: its "no answer" text), as written; nil when it has none.
    public func answerText(scoring score: Double?) -> String? { answerList.first { $0.score == score }?.text }

    public enum AnswerScore: Equatable { case score(Double), noAnswer, unknown }
}
