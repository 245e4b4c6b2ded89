import Foundation
import MiaraValues
@testable import MiaraXLSX
import XCTest

/// A workbook that cannot be read throws the one error shape (`MiaraError`): an unreadable file
/// (C20), located at the file and, for a bad value, at its cell on the first sheet, in both
/// languages.
final class XLSXReadErrorTests: XCTestCase {
    func read(_ sheetRows: String) throws -> (url: URL, error: MiaraError?) {
        let dir = try TempDir()
        let url = dir.file("costs.xlsx")
        try makeZip(at: url, parts: [("xl/workbook.xml", minimalWorkbook), ("xl/_rels/workbook.xml.rels", minimalRels),
                                     ("xl/worksheets/sheet1.xml", minimalSheet(sheetRows))])
        do {
            try XLSXReader.readFirstSheet(at: url) { _, _ in }
            return (url, nil)
        } catch let e as MiaraError {
            return (url, e)
        }
    }

    func testABadNumberNamesTheFileAndTheCellInBothLanguages() throws {
        // Row 2, third cell (C2): a number cell (`t` absent) whose value is not a number.
        let (url, error) = try read(#"<row r="1"><c r="A1" t="inlineStr"><is><t>amount</t></is></c></row>"#
                                    + #"<row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>12,5 zł</v></c></row>"#)
        let e = try XCTUnwrap(error, "the bad number is refused")
        XCTAssertEqual(e.code, .unreadableFile)
        XCTAssertEqual(e.location.file, url.path)
        XCTAssertEqual(e.location.cell, "S!C2", "the first sheet (named S in the fixture) and the cell")
        XCTAssertEqual(e.text(.pl), "\(url.path):S!C2: zła liczba „12,5 zł” w komórce C2")
        XCTAssertEqual(e.text(.en), "\(url.path):S!C2: bad number \"12,5 zł\" in cell C2")
        // The reason's tail (rejects.csv) is the message alone: it names the cell too.
        XCTAssertEqual(e.message(.pl), "zła liczba „12,5 zł” w komórce C2")
    }

    func testABadBooleanAndABadSharedStringNameTheirCells() throws {
        let bool = try read(#"<row r="4"><c r="B4" t="b"><v>maybe</v></c></row>"#).error
        XCTAssertEqual(bool?.location.cell, "S!B4", "\(String(describing: bool))")
        XCTAssertEqual(bool?.message(.pl), "zła wartość logiczna „maybe” w komórce B4")
        let shared = try read(#"<row r="7"><c r="AA7" t="s"><v>3</v></c></row>"#).error
        XCTAssertEqual(shared?.location.cell, "S!AA7", "\(String(describing: shared))")
        XCTAssertEqual(shared?.message(.en), "bad shared string index \"3\" in cell AA7")
    }

    func testAFileThatIsNotAWorkbookNamesTheFileWithoutACell() throws {
        let dir = try TempDir()
        let url = dir.file("fake.xlsx")
        try Data("not a zip".utf8).write(to: url)
        XCTAssertThrowsError(try XLSXReader.readFirstSheet(at: url) { _, _ in }) { error in
            let e = error as? MiaraError
            XCTAssertEqual(e?.code, .unreadableFile, "\(error)")
            XCTAssertEqual(e?.location.file, url.path)
            XCTAssertEqual(e?.location.cell, "")
            XCTAssertTrue(e?.text(.pl).hasPrefix("\(url.path): fake.xlsx nie jest poprawnym archiwum zip") == true, "\(error)")
        }
    }

    func testAMissingFileIsUnavailableNotUnreadable() {
        // Outside the file's bytes: the ingest does not record it and tries again next run.
        XCTAssertThrowsError(try XLSXReader.readFirstSheet(at: URL(fileURLWithPath: "/nonexistent/miara.xlsx")) { _, _ in }) { error in
            XCTAssertEqual((error as? MiaraError)?.code, .fileUnavailable, "\(error)")
            XCTAssertEqual((error as? MiaraError)?.isEnvironmental, true)
        }
    }
}
