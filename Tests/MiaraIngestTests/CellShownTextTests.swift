@testable import MiaraIngest
import XCTest

/// What a person sees in an XLSX cell (`raw`, messages): a date cell is its date, not its serial.
final class CellShownTextTests: XCTestCase {
    func testADateCellShowsItsDateAndATimeOfDayToTheMinute() {
        // Serials by hand: 45356 = 2024-03-05 (45292 = 2024-01-01, + 31 + 29 + 4); .75 = 18:00.
        XCTAssertEqual(Cell.number(45356, isDate: true).rawText, "2024-03-05")
        XCTAssertEqual(Cell.number(45356.75, isDate: true).shownText, "2024-03-05 18:00")
        XCTAssertEqual(Cell.number(45356, isDate: false).rawText, "45356", "a plain number stays a number")
        XCTAssertEqual(Cell.number(45356, isDate: true).text, "45356", "values in text columns keep SPEC 1.2's integer text")
        XCTAssertEqual(Cell.number(-5, isDate: true).shownText, "-5", "a serial outside the calendar is shown as it is")
    }
}
