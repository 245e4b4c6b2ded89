import MiaraValues

/// A measure code of SPEC 6 (`E01`, `S05`, `Q01`, …); the catalogue may add more.
public struct MeasureCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: String
    public init(_ raw: String) { self.raw = raw }
    public var description: String { raw }
    public static func < (a: MeasureCode, b: MeasureCode) -> Bool { a.raw < b.raw }
}

/// The level a measure row describes.
public enum Grain: String, CaseIterable, Sendable, Comparable {
    case facility, provider, municipality, all
    public static func < (a: Grain, b: Grain) -> Bool { a.rawValue < b.rawValue }
}

/// Whether a higher or a lower value is better.
public enum Direction: String, Sendable {
    case higherIsBetter = "+"
    case lowerIsBetter = "-"
}

/// The flags of measures.csv in their published order.
public enum MeasureFlag: String, CaseIterable, Sendable, Comparable {
    case provisional, suppressed, below_norm, below_target, below_average, no_denominator, incomplete
    public static func < (a: MeasureFlag, b: MeasureFlag) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Flag sets shared between rows: every row with the same flags can hold the same set storage (a
/// national run has hundreds of thousands of rows and a handful of distinct flag sets).
public enum MeasureFlags {
    static let sets: [Set<MeasureFlag>] = (0..<(1 << MeasureFlag.allCases.count)).map { mask in
        Set(MeasureFlag.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
    }

    /// The shared set equal to `flags`.
    public static func interned(_ flags: Set<MeasureFlag>) -> Set<MeasureFlag> {
        var mask = 0
        for f in flags { mask |= 1 << MeasureFlag.allCases.firstIndex(of: f)! }
        return sets[mask]
    }
}

/// One row of measures.csv before disclosure control: a measure's value for one unit and period.
public struct MeasureRow: Sendable, Equatable {
    public var measure: MeasureCode
    public var period: Period
    public var grain: Grain
    /// facility_id, canonical provider_id, teryt, or `all`.
    public var unitID: String
    /// Levelled facility type for S05; empty otherwise.
    public var facilityType: String
    /// Survey dimension for Q01–Q03, Q09–Q11; empty for the overall row and other measures.
    public var dimension: String
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var n: Int?
    /// The unit text of SPEC 6 (`PLN`, `share`, `score 1–5`, …).
    public var unit: String
    public var flags: Set<MeasureFlag>
    /// Survey statistics for workbooks (not in measures.csv): standard deviation of response means.
    public var sd: Double?

    public init(measure: MeasureCode, period: Period, grain: Grain, unitID: String, facilityType: String = "",
                dimension: String = "", value: Double?, numerator: Double?, denominator: Double?, n: Int? = nil,
                unit: String, flags: Set<MeasureFlag> = [], sd: Double? = nil) {
        self.measure = measure; self.period = period; self.grain = grain; self.unitID = unitID
        self.facilityType = facilityType; self.dimension = dimension; self.value = value
        self.numerator = numerator; self.denominator = denominator; self.n = n; self.unit = unit
        self.flags = flags; self.sd = sd
    }

    /// The SPEC 9.1 sort key: measure, period, grain, unit_id, facility_type, dimension, bytewise.
    public var sortKey: [String] { [measure.raw, period.text, grain.rawValue, unitID, facilityType, dimension] }

    /// `a` before `b` in the order of `sortKey` (bytewise, field by field), without building the
    /// keys: a field is only looked at when the fields before it are equal.
    public static func precedes(_ a: MeasureRow, _ b: MeasureRow) -> Bool {
        func cmp(_ x: String, _ y: String) -> Int { x.bytewiseCompare(y) }
        var c = cmp(a.measure.raw, b.measure.raw)
        if c != 0 { return c < 0 }
        if a.period != b.period { c = cmp(a.period.text, b.period.text); if c != 0 { return c < 0 } }
        c = cmp(a.grain.rawValue, b.grain.rawValue); if c != 0 { return c < 0 }
        c = cmp(a.unitID, b.unitID); if c != 0 { return c < 0 }
        c = cmp(a.facilityType, b.facilityType); if c != 0 { return c < 0 }
        return cmp(a.dimension, b.dimension) < 0
    }
}

/// One row of benchmark.csv (SPEC 7).
public struct BenchmarkRow: Sendable, Equatable {
    public var measure: MeasureCode
    public var period: Period
    public var teryt: String
    public var value: Double?
    public var mean: Double?
    public var median: Double?
    public var q1: Double?
    public var q3: Double?
    public var min: Double?
    public var max: Double?
    public var deviation: Double?
    public var rank: Int?
    public var deltaPrev: Double?
    public var flags: Set<MeasureFlag>
    public init(measure: MeasureCode, period: Period, teryt: String, value: Double?, mean: Double? = nil, median: Double? = nil,
                q1: Double? = nil, q3: Double? = nil, min: Double? = nil, max: Double? = nil, deviation: Double? = nil,
                rank: Int? = nil, deltaPrev: Double? = nil, flags: Set<MeasureFlag> = []) {
        self.measure = measure; self.period = period; self.teryt = teryt; self.value = value; self.mean = mean
        self.median = median; self.q1 = q1; self.q3 = q3; self.min = min; self.max = max; self.deviation = deviation
        self.rank = rank; self.deltaPrev = deltaPrev; self.flags = flags
    }
}
