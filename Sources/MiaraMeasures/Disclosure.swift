import MiaraValues

/// Which count of a row is its person count for disclosure control (SPEC 8).
public enum PersonCountSource: String, Sendable, CaseIterable {
    case numerator, denominator, n, none

    /// The person count of `row`, or nil when the measure has none or the count is unknown.
    public func count(of row: MeasureRow) -> Double? {
        switch self {
        case .numerator: return row.numerator
        case .denominator: return row.denominator
        case .n: return row.n.map(Double.init)
        case .none: return nil
        }
    }
}

/// Disclosure control (SPEC 8).
public enum Disclosure {
    /// True when the row has a value whose person count is above 0 and below `minCell`.
    /// A row with no value is never suppressed (it is flagged `no_denominator` only).
    public static func isSuppressed(_ row: MeasureRow, personCount: PersonCountSource, minCell: Int) -> Bool {
        guard row.value != nil, let c = personCount.count(of: row) else { return false }
        return c > 0 && c < Double(minCell)
    }

    /// The row as published for others: value, numerator, denominator and n emptied, `suppressed`
    /// set, and no `below_norm`, `below_target` or `below_average`.
    public static func suppress(_ row: MeasureRow) -> MeasureRow {
        var r = row
        r.value = nil; r.numerator = nil; r.denominator = nil; r.n = nil; r.sd = nil
        r.flags.subtract([.below_norm, .below_target, .below_average, .no_denominator])
        r.flags.insert(.suppressed)
        return r
    }
}
