import Foundation
import MiaraStore
import MiaraValues

/// Builds `temp.period_person_services` for the period begun on a connection: the rows of
/// `temp.period_services` summed per facility, person and service — `quantity` their quantities'
/// exact sum rounded once (`SQLSum(exact:)`: an integer while every quantity is one, as SQLite's
/// `sum`; the same whatever order the rows are read in and however they are split), `rows` their
/// number, `rid` the least `row_id` — in the order a `GROUP BY facility_id, person_id, service`
/// gives (NULL first, texts by their bytes).
///
/// The period's rows are read month by month (each month clipped as the period is, its rows
/// counted as the period counts them: `SharedRelations.servicesView`) and summed in hash tables,
/// then the months' sums are merged. With a `ServiceMonthSums` shared by the night's periods, a
/// month is read once however many periods contain it (a national night's 11 periods read 61
/// months of rows, 22 of them distinct).
enum PersonServicesSums {
    /// Creates and fills the table; does nothing when the connection has it already (built for the
    /// same period: `SharedRelations.begin` drops it with the period). `months`: the months'
    /// sums shared with other periods and connections; nil reads each month here.
    static func build(_ p: ClippedPeriod, on db: MeasureConnection, months: ServiceMonthSums? = nil) throws {
        if try db.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name = 'period_person_services'")?.int == 1 { return }
        var t = Sums()
        for m in MonthRollup.months(of: p) { t.merge(try months?.sums(m, on: db) ?? Sums.read(m, on: db)) }
        try db.execute("""
            CREATE TEMP TABLE period_person_services (facility_id TEXT, person_id TEXT, service TEXT, quantity, "rows", rid)
            """)
        let insert = try db.prepare("INSERT INTO temp.period_person_services VALUES (?, ?, ?, ?, ?, ?)")
        func text(_ s: ByteStrings, _ n: Int32) -> SQLValue { n < 0 ? .null : .text(s.string(Int(n))) }
        for g in t.groupOrder() {
            let k = t.keys[g]
            try insert.bind([text(t.facilities, k.facility), text(t.persons, k.person), text(t.services, k.service),
                             MeasureEngine.sqlValue(try t.sums[g].sum()),
                             .integer(t.counts[g]), .integer(t.rids[g])])
            try insert.run()
        }
    }

    /// A group: the numbers of its facility, person and service texts (-1: NULL).
    struct Key: Hashable { var facility: Int32, person: Int32, service: Int32 }

    /// Services rows summed per facility, person and service: texts numbered by their bytes, one
    /// entry per group in the order first met.
    struct Sums {
        var facilities = ByteStrings(), persons = ByteStrings(), services = ByteStrings()
        /// The group of each key while groups are added (emptied in a month read and kept).
        private var index: [Key: Int] = [:]
        private(set) var keys: [Key] = [], sums: [SQLSum] = [], counts: [Int64] = [], rids: [Int64] = []

        /// The group of `key`, added empty when new.
        private mutating func group(_ key: Key) -> Int {
            if let found = index[key] { return found }
            let g = keys.count
            index[key] = g
            keys.append(key); sums.append(SQLSum(exact: true)); counts.append(0); rids.append(.max)
            return g
        }

        /// The rows of one month of a period (`MonthRollup.months(of:)`: clipped as the period is),
        /// read on `db` through the services view of its bounds.
        static func read(_ m: ClippedPeriod, on db: MeasureConnection) throws -> Sums {
            try SharedRelations.beginMonth(m.start, m.end, on: db)
            var s = Sums()
            let st = try db.prepare("SELECT facility_id, person_id, service, quantity, row_id FROM temp.month_services")
            // The column's number, -1 for NULL.
            func number(_ table: inout ByteStrings, _ column: Int) -> Int32 {
                st.textBytes(column).map { Int32(table.number($0)) } ?? -1
            }
            while try st.step() {
                let g = s.group(Key(facility: number(&s.facilities, 0), person: number(&s.persons, 1), service: number(&s.services, 2)))
                if let q = SQLNumber(numeric: st.numeric(3)) { s.sums[g].add(q) }   // NULL: counted, not summed
                s.counts[g] += 1
                s.rids[g] = min(s.rids[g], Int64(st.int(4)))
            }
            // A month's groups are only merged from now on (the merge reads `keys`): the memory
            // of its look-up table goes back while the month is kept for other periods.
            s.index = [:]
            return s
        }

        /// Adds `other`'s groups: the same texts (by their bytes) are the same group.
        mutating func merge(_ other: Sums) {
            func numbers(_ from: ByteStrings, into to: inout ByteStrings) -> [Int32] {
                (0..<from.count).map { i in from.value(i).withUnsafeBufferPointer { Int32(to.number($0)) } }
            }
            let f = numbers(other.facilities, into: &facilities), p = numbers(other.persons, into: &persons),
                s = numbers(other.services, into: &services)
            func mapped(_ table: [Int32], _ n: Int32) -> Int32 { n < 0 ? -1 : table[Int(n)] }
            for (o, k) in other.keys.enumerated() {
                let g = group(Key(facility: mapped(f, k.facility), person: mapped(p, k.person), service: mapped(s, k.service)))
                sums[g].merge(other.sums[o])
                counts[g] += other.counts[o]
                rids[g] = min(rids[g], other.rids[o])
            }
        }

        /// The groups in `GROUP BY facility_id, person_id, service` order: each text's rank
        /// among its column's texts, bytewise (BINARY collation); NULL before all.
        func groupOrder() -> [Int] {
            func ranks(_ t: ByteStrings) -> [Int32] {
                var r = [Int32](repeating: 0, count: t.count)
                for (rank, i) in (0..<t.count).sorted(by: { t.value($0).lexicographicallyPrecedes(t.value($1)) }).enumerated() { r[i] = Int32(rank) }
                return r
            }
            let fr = ranks(facilities), pr = ranks(persons), sr = ranks(services)
            func rank(_ r: [Int32], _ n: Int32) -> Int32 { n < 0 ? -1 : r[Int(n)] }
            return keys.indices.sorted { a, b in
                let x = keys[a], y = keys[b]
                let fx = rank(fr, x.facility), fy = rank(fr, y.facility)
                if fx != fy { return fx < fy }
                let px = rank(pr, x.person), py = rank(pr, y.person)
                if px != py { return px < py }
                return rank(sr, x.service) < rank(sr, y.service)
            }
        }
    }
}

/// The services rows of each month of the periods summed per facility, person and service
/// (`PersonServicesSums.Sums`), read once for a computation and shared by its periods and
/// connections: a month read by one connection is not read again by the other (it waits).
// @unchecked proof: `slots` is read and written only while `lock` is held; a slot's `sums` only while the slot's own `lock` is held.
final class ServiceMonthSums: @unchecked Sendable {
    private final class Slot {
        let lock = NSLock()
        var sums: PersonServicesSums.Sums?
    }
    private let lock = NSLock()
    private var slots: [ClippedPeriod: Slot] = [:]

    init() {}

    /// The month's sums, read on `db` the first time any connection asks.
    func sums(_ m: ClippedPeriod, on db: MeasureConnection) throws -> PersonServicesSums.Sums {
        lock.lock()
        let slot = slots[m] ?? Slot()
        slots[m] = slot
        lock.unlock()
        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let s = slot.sums { return s }
        let s = try PersonServicesSums.Sums.read(m, on: db)
        slot.sums = s
        return s
    }
}
