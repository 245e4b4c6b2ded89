import MiaraTestSupport
import MiaraValues
import XCTest

/// The byte-level readings ingest applies to every cell (`UTF8Bytes`, `Day`, `Month`,
/// `ValueParser.integer`, `PersonIDForm`) against what the standard library's text functions say.
final class CellBytesTests: XCTestCase {
    func testASCIILowercasingAgreesWithLowercased() {
        var rng = PropertySeed.generator("CellBytesTests.testASCIILowercasingAgreesWithLowercased")
        for _ in 0..<2000 {
            let n = Int.random(in: 0..<24, using: &rng)
            let s = String(decoding: (0..<n).map { _ in UInt8.random(in: 0..<0x80, using: &rng) }, as: UTF8.self)
            XCTAssertEqual(UTF8Bytes.asciiLowercased(s), s.lowercased(), s.debugDescription)
        }
        XCTAssertEqual(UTF8Bytes.asciiLowercased("MEAL"), "meal")
        XCTAssertEqual(UTF8Bytes.asciiLowercased("Bed-Night_2"), "bed-night_2")
        XCTAssertNil(UTF8Bytes.asciiLowercased("Żywność"))
        XCTAssertNil(UTF8Bytes.asciiLowercased("A\u{00A0}"))
    }

    func testNULIsFoundAnywhere() {
        XCTAssertFalse(UTF8Bytes.containsNUL(""))
        XCTAssertFalse(UTF8Bytes.containsNUL("abc"))
        XCTAssertTrue(UTF8Bytes.containsNUL("\0"))
        XCTAssertTrue(UTF8Bytes.containsNUL("ab\0c"))
        XCTAssertTrue(UTF8Bytes.containsNUL(String(repeating: "długi tekst ", count: 20) + "\0"))
    }

    func testDatesAndMonthsReadAndWrittenAsText() {
        // Every day of four years around a leap day, both input forms, against the components.
        var d = Day(year: 1999, month: 12, day: 1)!
        while d < Day(year: 2004, month: 3, day: 2)! {
            let c = d.components
            let iso = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
            XCTAssertEqual(d.iso, iso)
            XCTAssertEqual(Day(iso: iso), d)
            XCTAssertEqual(Day(input: String(format: "%02d.%02d.%04d", c.day, c.month, c.year)), d)
            d = d.adding(days: 1)
        }
        XCTAssertEqual(Day(year: 1, month: 1, day: 1)!.iso, "0001-01-01")
        XCTAssertEqual(Day(year: 987, month: 6, day: 5)!.iso, "0987-06-05")
        XCTAssertEqual(Day(year: 9999, month: 12, day: 31)!.iso, "9999-12-31")
        for bad in ["2024-1-05", "2024-01-5 ", "2024/01/05", "05.01.24", "2024-01-0x", "２０２４-01-05", "2024-13-01", ""] {
            XCTAssertNil(Day(input: bad), bad)
        }
        XCTAssertNil(Day(iso: "05.01.2024"))
        XCTAssertEqual(Month(input: "2024-03")?.text, "2024-03")
        XCTAssertEqual(Month(input: "03.2024")?.text, "2024-03")
        XCTAssertEqual(Month(year: 7, month: 9)?.text, "0007-09")
        for bad in ["2024-3", "2024-13", "13.2024", "2024/03", "2024-03-01", "ż024-03"] { XCTAssertNil(Month(input: bad), bad) }
    }

    func testIntegersReadAsDigitsWithASign() {
        XCTAssertEqual(ValueParser.integer("0"), 0)
        XCTAssertEqual(ValueParser.integer("+5"), 5)
        XCTAssertEqual(ValueParser.integer("-12"), -12)
        XCTAssertEqual(ValueParser.integer("-0"), 0)
        XCTAssertEqual(ValueParser.integer("007"), 7)
        XCTAssertEqual(ValueParser.integer("999999999999999999"), 999_999_999_999_999_999)
        for bad in ["", "-", "+", "1 000", " 5", "5a", "1.0", "1,0", "--5", "+-5", "1234567890123456789", "٣", "５"] {
            XCTAssertNil(ValueParser.integer(bad), bad)
        }
    }

    func testPersonIDForms() {
        XCTAssertEqual(PersonIDForm.of("OS0202011-00001"), .pseudonym)
        XCTAssertEqual(PersonIDForm.of("abc_12"), .pseudonym)
        XCTAssertEqual(PersonIDForm.of("abc12"), .invalid)                        // under 6
        XCTAssertEqual(PersonIDForm.of(String(repeating: "a", count: 65)), .invalid)
        XCTAssertEqual(PersonIDForm.of("osoba ż1"), .invalid)
        XCTAssertEqual(PersonIDForm.of("44051401359"), .pesel)                    // valid check digit
        XCTAssertEqual(PersonIDForm.of("44051401358"), .pseudonym)                // 11 digits, wrong check digit
    }
}
