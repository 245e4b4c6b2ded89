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

    public let name: String
    public let group: Group
    public let unitColumn: String
    public let unitKind: UnitKind
    /// Answer texts (lower-cased, trimmed) → score 1…5, or nil for "no answer".
    public let answers: [String: Double?]
    public let items: [Item]
    public let dateColumn: String

    public init(name: String, group: Group, unitColumn: String, unitKind: UnitKind, answers: [String: Double?],
                items: [Item], dateColumn: String) {
        self.name = name; self.group = group; self.unitColumn = unitColumn; self.unitKind = unitKind
        self.answers = Dictionary(answers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.items = items; self.dateColumn = dateColumn
    }

    /// Scores an answer text: the map's answers, or `1`…`5`; `.noAnswer` for a null answer.
    public func score(_ text: String) -> AnswerScore {
        if let v = answers[text.lowercased()] { return v.map { .score($0) } ?? .noAnswer }
        if let i = Int(text), (1...5).contains(i) { return .score(Double(i)) }
        return .unknown
    }

    public enum AnswerScore: Equatable { case score(Double), noAnswer, unknown }
}
