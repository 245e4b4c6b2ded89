import MiaraValues

/// A number as SQLite's arithmetic holds it (an integer or a real), with SQLite's operators: the
/// roll-up computes its columns in Swift and must give the values SQLite's `sum`, `avg` and
/// arithmetic give, bit for bit (integer division stays integer; an integer overflow goes real).
enum SQLNumber: Equatable {
    case int(Int64)
    case real(Double)

    var double: Double {
        switch self {
        case .int(let i): return Double(i)
        case .real(let r): return r
        }
    }

    /// `a + b`, `a - b`, `a * b`; nil (NULL) only when a real result is NaN.
    static func add(_ a: SQLNumber, _ b: SQLNumber) -> SQLNumber? {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .int(r) }
        }
        return checked(a.double + b.double)
    }

    static func subtract(_ a: SQLNumber, _ b: SQLNumber) -> SQLNumber? {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .int(r) }
        }
        return checked(a.double - b.double)
    }

    static func multiply(_ a: SQLNumber, _ b: SQLNumber) -> SQLNumber? {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .int(r) }
        }
        return checked(a.double * b.double)
    }

    /// `a / b`: NULL for a zero divisor; integer division (towards zero) for two integers.
    static func divide(_ a: SQLNumber, _ b: SQLNumber) -> SQLNumber? {
        if case .int(let x) = a, case .int(let y) = b {
            if y == 0 { return nil }
            if !(y == -1 && x == .min) { return .int(x / y) }
        }
        if b.double == 0 { return nil }
        return checked(a.double / b.double)
    }

    /// `max(0, a)`: a when it is above 0, else the integer 0 (the first of equal arguments).
    static func maxZero(_ a: SQLNumber) -> SQLNumber { a.double > 0 || a.isPositiveInt ? a : .int(0) }

    private var isPositiveInt: Bool { if case .int(let i) = self { return i > 0 }; return false }

    private static func checked(_ r: Double) -> SQLNumber? { r.isNaN ? nil : SQLNumber.real(r) }
}

/// SQLite's `sum`, `total` and `avg` accumulator: an exact integer sum while every value is an
/// integer, and alongside it a real sum adding each value (integers converted) in the order given.
struct SQLSum {
    private(set) var count = 0
    private var realSum = 0.0
    private var intSum: Int64 = 0
    private var approximate = false
    private var overflow = false

    mutating func add(_ v: SQLNumber) {
        count += 1
        switch v {
        case .int(let i):
            realSum += Double(i)
            if !approximate && !overflow {
                let (r, o) = intSum.addingReportingOverflow(i)
                if o { approximate = true; overflow = true } else { intSum = r }
            }
        case .real(let r):
            realSum += r
            approximate = true
        }
    }

    /// The error SQLite raises when an all-integer sum overflows (the engine gives it as a
    /// measure's failure's cause).
    static var overflow: MiaraError {
        MiaraError(.integerOverflow, FileText.integerOverflow)
    }

    /// `sum(…)`: nil (NULL) without values; an integer when every value was one.
    func sum() throws -> SQLNumber? {
        guard count > 0 else { return nil }
        if overflow { throw Self.overflow }
        return approximate ? .real(realSum) : .int(intSum)
    }

    /// `avg(…)`: nil (NULL) without values.
    var average: Double? { count > 0 ? realSum / Double(count) : nil }
}
