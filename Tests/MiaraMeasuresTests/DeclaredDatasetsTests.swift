import Foundation
import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

/// A stored result is reused while the digests of the tables `MeasureResultCache.tables` names for
/// its entry are unchanged, so every table an entry's queries read — directly, or through the
/// TEMP relations the engine builds from the store (`SharedRelations`, `QualityStandardTables`) —
/// must be among them. The tables are those SQLite's authorizer reports when each query is
/// prepared (`MeasureConnection.tablesRead`), not a reading of the SQL text.
final class DeclaredDatasetsTests: XCTestCase {
    /// TEMP relations that carry no input of the store: the code lists (`Codes`), the standard's
    /// tables (the standard is in the cache's `settings`) and the period's bounds (in the
    /// fingerprint's period line). Checked below to be filled from bound values only.
    static let noInput: Set<String> = [
        "temp.facility_levels", "temp.housing_destinations", "temp.bed_types",
        "temp.standard_criteria", "temp.floor_norms", "temp.period_bounds",
    ]
    /// Store tables whose digest is another's: a survey's answers are derived with its responses,
    /// whose digest (`MeasureInputDigests`) stands for both.
    static let digestedWith: [String: String] = ["survey_answers": "survey_responses"]

    /// Tables an entry's file reads only in a part its own parameters switch off: `staff_fte.sql`
    /// (Q05, Q06, Q07) counts Q06's caseload from programmes and persons only when `caseload_as`
    /// is not `none`. Allowed only while the entry's parameter says so.
    static func switchedOff(_ d: MeasureDefinition) -> Set<String> {
        d.parameters.contains { $0.name == "caseload_as" && $0.value == "none" } && d.sqlPath.hasSuffix("staff_fte.sql")
            ? ["programmes", "persons"] : []
    }

    let asOf = Day(iso: "2024-08-20")!   // inside a month: the periods are clipped, services in proportion
    let standard = Standard(criteria: [.init(code: "K1", name: "K1", weight: 1)], floorAreaPerPlace: ["night_shelter": 4])

    func fixture() throws -> FixtureStore {
        let fx = try FixtureStore()
        try fx.municipality(tA, year: 2024, population: 1000)
        try fx.provider(prov)
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10, opened: "2020-01-01")
        try fx.facility("F2", provider: prov, teryt: tA, type: "soup_kitchen", opened: "2020-01-01")
        try fx.person("P1", teryt: tA)
        try fx.stay("S1", person: "P1", facility: "F1", admitted: "2024-01-10", discharged: "2024-02-20", destination: "rented")
        try fx.service(facility: "F2", date: "2024-01-15", service: "meal", quantity: 2, person: "P1")
        return fx
    }

    /// The store tables behind a read, following `sources` (what built each TEMP relation); nil
    /// for a TEMP relation no recorded statement wrote. A read made through a view of the store
    /// (a dataset's accepted rows over its staged table) is the view's: its digest reads the view.
    static func storeTables(_ r: TableReads.Read, _ sources: [String: Set<TableReads.Read>],
                            seen: Set<String> = []) -> Set<String>? {
        if let v = r.view { return [digestedWith[v] ?? v] }
        let name = String(r.table.split(separator: ".", maxSplits: 1).last ?? "")
        if name.hasPrefix("sqlite_") { return [] }   // SQLite's schema tables
        if r.table.hasPrefix("main.") { return [digestedWith[name] ?? name] }
        guard let from = sources[r.table] else { return nil }
        var out = Set<String>()
        for s in from where s.table != r.table && !seen.contains(s.table) {
            guard let more = storeTables(s, sources, seen: seen.union([r.table])) else { return nil }
            out.formUnion(more)
        }
        return out
    }

    func testEveryEntryReadsOnlyTablesItsResultFingerprintCovers() throws {
        let fx = try fixture()
        let cat = try catalogue()
        let dates = ClipDates(asOf: asOf, costLagDays: 30)
        try fx.measures { m in
            let c = m.connections[0]
            // What the engine builds on a connection, once and per period, recorded with what it reads.
            var sources = try c.tablesRead { try MeasureEngine.prepare(c, standard: standard) }.reads.sources
            for name in Self.noInput.subtracting(["temp.period_bounds", "temp.bed_types"]) {
                XCTAssertEqual(sources[name].map { Set($0.map(\.table)).subtracting(["temp.sqlite_temp_master", name]) }, [],
                               "\(name) is filled from bound values only")
            }
            var built: ClippedPeriod?
            var checked = 0
            for (i, d) in cat.definitions.enumerated() {
                guard let cp = d.clipped(Period("2024")!, at: dates) else { XCTFail("\(d.code.raw): no period"); continue }
                if built != cp {
                    let b = try c.tablesRead { try SharedRelations.build(cp, on: c) }.reads
                    sources.merge(b.sources) { $0.union($1) }
                    XCTAssertEqual(sources["temp.period_bounds"].map { Set($0.map(\.table)).subtracting(["temp.sqlite_temp_master", "temp.period_bounds"]) }, [])
                    built = cp
                }
                let reads = try c.tablesRead { _ = try MeasureEngine.rows(db: c, definition: d, period: cp, asOf: asOf) }.reads.read
                XCTAssertFalse(reads.isEmpty, "\(d.code.raw): no table read recorded")
                var stored = Set<String>()
                for t in reads {
                    if Self.noInput.contains(t.table) { continue }
                    guard let s = Self.storeTables(t, sources) else { XCTFail("entry \(i) \(d.code.raw) reads \(t), which nothing recorded built"); continue }
                    stored.formUnion(s)
                }
                let covered = Set(MeasureResultCache.tables(d)).union(Self.switchedOff(d))
                XCTAssertTrue(stored.isSubset(of: covered),
                              "entry \(i) \(d.code.raw) reads \(stored.subtracting(covered).sorted()) (through its queries or the shared relations), "
                              + "which its `datasets` \(d.datasets) do not cover: a stored result would be reused when they change")
                checked += 1
            }
            XCTAssertEqual(checked, cat.definitions.count)
        }
    }

    /// The recorder itself: a TEMP table built from the store maps back to the store tables its
    /// statement read; one filled from values reads nothing; a read through a view is the view's
    /// tables'.
    func testRecordedReadsFollowTempTablesAndViews() throws {
        let fx = try fixture()
        try fx.measures { m in
            let c = m.connections[0]
            let r = try c.tablesRead {
                try c.execute("""
                    CREATE TEMP TABLE t1 AS SELECT s.facility_id FROM stays s JOIN facilities f ON f.facility_id = s.facility_id;
                    CREATE TEMP TABLE t2 (x TEXT);
                    CREATE TEMP VIEW v1 AS SELECT facility_id FROM services;
                    """)
                let st = try c.prepare("INSERT INTO temp.t2 VALUES (?)")
                try st.bind([.text("a")]); try st.run()
                _ = try c.query("SELECT * FROM temp.v1 UNION ALL SELECT * FROM temp.t1")
            }.reads
            // `stays`, `facilities`, `services`: views of the accepted rows over the staged tables.
            XCTAssertEqual(r.sources["temp.t1"].map { Set($0.compactMap(\.view)) }, ["stays", "facilities"])
            XCTAssertEqual(Self.storeTables(.init("temp.t1"), r.sources), ["stays", "facilities"])
            XCTAssertEqual(Self.storeTables(.init("temp.t2"), r.sources), [])
            XCTAssertTrue(r.read.contains(.init("main.staged_services", view: "services")), "\(r.read)")
            XCTAssertTrue(r.read.contains(.init("temp.t1")), "\(r.read)")
            let all = r.read.compactMap { Self.storeTables($0, r.sources) }.reduce(Set<String>()) { $0.union($1) }
            XCTAssertEqual(all, ["stays", "facilities", "services"])
            // The scope still refuses writes to the store, during the recording and after it.
            XCTAssertThrowsError(try c.tablesRead { try c.execute("DELETE FROM stays") })
            XCTAssertThrowsError(try c.execute("DELETE FROM stays"))
        }
    }
}
