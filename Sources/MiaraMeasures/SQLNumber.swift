import MiaraStore
import MiaraValues

/// A number as SQLite's arithmetic holds it (an integer or a real), with SQLite's operators: the
/// roll-up computes its columns in Swift and must give the values SQLite's `sum`, `avg` and
/// arithmetic give, bit for bit (integer division stays integer; an integer overflow goes real).
enum SQLNumber: Equatable {
    case int(Int64)
    case real(Double)

    /// A column value as SQLite's numeric aggregates take it (`Statement.numeric`): nil for NULL.
    init?(numeric v: SQLValue) {
        switch v {
        case .integer(let i): self = .int(i)
        case .real(let x): self = .real(x)
        default: return nil
        }
    }

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
/// integer, and alongside it a real sum adding each value (integers converted) in the order given —
/// or, made `exact`, the exact sum of the values (`ExactSum`) rounded once when read, the same
/// whatever their order and however they were split into parts and merged (`merge`): what a
/// measure rolled up from months needs (decision 193).
struct SQLSum: Sendable {
    private(set) var count = 0
    private var realSum = 0.0
    private var exactSum: ExactSum?
    private var intSum: Int64 = 0
    private var approximate = false
    private var overflow = false

    init(exact: Bool = false) { exactSum = exact ? ExactSum() : nil }

    mutating func add(_ v: SQLNumber) {
        count += 1
        if exactSum != nil {
            // Order-free: the integers' exact sum (its overflow an error unless a real came at all).
            exactSum!.add(v.double)
            switch v {
            case .int(let i):
                if !overflow { let (r, o) = intSum.addingReportingOverflow(i); if o { overflow = true } else { intSum = r } }
            case .real: approximate = true
            }
            return
        }
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

    /// Adds every value `other` (exact, as this one) was given, as if they had been added here.
    mutating func merge(_ other: SQLSum) {
        precondition(exactSum != nil && other.exactSum != nil, "only exact sums merge")
        count += other.count
        exactSum!.add(other.exactSum!)
        approximate = approximate || other.approximate
        if !overflow {
            if other.overflow { overflow = true } else {
                let (r, o) = intSum.addingReportingOverflow(other.intSum)
                if o { overflow = true } else { intSum = r }
            }
        }
    }

    /// The error SQLite raises when an all-integer sum overflows (the engine gives it as a
    /// measure's failure's cause).
    static var overflow: MiaraError {
        MiaraError(.integerOverflow, FileText.integerOverflow)
    }

    private var real: Double { exactSum?.value ?? realSum }

    /// `sum(…)`: nil (NULL) without values; an integer when every value was one (an exact sum:
    /// a real among the values makes it real, whatever the order it came in).
    func sum() throws -> SQLNumber? {
        guard count > 0 else { return nil }
        if exactSum != nil {
            if approximate { return .real(real) }
            if overflow { throw Self.overflow }
            return .int(intSum)
        }
        if overflow { throw Self.overflow }
        return approximate ? .real(realSum) : .int(intSum)
    }

    /// `avg(…)`: nil (NULL) without values.
    var average: Double? { count > 0 ? real / Double(count) : nil }
}

/// The exact sum of finite reals, kept as non-overlapping partials (Shewchuk's algorithm, as
/// Python's `math.fsum`) and rounded once, to nearest with ties to even, when read: the same bits
/// whatever the order of the values and however they were grouped.
struct ExactSum: Sendable, Equatable {
    /// Non-overlapping, increasing in magnitude; their exact sum is the sum of the finite values.
    private(set) var partials: [Double] = []
    /// The naive sum of the values that are not finite (or whose running sum overflowed): an
    /// infinity or NaN, as adding them in any order gives.
    private var special: Double?

    mutating func add(_ value: Double) {
        guard value.isFinite else { special = (special ?? 0) + value; return }
        var x = value
        var kept = 0
        for j in partials.indices {
            var y = partials[j]
            if abs(x) < abs(y) { swap(&x, &y) }
            let hi = x + y
            guard hi.isFinite else { special = (special ?? 0) + hi; return }
            let lo = y - (hi - x)
            if lo != 0 { partials[kept] = lo; kept += 1 }
            x = hi
        }
        partials.removeSubrange(kept...)
        partials.append(x)
    }

    /// Adds the values `other` was given.
    mutating func add(_ other: ExactSum) {
        for p in other.partials { add(p) }
        if let s = other.special { special = (special ?? 0) + s }
    }

    /// The exact sum rounded to the nearest double (ties to even); 0 without values.
    var value: Double {
        if let special { return special }
        var n = partials.count
        guard n > 0 else { return 0 }
        n -= 1
        var hi = partials[n], lo = 0.0
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials[n]
            hi = x + y
            lo = y - (hi - x)
            if lo != 0 { break }
        }
        // Half-way cases: the partials below decide the direction of the rounding.
        if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
            let y = lo * 2, x = hi + y
            if y == x - hi { hi = x }
        }
        return hi
    }
}
