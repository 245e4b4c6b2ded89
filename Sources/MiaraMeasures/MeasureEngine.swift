import Foundation
import MiaraStore
import MiaraValues


/// Runs the catalogue over the store and turns its rows into `MeasureRow`s.
///
/// Each measure file returns its contributions (`Contribution.columns`: one row per stored record
/// that counts); the engine attributes them to every grain the catalogue names, aggregates them as
/// the catalogue says (`Rollup`) and joins them to the units that get a row. It runs once per
/// measure and period that starts on or before the as-of date, with the named parameters
/// `:s`, `:e` (the clipped period's first and last day, ISO text), `:ps`, `:pe` (the unclipped
/// bounds), `:asof`, `:year` (the period's year), `:days` (the clipped day count), `:group` (the
/// entry's survey group) and the entry's own `parameters`. A measure with `clip: settled` (the
/// cost-based ones, SPEC 5) gets its period clipped at the settled date (`ClipDates`) instead:
/// `:s`, `:e`, `:days` and the units that get a row follow that clipping. The shared relations
/// (`SharedRelations`) are built once per period and clipping on each connection before its
/// measures run.
/// Under `value: ratio` the value is numerator ÷ denominator (no value, `no_denominator`, when the
/// denominator is 0 or unknown). Every row of a clipped period is `provisional` (for a settled
/// measure: a period that ends after the settled date). The result is
/// sorted by `MeasureRow.sortKey`.
public enum MeasureEngine {
    /// The parameter names the engine binds for every measure, in the order of their `?N` numbers.
    public static let parameterNames = ["s", "e", "ps", "pe", "asof", "year", "days", "group"]

    /// The page cache of each connection while measures run, in KiB.
    static let computeCacheKiB = 16384

    /// - Parameters:
    ///   - measures: the store's measures scope (`Store.measures(readers:)`): its connections
    ///     read one snapshot of the store and run measure queries at once. Work is handed out per
    ///     (period, measure) and gathered in catalogue order, so the result does not depend on
    ///     their number.
    ///   - timing: called after all measures, once per measure in catalogue order, with its code,
    ///     rows and the seconds its queries took (summed over periods and connections).
    ///   - costLagDays: the pipeline's `cost_lag_days`, which places the settled date (`ClipDates`):
    ///     measures with `clip: settled` run over their period clipped there, not at `asOf`, and a
    ///     period that starts after it has no rows of them.
    ///   - results: the store's derived state (`MeasureResultCache`): an (entry, period) whose
    ///     inputs are those of its stored rows takes them instead of running its queries; the
    ///     others run and are kept in it (the caller stores them with `save`).
    ///   - everyGrain: the periods whose rows are returned at every grain; the others' rows only
    ///     at the municipality grain (what benchmarking's `delta_prev` and the plans read of a
    ///     previous period), so a national night does not hold rows publication drops. Nil: every
    ///     period at every grain. The results kept in `results` are whole either way.
    public static func compute(_ measures: MeasureConnections, catalogue: MeasureCatalogue, periods: [Period], asOf: Day,
                               costLagDays: Int = 0, standard: Standard, results: MeasureResultCache? = nil,
                               everyGrain: Set<Period>? = nil,
                               timing: ((MeasureCode, Int, Double) -> Void)? = nil) throws -> [MeasureRow] {
        // One read snapshot over all of them; the scope keeps their TEMP data in temporary files
        // (contributions are materialised per (measure, period) and spill past the page cache).
        let connections = measures.connections
        // The store's relations are built when a measure that reads them runs (most nights, none).
        for c in connections { try prepare(c, standard: standard, storeRelations: false) }
        // Each connection's page cache also bounds the memory of its sorts before they spill to
        // temporary files: a smaller one while computing keeps the peak down (the store's pages
        // stay in the operating system's cache); each connection gets its own back afterwards.
        let cacheSizes = try connections.map { try $0.scalar("PRAGMA cache_size")?.int ?? -2000 }
        for c in connections { try c.execute("PRAGMA cache_size = -\(computeCacheKiB)") }
        defer {
            for (c, size) in zip(connections, cacheSizes) {
                // Restoring cache sizes after the measures: a failure leaves a larger cache, never a wrong value.
                try? c.execute("PRAGMA cache_size = \(size)")
                try? c.execute("PRAGMA shrink_memory")   // the measures' pages are not needed afterwards
            }
        }
        var seen = Set<Period>()
        let dates = ClipDates(asOf: asOf, costLagDays: costLagDays)
        let clipped = periods.filter { seen.insert($0).inserted }.compactMap { $0.clipped(asOf: asOf) }
        let defs = catalogue.definitions
        // Within a period, the measures clipped at the as-of date run first, then those clipped at
        // the settled date: the shared relations are rebuilt only where the two clippings differ.
        let runOrder = defs.indices.sorted { a, b in
            defs[a].clip != defs[b].clip ? defs[a].clip == .asOf : a < b
        }
        // Jobs of a period's measures: the connection that takes one builds the shared relations
        // its measures read once per clipping and runs them. The longest periods are handed out
        // first so the connections finish together; results are kept by (period, measure) and
        // gathered in catalogue order, so the result does not depend on the scheduling.
        let byLength = clipped.indices.sorted { clipped[$0].days != clipped[$1].days ? clipped[$0].days > clipped[$1].days : $0 < $1 }
        // The shared relations each measure reads: built for a period when a measure that reads
        // them runs in it (a measure taken from the store reads none).
        let needs = defs.map { SharedRelations.relations(readBy: Self.queryTexts($0) + [Rollup.unitsSQL($0)]) }
        // Each period's measures in two jobs: those of the surveys (the measures that read the
        // responses' scores, and no other shared relation) and the others. Every period's other
        // measures are handed out first, then the surveys': the last jobs, which run while the
        // other connection has nothing left, are short (with one job per period, the last period
        // kept one core busy for 2 s of a national night while the other idled).
        let readsScores = { (d: Int) in needs[d].contains(.responseScores) }
        let surveys = runOrder.filter(readsScores), others = runOrder.filter { !readsScores($0) }
        let order = (byLength.map { (period: $0, measures: others) } + byLength.map { (period: $0, measures: surveys) })
            .filter { !$0.measures.isEmpty }
        // The entries rolled up from months (`months: true`): each month that a period not taken
        // from the store reads is accumulated once, before the periods (`MonthRollup`).
        var pending: [(entry: Int, period: ClippedPeriod)] = []
        for c in clipped {
            for d in defs.indices where defs[d].months {
                guard let cp = defs[d].clipped(c.period, at: dates) else { continue }
                if let results, results.holds(index: d, definition: defs[d], period: cp) { continue }
                pending.append((d, cp))
            }
        }
        let monthJobs = MonthRollup.jobs(pending)
        var monthParts = WorkPool.map(monthJobs, workers: connections) { conn, job in
            MonthRollup.run(job, definitions: defs, needs: needs, asOf: asOf, on: conn)
        }
        var months = [[ClippedPeriod: Result<RollupAccumulator, Error>]](repeating: [:], count: defs.count)
        var monthSeconds = [Double](repeating: 0, count: defs.count)
        for (j, part) in monthParts.enumerated() {
            // `run` returns every failure inside its results.
            guard case .success(let byEntry) = part else { continue }
            for (d, r) in byEntry { months[d][monthJobs[j].month] = r.accumulator; monthSeconds[d] += r.seconds }
        }
        monthParts = []
        let monthly = months
        // A month's services rows are summed once for every period and connection that reads them.
        let serviceMonths = ServiceMonthSums()
        // Each period's parts by catalogue index, with their seconds.
        var periodParts = WorkPool.map(order, workers: connections) { conn, job in
            let p = job.period
            var out = [(rows: Result<[MeasureRow], Error>, seconds: Double)?](repeating: nil, count: defs.count)
            let municipalOnly = everyGrain.map { !$0.contains(clipped[p].period) } ?? false
            var built = SharedRelations.Built(serviceMonths: serviceMonths)
            for d in job.measures {
                let t0 = Date()
                let r = Result { () throws -> [MeasureRow] in
                    // A period that starts after the measure's clipping day has no rows of it.
                    guard let cp = defs[d].clipped(clipped[p].period, at: dates) else { return [] }
                    if let results, let rows = try results.reuse(conn, index: d, definition: defs[d], period: cp) { return rows }
                    // Its contributions: merged from its months, or one query over the period.
                    let acc: RollupAccumulator
                    if defs[d].months, let merged = try MonthRollup.merged(defs[d], cp, from: monthly[d]) {
                        acc = merged
                        // Its rows read the store's relations (a survey measure's dimensions read
                        // `answered_items`), which its months may have built on another connection.
                        try built.ensure(needs[d].intersection([.answeredItems]), for: cp, on: conn)
                    } else {
                        try built.ensure(needs[d], for: cp, on: conn)
                        acc = try MeasureEngine.accumulate(db: conn, definition: defs[d], period: cp, asOf: asOf)
                    }
                    // Each part sorted here, on its worker: the parts then only need ordering.
                    let rows = try MeasureEngine.rows(db: conn, definition: defs[d], period: cp, asOf: asOf, accumulated: acc)
                        .sorted(by: MeasureRow.precedes)
                    try results?.record(conn, index: d, definition: defs[d], period: cp, rows: rows)
                    return rows
                }
                out[d] = (municipalOnly ? r.map { $0.filter { $0.grain == .municipality } } : r, Date().timeIntervalSince(t0))
            }
            return out
        }
        var done = JobResults(count: clipped.count * defs.count)
        for (j, job) in order.enumerated() {
            for (d, part) in (try periodParts[j].get()).enumerated() {
                guard let part else { continue }
                done.results[job.period * defs.count + d] = part.rows; done.seconds[job.period * defs.count + d] = part.seconds
            }
        }
        periodParts = []   // the rows are held once, in `done`, and freed part by part below
        // Every job has run: the failure reported is the first in (period, catalogue) order,
        // whatever the scheduling.
        for r in done.results { if case .failure(let e)? = r { throw e } }
        var counts = [Int](repeating: 0, count: defs.count), seconds = monthSeconds
        var total = 0
        for k in done.results.indices {
            // Every failure was thrown above: each result here is a success.
            let n = (try? done.results[k]!.get())?.count ?? 0
            counts[k % defs.count] += n; seconds[k % defs.count] += done.seconds[k]; total += n
        }
        for d in defs.indices { timing?(defs[d].code, counts[d], seconds[d]) }
        // A part holds one measure and one period, sorted: ordered by (code, period), bytewise as
        // the row keys, their concatenation is sorted without sorting all rows again (a code the
        // catalogue names twice falls back to one sort of everything).
        let distinctCodes = Set(defs.map(\.code)).count == defs.count
        let parts = (0..<done.results.count).sorted { a, b in
            let byCode = defs[a % defs.count].code.raw.bytewiseCompare(defs[b % defs.count].code.raw)
            if byCode != 0 { return byCode < 0 }
            let byPeriod = clipped[a / defs.count].period.text.bytewiseCompare(clipped[b / defs.count].period.text)
            return byPeriod != 0 ? byPeriod < 0 : a < b
        }
        var rows: [MeasureRow] = []
        rows.reserveCapacity(total)
        for k in parts {
            rows += try done.results[k]!.get()
            done.results[k] = nil   // each part is freed once copied
        }
        if !distinctCodes { rows.sort(by: MeasureRow.precedes) }
        return rows
    }

    /// Installs what measure statements read besides the store on a connection: the standard's
    /// tables, the code lists and the period-independent shared relations.
    public static func prepare(_ db: MeasureConnection, standard: Standard) throws {
        try prepare(db, standard: standard, storeRelations: true)
    }

    /// As `prepare(_:standard:)`; without `storeRelations` the period-independent shared relations
    /// are dropped, for `SharedRelations.Built` to build when a measure that reads them runs.
    static func prepare(_ db: MeasureConnection, standard: Standard, storeRelations: Bool) throws {
        try QualityStandardTables.install(standard, into: db)
        try SharedRelations.installCodeLists(into: db)
        if storeRelations { try SharedRelations.installStoreRelations(into: db) } else { try SharedRelations.dropStoreRelations(on: db) }
    }

    /// Each (period, measure) part's rows and seconds, by `period * definitions + measure`.
    struct JobResults {
        var results: [Result<[MeasureRow], Error>?]
        var seconds: [Double]
        init(count: Int) {
            results = Array(repeating: nil, count: count); seconds = Array(repeating: 0, count: count)
        }
    }

    /// One measure over already clipped periods (builds each period's shared relations; the
    /// connection must have been prepared with `prepare`).
    public static func compute(db: MeasureConnection, definition def: MeasureDefinition, periods: [ClippedPeriod],
                               asOf: Day) throws -> [MeasureRow] {
        var out: [MeasureRow] = []
        for p in periods {
            try SharedRelations.build(p, on: db)
            out += try rows(db: db, definition: def, period: p, asOf: asOf)
        }
        return out
    }

    /// The SQL texts of a measure's queries: its file, a custom value's file, a value expression.
    static func queryTexts(_ d: MeasureDefinition) -> [String] {
        var texts = [d.sqlText ?? ""]
        switch d.value {
        case .custom(_, let sql): texts.append(sql ?? "")
        case .expression(let e): texts.append(e)
        default: break
        }
        return texts
    }

    /// A measure's failure caused by `error`: an SQLite result is shown as SQLite gave it (its SQL,
    /// never the bound values), any other error as its own text.
    static func fail(_ def: MeasureDefinition, _ error: any Error) -> MiaraError {
        MiaraError(.measure, FileText.measureFailed(def.code.raw), at: MiaraError.Location(file: def.sqlURL.path),
                   cause: (error as? MiaraError)?.database ?? error)
    }

    /// A measure that could not be computed: its code and SQL file, what went wrong as the cause.
    static func fail(_ def: MeasureDefinition, _ message: String) -> MiaraError {
        MiaraError(.measure, FileText.measureFailed(def.code.raw), at: MiaraError.Location(file: def.sqlURL.path),
                   cause: MiaraError(.measure, Phrase(verbatim: message)))
    }

    /// The measure file's text, or the error that names the missing file.
    static func contributionsSQL(_ def: MeasureDefinition) throws -> String {
        guard let text = def.sqlText else {
            throw fail(def, "the SQL file \(def.sqlPath) does not exist (catalogue entry `sql` of \(def.code.raw))")
        }
        return text
    }

    /// Prepares `sql` with the measure's parameters bound for period `p`. With `leading`, the
    /// statement's first `leading` parameters (`?1`…) are the caller's to bind; the measure's
    /// parameters follow them.
    static func statement(_ db: MeasureConnection, _ sql: String, definition def: MeasureDefinition, period p: ClippedPeriod,
                          asOf: Day, leading: Int = 0) throws -> Statement {
        let names = parameterNames + def.parameters.map(\.name)
        let numbered: String, used: Int
        do {
            // Names that no `:name` can spell hold the caller's places.
            (numbered, used) = try numberParameters(sql, names: (0..<leading).map { "#\($0)" } + names)
        } catch let e as UnknownParameter {
            throw fail(def, "unknown parameter :\(e.name) (known: \(names.map { ":" + $0 }.joined(separator: " ")))")
        }
        let st: Statement
        do { st = try db.prepare(numbered) } catch { throw fail(def, error) }
        guard st.isReadOnly else { throw fail(def, "the query writes to the store; a measure may only read") }
        let values = [SQLValue](repeating: .null, count: leading) + parameters(p, asOf: asOf)
            + [def.surveyGroup.map(SQLValue.text) ?? .null] + def.parameters.map { SQLValue.text($0.value) }
        do { try st.bind(Array(values.prefix(max(used, leading)))) } catch { throw fail(def, error) }
        return st
    }

    /// The published rows of one measure for one period whose shared relations are built: the
    /// measure file's contributions rolled up (`RollupAccumulator`) and joined to the units that
    /// get a row (`Rollup.unitsSQL`).
    static func rows(db: MeasureConnection, definition def: MeasureDefinition, period p: ClippedPeriod, asOf: Day) throws -> [MeasureRow] {
        try rows(db: db, definition: def, period: p, asOf: asOf,
                 accumulated: try accumulate(db: db, definition: def, period: p, asOf: asOf))
    }

    /// The measure file's contributions for `p` (its shared relations built), accumulated.
    static func accumulate(db: MeasureConnection, definition def: MeasureDefinition, period p: ClippedPeriod,
                           asOf: Day) throws -> RollupAccumulator {
        // A statement that would change the store is refused by name before it runs.
        let contributions = try statement(db, try contributionsSQL(def), definition: def, period: p, asOf: asOf)
        guard contributions.columnCount == Contribution.columns.count else {
            throw fail(def, "the query returns \(contributions.columnCount) columns; expected \(Contribution.columns.joined(separator: ", "))")
        }
        var acc = RollupAccumulator(def)
        do { try acc.add(contributions) } catch let e as MiaraError where e.code == .measure { throw e } catch { throw fail(def, error) }
        return acc
    }

    /// The published rows of one measure for one period from its accumulated contributions (of
    /// one query over the period, or merged from its months): joined to the units that get a
    /// row, with the value rule applied.
    static func rows(db: MeasureConnection, definition def: MeasureDefinition, period p: ClippedPeriod, asOf: Day,
                     accumulated acc: RollupAccumulator) throws -> [MeasureRow] {
        let contributionsText = try contributionsSQL(def)
        // A custom value: its query's value for each (grain, unit, facility type, dimension).
        var custom: [RollupAccumulator.Key: [Double?]]?
        if case .custom(let path, let text) = def.value {
            guard let text else { throw fail(def, "the SQL file \(path) of `value` does not exist") }
            let st = try statement(db, Rollup.customSQL(contributions: contributionsText, custom: text), definition: def,
                                   period: p, asOf: asOf)
            var found: [RollupAccumulator.Key: [Double?]] = [:]
            do {
                while try st.step() {
                    guard let k = key(st) else { continue }
                    found[k, default: []].append(st.double(4))
                }
            } catch { throw fail(def, error) }
            custom = found
        }
        var expression: Statement?
        if case .expression(let e) = def.value {
            expression = try statement(db, Rollup.expressionSQL(e), definition: def, period: p, asOf: asOf,
                                       leading: Rollup.rowColumns.count)
        }
        let units = try statement(db, Rollup.unitsSQL(def), definition: def, period: p, asOf: asOf)
        let grains = Set(def.grains)
        var rows: [MeasureRow] = []
        // Facility types and dimensions repeat on many rows: one string storage each.
        var strings: [SQLText: String] = [:]
        func shared(_ s: String) -> String {
            if let known = strings[SQLText(s)] { return known }
            strings[SQLText(s)] = s
            return s
        }
        do {
            while try units.step() {
                guard let g = units.string(0), let grain = Grain(rawValue: g), grains.contains(grain) else { continue }
                let k = key(units)
                let f = try acc.finish(k)
                let unitID = units.string(1) ?? "", ft = shared(units.string(2) ?? ""), dim = shared(units.string(3) ?? "")
                var values: [Double?] = [f.aggregateValue]
                if let custom { values = k.flatMap { custom[$0] } ?? [nil] }
                if let expression {
                    expression.reset()
                    let bound: [SQLValue] = [.text(g), units.value(1), units.value(2), units.value(3),
                                             sqlValue(f.numerator), sqlValue(f.denominator), sqlValue(f.n),
                                             f.aggregateValue.map(SQLValue.real) ?? .null, f.sd.map(SQLValue.real) ?? .null]
                    for (i, v) in bound.enumerated() { try expression.bind(v, at: Int32(i + 1)) }
                    values = [try expression.step() ? expression.double(0) : nil]
                }
                for v in values {
                    rows.append(row(definition: def, period: p, grain: grain, unitID: unitID, facilityType: ft, dimension: dim,
                                    finished: f, value: v))
                }
            }
        } catch let e as MiaraError where e.code == .measure { throw e } catch { throw fail(def, error) }
        return rows
    }

    /// The group key of a row whose first four columns are grain, unit_id, facility_type, dimension
    /// (nil when one is NULL: such a row matches no other).
    static func key(_ st: Statement) -> RollupAccumulator.Key? {
        guard let g = st.string(0), let grain = Grain(rawValue: g), let u = st.string(1), let ft = st.string(2),
              let dim = st.string(3) else { return nil }
        return RollupAccumulator.Key(grain: grain, unit: u, facilityType: ft, dimension: dim)
    }

    static func sqlValue(_ x: SQLNumber?) -> SQLValue {
        switch x {
        case .int(let i)?: return .integer(i)
        case .real(let r)?: return .real(r)
        case nil: return .null
        }
    }

    /// The contributions of one measure for one period whose shared relations are built, in the
    /// order the measure file returns them.
    public static func contributions(db: MeasureConnection, definition def: MeasureDefinition, period p: ClippedPeriod,
                                     asOf: Day) throws -> [Contribution] {
        let st = try statement(db, try contributionsSQL(def), definition: def, period: p, asOf: asOf)
        guard st.columnCount == Contribution.columns.count else {
            throw fail(def, "the query returns \(st.columnCount) columns; expected \(Contribution.columns.joined(separator: ", "))")
        }
        var out: [Contribution] = []
        do {
            while try st.step() {
                out.append(Contribution(role: st.string(0) ?? "", facilityID: st.string(1), providerID: st.string(2),
                                        teryt: st.string(3), facilityType: st.string(4) ?? "", dimension: st.string(5) ?? "",
                                        value: st.double(6), person: st.string(7), fileID: st.double(8).map { Int($0) },
                                        line: st.int(9), record: st.string(10) ?? ""))
            }
        } catch { throw fail(def, error) }
        return out
    }

    static func row(definition def: MeasureDefinition, period p: ClippedPeriod, grain: Grain, unitID: String,
                    facilityType: String, dimension: String, finished f: RollupAccumulator.Finished, value v: Double?) -> MeasureRow {
        let numerator = finite(f.numerator?.double)
        let denominator = finite(f.denominator?.double)
        var value = finite(v)
        if value == nil, def.value == .ratio, let n = numerator, let d = denominator, d != 0 { value = finite(n / d) }
        var flags: Set<MeasureFlag> = []
        if p.provisional { flags.insert(.provisional) }
        if value == nil { flags.insert(.no_denominator) }
        flags = MeasureFlags.interned(flags)
        return MeasureRow(
            measure: def.code, period: p.period, grain: grain, unitID: unitID,
            facilityType: facilityType, dimension: dimension, value: value,
            numerator: numerator, denominator: denominator, n: f.n.map { Int($0.double) },
            unit: def.unit, flags: flags, sd: finite(f.sd))
    }

    static func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }

    /// The values of `parameterNames` for one period, as `?1`…`?7`.
    public static func parameters(_ p: ClippedPeriod, asOf: Day) -> [SQLValue] {
        [.text(p.start.iso), .text(p.end.iso), .text(p.period.start.iso), .text(p.period.end.iso),
         .text(asOf.iso), .integer(Int64(p.period.year)), .integer(Int64(p.days))]
    }

    // Control flow only: `statement` catches it at once and throws the measure's error naming the parameter.
    struct UnknownParameter: Error { let name: String }

    /// Rewrites `:name` parameters as `?N` (N = position in `parameterNames`), leaving string
    /// literals, quoted identifiers and comments alone; also returns the highest N used (SQLite
    /// refuses a binding beyond it).
    static func numberParameters(_ sql: String, names parameterNames: [String] = parameterNames) throws -> (sql: String, count: Int) {
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
