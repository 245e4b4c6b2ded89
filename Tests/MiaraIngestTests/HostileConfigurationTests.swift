import Foundation
@testable import MiaraStore
import XCTest

/// Settings and bytes that used to be misread, through the built binary: a YAML null as a
/// path, a key path that is a folder, an unknown target code without its line, a NUL byte that
/// cut `raw` short.
final class HostileConfigurationTests: XCTestCase {
    func run(_ args: [String], cwd: URL) throws -> (status: Int32, out: String, err: String) { try CommandLineTests.run(args, cwd: cwd) }

    func testInboxNullIsNoValueNotAFolderNamedNull() throws {
        let h = try IngestHarness()
        try h.baseline()
        try "store: miara.sqlite\ninbox: null\nas_of: 2024-12-31\n".write(to: h.root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["ingest", "--pipeline", "p.yaml", "--lang", "en"], cwd: h.root)
        XCTAssertEqual(r.status, 2, r.err)
        // Old: "the inbox …/null does not exist", as if a folder named `null` had been meant.
        XCTAssertTrue(r.err.contains("p.yaml:2: inbox: no value (null)"), r.err)
    }

    func testKeyPathThatIsAFolderIsNamedAsAFolder() throws {
        let h = try IngestHarness()
        try h.baseline()
        let dir = h.root.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let r = try run(["ingest", "--inbox", "inbox", "--store", "miara.sqlite", "--as-of", "2024-12-31", "--pseudonym-key", "keys", "--lang", "en"], cwd: h.root)
        XCTAssertEqual(r.status, 2, r.err)
        // Old: "the key file keys is readable by others (mode 40755)".
        XCTAssertTrue(r.err.contains("the key file keys is a folder, not a file"), r.err)
        XCTAssertFalse(r.err.contains("readable by others"), r.err)
    }

    func testUnknownTargetCodeNamesItsLine() throws {
        let h = try IngestHarness()
        try h.baseline()
        try "inbox: inbox\nstore: miara.sqlite\nas_of: 2024-12-31\ntargets:\n  S05: { max: 120 }\n  X99: { min: 1 }\n"
            .write(to: h.root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["run", "--pipeline", "p.yaml", "--lang", "en"], cwd: h.root)
        XCTAssertEqual(r.status, 2, r.err)
        // Old: "p.yaml: targets.X99: unknown measure code", no line.
        XCTAssertTrue(r.err.contains("p.yaml:6: targets.X99: unknown measure code"), r.err)
    }

    func testNULByteInARecordIsShownInRawNotCutThere() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/costs/c.csv", bytes: Array("contract_id,month,category,amount_pln,funding\nC1,2024-01,st".utf8) + [0]
                   + Array("aff,100,own\n".utf8))
        let r = try run(["ingest", "--inbox", "inbox", "--store", "miara.sqlite", "--as-of", "2024-12-31"], cwd: h.root)
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        let db = try SQLiteDatabase(path: h.storePath, readOnly: true)
        // Old: "C1,2024-01,st" (the text ended at the NUL byte).
        XCTAssertEqual(try db.scalar("SELECT raw FROM rejects WHERE file = 'ngo/costs/c.csv'")?.text, "C1,2024-01,st\u{2400}aff,100,own")
    }
}
