import Foundation
import MiaraStore
import XCTest

/// The measures' stored rows (`measure_results`) are kept packed: what is saved reads back as the
/// same text, the stored length is the text's, the packed bytes are fewer, and a fingerprint other
/// than the stored one reads nothing.
final class MeasureResultsPackingTests: XCTestCase {
    func testStoredRowsReadBackAndArePacked() throws {
        let store = try Store.open(":memory:", .readWrite)
        // Rows as `MeasureRowText` writes them: tab-separated numbers, one line per unit.
        let text = (0..<2000).map { "municipality\t\(2464011 + $0 % 300)\t\t\t\(Double($0) / 7)\t\($0 * 3)\t\($0 % 17)\t\tprovisional" }
            .joined(separator: "\n") + "\nall\tall\t\t\tśrednia ąę\t1\t2\t\t"
        let key = MeasureResults.Key(entry: "3 E04", period: "2026H1")
        try store.write { w in
            try MeasureResults.save(w, [key: try .init(fingerprint: "f1", rows: text)], keep: [key])
        }
        try store.measures(readers: 0) { m in
            let c = m.connections[0]
            XCTAssertEqual(try MeasureResults.rows(c, key, fingerprint: "f1"), text)
            XCTAssertNil(try MeasureResults.rows(c, key, fingerprint: "f2"))
            let stored = try c.query("SELECT bytes, length(packed), typeof(packed) FROM measure_results")
            XCTAssertEqual(stored.first?[0].int, text.utf8.count)
            XCTAssertEqual(stored.first?[2].text, "blob")
            XCTAssertLessThan(try XCTUnwrap(stored.first?[1].int), text.utf8.count / 3, "the text shrinks at least three times")
        }
        XCTAssertEqual(try store.read { try MeasureResults.fingerprints($0) }, [key: "f1"])
    }
}
