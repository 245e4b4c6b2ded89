import Foundation
import MiaraStore
import XCTest

/// Only MiaraStore knows the store's tables: a source file elsewhere that writes SQL against one
/// of them fails this test unless the allow-list below names it, with the reason.
final class StoreBoundaryTests: XCTestCase {
    /// The exception by design (path prefixes relative to the package): measures are SQL over the
    /// store's accepted rows, so the catalogue, the engine and explain may name its tables.
    static let exempt: [String: String] = [
        "Sources/MiaraCatalogue/":
            "the measure catalogue's SQL (Pipelines/measures*), embedded in the binary: measures are SQL over the accepted rows by design",
        "Sources/MiaraMeasures/":
            "the measure engine: runs the catalogue's SQL and builds its temporary relations over the accepted rows, on read-only connections",
        "Sources/MiaraReport/Explain":
            "explain lists the records behind a measure row from the same relations as the measure (owned by the measure engine's rewrite)",
    ]

    /// What is left to move into MiaraStore, with the reason; an entry that no longer holds such
    /// SQL fails the test, so the list only shrinks.
    /// (Empty since the staging writers, the derivation and the cross-row checks moved into
    /// `MiaraStore/Ingestion/`.)
    static let allowed: [String: String] = [:]

    /// A store table after an SQL keyword (or a table name interpolated there), or a table named to `Store.count`.
    static let sql = #"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:"?([a-z_][a-z0-9_]*)"?(?![a-z0-9_.])|(\\\())|\.count\("([a-z_]+)"\)"#

    /// Files outside MiaraStore whose text uses a store table in SQL (or a table name interpolated into SQL).
    static func offenders(tables: Set<String>, root: URL) throws -> [String: String] {
        let pattern = try NSRegularExpression(pattern: Self.sql)
        var out: [String: String] = [:]
        let sources = root.appendingPathComponent("Sources")
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in walker where url.pathExtension == "swift" {
            let rel = String(url.path.dropFirst(root.path.count + 1))
            if rel.hasPrefix("Sources/MiaraStore/") { continue }
            if let hit = firstHit(in: try String(contentsOf: url, encoding: .utf8), tables: tables, pattern: pattern) { out[rel] = hit }
        }
        return out
    }

    static func firstHit(in text: String, tables: Set<String>, pattern: NSRegularExpression) -> String? {
        let ns = text as NSString
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let group = [1, 3].first { m.range(at: $0).location != NSNotFound }
            let name = group.map { ns.substring(with: m.range(at: $0)) }
            if name.map(tables.contains) ?? true { return ns.substring(with: m.range) }
        }
        return nil
    }

    /// Every table of a freshly migrated store.
    static func storeTables() throws -> Set<String> {
        let store = try Store.open(":memory:", .readWrite)
        return Set(try store.db.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").compactMap { $0[0].text })
    }

    func testOnlyTheStoreWritesSQLAgainstItsTables() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let tables = try Self.storeTables()
        XCTAssertTrue(tables.isSuperset(of: ["files", "rejects", "warnings", "runs", "run_stages", "facilities", "stays"]), "\(tables.sorted())")
        let found = try Self.offenders(tables: tables, root: root)
        XCTAssertFalse(found.isEmpty, "the measure catalogue at least holds SQL: the scan found nothing, so it is broken")
        for (file, hit) in found.sorted(by: { $0.key < $1.key }) 
            where !Self.allowed.keys.contains(where: file.hasPrefix) && !Self.exempt.keys.contains(where: file.hasPrefix) {
            XCTFail("\(file): SQL against a store table (`\(hit)`); add a record type and a function to MiaraStore (Store+<concern>.swift) and call it")
        }
        for prefix in Self.allowed.keys.sorted() where !found.keys.contains(where: { $0.hasPrefix(prefix) }) {
            XCTFail("\(prefix): on the allow-list but holds no SQL against a store table any more; remove it from the list")
        }
    }

    func testTheScanSeesSQLAndIgnoresProse() throws {
        let pattern = try NSRegularExpression(pattern: Self.sql)
        let tables: Set<String> = ["rejects", "files"]
        XCTAssertEqual(Self.firstHit(in: #"db.query("SELECT x FROM rejects WHERE 1")"#, tables: tables, pattern: pattern), "FROM rejects")
        XCTAssertEqual(Self.firstHit(in: #"JOIN files f ON f.id = r.file_id"#, tables: tables, pattern: pattern), "JOIN files")
        XCTAssertNotNil(Self.firstHit(in: #"DELETE FROM \(table) WHERE"#, tables: tables, pattern: pattern))
        XCTAssertEqual(Self.firstHit(in: #"try store.count("files") > 0"#, tables: tables, pattern: pattern), #".count("files")"#)
        XCTAssertNil(Self.firstHit(in: "/// rows read from files, from rejects", tables: tables, pattern: pattern))
        XCTAssertNil(Self.firstHit(in: "DELETE FROM temp.files_x; SELECT a FROM filesets", tables: tables, pattern: pattern))
    }
}
