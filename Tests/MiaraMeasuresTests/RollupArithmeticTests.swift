@testable import MiaraStore
@testable import MiaraTestSupport
import XCTest
@testable import MiaraMeasures

/// The Swift roll-up must give SQLite's numbers bit for bit: `sum`, `avg` and the standard
/// deviation formula over the same values in the same order, integers and reals mixed.
final class RollupArithmeticTests: XCTestCase {
    /// A property: 300 random groups (fresh seed each run, printed; MIARA_SEED replays).
    func testSumAverageAndStandardDeviationMatchSQLite() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE v (g INTEGER, x)")
        var generator = PropertySeed.generator("RollupArithmeticTests.testSumAverageAndStandardDeviationMatchSQLite")
        var groups: [[SQLNumber]] = []
        let insert = try db.prepare("INSERT INTO v (g, x) VALUES (?, ?)")
        for g in 0..<300 {
            var values: [SQLNumber] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let kind = g % 3   // integers only, reals only, mixed
                let isInt = kind == 0 || (kind == 2 && Bool.random(using: &generator))
                let v: SQLNumber = isInt ? .int(Int64.random(in: -5...100_000, using: &generator))
                    : .real(Double.random(in: -1000...100_000, using: &generator) / 7)
                values.append(v)
                switch v {
                case .int(let i): try insert.bind([.integer(Int64(g)), .integer(i)])
                case .real(let r): try insert.bind([.integer(Int64(g)), .real(r)])
                }
                try insert.run()
            }
            groups.append(values)
        }
        let st = try db.prepare("""
            SELECT g, sum(x), avg(x), CASE WHEN count(x) >= 2 THEN sqrt(max(0, sum(x * x) - sum(x) * sum(x) / count(x)) / (count(x) - 1)) END
            FROM (SELECT g, x FROM v ORDER BY rowid) GROUP BY g ORDER BY g
            """)
        var checked = 0
        while try st.step() {
            let values = groups[st.int(0)]
            var s = SQLSum(), squares = SQLSum()
            for v in values { s.add(v); if let q = SQLNumber.multiply(v, v) { squares.add(q) } }
            let sum = try XCTUnwrap(s.sum())
            XCTAssertEqual(st.value(1), sum.sqlValue, "sum of group \(st.int(0))")
            XCTAssertEqual(st.double(2)?.bitPattern, s.average?.bitPattern, "avg of group \(st.int(0))")
            let sd = RollupAccumulator.standardDeviation(n: Int64(values.count), sum: sum, squares: try XCTUnwrap(squares.sum()))
            XCTAssertEqual(st.double(3)?.bitPattern, sd?.bitPattern, "sd of group \(st.int(0))")
            checked += 1
        }
        // Every group that received a value (a group of none has no row).
        XCTAssertEqual(checked, groups.filter { !$0.isEmpty }.count)
        print("RollupArithmeticTests: \(checked) groups checked")
    }

    func testIntegerDivisionAndOverflowFollowSQLite() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let cases: [(SQLNumber, SQLNumber)] = [(.int(7), .int(2)), (.int(-7), .int(2)), (.int(7), .int(0)), (.real(7), .int(2)),
                                               (.int(.max), .int(2)), (.int(.min), .int(-1))]
        for (a, b) in cases {
            let row = try db.query("SELECT ?1 / ?2, ?1 * ?2, ?1 - ?2, max(0, ?1 - ?2)", [a.sqlValue, b.sqlValue])[0]
            XCTAssertEqual(row[0], SQLNumber.divide(a, b)?.sqlValue ?? .null, "\(a) / \(b)")
            XCTAssertEqual(row[1], SQLNumber.multiply(a, b)?.sqlValue ?? .null, "\(a) * \(b)")
            XCTAssertEqual(row[2], SQLNumber.subtract(a, b)?.sqlValue ?? .null, "\(a) - \(b)")
            XCTAssertEqual(row[3], SQLNumber.subtract(a, b).map(SQLNumber.maxZero)?.sqlValue ?? .null, "max(0, \(a) - \(b))")
        }
    }

    /// Units, facility types, dimensions and persons are grouped by their bytes, as `GROUP BY` and
    /// `count(DISTINCT …)` do: "ó" composed and decomposed are two texts to SQLite, one to Swift.
    func testTextsAreToldApartByTheirBytesAsSQLiteDoes() throws {
        let composed = "\u{F3}", decomposed = "o\u{301}"
        XCTAssertEqual(composed, decomposed)   // Swift's String: canonically equivalent
        let db = try SQLiteDatabase(path: ":memory:")
        let st = try db.prepare("SELECT count(DISTINCT x) FROM (SELECT ? AS x UNION ALL SELECT ?)")
        try st.bind([.text(composed), .text(decomposed)])
        XCTAssertTrue(try st.step())
        XCTAssertEqual(st.int(0), 2)
        XCTAssertEqual(Set([SQLText(composed), SQLText(decomposed)]).count, 2)
        XCTAssertEqual(Set([SQLText(composed), SQLText("\u{F3}")]).count, 1)
        let keys: Set<RollupAccumulator.Key> = [
            .init(grain: .facility, unit: "Ł\u{F3}dź", facilityType: "", dimension: ""),
            .init(grain: .facility, unit: "Ło\u{301}dź", facilityType: "", dimension: ""),
        ]
        XCTAssertEqual(keys.count, 2)
    }

    /// The same through the engine: two facilities whose ids are "Fó" composed and decomposed are
    /// two facility rows (SQLite's GROUP BY tells them apart), and two persons so named are two
    /// persons served. Merged by Swift's `String ==` they would be one row of 1 ÷ 2.
    func testCanonicallyEquivalentIdsAreTwoUnitsAndTwoPersons() throws {
        let fx = try baseFixture()
        let composed = "F\u{F3}", decomposed = "Fo\u{301}"
        try fx.facility(composed, provider: prov, teryt: tA, type: "shelter", places: 10)
        try fx.facility(decomposed, provider: prov, teryt: tA, type: "shelter", places: 10)
        try fx.person("P\u{F3}", teryt: tA)
        try fx.person("Po\u{301}", teryt: tA)
        try fx.stay("S1", person: "P\u{F3}", facility: composed, admitted: "2023-12-01", discharged: "2024-02-01", destination: "rented")
        try fx.stay("S2", person: "Po\u{301}", facility: decomposed, admitted: "2023-12-01", discharged: "2024-02-01", destination: "street")
        let s01 = try compute(fx, "S01")
        let facilities = s01.filter { $0.grain == .facility }.map { [$0.unitID.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "),
                                                                      "\($0.numerator ?? -1)/\($0.denominator ?? -1)"] }
        XCTAssertEqual(facilities.sorted { $0[0] < $1[0] }, [["46 6f 301", "0.0/1.0"], ["46 f3", "1.0/1.0"]])
        assertValue(try row(s01, .all, "all"), 0.5, num: 1, den: 2)
        let s09 = try compute(fx, "S09")
        XCTAssertEqual(try row(s09, .municipality, tA).numerator, 2, "two persons served")
    }

    func testMedianIsTheMiddleValueOrTheMeanOfTheTwo() {
        XCTAssertNil(RollupAccumulator.median([]))
        XCTAssertEqual(RollupAccumulator.median([5, 1, 3]), 3)
        XCTAssertEqual(RollupAccumulator.median([4, 1, 3, 10]), 3.5)
    }
}

extension SQLNumber {
    var sqlValue: SQLValue {
        switch self {
        case .int(let i): return .integer(i)
        case .real(let r): return .real(r)
        }
    }
}
