import MiaraStore
import MiaraValues

/// Builds `temp.period_person_services` for the period begun on a connection: the rows of
/// `temp.period_services` summed per facility, person and service — `quantity` their quantities'
/// exact sum rounded once (`SQLSum(exact:)`: an integer while every quantity is one, as SQLite's
/// `sum`; the same whatever order the rows are read in), `rows` their number, `rid` the least
/// `row_id` — in the order a `GROUP BY facility_id, person_id, service` gives (NULL first, texts
/// by their bytes). The period's rows are read once in the order of the `services_day` index and
/// summed in a hash table: a national year (590,000 rows into 45,000 sums) is not sorted.
enum PersonServicesSums {
    /// A group: the numbers of its facility, person and service texts (-1: NULL).
    private struct Key: Hashable { var facility: Int32, person: Int32, service: Int32 }

    /// Creates and fills the table; does nothing when the connection has it already (built for the
    /// same period: `SharedRelations.begin` drops it with the period).
    static func build(on db: MeasureConnection) throws {
        if try db.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name = 'period_person_services'")?.int == 1 { return }
        var facilities = ByteStrings(), persons = ByteStrings(), services = ByteStrings()
        var index: [Key: Int] = [:]
        var keys: [Key] = [], sums: [SQLSum] = [], counts: [Int64] = [], rids: [Int64] = []
        let st = try db.prepare("SELECT facility_id, person_id, service, quantity, row_id FROM temp.period_services")
        // The column's number, -1 for NULL.
        func number(_ table: inout ByteStrings, _ column: Int) -> Int32 {
            st.textBytes(column).map { Int32(table.number($0)) } ?? -1
        }
        while try st.step() {
            let key = Key(facility: number(&facilities, 0), person: number(&persons, 1), service: number(&services, 2))
            let g: Int
            if let found = index[key] { g = found } else {
                g = keys.count; index[key] = g
                keys.append(key); sums.append(SQLSum(exact: true)); counts.append(0); rids.append(.max)
            }
            if let q = SQLNumber(numeric: st.numeric(3)) { sums[g].add(q) }   // NULL: counted, not summed
            counts[g] += 1
            rids[g] = min(rids[g], Int64(st.int(4)))
        }
        // Each text's rank among its column's texts, bytewise (BINARY collation); NULL before all.
        func ranks(_ t: ByteStrings) -> [Int32] {
            var r = [Int32](repeating: 0, count: t.count)
            for (rank, i) in (0..<t.count).sorted(by: { t.value($0).lexicographicallyPrecedes(t.value($1)) }).enumerated() { r[i] = Int32(rank) }
            return r
        }
        let fr = ranks(facilities), pr = ranks(persons), sr = ranks(services)
        func rank(_ r: [Int32], _ n: Int32) -> Int32 { n < 0 ? -1 : r[Int(n)] }
        let order = keys.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            let fx = rank(fr, x.facility), fy = rank(fr, y.facility)
            if fx != fy { return fx < fy }
            let px = rank(pr, x.person), py = rank(pr, y.person)
            if px != py { return px < py }
            return rank(sr, x.service) < rank(sr, y.service)
        }
        try db.execute("""
            CREATE TEMP TABLE period_person_services (facility_id TEXT, person_id TEXT, service TEXT, quantity, "rows", rid)
            """)
        let insert = try db.prepare("INSERT INTO temp.period_person_services VALUES (?, ?, ?, ?, ?, ?)")
        func text(_ t: ByteStrings, _ n: Int32) -> SQLValue { n < 0 ? .null : .text(t.string(Int(n))) }
        for g in order {
            let k = keys[g]
            try insert.bind([text(facilities, k.facility), text(persons, k.person), text(services, k.service),
                             MeasureEngine.sqlValue(try sums[g].sum()),
                             .integer(counts[g]), .integer(rids[g])])
            try insert.run()
        }
    }
}
