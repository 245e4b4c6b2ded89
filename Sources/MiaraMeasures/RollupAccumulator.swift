import MiaraStore
import MiaraValues

/// The roll-up of one measure and period in Swift: reads the measure file's contributions once,
/// in the order the file returns them, attributes each to the grains the catalogue names and
/// aggregates its roles as the catalogue says (`RoleAggregate`), then gives each unit that gets a
/// row its columns (`finish`). The aggregates are SQLite's own, computed the same way (`SQLSum`:
/// values added in the order they come; `SQLNumber`: SQLite's arithmetic for the standard
/// deviation), so the numbers are the ones a `GROUP BY` over the contributions gives, bit for bit.
/// For a measure rolled up from months (`months: true`) the sums are exact instead, so the
/// accumulators of a period's months merge (`merge`) into exactly the accumulator of the period.
/// Its groups are reference objects owned by one accumulator: filled on one thread, handed over
/// whole; `merge` copies the other's groups instead of sharing them. A row's texts (units, facility
/// type, dimension, person) are numbered by their bytes as they are read (`ByteStrings`), without a
/// `String` per row, and a row whose unit is the row before's reuses its group.
// @unchecked proof: one owner at a time (filled on one thread, handed over whole); `merge` copies groups, never shares them.
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

    /// The aggregates of one group. Persons are kept by their number in the accumulator's
    /// `PersonNumbers` (equal persons, equal numbers).
    final class Group {
        var sums: [SQLSum]
        var counts: [Int]
        var persons: [Set<Int>]
        var values: [[Double]]
        init(_ shape: (Int, Int, Int, Int), exact: Bool) {
            sums = Array(repeating: SQLSum(exact: exact), count: shape.0); counts = Array(repeating: 0, count: shape.1)
            persons = Array(repeating: [], count: shape.2); values = Array(repeating: [], count: shape.3)
        }
    }

    /// A group's key by the numbers of its texts in `texts` (unit, facility type, dimension).
    struct NumberedKey: Hashable {
        var grain: Grain
        var unit: Int32, facilityType: Int32, dimension: Int32
    }

    /// Persons numbered: texts by their bytes (even numbers), numbers by value (odd numbers).
    struct PersonNumbers {
        var texts = ByteStrings()
        var numbers: [Double: Int] = [:]
        var numberList: [Double] = []

        mutating func number(_ p: Person) -> Int {
            switch p {
            case .text(let t):
                var s = t.string
                return s.withUTF8 { text($0) }
            case .number(let x): return number(x)
            }
        }
        mutating func text(_ b: UnsafeBufferPointer<UInt8>) -> Int { texts.number(b) * 2 }
        mutating func number(_ x: Double) -> Int {
            if let n = numbers[x] { return n * 2 + 1 }
            numbers[x] = numberList.count; numberList.append(x)
            return (numberList.count - 1) * 2 + 1
        }
        func person(_ n: Int) -> Person { n % 2 == 0 ? .text(SQLText(texts.string(n / 2))) : .number(numberList[n / 2]) }
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
    /// The roles' texts as bytes, to match a row's role without building a string.
    private var roleBytes: [[UInt8]] = []
    /// Units, facility types and dimensions numbered by their bytes; persons likewise.
    private var texts = ByteStrings()
    private var persons = PersonNumbers()
    private var groups: [NumberedKey: Group] = [:]
    /// The number of groups (grain, unit, facility type, dimension) that received a contribution.
    var groupCount: Int { groups.count }
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
        roleBytes = roles.map { Array($0.utf8) }
        readsValue = byRole.map { $0.contains { c in if case .persons = columns[c].slot { return false }; if case .count = columns[c].slot { return false }; return true } }
        readsPerson = byRole.map { $0.contains { c in if case .persons = columns[c].slot { return true }; return false } }
    }

    /// Adds every contribution `other` was given (an accumulator of the same definition), as if its
    /// rows had been added here: counts and sums add, person sets unite, median values join.
    mutating func merge(_ other: RollupAccumulator) {
        count += other.count
        // -1: the unit of the `all` grain (no text).
        func mine(_ n: Int32) -> Int32 { n < 0 ? n : Int32(other.texts.value(Int(n)).withUnsafeBufferPointer { texts.number($0) }) }
        var personMap: [Int: Int] = [:]
        for (key, theirs) in other.groups {
            let group = self.group(adding: NumberedKey(grain: key.grain, unit: mine(key.unit), facilityType: mine(key.facilityType),
                                                       dimension: mine(key.dimension)))
            for i in group.sums.indices { group.sums[i].merge(theirs.sums[i]) }
            for i in group.counts.indices { group.counts[i] += theirs.counts[i] }
            for i in group.persons.indices {
                for p in theirs.persons[i] {
                    let n: Int
                    if let known = personMap[p] { n = known } else { n = persons.number(other.persons.person(p)); personMap[p] = n }
                    group.persons[i].insert(n)
                }
            }
            for i in group.values.indices { group.values[i] += theirs.values[i] }
        }
    }

    /// The group of `key`, made empty when it has none yet.
    private mutating func group(adding key: NumberedKey) -> Group {
        if let found = groups[key] { return found }
        let g = Group(shape, exact: definition.months)
        groups[key] = g
        return g
    }

    /// Adds every row of `st`, a statement returning `Contribution.columns`.
    mutating func add(_ st: Statement) throws {
        let d = definition
        let grains = d.grains
        // Per grain: the last row's group and the number of its unit text; rows that repeat the
        // unit of the row before (storage and group order) skip the look-up.
        var lastKey = [NumberedKey?](repeating: nil, count: grains.count)
        var lastGroup = [Group?](repeating: nil, count: grains.count)
        let empty = Int32([UInt8]().withUnsafeBufferPointer { texts.number($0) })
        while try st.step() {
            count += 1
            // A role no aggregate reads changes no column: its group would publish what a unit
            // without contributions publishes (0 or empty).
            guard let roleText = st.textBytes(0), let r = roleBytes.firstIndex(where: { $0.elementsEqual(roleText) }) else { continue }
            var ft = empty, dim = empty
            if d.split == .facilityType { guard let b = st.textBytes(4) else { continue }; ft = Int32(texts.number(b)) }
            if d.split == .dimension { guard let b = st.textBytes(5) else { continue }; dim = Int32(texts.number(b)) }
            let mine = byRole[r]
            let value = readsValue[r] ? SQLNumber(numeric: st.numeric(6)) : nil
            var person: Int?
            if readsPerson[r] {
                switch st.storageClass(7) {
                case .null: person = nil
                case .integer: person = persons.number(Double(st.int(7)))
                case .real: person = persons.number(st.double(7) ?? 0)
                case .text: person = st.textBytes(7).map { persons.text($0) }
                }
            }
            for (gi, g) in grains.enumerated() {
                var unit = Int32(-1)
                if let col = Rollup.unitColumn(g) {
                    guard let b = st.textBytes(col) else { continue }
                    if let k = lastKey[gi], texts.equals(Int(k.unit), b) { unit = k.unit } else { unit = Int32(texts.number(b)) }
                }
                let key = NumberedKey(grain: g, unit: unit, facilityType: ft, dimension: dim)
                let group: Group
                if let k = lastKey[gi], k == key, let last = lastGroup[gi] {
                    group = last
                } else {
                    group = self.group(adding: key)
                    lastKey[gi] = key; lastGroup[gi] = group
                }
                for c in mine { try Self.add(columns[c].slot, value: value, person: person, to: group) }
            }
        }
    }

    private static func add(_ slot: Slot, value: SQLNumber?, person: Int?, to g: Group) throws {
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
        let g = key.flatMap(group)
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

    /// The group of `key` (nil: no contribution was attributed to it).
    func group(_ key: Key) -> Group? {
        func number(_ t: SQLText) -> Int32? { texts.find(t.string).map(Int32.init) }
        guard let ft = number(key.facilityType), let dim = number(key.dimension) else { return nil }
        let unit: Int32
        if Rollup.unitColumn(key.grain) == nil { unit = -1 } else { guard let u = number(key.unit) else { return nil }; unit = u }
        return groups[NumberedKey(grain: key.grain, unit: unit, facilityType: ft, dimension: dim)]
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
