/// A calendar day as the number of days since 1970-01-01 (proleptic Gregorian).
///
/// Dates are stored as ISO text; `Day` is the arithmetic form used for periods and day counts.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let ordinal: Int
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Builds a day from a valid year, month and day; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// (year, month, day) of this day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }

    /// ISO `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }
    public var description: String { iso }

    /// Parses strict ISO `YYYY-MM-DD`.
    public init?(iso s: String) {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Day.digits(b[0..<4]), let m = Day.digits(b[5..<7]), let d = Day.digits(b[8..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses the input forms of SPEC 1.3: `YYYY-MM-DD` or `DD.MM.YYYY`.
    public init?(input s: String) {
        if let d = Day(iso: s) { self = d; return }
        let b = Array(s.utf8)
        guard b.count == 10, b[2] == UInt8(ascii: "."), b[5] == UInt8(ascii: "."),
              let d = Day.digits(b[0..<2]), let m = Day.digits(b[3..<5]), let y = Day.digits(b[6..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// An Excel serial date (1899-12-30 epoch); the fraction (time of day) is dropped.
    public init?(excelSerial v: Double) {
        guard v.isFinite, v >= 1, v < 2_958_466 else { return nil }
        ordinal = Int(v.rounded(.down)) - 25569
    }

    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }
    public static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func digits(_ s: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for c in s {
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// A calendar month, stored as `YYYY-MM`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }
    /// Parses `YYYY-MM` or `MM.YYYY`.
    public init?(input s: String) {
        let b = Array(s.utf8)
        guard b.count == 7 else { return nil }
        if b[4] == UInt8(ascii: "-"), let y = Day.digits(b[0..<4]), let m = Day.digits(b[5..<7]) {
            self.init(year: y, month: m)
        } else if b[2] == UInt8(ascii: "."), let m = Day.digits(b[0..<2]), let y = Day.digits(b[3..<7]) {
            self.init(year: y, month: m)
        } else { return nil }
    }
    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }
    public var text: String { Day.pad(year, 4) + "-" + Day.pad(month, 2) }
    public var description: String { text }
    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
