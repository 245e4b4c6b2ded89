import MiaraValues
import XCTest

/// Days, months, periods and the value readers of the input formats.
final class CalendarTests: XCTestCase {
    func testDayForms() {
        XCTAssertEqual(Day(input: "2024-02-29")?.iso, "2024-02-29")
        XCTAssertEqual(Day(input: "29.02.2024")?.iso, "2024-02-29")
        XCTAssertNil(Day(input: "2023-02-29"))          // not a leap year
        XCTAssertNil(Day(input: "1900-02-29"))          // century, not leap
        XCTAssertEqual(Day(input: "2000-02-29")?.iso, "2000-02-29")
        XCTAssertNil(Day(input: "2024-2-01"))
        XCTAssertEqual(Day(iso: "1970-01-01")?.ordinal, 0)
        XCTAssertEqual(Day(iso: "2024-03-01")! - Day(iso: "2024-02-01")!, 29)
    }

    func testExcelSerials() {
        XCTAssertEqual(Day(excelSerial: 45292)?.iso, "2024-01-01")
        XCTAssertEqual(Day(excelSerial: 45292.75)?.iso, "2024-01-01")   // time of day dropped
        XCTAssertNil(Day(excelSerial: .nan))
        XCTAssertNil(Day(excelSerial: .infinity))
        XCTAssertNil(Day(excelSerial: 0))
    }

    func testMonths() {
        XCTAssertEqual(Month(input: "2024-03")?.text, "2024-03")
        XCTAssertEqual(Month(input: "03.2024")?.text, "2024-03")
        XCTAssertNil(Month(input: "2024-13"))
        XCTAssertEqual(Month(input: "2024-02")?.lastDay.iso, "2024-02-29")
    }

    func testPeriods() {
        XCTAssertEqual(Period("2024H2")?.start.iso, "2024-07-01")
        XCTAssertEqual(Period("2024q3")?.end.iso, "2024-09-30")
        XCTAssertEqual(Period("2024-02")?.end.iso, "2024-02-29")
        XCTAssertNil(Period("2024H3"))
        XCTAssertNil(Period("2024Q0"))
        XCTAssertEqual(Period("2024H1")?.previous.text, "2023H2")
        XCTAssertEqual(Period("2024-01")?.previous.text, "2023-12")
        XCTAssertEqual(Period("2024Q1")?.previous.text, "2023Q4")
        let asOf = Day(iso: "2024-05-15")!
        let c = Period("2024")!.clipped(asOf: asOf)!
        XCTAssertEqual(c.end.iso, "2024-05-15")
        XCTAssertTrue(c.provisional)
        XCTAssertEqual(c.days, 136)                      // 31+29+31+30+15
        XCTAssertNil(Period("2024H2")!.clipped(asOf: asOf))
        guard case .success(let ps) = Period.expand(["year", "halves", "2024H1", "2023"], asOf: asOf) else { return XCTFail() }
        XCTAssertEqual(ps.map(\.text), ["2024", "2024H1", "2024H2", "2023"])
        guard case .failure = Period.expand(["2024H7"], asOf: asOf) else { return XCTFail() }
    }

    func testNumbers() {
        XCTAssertEqual(ValueParser.decimal("1 234,50", commaDecimal: true), 1234.5)
        XCTAssertNil(ValueParser.decimal("1 234,50", commaDecimal: false))
        XCTAssertNil(ValueParser.decimal("1.234,50", commaDecimal: true))
        XCTAssertNil(ValueParser.decimal("NaN", commaDecimal: false))
        XCTAssertNil(ValueParser.decimal("Inf", commaDecimal: false))
        XCTAssertNil(ValueParser.decimal(String(repeating: "9", count: 400), commaDecimal: false)) // beyond a double
        XCTAssertEqual(ValueParser.integer("-12"), -12)
        XCTAssertNil(ValueParser.integer("1e3"))
        XCTAssertEqual(ValueParser.flag("Tak"), true)
        XCTAssertNil(ValueParser.flag("maybe"))
    }
}
