@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// The roll-up in Swift against SQLite's `GROUP BY` over the same contributions: random rows with
/// NULL units, texts equal to Swift but not to SQLite ("ó" composed and decomposed), persons as
/// texts, integers and reals (5 and 5.0 one person), numeric texts, and rows in runs of one unit
/// (the accumulator reuses the group of the row before) or shuffled.
final class RollupAccumulatorTests: XCTestCase {
    /// A property (fresh seed each run, printed; MIARA_SEED replays): 40 random contribution sets
    /// for each of four catalogue entries (sums and counts by dimension with a standard deviation,
    /// distinct persons, a median by facility type, a known sum), every grain.
    func testEveryGroupHoldsWhatGroupByGives() throws {
        var rng = PropertySeed.generator("RollupAccumulatorTests.testEveryGroupHoldsWhatGroupByGives")
        let cat = try catalogue()
        var checkedGroups = 0
        for code in ["Q01", "S02", "S05", "S09"] {
            var def = try XCTUnwrap(cat.definition(MeasureCode(code)))
            def.grains = [.facility, .provider, .municipality, .all]
            for round in 0..<40 {
                let db = try SQLiteDatabase(path: ":memory:")
                try db.execute("CREATE TABLE c (" + Contribution.columns.joined(separator: ", ") + ")")
                let insert = try db.prepare("INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                var rows: [[SQLValue]] = []
                for i in 0..<Int.random(in: 0...120, using: &rng) {
                    rows.append(Self.randomRow(&rng, line: i))
                }
                // Half the sets in runs of one facility and provider, as group-ordered queries return them.
                if round % 2 == 0 { rows.sort { Self.text($0[1]) + "\u{0}" + Self.text($0[2]) < Self.text($1[1]) + "\u{0}" + Self.text($1[2]) } }
                for r in rows { try insert.bind(r); try insert.run() }
                var acc = RollupAccumulator(def)
                try acc.add(try db.prepare("SELECT * FROM c ORDER BY rowid"))
                XCTAssertEqual(acc.count, rows.count)
                checkedGroups += try Self.compare(acc, def, db, seedNote: "\(code) round \(round)")
            }
        }
        print("RollupAccumulatorTests: \(checkedGroups) groups checked")
        XCTAssertGreaterThan(checkedGroups, 1_000)
    }

    static func text(_ v: SQLValue) -> String { if case .text(let s) = v { return s }; return "" }

    static func randomRow(_ rng: inout SplitMix, line: Int) -> [SQLValue] {
        func pick(_ options: [SQLValue]) -> SQLValue { options.randomElement(using: &rng)! }
        let role = pick([.text("numerator"), .text("denominator"), .text("n"), .text("other")])
        let facility = pick([.text("F1"), .text("F2"), .text("F\u{F3}"), .text("Fo\u{301}"), .null])
        let provider = pick([.text("KRS:1"), .text("KRS:2"), .null])
        let teryt = pick([.text("2464011"), .text("1465011"), .null])
        let type = pick([.text(""), .text("shelter"), .text("soup_kitchen"), .null])
        let dimension = pick([.text(""), .text("safety"), .text("respect"), .null])
        let value = pick([.integer(Int64.random(in: -3...40, using: &rng)), .real(Double.random(in: -10...100, using: &rng) / 3),
                          .text("2.5"), .text("7"), .null])
        let person = pick([.text("P1"), .text("P2"), .text("P\u{F3}"), .text("Po\u{301}"), .integer(5), .real(5.0), .real(5.5), .null])
        return [role, facility, provider, teryt, type, dimension, value, person, .integer(1), .integer(Int64(line)), .text("r\(line)")]
    }

    /// SQLite's aggregates per grain, unit, facility type and dimension, each compared with the
    /// accumulator's group; returns the number of groups (and fails when the accumulator holds others).
    static func compare(_ acc: RollupAccumulator, _ d: MeasureDefinition, _ db: SQLiteDatabase, seedNote: String) throws -> Int {
        let ft = d.split == .facilityType ? "facility_type" : "''"
        let dim = d.split == .dimension ? "dimension" : "''"
        let roles = Set(acc.columns.map(\.aggregate.role))
        var checked = 0
        var real: [Int: Double] = [:]
        let values = try db.prepare("SELECT rowid, CAST(value AS REAL) FROM c WHERE value IS NOT NULL")
        while try values.step() { real[values.int(0)] = values.double(1) }
        for g in d.grains {
            let unit = switch g { case .facility: "facility_id"; case .provider: "provider_id"; case .municipality: "teryt"; case .all: "'all'" }
            var select: [String] = []
            for (_, a, _) in acc.columns {
                let x = "(CASE WHEN role = '\(a.role)' THEN value END)"
                switch a.function {
                case .sum: select.append("coalesce(sum(\(x)), 0)")
                case .knownSum: select.append("sum(\(x))")
                case .count: select.append("count(CASE WHEN role = '\(a.role)' THEN 1 END)")
                case .countPersons: select.append("count(DISTINCT CASE WHEN role = '\(a.role)' THEN person END)")
                case .mean: select.append("avg(\(x))")
                case .sd: select.append("CASE WHEN count(\(x)) >= 2 THEN sqrt(max(0, sum(\(x) * \(x)) - sum(\(x)) * sum(\(x)) / count(\(x))) / (count(\(x)) - 1)) END")
                case .median: select.append("group_concat(CASE WHEN \(x) IS NOT NULL THEN rid END, ' ')")
                }
            }
            let sql = """
                SELECT \(unit), \(ft), \(dim), \(select.joined(separator: ", "))
                FROM (SELECT rowid AS rid, * FROM c WHERE role IN (\(roles.map { "'\($0)'" }.joined(separator: ", ")))
                        AND \(unit) IS NOT NULL AND \(ft) IS NOT NULL AND \(dim) IS NOT NULL ORDER BY rowid)
                GROUP BY 1, 2, 3
                """
            let st = try db.prepare(sql)
            while try st.step() {
                let key = RollupAccumulator.Key(grain: g, unit: st.string(0)!, facilityType: st.string(1)!, dimension: st.string(2)!)
                let f = try acc.finish(key)
                for (i, c) in acc.columns.enumerated() {
                    var expected = st.value(3 + i)
                    if c.aggregate.function == .median {
                        // The rows' values as SQLite reads them as reals (a text as printed would round).
                        let values = (st.string(3 + i) ?? "").split(separator: " ").map { real[Int($0)!]! }
                        expected = RollupAccumulator.median(values).map(SQLValue.real) ?? .null
                    }
                    let got: SQLValue = switch c.column {
                    case "numerator": MeasureEngine.sqlValue(f.numerator)
                    case "denominator": MeasureEngine.sqlValue(f.denominator)
                    case "n": MeasureEngine.sqlValue(f.n)
                    case "sd": f.sd.map(SQLValue.real) ?? .null
                    default: f.aggregateValue.map(SQLValue.real) ?? .null
                    }
                    XCTAssertEqual(got, expected, "\(seedNote): \(c.column) = \(c.aggregate) of \(g) \(key.unit.string) \(key.facilityType.string) \(key.dimension.string)")
                }
                checked += 1
            }
        }
        XCTAssertEqual(acc.groupCount, checked, "\(seedNote): groups beyond GROUP BY's")
        return checked
    }
}
