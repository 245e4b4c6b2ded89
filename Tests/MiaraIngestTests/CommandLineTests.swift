import Foundation
import MiaraTestSupport
import XCTest

/// Runs the built `miara` binary as a user would and checks its output and exit status.
final class CommandLineTests: XCTestCase {
    func run(_ args: [String], cwd: URL) throws -> (status: Int32, out: String, err: String) { try Self.run(args, cwd: cwd) }

    static func run(_ args: [String], cwd: URL) throws -> (status: Int32, out: String, err: String) {
        let r = try MiaraBinary.run(args, cwd: cwd)
        return (r.status, r.out, r.err)
    }

    func testUnknownPipelineKeyIsConfigurationErrorNamingFileLineAndKey() throws {
        let h = try IngestHarness()
        let yaml = h.root.appendingPathComponent("p.yaml")
        try "inbox: inbox\nas_of: 2024-12-31\nmin_cel: 5\n".write(to: yaml, atomically: true, encoding: .utf8)
        let r = try run(["ingest", "--pipeline", yaml.path, "--lang", "en"], cwd: h.root)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("p.yaml:3: min_cel: unknown key"), r.err)
        // In Polish by default (decisions.md 123).
        let pl = try run(["ingest", "--pipeline", yaml.path], cwd: h.root)
        XCTAssertTrue(pl.err.contains("błąd konfiguracji: ") && pl.err.contains("p.yaml:3: min_cel: nieznany klucz"), pl.err)
    }

    func testBadAsOfValueIsConfigurationError() throws {
        let h = try IngestHarness()
        let yaml = h.root.appendingPathComponent("p.yaml")
        try "inbox: inbox\nas_of: 31.12.2024\n".write(to: yaml, atomically: true, encoding: .utf8)
        let r = try run(["ingest", "--pipeline", yaml.path], cwd: h.root)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("p.yaml:2: as_of:"), r.err)
    }

    func testKeyFileReadableByOthersIsConfigurationError() throws {
        let h = try IngestHarness()
        let key = h.root.appendingPathComponent("key")
        try "secret".write(to: key, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        let r = try run(["ingest", "--inbox", h.inbox.path, "--store", h.storePath, "--pseudonym-key", key.path, "--lang", "en"], cwd: h.root)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("readable by others"), r.err)
    }

    func testIngestExitsAsRunDoesWhenAFileIsOverTheRejectShare() throws {
        let h = try IngestHarness()
        try h.baseline()
        let key = h.root.appendingPathComponent("key")
        try "test-key".write(to: key, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        let yaml = h.root.appendingPathComponent("p.yaml")
        try "inbox: inbox\nstore: miara.sqlite\noutputs: out\nas_of: 2024-12-31\npseudonym_key_file: key\nmax_reject_share: 0.4\nlang: en\n"
            .write(to: yaml, atomically: true, encoding: .utf8)
        // The baseline files are clean: exit 0.
        let clean = try run(["ingest", "--pipeline", yaml.path], cwd: h.root)
        XCTAssertEqual(clean.status, 0, clean.err)
        // One of two stays has a date that cannot be read: a share of 0.5 > 0.4.
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-13-01\nS2,person02,F1,2024-03-01\n")
        let over = try run(["ingest", "--pipeline", yaml.path], cwd: h.root)
        XCTAssertEqual(over.status, 3, over.out + over.err)
        XCTAssertTrue(over.err.contains("miara: ngo/stays/s.csv: 50 % of rows rejected, above max_reject_share 40 %"), over.err)
        // A night with nothing new reads no file: exit 0 again.
        XCTAssertEqual(try run(["ingest", "--pipeline", yaml.path], cwd: h.root).status, 0)
    }

    func testValidatePrintsFileLineColumnAndExits3() throws {
        let h = try IngestHarness()
        let f = try h.file("s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-13-01\nS2,person01,F1,2024-01-01\n")
        let r = try run(["validate", "--dataset", "ngo/stays", "--as-of", "2024-12-31", "--lang", "en", f.path], cwd: h.root)
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertEqual(r.out.split(separator: "\n").first.map(String.init), "\(f.path):2:admitted: C03 a date or month cannot be read: 2024-13-01 — a date as YYYY-MM-DD or DD.MM.YYYY (or a date cell in XLSX)")
        let clean = try h.file("t.csv", "stay_id,person_id,facility_id,admitted\nS2,person01,F1,2024-01-01\n")
        XCTAssertEqual(try run(["validate", "--dataset", "ngo/stays", "--as-of", "2024-12-31", clean.path], cwd: h.root).status, 0)
    }

    func testTemplateCommandWritesTheFileAndRefusesAMonthWhereThereIsNone() throws {
        let h = try IngestHarness()
        let out = h.root.appendingPathComponent("koszty.xlsx")
        let r = try run(["template", "--dataset", "ngo/costs", "--month", "2026-03", "--as-of", "2026-11-30", "--out", out.path], cwd: h.root)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path))
        let bad = try run(["template", "--dataset", "ngo/stays", "--month", "2026-03", "--out", out.path, "--lang", "en"], cwd: h.root)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("ngo/stays has no reporting month"), bad.err)
        let noStore = try run(["template", "--dataset", "ngo/stays", "--provider", "KRS:0000184388", "--store", "nowhere.sqlite", "--out", out.path, "--lang", "en"], cwd: h.root)
        XCTAssertEqual(noStore.status, 2)
        XCTAssertTrue(noStore.err.contains("no store at nowhere.sqlite"), noStore.err)
    }

    func testValidateJSONThroughTheBinary() throws {
        let h = try IngestHarness()
        let f = try h.file("s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-13-01\n")
        let r = try run(["validate", "--dataset", "ngo/stays", "--as-of", "2024-12-31", "--format", "json", f.path], cwd: h.root)
        XCTAssertEqual(r.status, 3, r.err)
        let lines = r.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("{\"code\":\"C03\""), String(lines[0]))
        XCTAssertTrue(lines[1].hasPrefix("{\"summary\":"), String(lines[1]))
    }
}
