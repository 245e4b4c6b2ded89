/// A reporting period of SPEC 4: a year `2024`, a half `2024H1`, a quarter `2024Q3` or a month `2024-03`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Length: Int, Sendable { case year = 12, half = 6, quarter = 3, month = 1 }

    public let year: Int
    public let length: Length
    /// 1-based index within the year: the half, quarter or month number; 1 for a year.
    public let index: Int

    public init?(year: Int, length: Length, index: Int) {
        guard (1...9999).contains(year), index >= 1, index <= 12 / length.rawValue else { return nil }
        self.year = year; self.length = length; self.index = index
    }

    /// Parses `2024`, `2024H1`, `2024Q1`, `2024-03` (upper or lower case letters).
    public init?(_ text: String) {
        let s = text.uppercased()
        let b = Array(s.utf8)
        guard b.count >= 4, let y = Day.digits(b[0..<4]) else { return nil }
        if b.count == 4 { self.init(year: y, length: .year, index: 1); return }
        if b.count == 6, b[4] == UInt8(ascii: "H"), let i = Day.digits(b[5..<6]) { self.init(year: y, length: .half, index: i); return }
        if b.count == 6, b[4] == UInt8(ascii: "Q"), let i = Day.digits(b[5..<6]) { self.init(year: y, length: .quarter, index: i); return }
        if b.count == 7, b[4] == UInt8(ascii: "-"), let i = Day.digits(b[5..<7]) { self.init(year: y, length: .month, index: i); return }
        return nil
    }

    public var text: String {
        switch length {
        case .year: return Day.pad(year, 4)
        case .half: return Day.pad(year, 4) + "H\(index)"
        case .quarter: return Day.pad(year, 4) + "Q\(index)"
        case .month: return Day.pad(year, 4) + "-" + Day.pad(index, 2)
        }
    }
    public var description: String { text }

    public var firstMonth: Int { (index - 1) * length.rawValue + 1 }
    public var start: Day { Day(year: year, month: firstMonth, day: 1)! }
    public var end: Day {
        let m = firstMonth + length.rawValue - 1
        return Day(year: year, month: m, day: Day.daysIn(month: m, year: year))!
    }

    /// The previous period of the same length (2024 → 2023, 2024H1 → 2023H2, 2024-01 → 2023-12).
    public var previous: Period {
        if index > 1 { return Period(year: year, length: length, index: index - 1)! }
        return Period(year: year - 1, length: length, index: 12 / length.rawValue)!
    }

    /// The period as computed on `asOf`: nil when it starts after it; else its bounds, clipped.
    public func clipped(asOf: Day) -> ClippedPeriod? {
        guard start <= asOf else { return nil }
        let e = min(end, asOf)
        return ClippedPeriod(period: self, start: start, end: e, provisional: end > asOf)
    }

    /// Expands the `periods` setting of a pipeline: keywords `year`, `halves`, `quarters` of the
    /// as-of year mixed with explicit periods; duplicates dropped, order kept.
    public static func expand(_ items: [String], asOf: Day) -> Result<[Period], ValueError> {
        var out: [Period] = []
        let y = asOf.year
        for item in items {
            switch item.lowercased() {
            case "year": out.append(Period(year: y, length: .year, index: 1)!)
            // The whole calendar year before the as-of year: a run on 4 January keeps the year just closed.
            case "previous_year": out.append(Period(year: y - 1, length: .year, index: 1)!)
            case "halves": out += (1...2).map { Period(year: y, length: .half, index: $0)! }
            case "quarters": out += (1...4).map { Period(year: y, length: .quarter, index: $0)! }
            case "months": out += (1...12).map { Period(year: y, length: .month, index: $0)! }
            default:
                guard let p = Period(item) else { return .failure(ValueError(.C19, "not a period: \(item)", Phrase(pl: "to nie okres: \(item)", en: "not a period: \(item)"))) }
                out.append(p)
            }
        }
        var seen = Set<Period>()
        return .success(out.filter { seen.insert($0).inserted })
    }

    public static func < (a: Period, b: Period) -> Bool { a.text < b.text }
}

/// A period with its as-of clipping applied: all day counts run over [start, end], both inclusive.
public struct ClippedPeriod: Hashable, Sendable {
    public let period: Period
    public let start: Day
    public let end: Day
    /// True when the period ends after the as-of date (its values are `provisional`).
    public let provisional: Bool
    public var days: Int { end - start + 1 }
}
