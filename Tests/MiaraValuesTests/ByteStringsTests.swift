import MiaraTestSupport
import MiaraValues
import XCTest

/// `ByteStrings` numbers byte strings exactly as a dictionary keyed by their bytes does.
final class ByteStringsTests: XCTestCase {
    /// A property (fresh seed each run, printed; MIARA_SEED replays): 20,000 random byte strings
    /// from a small alphabet (so values repeat, share prefixes and include the empty string and
    /// "ó" composed and decomposed) get the numbers of first appearance; a value never added is not found.
    func testNumbersAreThoseOfADictionaryByBytes() {
        var rng = PropertySeed.generator("ByteStringsTests.testNumbersAreThoseOfADictionaryByBytes")
        var table = ByteStrings()
        var reference: [[UInt8]: Int] = [:]
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x30], Array("\u{F3}".utf8), Array("o\u{301}".utf8)]
        for _ in 0..<20_000 {
            var value: [UInt8] = []
            for _ in 0..<Int.random(in: 0...7, using: &rng) { value += alphabet.randomElement(using: &rng)! }
            let expected = reference[value] ?? reference.count
            reference[value] = expected
            XCTAssertEqual(value.withUnsafeBufferPointer { table.number($0) }, expected, "\(value)")
        }
        XCTAssertEqual(table.count, reference.count)
        for (value, n) in reference {
            XCTAssertEqual(Array(table.value(n)), value)
            XCTAssertEqual(value.withUnsafeBufferPointer { table.find($0) }, n)
        }
        XCTAssertNil(Array("not added".utf8).withUnsafeBufferPointer { table.find($0) })
        XCTAssertNotEqual(table.find("\u{F3}"), table.find("o\u{301}"), "told apart by bytes, not by Swift's String ==")
        print("ByteStringsTests: \(reference.count) distinct values")
    }
}
