import Foundation
import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// The dataset `mops/plans` (SPEC 2): each check of a plan row, at its column, in SPEC order;
/// replacement by key; the template's context columns read without W01.
final class PlanIngestTests: XCTestCase {
    let header = "teryt,measure,action_no,action,owner,start,deadline,baseline_period,target,state,note"

    func testEachCheckOfAPlanRowSitsAtItsColumn() throws {
        let h = try IngestHarness()
        h.asOf = Day(iso: "2024-10-15")!
        try h.baseline()
        try h.file("mops/plans/a.csv", header + """

            2464011,S01,1,Umowa z TBS,Dział,2024-01-01,2025-12-31,2023,0.3,in_progress,
            2464011,s06,1,małe litery,Dział,2025-01-01,2025-12-31,2024H1,0.1,planned,start po dacie stanu
            2464011,S05,1,nie porównywana,Dział,2024-01-01,2024-12-31,2023,100,planned,
            2464011,S01,0,zero,Dział,2024-01-01,2024-12-31,2023,0.3,planned,
            2464011,S02,1,odwrotnie,Dział,2024-06-01,2024-05-31,2023,0.5,planned,
            2464011,S03,1,zły okres,Dział,2024-01-01,2024-12-31,2023Q1,0.5,planned,
            2464011,S04,1,zły stan,Dział,2024-01-01,2024-12-31,2023,0.5,todo,
            2464011,S01,1,powtórzony klucz,Dział,2024-01-01,2024-12-31,2023,0.4,done,
            9999999,S07,1,brak gminy,Dział,2024-01-01,2024-12-31,2023,0.5,planned,
            2464011,S08,1,okres bazowy po dacie stanu,Dział,2024-01-01,2024-12-31,2024H2,50,planned,
            2464011,S09,1,,Dział,2024-01-01,2024-12-31,2023,50,planned,
            """)
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [
            "mops/plans/a.csv:4:measure:C05",           // S05 is not benchmarked
            "mops/plans/a.csv:5:action_no:C19",         // below 1
            "mops/plans/a.csv:6:deadline:C08",          // deadline before start
            "mops/plans/a.csv:7:baseline_period:C03",   // a quarter is not a year or a half-year
            "mops/plans/a.csv:8:state:C05",
            "mops/plans/a.csv:9::C16",                  // (2464011, S01, 1) again in the file
            "mops/plans/a.csv:10:teryt:C11",
            "mops/plans/a.csv:12:action:C02",
        ])   // line 11: 2024H2 starts on 2024-07-01, before the as-of date: accepted
        // start 2025-01-01 and deadline after the as-of date are plans by nature: no C10; the code is stored upper case.
        XCTAssertEqual(try store.db.query("SELECT measure FROM plans ORDER BY line").compactMap { $0[0].text }, ["S01", "S06", "S08"])
        XCTAssertEqual(reports.first { $0.path == "mops/plans/a.csv" }.map { $0.rowsAccepted + $0.rowsRejected }, 11)
    }

    func testABaselineHalfYearAfterTheAsOfDateIsC10AndPendingUntilThen() throws {
        let h = try IngestHarness()
        h.asOf = Day(iso: "2024-06-30")!
        try h.baseline()
        try h.file("mops/plans/a.csv", header + "\n2464011,S08,1,x,Dział,2024-01-01,2024-12-31,2024h2,50,planned,\n")
        var (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["mops/plans/a.csv:2:baseline_period:C10"])
        h.asOf = Day(iso: "2024-07-01")!
        (store, _) = try h.ingest(runID: "next")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.query("SELECT baseline_period FROM plans").compactMap { $0[0].text }, ["2024H2"])
    }

    func testALaterFileReplacesTheActionOfTheSameKey() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("mops/plans/2024-06.csv", header + "\n2464011,S01,1,Umowa,Dział,2024-01-01,2024-12-31,2023,0.3,in_progress,\n")
        _ = try h.ingest()
        try h.file("mops/plans/2024-12.csv", header + "\n2464011,S01,1,Umowa,Dział,2024-01-01,2024-12-31,2023,0.3,done,zrealizowano\n")
        let (store, _) = try h.ingest(runID: "second")
        XCTAssertEqual(try store.db.query("SELECT state, note FROM plans").map { $0.compactMap(\.text) }, [["done", "zrealizowano"]])
    }

    func testTheTemplatesContextColumnsRaiseNoW01ButOthersDo() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("mops/plans/a.csv", header + ",measure_name,current_value,group_mean,group_median,gap_to_mean,extra\n"
                   + "2464011,S01,1,Umowa,Dział,2024-01-01,2024-12-31,2023,0.3,planned,,wyjścia,0.2,0.25,0.24,-0.05,x\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.query("SELECT message FROM warnings WHERE check_code = 'W01'").compactMap { $0[0].text }.count, 1)
        XCTAssertEqual(try store.db.query("SELECT \"column\" FROM warnings WHERE check_code = 'W01'").compactMap { $0[0].text }, ["extra"])
    }
}
