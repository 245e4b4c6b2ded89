import Foundation
import MiaraStore
import MiaraValues

/// A measure that could not be computed: its code, the SQL file and what went wrong.
public struct MeasureEngineError: Error, CustomStringConvertible {
    public let measure: MeasureCode
    public let file: String
    public let message: String
    public init(measure: MeasureCode, file: String, message: String) {
        self.measure = measure; self.file = file; self.message = message
    }
    public var description: String { "measure \(measure.raw) (\(file)): \(message)" }
}

/// Runs the catalogue's SQL over the store and turns result rows into `MeasureRow`s (SPEC 4–6).
///
/// Each measure's query runs once per period that starts on or before the as-of date (a period
/// that starts after it gives no rows). Named parameters bound per period:
/// `:s`, `:e` the clipped period's first and last day (ISO text), `:ps`, `:pe` the unclipped
/// bounds, `:asof`, `:year` (the period's year, integer) and `:days` (the clipped day count).
/// The query returns the columns, by position: `grain, unit_id, facility_type, dimension,
/// numerator, denominator, n, value` and optionally a ninth, `sd`. A NULL `value` is
/// numerator ÷ denominator; a zero or NULL denominator gives no value and `no_denominator`.
/// Every row of a clipped period is `provisional`; rows of grains the catalogue does not list for
/// the measure are dropped. The result is sorted by `MeasureRow.sortKey`.
public enum MeasureEngine {
    /// The parameter names a measure query may use, in the order of their `?N` numbers.
    public static let parameterNames = ["s", "e", "ps", "pe", "asof", "year", "days"]

    /// - Parameter timing: called after each measure with its code, rows and seconds.
    public static func compute(db: SQLiteDatabase, catalogue: MeasureCatalogue, periods: [Period], asOf: Day,
                               standard: Standard, timing: ((MeasureCode, Int, Double) -> Void)? = nil) throws -> [MeasureRow] {
        try QualityStandardTables.install(standard, into: db)
        var seen = Set<Period>()
        let clipped = periods.filter { seen.insert($0).inserted }.compactMap { $0.clipped(asOf: asOf) }
        var rows: [MeasureRow] = []
        for def in catalogue.definitions {
            let t0 = Date()
            let r = try compute(db: db, definition: def, periods: clipped, asOf: asOf)
            timing?(def.code, r.count, Date().timeIntervalSince(t0))
            rows += r
        }
        return rows.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) { a, b in a.utf8.lexicographicallyPrecedes(b.utf8) } }
    }

    /// One measure over already clipped periods.
    public static func compute(db: SQLiteDatabase, definition def: MeasureDefinition, periods: [ClippedPeriod],
                               asOf: Day) throws -> [MeasureRow] {
        func fail(_ message: String) -> MeasureEngineError {
            MeasureEngineError(measure: def.code, file: def.sqlURL.path, message: message)
        }
        guard let text = def.sqlText else {
            throw fail("the SQL file \(def.sqlPath) does not exist (catalogue entry `sql` of \(def.code.raw))")
        }
        let sql: String, used: Int
        do { (sql, used) = try numberParameters(text) } catch let e as UnknownParameter {
            throw fail("unknown parameter :\(e.name) (known: \(parameterNames.map { ":" + $0 }.joined(separator: " ")))")
        }
        let st: Statement
        do { st = try db.prepare(sql) } catch { throw fail("\(error)") }
        guard st.columnCount >= 8 else {
            throw fail("the query returns \(st.columnCount) columns; expected grain, unit_id, facility_type, dimension, numerator, denominator, n, value [, sd]")
        }
        let grains = Set(def.grains)
        var rows: [MeasureRow] = []
        for p in periods {
            do {
                try st.bind(Array(parameters(p, asOf: asOf).prefix(used)))
                while try st.step() {
                    guard let g = st.string(0), let grain = Grain(rawValue: g) else {
                        throw fail("a result row has the unknown grain `\(st.string(0) ?? "NULL")`")
                    }
                    guard grains.contains(grain) else { continue }
                    rows.append(row(st, definition: def, period: p, grain: grain))
                }
            } catch let e as MeasureEngineError { throw e } catch { throw fail("\(error)") }
        }
        return rows
    }

    static func row(_ st: Statement, definition def: MeasureDefinition, period p: ClippedPeriod, grain: Grain) -> MeasureRow {
        let numerator = finite(st.double(4))
        let denominator = finite(st.double(5))
        var value = finite(st.double(7))
        if value == nil, let n = numerator, let d = denominator, d != 0 { value = finite(n / d) }
        var flags: Set<MeasureFlag> = []
        if p.provisional { flags.insert(.provisional) }
        if value == nil { flags.insert(.no_denominator) }
        return MeasureRow(
            measure: def.code, period: p.period, grain: grain, unitID: st.string(1) ?? "",
            facilityType: st.string(2) ?? "", dimension: st.string(3) ?? "", value: value,
            numerator: numerator, denominator: denominator, n: st.double(6).map { Int($0) },
            unit: def.unit, flags: flags, sd: st.columnCount > 8 ? finite(st.double(8)) : nil)
    }

    static func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }

    /// The values of `parameterNames` for one period, as `?1`…`?7`.
    public static func parameters(_ p: ClippedPeriod, asOf: Day) -> [SQLValue] {
        [.text(p.start.iso), .text(p.end.iso), .text(p.period.start.iso), .text(p.period.end.iso),
         .text(asOf.iso), .integer(Int64(p.period.year)), .integer(Int64(p.days))]
    }

    struct UnknownParameter: Error { let name: String }

    /// Rewrites `:name` parameters as `?N` (N = position in `parameterNames`), leaving string
    /// literals, quoted identifiers and comments alone; also returns the highest N used (SQLite
    /// refuses a binding beyond it).
    static func numberParameters(_ sql: String) throws -> (sql: String, count: Int) {
        let b = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        var used = 0
        func isIdent(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122) }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "`") {
                var j = i + 1
                while j < b.count {
                    if b[j] == c { if j + 1 < b.count && b[j + 1] == c { j += 2; continue }; break }
                    j += 1
                }
                let end = min(j + 1, b.count)
                out += b[i..<end]; i = end
            } else if c == UInt8(ascii: "-"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "-") {
                var j = i
                while j < b.count && b[j] != 10 { j += 1 }
                out += b[i..<j]; i = j
            } else if c == UInt8(ascii: "/"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "*") {
                var j = i + 2
                while j + 1 < b.count && !(b[j] == UInt8(ascii: "*") && b[j + 1] == UInt8(ascii: "/")) { j += 1 }
                let end = min(j + 2, b.count)
                out += b[i..<end]; i = end
            } else if c == UInt8(ascii: ":"), i + 1 < b.count, isIdent(b[i + 1]), !(b[i + 1] >= 48 && b[i + 1] <= 57) {
                var j = i + 1
                while j < b.count && isIdent(b[j]) { j += 1 }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                guard let k = parameterNames.firstIndex(of: name) else { throw UnknownParameter(name: name) }
                out += Array("?\(k + 1)".utf8); i = j
                used = max(used, k + 1)
            } else {
                out.append(c); i += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), used)
    }
}
