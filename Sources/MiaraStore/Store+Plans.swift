import MiaraValues

/// An accepted improvement-plan row (`plans`, SPEC 2 `mops/plans`) with where it came from.
public struct PlanRecord: Sendable, Equatable, StoredRecord {
    public let teryt: String, measure: String, actionNo: Int
    public let action: String, owner: String, start: String, deadline: String, baselinePeriod: String
    public let target: Double, state: String, note: String?
    /// The input file (relative to the inbox) and its line (header = 1).
    public let file: String, line: Int

    public init(teryt: String, measure: String, actionNo: Int, action: String = "", owner: String = "", start: String,
                deadline: String, baselinePeriod: String, target: Double, state: String, note: String? = nil,
                file: String = "", line: Int = 0) {
        self.teryt = teryt; self.measure = measure; self.actionNo = actionNo; self.action = action; self.owner = owner
        self.start = start; self.deadline = deadline; self.baselinePeriod = baselinePeriod; self.target = target
        self.state = state; self.note = note; self.file = file; self.line = line
    }

    static let select = """
        SELECT p.teryt, p.measure, p.action_no, p.action, p.owner, p.start, p.deadline, p.baseline_period, p.target, p.state,
               p.note, f.path, p.line
        FROM plans p JOIN files f ON f.id = p.file_id
        """
    init(_ st: Statement) {
        teryt = st.string(0) ?? ""; measure = st.string(1) ?? ""; actionNo = st.value(2).int ?? 0
        action = st.string(3) ?? ""; owner = st.string(4) ?? ""; start = st.string(5) ?? ""; deadline = st.string(6) ?? ""
        baselinePeriod = st.string(7) ?? ""; target = st.double(8) ?? 0; state = st.string(9) ?? ""; note = st.string(10)
        file = st.string(11) ?? ""; line = st.value(12).int ?? 0
    }
}

extension StoreRecords {
    /// Every accepted plan row, by teryt, measure and action number.
    public static func plans(_ db: StoreReader) throws -> [PlanRecord] {
        try fetch(db, PlanRecord.self, "ORDER BY p.teryt, p.measure, p.action_no")
    }
}
