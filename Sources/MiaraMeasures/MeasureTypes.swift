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
    public static func interned(_ flags: Set<MeasureFlag>) -> Set<MeasureFlag> { sets[mask(flags)] }

    /// `flags` as a mask: bit i for the i-th flag in published order (`sets[mask]` is the set again).
    static func mask(_ flags: Set<MeasureFlag>) -> Int { flags.reduce(0) { $0 | bit($1) } }

    /// The bit of one flag in a mask.
    static func bit(_ f: MeasureFlag) -> Int { 1 << MeasureFlag.allCases.firstIndex(of: f)! }
}

/// One row of measures.csv before disclosure control: a measure's value for one unit and period.
///
/// A national night holds about half a million rows at once, twice over while publishing: the
/// stored fields are packed (136 bytes a row, not 200) — the optional numbers as bit patterns
/// with one reserved for "none", the period as one number — behind the same properties.
public struct MeasureRow: Sendable, Equatable {
    public var measure: MeasureCode
    /// facility_id, canonical provider_id, teryt, or `all`.
    public var unitID: String
    /// Levelled facility type for S05; empty otherwise.
    public var facilityType: String
    /// Survey dimension for Q01–Q03, Q09–Q11; empty for the overall row and other measures.
    public var dimension: String
    /// The unit text of SPEC 6 (`PLN`, `share`, `score 1–5`, …).
    public var unit: String
    public var flags: Set<MeasureFlag>
    private var valueBits: UInt64, numeratorBits: UInt64, denominatorBits: UInt64, sdBits: UInt64
    private var count: Int
    private var periodCode: UInt32
    public var grain: Grain

    public init(measure: MeasureCode, period: Period, grain: Grain, unitID: String, facilityType: String = "",
                dimension: String = "", value: Double?, numerator: Double?, denominator: Double?, n: Int? = nil,
                unit: String, flags: Set<MeasureFlag> = [], sd: Double? = nil) {
        self.measure = measure; self.unitID = unitID; self.facilityType = facilityType; self.dimension = dimension
        self.unit = unit; self.flags = flags
        valueBits = Self.pack(value); numeratorBits = Self.pack(numerator); denominatorBits = Self.pack(denominator)
        sdBits = Self.pack(sd); count = n ?? Self.noCount
        periodCode = Self.pack(period); self.grain = grain
    }

    public var period: Period {
        get { Self.unpack(periodCode) }
        set { periodCode = Self.pack(newValue) }
    }
    public var value: Double? {
        get { Self.unpack(valueBits) }
        set { valueBits = Self.pack(newValue) }
    }
    public var numerator: Double? {
        get { Self.unpack(numeratorBits) }
        set { numeratorBits = Self.pack(newValue) }
    }
    public var denominator: Double? {
        get { Self.unpack(denominatorBits) }
        set { denominatorBits = Self.pack(newValue) }
    }
    public var n: Int? {
        get { count == Self.noCount ? nil : count }
        set { count = newValue ?? Self.noCount }
    }
    /// Survey statistics for workbooks (not in measures.csv): standard deviation of response means.
    public var sd: Double? {
        get { Self.unpack(sdBits) }
        set { sdBits = Self.pack(newValue) }
    }

    /// "No number": a signalling NaN with a payload, which no arithmetic produces (a NaN computed
    /// is quiet) and SQLite never returns (it gives NULL).
    static let none: UInt64 = 0x7FF4_0000_0000_0001
    static let noCount = Int.min
    static func pack(_ x: Double?) -> UInt64 { x.map(\.bitPattern) ?? none }
    static func unpack(_ bits: UInt64) -> Double? { bits == none ? nil : Double(bitPattern: bits) }
    static func pack(_ p: Period) -> UInt32 { UInt32(p.year) << 8 | UInt32(p.length.rawValue) << 4 | UInt32(p.index) }
    static func unpack(_ code: UInt32) -> Period {
        Period(year: Int(code >> 8), length: Period.Length(rawValue: Int(code >> 4 & 0xF))!, index: Int(code & 0xF))!
    }

    /// Equal fields, the numbers compared as numbers (as `Double?` compares them).
    public static func == (a: MeasureRow, b: MeasureRow) -> Bool {
        a.periodCode == b.periodCode && a.grain == b.grain && a.count == b.count && a.measure == b.measure
            && a.unitID == b.unitID && a.facilityType == b.facilityType && a.dimension == b.dimension
            && a.value == b.value && a.numerator == b.numerator && a.denominator == b.denominator
            && a.unit == b.unit && a.flags == b.flags && a.sd == b.sd
    }

    /// The SPEC 9.1 sort key: measure, period, grain, unit_id, facility_type, dimension, bytewise.
    public var sortKey: [String] { [measure.raw, period.text, grain.rawValue, unitID, facilityType, dimension] }

    /// `a` before `b` in the order of `sortKey` (bytewise, field by field), without building the
    /// keys: a field is only looked at when the fields before it are equal.
    public static func precedes(_ a: MeasureRow, _ b: MeasureRow) -> Bool {
        func cmp(_ x: String, _ y: String) -> Int { x.bytewiseCompare(y) }
        var c = cmp(a.measure.raw, b.measure.raw)
        if c != 0 { return c < 0 }
        if a.periodCode != b.periodCode { c = cmp(a.period.text, b.period.text); if c != 0 { return c < 0 } }
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
