import Foundation
@testable import MiaraStore
import MiaraTestSupport
import MiaraValues
import XCTest
import ZIPFoundation

/// The one error shape through the real binary: what `miara` prints of an SQLite failure and of
/// an XLSX file it cannot read, with `--lang pl`.
final class ErrorConsoleTests: XCTestCase {
    /// A person's pseudonym as the inbox gives it: bound to the failing statement, never printed.
    static let pseudonym = "Pq7fake0pseudonym0zz"

    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-errconsole-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testAnSQLiteFailureNamesTheStoreAndTheStatementButNeverItsBoundPseudonym() throws {
        let dir = try folder()
        let inbox = dir.appendingPathComponent("inbox")
        try InboxFile.write("mops/municipalities/m.csv", ["teryt,name,year,population,county,kind", "2464011,Częstochowa,2024,214342,,urban"], in: inbox)
        let pipeline = try InboxFile.pipeline(in: dir, store: "state/miara.sqlite", pipelines: Repository.pipelines)
        let first = try MiaraBinary.run(["ingest", "--pipeline", pipeline.path, "--lang", "pl"], cwd: dir)
        XCTAssertEqual(first.status, 0, first.err)

        // The store refuses every reject from now on (as a full disk or a damaged page would fail
        // a statement), so the next ingest fails on the insert that binds the record's text.
        let store = dir.appendingPathComponent("state/miara.sqlite").path
        try SQLiteDatabase(path: store).execute(
            "CREATE TRIGGER test_refuses_rejects BEFORE INSERT ON rejects BEGIN SELECT RAISE(ABORT, 'rejects refused by the test'); END")
        // A person whose first_seen is no date (C03): rejected, the line (with the pseudonym) bound.
        try InboxFile.write("mops/persons/p.csv", ["person_id,sex,birth_year,teryt,first_seen,ethos",
                                                   "\(Self.pseudonym),m,1970,2464011,2024-13-45,2"], in: inbox)
        let r = try MiaraBinary.run(["ingest", "--pipeline", pipeline.path, "--lang", "pl"], cwd: dir)
        let console = r.out + r.err
        XCTAssertEqual(r.status, 1, console)
        XCTAssertTrue(r.err.contains("miara: \(store): polecenie SQL nie powiodło się: SQLite error 19: rejects refused by the test"
                                     + " — in: INSERT INTO rejects"), r.err)
        XCTAssertFalse(console.contains(Self.pseudonym), "a bound value reached the console: \(console)")
        XCTAssertFalse(console.contains("2024-13-45"), "a bound value reached the console: \(console)")
    }

    func testAnXLSXFileWithABadNumberIsRejectedNamingItsCellInPolish() throws {
        let dir = try folder()
        let inbox = dir.appendingPathComponent("inbox")
        try InboxFile.write("mops/municipalities/m.csv", ["teryt,name,year,population,county,kind", "2464011,Częstochowa,2024,214342,,urban"], in: inbox)
        // A workbook whose cell D2 (a number cell) holds words: the file cannot be read (C20).
        let url = inbox.appendingPathComponent("ngo/providers/podmioty.xlsx")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: url, accessMode: .create)
        let parts = [
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Podmioty" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                + #"<row r="1"><c r="A1" t="inlineStr"><is><t>provider_id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>legal_form</t></is></c></row>"#
                + #"<row r="2"><c r="A2" t="inlineStr"><is><t>KRS:0000184388</t></is></c><c r="B2" t="inlineStr"><is><t>Fundacja</t></is></c><c r="D2"><v>sto dwa</v></c></row>"#
                + "</sheetData></worksheet>"),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let pipeline = try InboxFile.pipeline(in: dir, store: "state/miara.sqlite", pipelines: Repository.pipelines)
        let r = try MiaraBinary.run(["ingest", "--pipeline", pipeline.path, "--lang", "pl", "--verbose"], cwd: dir)
        XCTAssertEqual(r.status, 3, "a file rejected whole is over max_reject_share: " + r.out + r.err)
        let rejects = try String(contentsOf: dir.appendingPathComponent("state/rejects.csv"), encoding: .utf8)
        XCTAssertTrue(rejects.contains("ngo/providers/podmioty.xlsx,0,ngo/providers,,C20,plik nieczytelny: zła liczba „sto dwa” w komórce D2"),
                      rejects)
    }
}
