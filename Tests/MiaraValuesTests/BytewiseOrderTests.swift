import MiaraTestSupport
import MiaraValues
import XCTest

/// `bytewiseCompare` orders texts as their UTF-8 bytes do (SQLite's BINARY collation), not as
/// Swift's `<` does.
final class BytewiseOrderTests: XCTestCase {
    /// A property: 5000 random pairs (fresh seed each run, printed; MIARA_SEED replays).
    func testAgreesWithTheUTF8BytesOnRandomTexts() {
        let alphabet: [String] = ["a", "b", "Z", "0", "|", "ó", "o\u{301}", "Ł", "ż", "€", "\u{1F600}", " "]
        var rng = PropertySeed.generator("BytewiseOrderTests.testAgreesWithTheUTF8BytesOnRandomTexts")
        func text() -> String { (0..<Int.random(in: 0...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined() }
        for _ in 0..<5000 {
            let (x, y) = (text(), text())
            let bytes = Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : (Array(x.utf8) == Array(y.utf8) ? 0 : 1)
            XCTAssertEqual(x.bytewiseCompare(y), bytes, "\(Array(x.utf8)) vs \(Array(y.utf8))")
            XCTAssertEqual(x.bytewisePrecedes(y), bytes < 0)
        }
        // Canonically equivalent for Swift, two texts for SQLite.
        XCTAssertEqual("\u{F3}", "o\u{301}")
        XCTAssertNotEqual("\u{F3}".bytewiseCompare("o\u{301}"), 0)
        XCTAssertEqual("ab".bytewiseCompare("abc"), -1)
        XCTAssertEqual("".bytewiseCompare(""), 0)
    }

    /// Keys of several fields: the first field that differs by its bytes decides, even where Swift
    /// finds the two fields equal (an NFD `ó` sorts before an NFC one: 0x6F < 0xC3).
    func testKeysCompareFieldByFieldByTheirBytes() {
        XCTAssertTrue(["o\u{301}", "b"].bytewisePrecedes(["\u{F3}", "a"]))
        XCTAssertFalse(["\u{F3}", "a"].bytewisePrecedes(["o\u{301}", "b"]))
        XCTAssertTrue(["a", "b"].bytewisePrecedes(["a", "c"]))
        XCTAssertTrue(["a"].bytewisePrecedes(["a", ""]), "a key that is a prefix of the other sorts first")
        XCTAssertFalse(["a", "b"].bytewisePrecedes(["a", "b"]))
        XCTAssertEqual(["\u{F3}", "Z", "o\u{301}", "a"].sortedBytewise(), ["Z", "a", "o\u{301}", "\u{F3}"])
    }
}
