import Foundation
import XCTest
@testable import MiaraXLSX
import MiaraValues

final class XLSXRefusalTests: XCTestCase {
    func assertRefused(_ url: URL, limits: XLSXLimits = XLSXLimits(), containing: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        var delivered = 0
        XCTAssertThrowsError(try XLSXReader.readFirstSheet(at: url, limits: limits) { _, _ in delivered += 1 },
                             file: file, line: line) { error in
            guard let e = error as? MiaraError, e.code == .unreadableFile || e.code == .fileUnavailable else {
                return XCTFail("expected an unreadable file's MiaraError, got \(error)", file: file, line: line)
            }
            XCTAssertTrue(e.message.en.contains(containing), "\(e.message)", file: file, line: line)
            XCTAssertEqual(e.location.file, url.path, "the error names the file", file: file, line: line)
        }
        XCTAssertEqual(delivered, 0, "no row may be delivered from a refused file", file: file, line: line)
    }

    func testNonZipIsRefused() throws {
        let dir = try TempDir()
        let url = dir.file("fake.xlsx")
        try Data("Nazwa;TERYT\nA;0201011\n".utf8).write(to: url)
        assertRefused(url, containing: "zip")
    }

    func testMissingFileIsRefused() {
        assertRefused(URL(fileURLWithPath: "/nonexistent/miara.xlsx"), containing: "cannot read")
    }

    func testTruncatedArchiveIsRefused() throws {
        let dir = try TempDir()
        let data = try Data(contentsOf: try fixture("openpyxl.xlsx"))
        let url = dir.file("cut.xlsx")
        try data.prefix(data.count / 2).write(to: url)
        assertRefused(url, containing: "zip")
    }

    func testZipBombIsRefusedByRatio() throws {
        let dir = try TempDir()
        let url = dir.file("bomb.xlsx")
        try runPython("""
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", sys.argv[2])
            z.writestr("xl/_rels/workbook.xml.rels", sys.argv[3])
            z.writestr("xl/worksheets/sheet1.xml", b"0" * (5 * 1024 * 1024))
        """, args: [url.path, minimalWorkbook, minimalRels])
        assertRefused(url, containing: "ratio")
    }

    func testSizeLimitIsRefused() throws {
        var limits = XLSXLimits()
        limits.maxUncompressedBytes = 1000
        assertRefused(try fixture("openpyxl.xlsx"), limits: limits, containing: "over the limit")
    }

    func testExternalEntityInWorksheetIsRefused() throws {
        let dir = try TempDir()
        let url = dir.file("xxe.xlsx")
        let sheet = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment first -->
        <!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
        """
        try makeZip(at: url, parts: [("xl/workbook.xml", minimalWorkbook),
                                     ("xl/_rels/workbook.xml.rels", minimalRels),
                                     ("xl/worksheets/sheet1.xml", sheet)])
        assertRefused(url, containing: "DOCTYPE")
    }

    func testEntityExpansionInSharedStringsIsRefused() throws {
        let dir = try TempDir()
        let url = dir.file("laughs.xlsx")
        let sst = """
        <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>
        """
        try makeZip(at: url, parts: [("xl/workbook.xml", minimalWorkbook),
                                     ("xl/_rels/workbook.xml.rels", minimalRels),
                                     ("xl/sharedStrings.xml", sst),
                                     ("xl/worksheets/sheet1.xml", minimalSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))])
        assertRefused(url, containing: "DOCTYPE")
    }

    func testNoWorksheetIsRefused() throws {
        let dir = try TempDir()
        let url = dir.file("empty.xlsx")
        try makeZip(at: url, parts: [
            ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>"),
            ("xl/_rels/workbook.xml.rels", minimalRels)])
        assertRefused(url, containing: "no worksheet")
    }

    func testMalformedXMLIsRefused() throws {
        let dir = try TempDir()
        let url = dir.file("bad.xlsx")
        try makeZip(at: url, parts: [("xl/workbook.xml", minimalWorkbook),
                                     ("xl/_rels/workbook.xml.rels", minimalRels),
                                     ("xl/worksheets/sheet1.xml", minimalSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"))])
        XCTAssertThrowsError(try readAll(url)) { XCTAssertEqual(($0 as? MiaraError)?.code, .unreadableFile, "\($0)") }
    }

    func testBadSharedStringIndexIsRefused() throws {
        let dir = try TempDir()
        let url = dir.file("badidx.xlsx")
        try makeZip(at: url, parts: [("xl/workbook.xml", minimalWorkbook),
                                     ("xl/_rels/workbook.xml.rels", minimalRels),
                                     ("xl/worksheets/sheet1.xml", minimalSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"))])
        assertRefused(url, containing: "shared string")
    }
}
