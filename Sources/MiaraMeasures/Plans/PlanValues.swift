import MiaraStore
import MiaraValues

/// The measure values plans.csv reads (SPEC 12): per municipality, measure and period, the
/// municipality-grain row (unsplit; survey measures overall) computed as in measures.csv, with
/// disclosure control (a suppressed value is empty) and the `incomplete` flag of its period's
/// coverage — also for periods the run did not ask for (baselines, earlier half-years), which
/// the compute stage adds to the periods it computes, as it does for `delta_prev`.
public struct PlanValues: Sendable {
    public struct Key: Hashable, Sendable {
        public let teryt: String
        public let measure: MeasureCode
        public let period: Period
        public init(teryt: String, measure: MeasureCode, period: Period) { self.teryt = teryt; self.measure = measure; self.period = period }
    }

    /// One value as plans.csv reads it.
    public struct Entry: Sendable, Equatable {
        /// The published value (nil when there is none or it is suppressed).
        public var value: Double?
        public var suppressed: Bool
        public var incomplete: Bool
        public init(value: Double?, suppressed: Bool = false, incomplete: Bool = false) {
            self.value = value; self.suppressed = suppressed; self.incomplete = incomplete
        }
    }

    public private(set) var entries: [Key: Entry]

    public init(entries: [Key: Entry] = [:]) { self.entries = entries }

    /// Builds the entries from computed rows (`collect`): `incomplete` from the coverage of their
    /// periods (cost measures up to the settled date, as in measures.csv), then disclosure control
    /// by the catalogue's person counts.
    public init(rows: [MeasureRow], catalogue: MeasureCatalogue, minCell: Int, coverage: [CoverageRow], asOf: Day,
                costLagDays: Int = 0) {
        var rows = rows
        for i in rows.indices { rows[i].flags.remove(.incomplete) }
        Coverage.flagIncomplete(&rows, coverage: coverage, catalogue: catalogue, asOf: asOf, costLagDays: costLagDays)
        var out: [Key: Entry] = [:]
        for r in rows {
            let personCount = catalogue.definition(r.measure)?.personCount ?? .none
            let suppressed = Disclosure.isSuppressed(r, personCount: personCount, minCell: minCell)
            out[Key(teryt: r.unitID, measure: r.measure, period: r.period)] =
                Entry(value: suppressed ? nil : r.value, suppressed: suppressed, incomplete: r.flags.contains(.incomplete))
        }
        entries = out
    }

    public subscript(_ key: Key) -> Entry? { entries[key] }

    /// What the plans need: every (teryt, measure, period) of a baseline or a half-year of a plan
    /// row that plans.csv lists, and the distinct periods among them (sorted).
    public static func needs(_ plans: [PlanRecord], asOf: Day) -> (keys: Set<Key>, periods: [Period]) {
        var keys = Set<Key>()
        for p in plans {
            guard let schedule = PlanSchedule(p, asOf: asOf) else { continue }
            let m = MeasureCode(p.measure)
            if let b = Period(p.baselinePeriod) { keys.insert(Key(teryt: p.teryt, measure: m, period: b)) }
            for h in schedule.halves { keys.insert(Key(teryt: p.teryt, measure: m, period: h)) }
        }
        return (keys, Set(keys.map(\.period)).sorted())
    }

    /// Copies of the computed rows `keys` name: the unsplit municipality rows.
    public static func collect(_ rows: [MeasureRow], keys: Set<Key>) -> [MeasureRow] {
        guard !keys.isEmpty else { return [] }
        return rows.filter { r in
            r.grain == .municipality && r.facilityType.isEmpty && r.dimension.isEmpty
                && keys.contains(Key(teryt: r.unitID, measure: r.measure, period: r.period))
        }
    }
}
