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
/// numerator ÷ denominator (unless the catalogue says `value: query`); a zero or NULL denominator
/// gives no value and `no_denominator`.
/// Every row of a clipped period is `provisional`; rows of grains the catalogue does not list for
/// the measure are dropped. The result is sorted by `MeasureRow.sortKey`.
public enum MeasureEngine {
    /// The parameter names a measure query may use, in the order of their `?N` numbers.
    public static let parameterNames = ["s", "e", "ps", "pe", "asof", "year", "days"]

    /// - Parameters:
    ///   - parallelism: connections that run measure queries at once; beyond the first, read-only
    ///     connections to the same store file (WAL readers see the same committed data). Work is
    ///     handed out per (measure, period) and gathered in catalogue order, so the result does not
    ///     depend on it. An in-memory store runs on `db` alone.
    ///   - snapshot: connections already reading one snapshot of the store; used instead of
    ///     opening readers (`parallelism` is then their number).
    ///   - timing: called after all measures, once per measure in catalogue order, with its code,
    ///     rows and the seconds its queries took (summed over periods and connections).
    public static func compute(db: SQLiteDatabase, catalogue: MeasureCatalogue, periods: [Period], asOf: Day,
                               standard: Standard, parallelism: Int = 1, snapshot: StoreSnapshot? = nil,
                               timing: ((MeasureCode, Int, Double) -> Void)? = nil) throws -> [MeasureRow] {
        var connections = [db]
        if let snapshot {
            connections = snapshot.connections   // one read snapshot over all of them
        } else if db.path != ":memory:" && !db.path.isEmpty {
            for _ in 1..<max(1, parallelism) {
                let reader = try SQLiteDatabase(path: db.path, readOnly: true)
                try reader.execute("PRAGMA cache_size = -65536")
                connections.append(reader)
            }
        }
        for c in connections { try QualityStandardTables.install(standard, into: c) }
        var seen = Set<Period>()
        let clipped = periods.filter { seen.insert($0).inserted }.compactMap { $0.clipped(asOf: asOf) }
        let jobs = catalogue.definitions.flatMap { def in clipped.map { (definition: def, period: $0) } }
        let done = JobResults(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: connections.count) { worker in
            let conn = connections[worker]
            while let i = done.claim() {
                let t0 = Date()
                let r = Result { try compute(db: conn, definition: jobs[i].definition, periods: [jobs[i].period], asOf: asOf) }
                done.store(i, r, seconds: Date().timeIntervalSince(t0))
            }
        }
        // The failure of the lowest job index is always recorded (every lower job was claimed
        // before it and ran to the end), so the error reported does not depend on scheduling.
        for r in done.results { if case .failure(let e)? = r { throw e } }
        var rows: [MeasureRow] = []
        var k = 0
        for def in catalogue.definitions {
            var n = 0, seconds = 0.0
            for _ in clipped {
                let part = try done.results[k]!.get()
                n += part.count; seconds += done.seconds[k]; rows += part
                k += 1
            }
            timing?(def.code, n, seconds)
        }
        done.results.removeAll()   // the parts are copied into `rows`; free them before sorting
        rows.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) { a, b in a.utf8.lexicographicallyPrecedes(b.utf8) } }
        return rows
    }

    /// The shared state of the workers: the next job to claim and each job's result.
    final class JobResults: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var failed = false
        var results: [Result<[MeasureRow], Error>?]
        var seconds: [Double]
        init(count: Int) {
            results = Array(repeating: nil, count: count); seconds = Array(repeating: 0, count: count)
        }
        /// The next job's index, or nil when all are taken or one has failed.
        func claim() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < results.count, !failed else { return nil }
            next += 1
            return next - 1
        }
        func store(_ i: Int, _ r: Result<[MeasureRow], Error>, seconds s: Double) {
            lock.lock(); defer { lock.unlock() }
            results[i] = r; seconds[i] = s
            if case .failure = r { failed = true }
        }
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
        // A measure reads the store; a statement that would change it is refused before it runs.
        guard st.isReadOnly else { throw fail("the query would change the store; a measure query may only read") }
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
        if value == nil, !def.valueFromQuery, let n = numerator, let d = denominator, d != 0 { value = finite(n / d) }
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
