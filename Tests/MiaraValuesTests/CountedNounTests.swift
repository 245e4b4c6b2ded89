import MiaraValues
import XCTest

/// Polish plurals after a count, checked against the forms a Polish reader expects.
final class CountedNounTests: XCTestCase {
    func testPolishFormsAfterACount() {
        let expected: [(Int, String)] = [
            (0, "0 miesięcy"), (1, "1 miesiąc"), (2, "2 miesiące"), (4, "4 miesiące"), (5, "5 miesięcy"),
            (11, "11 miesięcy"), (12, "12 miesięcy"), (14, "14 miesięcy"), (21, "21 miesięcy"), (22, "22 miesiące"),
            (24, "24 miesiące"), (25, "25 miesięcy"), (101, "101 miesięcy"), (102, "102 miesiące"), (112, "112 miesięcy"),
        ]
        for (n, text) in expected { XCTAssertEqual(CountedNoun.month(n, .pl), text) }
        XCTAssertEqual(CountedNoun.facilityMonth(9, .pl), "9 miesięcy placówek")
        XCTAssertEqual(CountedNoun.facilityMonth(3, .pl), "3 miesiące placówek")
        XCTAssertEqual(CountedNoun.otherFacility(3, .pl), "3 inne placówki")
        XCTAssertEqual(CountedNoun.otherFacility(1, .pl), "1 inna placówka")
    }

    func testEnglishFormsAfterACount() {
        XCTAssertEqual(CountedNoun.month(1, .en), "1 month")
        XCTAssertEqual(CountedNoun.month(24, .en), "24 months")
        XCTAssertEqual(CountedNoun.facilityMonth(0, .en), "0 facility-months")
    }
}
