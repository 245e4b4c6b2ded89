@testable import MiaraStore
@testable import MiaraTestSupport
import Foundation
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// `temp.period_person_services` (the services rows of a period summed per facility, person and
/// service) and the measures that read it (E05's units, E07's meals, `period_served`), on
/// fixtures small enough to sum by hand.
///
/// K1 soup kitchen and F2 shelter of municipality A; persons P000001, P000002.
final class PersonServicesTests: XCTestCase {
    private func fixture() throws -> FixtureStore {
        let fx = try baseFixture()
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 5)
        for p in ["P000001", "P000002"] { try fx.person(p, teryt: tA) }
        return fx
    }

    /// The relation's rows for `period` on `asOf`, in the order it holds them.
    private func relation(_ fx: FixtureStore, _ period: String, asOf: String) throws -> [[String]] {
        try fx.measures { m in
            let db = m.connections[0]
            try MeasureEngine.prepare(db, standard: noStandard)
            try SharedRelations.build(Period(period)!.clipped(asOf: Day(iso: asOf)!)!, on: db)
            let st = try db.prepare("""
                SELECT p.facility_id, coalesce(p.person_id, '-'), p.service, p.quantity, p.rows, s.date
                FROM temp.period_person_services p JOIN services s ON s.row_id = p.rid ORDER BY p.rowid
                """)
            var out: [[String]] = []
            while try st.step() {
                out.append([st.string(0) ?? "", st.string(1) ?? "", st.string(2) ?? "", st.double(3).map { "\($0)" } ?? "",
                            String(st.int(4)), st.string(5) ?? ""])
            }
            return out
        }
    }

    func testPersonServicesSumsEachFacilityPersonAndServiceFromItsFirstRow() throws {
        let fx = try fixture()
        try fx.service(facility: "K1", date: "2024-03-05", service: "meal", quantity: 1, person: "P000001")
        try fx.service(facility: "K1", date: "2024-03-01", service: "meal", quantity: 2, person: "P000001")
        try fx.service(facility: "K1", date: "2024-03-02", service: "meal", quantity: 3)
        try fx.service(facility: "K1", date: "2024-03-03", service: "bath", quantity: 1, person: "P000001")
        try fx.service(facility: "F2", date: "2024-03-04", service: "meal", quantity: 1, person: "P000002")
        try fx.service(facility: "K1", date: "2024-04-01", service: "meal", quantity: 9, person: "P000001")   // after March
        // Ordered by facility, person (none first), service; the first stored row of each is its `rid`.
        XCTAssertEqual(try relation(fx, "2024-03", asOf: "2024-12-31"), [
            ["F2", "P000002", "meal", "1.0", "1", "2024-03-04"],
            ["K1", "-", "meal", "3.0", "1", "2024-03-02"],
            ["K1", "P000001", "bath", "1.0", "1", "2024-03-03"],
            ["K1", "P000001", "meal", "3.0", "2", "2024-03-05"],
        ])
    }

    func testMonthRowCountsInProportionInPersonServicesAndE05AndE07WhenThePeriodEndsInsideItsMonth() throws {
        let fx = try fixture()
        try fx.contract("C1", teryt: tA, provider: prov, facility: "K1", service: "soup_kitchen",
                        start: "2024-01-01", end: "2024-12-31", unitPrice: 2)
        try fx.cost(contract: "C1", month: "2024-03", amount: 100)
        try fx.service(facility: "K1", date: "2024-03", service: "meal", quantity: 62, person: "P000001")
        try fx.service(facility: "K1", date: "2024-03-02", service: "meal", quantity: 1, person: "P000001")
        try fx.service(facility: "K1", date: "2024-03-03", service: "meal", quantity: 1)
        // Up to 2024-03-10: 62 × 10 ÷ 31 = 20 meals of the month row, + 1 of P000001's day row, + 1 without a person.
        XCTAssertEqual(try relation(fx, "2024-03", asOf: "2024-03-10"), [
            ["K1", "-", "meal", "1.0", "1", "2024-03-03"],
            ["K1", "P000001", "meal", "21.0", "2", "2024-03"],
        ])
        let cat = try catalogue()
        func denominators(_ code: String, asOf: String) throws -> [Double] {
            let def = try XCTUnwrap(cat.definition(MeasureCode(code)))
            // The period clipped at the as-of date (whatever the entry's own clipping): inside March or not.
            let p = Period("2024-03")!.clipped(asOf: Day(iso: asOf)!)!
            return try fx.measures { m in
                let db = m.connections[0]
                try MeasureEngine.prepare(db, standard: noStandard)
                try SharedRelations.build(p, on: db)
                return try MeasureEngine.contributions(db: db, definition: def, period: p, asOf: Day(iso: asOf)!)
                    .filter { $0.role == "denominator" }.compactMap(\.value)
            }
        }
        // E05: the kitchen's meals × 2 PLN; E07: the meals of each person (none first).
        XCTAssertEqual(try denominators("E05", asOf: "2024-03-10"), [44])
        XCTAssertEqual(try denominators("E07", asOf: "2024-03-10"), [1, 21])
        // Once March is over, the month row counts whole: 64 meals.
        XCTAssertEqual(try denominators("E05", asOf: "2024-03-31"), [128])
        XCTAssertEqual(try denominators("E07", asOf: "2024-03-31"), [1, 63])
    }

    /// Random services of 2024 (`rows` of them, dated by day or by month in `months`) of three
    /// soup kitchens and four persons, with ids that Swift finds equal and SQLite does not ("ó"
    /// composed and decomposed), some rows without a person.
    private func randomServices(rows: ClosedRange<Int>, months: ClosedRange<Int>, _ rng: inout SplitMix,
                                path: String = ":memory:") throws -> FixtureStore {
        let fx = try baseFixture(path: path)
        let facilities = ["K\u{F3}", "Ko\u{301}", "K1"]
        for f in facilities { try fx.facility(f, provider: prov, teryt: tA, type: "soup_kitchen") }
        let persons = ["P\u{F3}", "Po\u{301}", "P1", "P2"]
        for p in persons { try fx.person(p, teryt: tA) }
        for _ in 0..<Int.random(in: rows, using: &rng) {
            let month = Int.random(in: months, using: &rng)
            let date = Bool.random(using: &rng) ? String(format: "2024-%02d", month)
                : String(format: "2024-%02d-%02d", month, Int.random(in: 1...28, using: &rng))
            try fx.service(facility: facilities.randomElement(using: &rng)!, date: date,
                           service: ["meal", "bath", "bed_night"].randomElement(using: &rng)!,
                           quantity: Int.random(in: 0...9, using: &rng), person: Bool.random(using: &rng) ? persons.randomElement(using: &rng)! : nil)
        }
        return fx
    }

    /// A property (fresh seed each run, printed; MIARA_SEED replays): on random services — ids that
    /// Swift finds equal and SQLite does not ("ó" composed and decomposed), rows without a person,
    /// month-dated rows counted in proportion in a period that ends inside their month — the table
    /// holds, row for row and in the same order, what SQLite's `GROUP BY facility_id, person_id,
    /// service` over `temp.period_services` gives (a real sum to 1e-12: SQLite adds in its sorter's
    /// order, the table exactly).
    func testTheSumsAreThoseOfGroupBy() throws {
        var rng = PropertySeed.generator("PersonServicesTests.testTheSumsAreThoseOfGroupBy")
        var compared = 0
        for round in 0..<12 {
            let fx = try randomServices(rows: 0...150, months: 1...4, &rng)
            // Inside March (the month rows of March in proportion) or at the end of a month.
            let asOf = round % 2 == 0 ? String(format: "2024-03-%02d", Int.random(in: 1...30, using: &rng)) : "2024-04-30"
            try fx.measures { m in
                let db = m.connections[0]
                try MeasureEngine.prepare(db, standard: noStandard)
                try SharedRelations.build(Period("2024")!.clipped(asOf: Day(iso: asOf)!)!, on: db)
                let expected = try db.query("""
                    SELECT facility_id, person_id, service, sum(quantity), count(*), min(row_id)
                    FROM temp.period_services GROUP BY facility_id, person_id, service
                    """)
                let got = try db.query("SELECT facility_id, person_id, service, quantity, \"rows\", rid FROM temp.period_person_services ORDER BY rowid")
                XCTAssertEqual(got.count, expected.count, "round \(round)")
                for (g, e) in zip(got, expected) {
                    XCTAssertEqual(g[0], e[0]); XCTAssertEqual(g[1], e[1]); XCTAssertEqual(g[2], e[2])
                    XCTAssertEqual(g[4], e[4]); XCTAssertEqual(g[5], e[5])
                    switch (g[3], e[3]) {
                    case (.real(let a), .real(let b)): XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, abs(b)), "round \(round)")
                    default: XCTAssertEqual(g[3], e[3], "round \(round)")
                    }
                    compared += 1
                }
            }
        }
        print("PersonServicesTests: \(compared) sums compared")
        XCTAssertGreaterThan(compared, 100)
    }

    /// A property (fresh seed each run, printed; MIARA_SEED replays): the months' sums shared by a
    /// computation's periods (`ServiceMonthSums`, as `MeasureEngine.compute` shares them) give
    /// every period the table its own months read alone give, bit for bit — real sums included,
    /// since a sum merged from months is exact — whatever order the periods are built in and with
    /// the periods split between two connections. Periods: the year, its halves, quarters and
    /// months, clipped at an as-of date inside a month or at a month's end.
    func testPeriodsBuiltFromSharedMonthsEqualPeriodsBuiltAlone() throws {
        var rng = PropertySeed.generator("PersonServicesTests.testPeriodsBuiltFromSharedMonthsEqualPeriodsBuiltAlone")
        var compared = 0
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-months-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for round in 0..<8 {
            let fx = try randomServices(rows: 0...200, months: 1...7, &rng, path: dir.appendingPathComponent("s\(round).sqlite").path)
            let asOf = Day(iso: round % 2 == 0 ? String(format: "2024-06-%02d", Int.random(in: 1...29, using: &rng)) : "2024-06-30")!
            let names = ["2024", "2024H1", "2024H2", "2024Q1", "2024Q2", "2024Q3"] + (1...7).map { String(format: "2024-%02d", $0) }
            let periods = names.compactMap { Period($0)!.clipped(asOf: asOf) }.shuffled(using: &rng)
            let table = "SELECT facility_id, person_id, service, quantity, \"rows\", rid FROM temp.period_person_services ORDER BY rowid"
            try fx.store.measures(readers: 1) { m in
                XCTAssertEqual(m.connections.count, 2)
                for c in m.connections { try MeasureEngine.prepare(c, standard: noStandard) }
                let shared = ServiceMonthSums()
                let halves = [0, 1].map { i in periods.indices.filter { $0 % 2 == i }.map { periods[$0] } }
                // Two connections at once, each taking a share of the periods from the shared months.
                let got = WorkPool.map(halves, workers: m.connections) { conn, share in
                    var tables: [[SQLValue]] = []
                    for p in share {
                        var built = SharedRelations.Built(serviceMonths: shared)
                        try built.ensure([.personServices], for: p, on: conn)
                        tables += try conn.query(table)
                    }
                    return tables
                }
                for (i, part) in got.enumerated() {
                    var expected: [[SQLValue]] = []
                    for p in halves[i] {
                        var alone = SharedRelations.Built()
                        try alone.ensure([.personServices], for: p, on: m.connections[0])
                        expected += try m.connections[0].query(table)
                    }
                    let rows = try part.get()
                    XCTAssertEqual(rows.count, expected.count, "round \(round)")
                    for (g, e) in zip(rows, expected) {
                        XCTAssertEqual(g.map(\.bitText), e.map(\.bitText), "round \(round)")
                        compared += 1
                    }
                }
            }
        }
        print("PersonServicesTests: \(compared) rows from shared months compared")
        XCTAssertGreaterThan(compared, 200)
    }
}

private extension SQLValue {
    /// The value with a real's exact bits: two sums compared bit for bit.
    var bitText: String {
        if case .real(let r) = self { return "real " + String(r.bitPattern, radix: 16) }
        return "\(self)"
    }
}
