import MiaraValues
import XCTest

/// SPEC 9.2: the headline period is the year of the as-of date whatever the order of `periods`,
/// the year `headline` names when set, else the latest year of the run.
final class HeadlineChoiceTests: XCTestCase {
    let asOf = Day(iso: "2026-12-04")!
    func periods(_ items: [String]) -> [Period] { try! Period.expand(items, asOf: asOf).get() }

    func testTheAsOfYearWhateverTheOrder() {
        for items in [["previous_year", "year", "halves", "quarters"], ["quarters", "year", "previous_year"], ["year", "previous_year"]] {
            XCTAssertEqual(HeadlineChoice.year.period(among: periods(items), asOf: asOf)?.text, "2026", "\(items)")
        }
    }

    func testPreviousYearAndANamedYear() {
        let ps = periods(["previous_year", "year", "halves", "quarters"])
        XCTAssertEqual(HeadlineChoice.previousYear.period(among: ps, asOf: asOf)?.text, "2025")
        XCTAssertEqual(HeadlineChoice("2025")?.period(among: ps, asOf: asOf)?.text, "2025")
    }

    /// The chosen year is not among the run's periods: the latest year among them.
    func testAYearTheRunLacksFallsBackToItsLatestYear() {
        XCTAssertEqual(HeadlineChoice.year.period(among: periods(["2024", "previous_year", "quarters"]), asOf: asOf)?.text, "2025")
        XCTAssertEqual(HeadlineChoice("2020")?.period(among: periods(["previous_year", "year"]), asOf: asOf)?.text, "2026")
        XCTAssertEqual(HeadlineChoice.previousYear.period(among: periods(["year", "quarters"]), asOf: asOf)?.text, "2026")
    }

    /// No whole year in the run: the period that ends last (ties: the later text).
    func testWithoutAYearThePeriodThatEndsLast() {
        XCTAssertEqual(HeadlineChoice.year.period(among: periods(["halves", "quarters"]), asOf: asOf)?.text, "2026Q4")
        XCTAssertEqual(HeadlineChoice.year.period(among: periods(["2025H1", "2024Q3"]), asOf: asOf)?.text, "2025H1")
        XCTAssertNil(HeadlineChoice.year.period(among: [], asOf: asOf))
    }

    func testParsing() {
        XCTAssertEqual(HeadlineChoice("year"), .year)
        XCTAssertEqual(HeadlineChoice("previous_year"), .previousYear)
        XCTAssertEqual(HeadlineChoice("2024"), .fixed(2024))
        for bad in ["last_year", "2024H1", "24", "", "20245"] { XCTAssertNil(HeadlineChoice(bad), bad) }
    }
}
