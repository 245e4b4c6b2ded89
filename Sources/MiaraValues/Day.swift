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
        guard (0...9999).contains(c.year) else { return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2) }
        // Ten ASCII bytes written in place: a small string, no allocation (ingest makes one per date cell).
        return String(unsafeUninitializedCapacity: 10) { b in
            Day.put(c.year, 4, into: b, at: 0); b[4] = UInt8(ascii: "-")
            Day.put(c.month, 2, into: b, at: 5); b[7] = UInt8(ascii: "-")
            Day.put(c.day, 2, into: b, at: 8)
            return 10
        }
    }

    /// Writes `v` (0 ≤ v < 10^width) as `width` decimal digits, zero-padded.
    @inline(__always) static func put(_ v: Int, _ width: Int, into b: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var v = v
        for i in stride(from: start + width - 1, through: start, by: -1) { b[i] = UInt8(48 + v % 10); v /= 10 }
    }
    public var description: String { iso }

    /// Parses strict ISO `YYYY-MM-DD`.
    public init?(iso s: String) {
        guard s.utf8.count == 10, let d = UTF8Bytes.with(s, { Day(isoBytes: $0) }) else { return nil }
        self = d
    }

    /// Parses the input forms of SPEC 1.3: `YYYY-MM-DD` or `DD.MM.YYYY`.
    public init?(input s: String) {
        guard s.utf8.count == 10, let d = UTF8Bytes.with(s, { Day(isoBytes: $0) ?? Day(dottedBytes: $0) }) else { return nil }
        self = d
    }

    /// `YYYY-MM-DD` from ten bytes.
    private init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2), let d = Day.digits(b, 8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `DD.MM.YYYY` from ten bytes.
    private init?(dottedBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[2] == UInt8(ascii: "."), b[5] == UInt8(ascii: "."),
              let d = Day.digits(b, 0, 2), let m = Day.digits(b, 3, 2), let y = Day.digits(b, 6, 4) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The decimal value of `count` digit bytes from `start`; nil when one is not a digit.
    @inline(__always) static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
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
        s.withUnsafeBufferPointer { digits($0, 0, $0.count) }
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
        guard s.utf8.count == 7, let m = UTF8Bytes.with(s, { b -> Month? in
            if b[4] == UInt8(ascii: "-"), let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2) { return Month(year: y, month: m) }
            if b[2] == UInt8(ascii: "."), let m = Day.digits(b, 0, 2), let y = Day.digits(b, 3, 4) { return Month(year: y, month: m) }
            return nil
        }) else { return nil }
        self = m
    }
    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }
    public var text: String {
        // Seven ASCII bytes written in place (year and month are in range by construction).
        String(unsafeUninitializedCapacity: 7) { b in
            Day.put(year, 4, into: b, at: 0); b[4] = UInt8(ascii: "-"); Day.put(month, 2, into: b, at: 5)
            return 7
        }
    }
    public var description: String { text }
    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
