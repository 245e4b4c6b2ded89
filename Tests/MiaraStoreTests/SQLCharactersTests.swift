import Foundation
@testable import MiaraStore
import MiaraTestSupport
import XCTest

/// `SQLCharacters` against SQLite itself: the prefix `substr(t, 1, n)` gives and whether
/// `length(t) = n`, on random byte texts (ASCII, Polish letters, stray continuation bytes, lead
/// bytes without their continuation).
final class SQLCharactersTests: XCTestCase {
    func testPrefixAndLengthAreSQLites() throws {
        var rng = PropertySeed.generator("SQLCharactersTests.testPrefixAndLengthAreSQLites")
        let seed = rng.seed
        let db = try SQLiteDatabase(path: ":memory:")
        let st = try db.prepare("SELECT hex(substr(?1, 1, ?2)), length(?1) = ?2")
        let pieces: [[UInt8]] = [[0x32], [0x2D], Array("ó".utf8), Array("ż".utf8), Array("€".utf8), Array("😀".utf8), [0x80], [0xBF], [0xC5], [0xF0, 0x9F]]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...14, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            let n = Int.random(in: 0...11, using: &rng)
            st.reset()
            try st.bind(.integer(Int64(n)), at: 2)
            // Bound without a copy: stepped while the bytes are held.
            let sql: (hex: String?, isLength: Bool) = try bytes.withUnsafeBufferPointer {
                try st.bindText($0.baseAddress!, count: $0.count, at: 1)
                XCTAssertTrue(try st.step())
                return (st.string(0), st.int(1) == 1)
            }
            let (prefix, count) = bytes.withUnsafeBufferPointer { b in
                let r = SQLCharacters.first(n, of: b)
                return (Array(r.prefix), r.count)
            }
            let context = "bytes \(bytes) n \(n); replay with MIARA_SEED=\(seed)"
            XCTAssertEqual(prefix.map { String(format: "%02X", $0) }.joined(), sql.hex, context)
            XCTAssertEqual(count == n, sql.isLength, context)
        }
    }
}
