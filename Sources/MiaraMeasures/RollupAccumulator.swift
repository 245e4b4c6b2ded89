import MiaraStore

/// The roll-up of one measure and period in Swift: reads the measure file's contributions once,
/// in the order the file returns them, attributes each to the grains the catalogue names and
/// aggregates its roles as the catalogue says (`RoleAggregate`), then gives each unit that gets a
/// row its columns (`finish`). The aggregates are SQLite's own, computed the same way (`SQLSum`:
/// values added in the order they come; `SQLNumber`: SQLite's arithmetic for the standard
/// deviation), so the numbers are the ones a `GROUP BY` over the contributions gives, bit for bit.
/// For a measure rolled up from months (`months: true`) the sums are exact instead, so the
/// accumulators of a period's months merge (`merge`) into exactly the accumulator of the period.
// @unchecked proof: the groups are reference objects owned by one accumulator: it is filled on one
// thread, handed over whole, and `merge` copies the other's groups instead of sharing them.
struct RollupAccumulator: @unchecked Sendable {
    /// A row's group: grain, unit, facility type and dimension (texts told apart by their bytes,
    /// as `GROUP BY` does).
    struct Key: Hashable {
        var grain: Grain
        var unit: SQLText
        var facilityType: SQLText
        var dimension: SQLText
        init(grain: Grain, unit: String, facilityType: String, dimension: String) {
            self.grain = grain; self.unit = SQLText(unit); self.facilityType = SQLText(facilityType); self.dimension = SQLText(dimension)
        }
    }

    /// A person as SQL's `count(DISTINCT …)` tells persons apart (numbers by value, texts by bytes).
    enum Person: Hashable {
        case text(SQLText)
        case number(Double)
    }

    /// What one aggregate keeps per group.
    enum Slot {
        case sum(Int)         // index into `sums` (sum, known_sum, mean)
        case count(Int)       // index into `counts`
        case persons(Int)     // index into `persons`
        case sd(count: Int, sum: Int, squares: Int)
        case median(Int)      // index into `values`
    }

    /// The aggregates of one group.
    final class Group {
        var sums: [SQLSum]
        var counts: [Int]
        var persons: [Set<Person>]
        var values: [[Double]]
        init(_ shape: (Int, Int, Int, Int), exact: Bool) {
            sums = Array(repeating: SQLSum(exact: exact), count: shape.0); counts = Array(repeating: 0, count: shape.1)
            persons = Array(repeating: [], count: shape.2); values = Array(repeating: [], count: shape.3)
        }
    }

    /// The published columns of one unit's row before the value rule.
    struct Finished {
        var numerator: SQLNumber?
        var denominator: SQLNumber?
        var n: SQLNumber?
        var aggregateValue: Double?
        var sd: Double?
    }

    let definition: MeasureDefinition
    /// The aggregates by column: numerator, denominator, n, sd, value (an aggregate value rule).
    private(set) var columns: [(column: String, aggregate: RoleAggregate, slot: Slot)] = []
    private var shape = (0, 0, 0, 0)
    /// The roles the aggregates read, and for each role the aggregates (indexes into `columns`).
    private var roles: [String] = []
    private var byRole: [[Int]] = []
    private var readsValue: [Bool] = [], readsPerson: [Bool] = []
    private(set) var groups: [Key: Group] = [:]
    /// Contributions read.
    private(set) var count = 0

    init(_ d: MeasureDefinition) {
        definition = d
        var list: [(String, RoleAggregate)] = d.counts.compactMap { c in c.aggregate.map { (c.column, $0) } }
        if let sd = d.sd { list.append(("sd", sd)) }
        if case .aggregate(let a) = d.value { list.append(("value", a)) }
        for (column, a) in list {
            let slot: Slot
            switch a.function {
            case .sum, .knownSum, .mean: slot = .sum(shape.0); shape.0 += 1
            case .count: slot = .count(shape.1); shape.1 += 1
            case .countPersons: slot = .persons(shape.2); shape.2 += 1
            case .sd: slot = .sd(count: shape.1, sum: shape.0, squares: shape.0 + 1); shape.1 += 1; shape.0 += 2
            case .median: slot = .median(shape.3); shape.3 += 1
            }
            if !roles.contains(a.role) { roles.append(a.role); byRole.append([]) }
            byRole[roles.firstIndex(of: a.role)!].append(columns.count)
            columns.append((column, a, slot))
        }
        readsValue = byRole.map { $0.contains { c in if case .persons = columns[c].slot { return false }; if case .count = columns[c].slot { return false }; return true } }
        readsPerson = byRole.map { $0.contains { c in if case .persons = columns[c].slot { return true }; return false } }
    }

    /// Adds every contribution `other` was given (an accumulator of the same definition), as if its
    /// rows had been added here: counts and sums add, person sets unite, median values join.
    mutating func merge(_ other: RollupAccumulator) {
        count += other.count
        for (key, theirs) in other.groups {
            let mine: Group
            if let found = groups[key] { mine = found } else { mine = Group(shape, exact: definition.months); groups[key] = mine }
            for i in mine.sums.indices { mine.sums[i].merge(theirs.sums[i]) }
            for i in mine.counts.indices { mine.counts[i] += theirs.counts[i] }
            for i in mine.persons.indices { mine.persons[i].formUnion(theirs.persons[i]) }
            for i in mine.values.indices { mine.values[i] += theirs.values[i] }
        }
    }

    /// Adds every row of `st`, a statement returning `Contribution.columns`.
    mutating func add(_ st: Statement) throws {
        let d = definition
        let grains = d.grains
        while try st.step() {
            count += 1
            // A role no aggregate reads changes no column: its group would publish what a unit
            // without contributions publishes (0 or empty).
            guard let role = st.string(0), let r = roles.firstIndex(of: role) else { continue }
            let ft: String, dim: String
            if d.split == .facilityType { guard let s = st.string(4) else { continue }; ft = s } else { ft = "" }
            if d.split == .dimension { guard let s = st.string(5) else { continue }; dim = s } else { dim = "" }
            let mine = byRole[r]
            var value: SQLNumber?
            if readsValue[r] {
                switch st.numeric(6) {
                case .integer(let i): value = .int(i)
                case .real(let x): value = .real(x)
                default: value = nil
                }
            }
            var person: Person?
            if readsPerson[r] {
                switch st.value(7) {
                case .null: person = nil
                case .integer(let i): person = .number(Double(i))
                case .real(let x): person = .number(x)
                case .text(let s): person = .text(SQLText(s))
                }
            }
            for g in grains {
                let unit: String
                if let col = Rollup.unitColumn(g) { guard let u = st.string(col) else { continue }; unit = u } else { unit = "all" }
                let key = Key(grain: g, unit: unit, facilityType: ft, dimension: dim)
                let group: Group
                if let found = groups[key] { group = found } else { group = Group(shape, exact: definition.months); groups[key] = group }
                for c in mine { try Self.add(columns[c].slot, value: value, person: person, to: group) }
            }
        }
    }

    private static func add(_ slot: Slot, value: SQLNumber?, person: Person?, to g: Group) throws {
        switch slot {
        case .sum(let i): if let v = value { g.sums[i].add(v) }
        case .count(let i): g.counts[i] += 1
        case .persons(let i): if let p = person { g.persons[i].insert(p) }
        case .sd(let n, let s, let q):
            guard let v = value else { return }
            g.counts[n] += 1
            g.sums[s].add(v)
            if let square = SQLNumber.multiply(v, v) { g.sums[q].add(square) }
        case .median(let i): if let v = value { g.values[i].append(v.double) }
        }
    }

    /// The columns of the row of `key` (nil: a unit without contributions).
    func finish(_ key: Key?) throws -> Finished {
        let g = key.flatMap { groups[$0] }
        var out = Finished()
        for (column, a, slot) in columns {
            var number: SQLNumber?
            var real: Double?
            switch slot {
            case .sum(let i):
                let s = g?.sums[i]
                switch a.function {
                case .mean: real = s?.average
                case .knownSum: number = try s?.sum()
                default: number = try s?.sum() ?? .int(0)
                }
            case .count(let i): number = .int(Int64(g?.counts[i] ?? 0))
            case .persons(let i): number = .int(Int64(g?.persons[i].count ?? 0))
            case .sd(let n, let s, let q):
                if let g, let t = try g.sums[s].sum(), let q = try g.sums[q].sum() {
                    real = Self.standardDeviation(n: Int64(g.counts[n]), sum: t, squares: q)
                }
            case .median(let i):
                if let g { real = Self.median(g.values[i]) }
            }
            if real != nil { number = real.map(SQLNumber.real) }
            switch column {
            case "numerator": out.numerator = number
            case "denominator": out.denominator = number
            case "n": out.n = number
            case "sd": out.sd = number?.double
            default: out.aggregateValue = number?.double
            }
        }
        return out
    }

    /// The sample standard deviation from n, Σv and Σv², as SQLite evaluates
    /// `CASE WHEN n >= 2 THEN sqrt(max(0, Σv² − Σv·Σv / n) / (n − 1)) END`.
    static func standardDeviation(n: Int64, sum t: SQLNumber, squares q: SQLNumber) -> Double? {
        guard n >= 2 else { return nil }
        guard let tt = SQLNumber.multiply(t, t), let mean = SQLNumber.divide(tt, .int(n)),
              let diff = SQLNumber.subtract(q, mean),
              let v = SQLNumber.divide(SQLNumber.maxZero(diff), .int(n - 1)) else { return nil }
        let r = v.double.squareRoot()
        return r.isNaN ? nil : r
    }

    /// The median of `values` as the middle value, or the mean of the two middle values
    /// (SQLite's `avg` over them, added from 0 in ascending order); nil when there are none.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let c = s.count
        if c % 2 == 1 { return 0.0 + s[c / 2] }
        return (0.0 + s[c / 2 - 1] + s[c / 2]) / 2
    }
}
