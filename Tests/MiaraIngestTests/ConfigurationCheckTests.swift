import Foundation
import MiaraTestSupport
import MiaraValues
import MiaraXLSX
import XCTest

/// Configuration is checked, not assumed: each bad setting exits 2 naming the file, line and key
/// (or the flag), before anything is written. Runs the built binary.
final class ConfigurationCheckTests: XCTestCase {
    func miara(_ args: [String], cwd: URL, env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let r = try MiaraBinary.run(args, cwd: cwd, environment: env)
        return (r.status, r.out, r.err)
    }

    static let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Pipelines").path

    /// Writes `p.yaml` with the lines given and runs `miara ingest` on it.
    func ingest(_ h: IngestHarness, _ yaml: String, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let yaml = yaml + "standard: \(Self.pipelines)/standard.yaml\n"
        try yaml.write(to: h.root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return try miara(["ingest", "--pipeline", "p.yaml"] + extra, cwd: h.root)
    }

    func testBadSettingsExitTwoNamingFileLineAndKey() throws {
        let h = try IngestHarness()
        try h.baseline()
        try "x".write(to: h.root.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        let tomorrow = Day.today.adding(days: 1).iso
        let cases: [(String, String)] = [
            ("inbox: inbox\nas_of: \(tomorrow)\n", "p.yaml:2: as_of: \(tomorrow) is after today"),
            ("inbox: inbox\nas_of: 2024-12-31\nperiods: []\n", "p.yaml:3: periods: an empty list"),
            ("inbox: inbox\ntargets: { S05: { min: 200, max: 120 } }\n", "p.yaml:2: targets.S05: min 200.0 is above max 120.0"),
            ("inbox: inbox\nsurveys: no-such-folder\n", "p.yaml:2: surveys: the folder"),
            ("inbox: inbox\nstore: plain/miara.sqlite\n", "p.yaml:2: store: "),
            ("inbox: inbox\nstore: plain/miara.sqlite\n", "plain, which is a file, not a folder"),
            ("inbox: inbox\noutputs: plain/out\n", "p.yaml:2: outputs: "),
            ("as_of: 2024-12-31\ninbox: plain\n", "p.yaml:2: inbox: "),
            ("as_of: 2024-12-31\ninbox: plain\n", "plain is a file, not a folder"),
            ("as_of: 2024-12-31\ninbox: \"\"\n", "p.yaml:2: inbox: empty"),
        ]
        for (yaml, expected) in cases {
            let r = try ingest(h, yaml, ["--lang", "en"])
            XCTAssertEqual(r.status, 2, yaml + r.err)
            XCTAssertTrue(r.err.contains(expected), "expected \(expected) in \(r.err)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.root.appendingPathComponent("Outputs").path))
        // A flag is named when it set the value.
        let flag = try miara(["ingest", "--inbox", "plain", "--as-of", "2024-12-31", "--lang", "en"], cwd: h.root)
        XCTAssertEqual(flag.status, 2)
        XCTAssertTrue(flag.err.contains("--inbox: plain is a file"), flag.err)
        XCTAssertEqual(try miara(["compute", "--as-of", Day.today.adding(days: 3).iso], cwd: h.root).status, 2)
    }

    func testEmptyInboxOfANewStoreIsAConfigurationError() throws {
        let h = try IngestHarness()
        let r = try ingest(h, "inbox: inbox\nstore: s/miara.sqlite\nas_of: 2024-12-31\n", ["--lang", "en"])
        XCTAssertEqual(r.status, 2, r.err)
        XCTAssertTrue(r.err.contains("p.yaml:1: inbox: ") && r.err.contains("holds no .csv or .xlsx"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.root.appendingPathComponent("s/miara.sqlite").path), "no store is created")
        // Once the store has read files, an empty inbox is a quiet night.
        try h.baseline()
        XCTAssertEqual(try ingest(h, "inbox: inbox\nstore: s/miara.sqlite\nas_of: 2024-12-31\n").status, 0)
        for f in try FileManager.default.subpathsOfDirectory(atPath: h.inbox.path) where f.hasSuffix(".csv") {
            try FileManager.default.removeItem(at: h.inbox.appendingPathComponent(f))
        }
        let quiet = try ingest(h, "inbox: inbox\nstore: s/miara.sqlite\nas_of: 2024-12-31\n")
        XCTAssertEqual(quiet.status, 0, quiet.err)
    }

    func testFullTemporaryFolderWhileReadingXLSXIsC20AndTheRunGoesOn() throws {
        let h = try IngestHarness()
        try h.baseline()
        // An XLSX whose parts must be extracted to $TMPDIR, which cannot hold them.
        let url = h.inbox.appendingPathComponent("ngo/stays/s.xlsx")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let wb = try MiaraXLSXTestWorkbook.stays(at: url)
        _ = wb
        try "x".write(to: h.root.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        let r = try ingest(h, "inbox: inbox\nstore: s/miara.sqlite\nas_of: 2024-12-31\n", [])
        XCTAssertEqual(r.status, 0, r.err)  // baseline check: readable with a working $TMPDIR
        try? FileManager.default.removeItem(at: h.root.appendingPathComponent("s"))
        let full = try miara(["ingest", "--pipeline", "p.yaml", "--verbose"], cwd: h.root, env: ["TMPDIR": h.root.appendingPathComponent("plain/tmp").path])
        XCTAssertTrue(full.err.contains("ngo/stays/s.xlsx: C20"), full.err)
        // The run speaks Polish (no `lang`): the reader's reason too (decisions.md 187).
        XCTAssertTrue(full.err.contains("nie można utworzyć folderu tymczasowego"), full.err)
        XCTAssertTrue(full.out.contains("mops/persons/p.csv"), full.out)   // the other files were ingested
        XCTAssertTrue([0, 3].contains(full.status), full.err)
    }

    func testStoreAndRejectsArePrivateWhateverTheUmaskAndAnOpenStoreIsTightened() throws {
        let h = try IngestHarness()
        try h.baseline()
        let old = umask(0o022)   // a shared umask: the store and rejects.csv stay 0600 all the same
        defer { umask(old) }
        let store = h.root.appendingPathComponent("s/miara.sqlite")
        XCTAssertEqual(try ingest(h, "inbox: inbox\nstore: s/miara.sqlite\nas_of: 2024-12-31\n").status, 0)
        XCTAssertEqual(PrivateFiles.mode(store.path), 0o600)
        XCTAssertEqual(PrivateFiles.mode(h.root.appendingPathComponent("s/rejects.csv").path), 0o600)
        // The folder follows the umask (decisions.md 119): what must stay private is private by its own mode.
        XCTAssertEqual(PrivateFiles.mode(h.root.appendingPathComponent("s").path), 0o755)
        chmod(store.path, 0o644)
        try h.file("ngo/providers/q.csv", "provider_id,name\nKRS:0000000001,B\n")
        let r = try ingest(h, "inbox: inbox\nstore: s/miara.sqlite\nas_of: 2024-12-31\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("was readable by others (mode 644); tightened to 600"), r.err)
        XCTAssertEqual(PrivateFiles.mode(store.path), 0o600)
    }

    func testKeyFileIsJudgedByItsTargetThroughASymlink() throws {
        let h = try IngestHarness()
        try h.baseline()
        let key = h.root.appendingPathComponent("real.key")
        try "secret".write(to: key, atomically: true, encoding: .utf8)
        chmod(key.path, 0o644)
        XCTAssertEqual(symlink(key.path, h.root.appendingPathComponent("link.key").path), 0)
        let open = try miara(["ingest", "--inbox", "inbox", "--store", "s/m.sqlite", "--as-of", "2024-12-31", "--pseudonym-key", "link.key", "--lang", "en"], cwd: h.root)
        XCTAssertEqual(open.status, 2)
        XCTAssertTrue(open.err.contains("readable by others (mode 644)"), open.err)
        chmod(key.path, 0o600)
        let closed = try miara(["ingest", "--inbox", "inbox", "--store", "s/m.sqlite", "--as-of", "2024-12-31", "--pseudonym-key", "link.key"], cwd: h.root)
        XCTAssertEqual(closed.status, 0, closed.err)
    }
}

/// A small stays workbook written with miara's own writer.
enum MiaraXLSXTestWorkbook {
    static func stays(at url: URL) throws -> URL {
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("Pobyty")
        for (i, h) in ["stay_id", "person_id", "facility_id", "admitted"].enumerated() { ws.write(0, i, string: h) }
        ws.write(1, 0, string: "S1"); ws.write(1, 1, string: "person01"); ws.write(1, 2, string: "F1"); ws.write(1, 3, string: "2024-03-01")
        try wb.close()
        return url
    }
}
