import Foundation
import MiaraValues
import MiaraTestSupport
import MiaraXLSX
import XCTest

/// `miara validate` tells what `miara ingest` would tell, through the binary: the store and the
/// inbox of a pipeline, a PESEL in an NGO's file, XLSX dates, files that cannot be read.
final class ValidateTruthTests: XCTestCase {
    func run(_ args: [String], cwd: URL) throws -> (status: Int32, out: String, err: String) { try CommandLineTests.run(args, cwd: cwd) }

    /// A pipeline over the harness's inbox and store (as-of 2024-12-31, English), with a key unless `keyed` is false.
    func pipeline(_ h: IngestHarness, keyed: Bool = true) throws -> String {
        var yaml = "inbox: inbox\nstore: miara.sqlite\noutputs: out\nas_of: 2024-12-31\nlang: en\n"
        if keyed {
            let key = h.root.appendingPathComponent("key")
            try "test-key".write(to: key, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
            yaml += "pseudonym_key_file: key\n"
        }
        let url = h.root.appendingPathComponent("p.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func sha256(_ path: String) throws -> String {
        try FileScan(url: URL(fileURLWithPath: path)).sha256
    }

    func testWithThePipelineValidateSeesTheStoreOfEarlierNightsAndLeavesItAsItWas() throws {
        let h = try IngestHarness()
        try h.baseline()   // F1 a night shelter, F2 a soup kitchen; person01, person02
        try h.file("ngo/stays/night1.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS0,person01,F1,2024-01-01,,\n")
        let p = try pipeline(h)
        XCTAssertEqual(try run(["ingest", "--pipeline", p], cwd: h.root).status, 0)
        // The inbox is emptied after the night: only the store knows the first night's rows.
        try FileManager.default.removeItem(at: h.inbox)
        try FileManager.default.createDirectory(at: h.inbox, withIntermediateDirectories: true)
        let store = try sha256(h.storePath)
        let file = h.root.appendingPathComponent("stays-march.csv")
        try "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-03-05,2024-05-01,family\nS2,person02,F2,2024-03-05,,\nS3,person09,F1,2024-03-05,,\nS4,person02,F1,2024-06-01,,\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try run(["validate", "--pipeline", p, "--dataset", "ngo/stays", file.path], cwd: h.root)
        XCTAssertEqual(r.status, 3, r.err)
        let lines = r.out.split(separator: "\n").map(String.init)
        // S1 overlaps the ongoing S0 of the store (C13); S2 is in the soup kitchen (C12); person09 is nobody (C11).
        XCTAssertEqual(lines.dropLast().map { String($0.split(separator: " ")[0]) + " " + String($0.split(separator: " ")[1]) },
                       ["\(PersonalData.masked(file.path)):2:admitted: C13", "\(PersonalData.masked(file.path)):3:facility_id: C12", "\(PersonalData.masked(file.path)):4:person_id: C11"])
        XCTAssertEqual(lines.last, "rows checked: 4 (files: 1); rows with problems: 3; problems by check: C11 1, C12 1, C13 1")
        XCTAssertEqual(try sha256(h.storePath), store, "validate only reads the store")

        // Without the store the same file looks different, and the last line says why.
        let inboxOnly = try run(["validate", "--inbox", h.inbox.path, "--as-of", "2024-12-31", "--lang", "en", "--dataset", "ngo/stays", file.path], cwd: h.root)
        XCTAssertTrue(inboxOnly.out.contains("checked against the inbox only"), inboxOnly.out)

        // A file validate calls clean is accepted whole by the next ingest.
        try h.file("ngo/stays/april.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS5,person02,F1,2024-04-01,2024-04-20,family\n")
        let clean = try run(["validate", "--pipeline", p, "--dataset", "ngo/stays", h.inbox.appendingPathComponent("ngo/stays/april.csv").path], cwd: h.root)
        XCTAssertEqual(clean.status, 0, clean.out)
        let ingest = try run(["ingest", "--pipeline", p, "--verbose"], cwd: h.root)
        XCTAssertTrue(ingest.out.contains("ngo/stays/april.csv  ngo/stays  read 1  accepted 1  rejected 0"), ingest.out)
    }

    func testAStoreFlagNamingNothingIsAConfigurationError() throws {
        let h = try IngestHarness()
        let f = try h.file("s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        let r = try run(["validate", "--store", "nowhere.sqlite", "--dataset", "ngo/stays", f.path, "--lang", "en"], cwd: h.root)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("no store at nowhere.sqlite"), r.err)
    }

    func testAPESELInAnNGOFileIsShownAtItsCellWithAdviceAndTheOtherProblemsStillListed() throws {
        let h = try IngestHarness()
        let pesel = "44051401359"
        let f = try h.file("s.csv", """
            stay_id,person_id,facility_id,admitted,discharged,destination
            S1,\(pesel),F1,2024-03-05,2024-05-01,family
            S1,person02,F1,2024-03-06,,
            S3,person03,F1,2024/03/05,,

            """)
        let pl = try run(["validate", "--as-of", "2024-12-31", "--dataset", "ngo/stays", f.path], cwd: h.root)
        XCTAssertEqual(pl.status, 3, pl.err)
        let lines = pl.out.split(separator: "\n").map { String($0).replacingOccurrences(of: PersonalData.masked(f.path), with: "s.csv") }
        XCTAssertTrue(lines.contains("s.csv:2:person_id: C15 numer PESEL w pliku organizacji — wpisz pseudonim nadany przez ośrodek (MOPS) zamiast numeru PESEL; organizacja nie przesyła numerów PESEL"), "\(lines)")
        // The file's other problems: a key repeated (found by ingestion's own check) and a date.
        XCTAssertTrue(lines.contains("s.csv:3:: C16 klucz powtarza się w pliku — ta sama wartość klucza już wyżej w pliku: stay_id"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("s.csv:4:admitted: C03") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("s.csv:0:person_id: C15 ") }, "the file-level C15 ingest gives: \(lines)")
        let en = try run(["validate", "--as-of", "2024-12-31", "--lang", "en", "--dataset", "ngo/stays", f.path], cwd: h.root)
        XCTAssertTrue(en.out.contains("s.csv:2:person_id: C15 a PESEL number in an NGO's file — enter the pseudonym the municipal centre (MOPS) gave the person instead of the PESEL"), en.out)
        let json = try run(["validate", "--as-of", "2024-12-31", "--format", "json", "--dataset", "ngo/stays", f.path], cwd: h.root)
        for r in [pl, en, json] { XCTAssertFalse((r.out + r.err).contains(pesel), "the PESEL itself is never printed") }

        // In an XLSX file the cell is named.
        let x = h.root.appendingPathComponent("s.xlsx")
        try writeXLSX(x.path, sheet: "stays", [["stay_id", "person_id", "facility_id", "admitted"], ["S1", pesel, "F1", "2024-03-05"]])
        let cell = try run(["validate", "--as-of", "2024-12-31", "--lang", "en", "--dataset", "ngo/stays", x.path], cwd: h.root)
        XCTAssertTrue(cell.out.contains("\(PersonalData.masked(x.path)):stays!B2: C15 person_id: a PESEL number in an NGO's file"), cell.out)
    }

    func testAnXLSXDateCellIsADateInRejectsAndInValidate() throws {
        let h = try IngestHarness()
        try h.baseline()
        // 2024-03-05 is Excel serial 45356: written as a date cell in a column of codes it is refused,
        // and both the reason and raw show the date a person sees.
        let url = h.inbox.appendingPathComponent("ngo/stays/s.xlsx")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("stays")
        let date = wb.addFormat(XLSXFormatSpec(numFormat: "yyyy-mm-dd"))
        for (c, n) in ["stay_id", "person_id", "facility_id", "admitted", "discharged", "destination"].enumerated() { ws.write(0, c, string: n) }
        for (c, v) in ["S1", "person01", "F1"].enumerated() { ws.write(1, c, string: v) }
        ws.writeDate(1, 3, year: 2024, month: 3, day: 1, date)
        ws.writeDate(1, 4, year: 2024, month: 3, day: 5, date)
        ws.writeDate(1, 5, year: 2024, month: 3, day: 5, date)
        try wb.close()
        let p = try pipeline(h)
        let v = try run(["validate", "--pipeline", p, "--dataset", "ngo/stays", url.path], cwd: h.root)
        XCTAssertTrue(v.out.contains("\(PersonalData.masked(url.path)):stays!F2: C05 destination: a code is not in its list: 2024-03-05"), v.out)
        XCTAssertFalse(v.out.contains("45356"), v.out)
        XCTAssertEqual(try run(["ingest", "--pipeline", p], cwd: h.root).status, 3)
        let rejects = try String(contentsOf: h.root.appendingPathComponent("rejects.csv"), encoding: .utf8)
        XCTAssertTrue(rejects.contains("S1,person01,F1,2024-03-01,2024-03-05,2024-03-05"), rejects)
        XCTAssertTrue(rejects.contains("a code is not in its list: 2024-03-05"), rejects)
        XCTAssertFalse(rejects.contains("45356"), rejects)
    }

    func testAMissingFileIsAProblemOfThatFileNotOfTheConfiguration() throws {
        let h = try IngestHarness()
        let ok = try h.file("s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        let r = try run(["validate", "--as-of", "2024-12-31", "--lang", "en", "--dataset", "ngo/stays", "nothere.csv", ok.path], cwd: h.root)
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertFalse(r.err.contains("configuration error"), r.err)
        XCTAssertEqual(r.out.split(separator: "\n").first.map(String.init), "nothere.csv:0:: C20 the file cannot be read: no such file")
        XCTAssertTrue(r.out.contains("rows checked: 1 (files: 2)"), r.out)
    }

    func testAnUnreadableFileIsC20AsInIngestNotClean() throws {
        let h = try IngestHarness()
        let f = try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: f.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: f.path) }
        // Root reads any file: run the binary as nobody then (the folders are readable by all).
        let args = ["validate", "--as-of", "2024-12-31", "--lang", "en", "--dataset", "ngo/stays", f.path]
        let r = getuid() == 0
            ? try runAsNobody(args, cwd: h.root)
            : try run(args, cwd: h.root)
        XCTAssertEqual(r.status, 3, r.out + r.err)
        XCTAssertEqual(r.out.split(separator: "\n").first.map(String.init), "\(PersonalData.masked(f.path)):0:: C20 the file cannot be read: Permission denied")
    }

    func runAsNobody(_ args: [String], cwd: URL) throws -> (status: Int32, out: String, err: String) {
        let r = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                   ["--reuid", "65534", "--regid", "65534", "--clear-groups", try MiaraBinary.url().path] + args,
                                   cwd: URL(fileURLWithPath: "/"))
        return (r.status, r.out, r.err)
    }
}
