import Foundation
import XCTest
@testable import MiaraXLSX

final class XLSXReaderTests: XCTestCase {
    func testOpenpyxlFixtureFollowsWorkbookOrder() throws {
        let rows = try readAll(try fixture("openpyxl.xlsx"))
        let expected: [ReadRow] = [
            ReadRow(1, [(0, .text("Nazwa")), (1, .text("TERYT")), (2, .text("Kwota")),
                        (3, .text("Liczba")), (4, .text("Data")), (5, .text("Aktywny"))]),
            ReadRow(2, [(0, .text("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")), (1, .text("0201011")),
                        (2, .number(1234.5, isDate: false)), (3, .number(42, isDate: false)),
                        (4, .number(45366, isDate: true)), (5, .bool(true))]),
            // row 3 is empty and not delivered; B4 is a gap
            ReadRow(4, [(0, .text("Luka")), (2, .text("po luce")), (5, .bool(false)), (6, .number(-7, isDate: false))]),
            ReadRow(5, [(0, .number(45293, isDate: true)), (1, .number(0.25, isDate: false))]),
        ]
        XCTAssertEqual(rows, expected)
    }

    func testHandmadeFixtureSharedInlineStylesAndMissingRefs() throws {
        let rows = try readAll(try fixture("handmade.xlsx"))
        let expected: [ReadRow] = [
            ReadRow(1, [(0, .text("Zażółć ")), (1, .text("plain & simple"))]),           // rPh skipped, empty si skipped
            ReadRow(2, [(0, .text("inline")), (2, .text("rich text"))]),
            ReadRow(3, [(0, .number(45366, isDate: true)),      // [$-415]dd\.mm\.yyyy;@
                        (1, .number(12.5, isDate: false)),      // #,##0.00" dni" (d inside quotes)
                        (2, .number(0.5, isDate: false)),       // [h]:mm
                        (3, .number(45000, isDate: true)),      // built-in 14
                        (4, .number(-3, isDate: false))]),      // [Red]0.0
            ReadRow(4, [(0, .bool(true)), (1, .text("#DIV/0!")), (2, .text("Zażx")),
                        (27, .number(7, isDate: false)), (28, .number(8, isDate: false))]),
            ReadRow(7, [(1, .text("<tag> & \"q\"")), (2, .bool(false))]),
        ]
        XCTAssertEqual(rows, expected)
    }

    func testDateFormatDetection() {
        XCTAssertTrue(DateFormatDetector.isDateFormat("yyyy-mm-dd"))
        XCTAssertTrue(DateFormatDetector.isDateFormat("mmm"))
        XCTAssertTrue(DateFormatDetector.isDateFormat("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"))
        XCTAssertFalse(DateFormatDetector.isDateFormat("h:mm:ss"))
        XCTAssertFalse(DateFormatDetector.isDateFormat("[mm]:ss"))
        XCTAssertFalse(DateFormatDetector.isDateFormat("0.00\" szt\""))
        XCTAssertFalse(DateFormatDetector.isDateFormat("[Red]#,##0"))
        XCTAssertFalse(DateFormatDetector.isDateFormat("General"))
        XCTAssertTrue(DateFormatDetector.isBuiltInDate(14))
        XCTAssertTrue(DateFormatDetector.isBuiltInDate(22))
        XCTAssertFalse(DateFormatDetector.isBuiltInDate(2))
        XCTAssertFalse(DateFormatDetector.isBuiltInDate(49))
    }

    func testColumnReference() {
        XCTAssertEqual(WorksheetHandler.column(of: "A1"), 0)
        XCTAssertEqual(WorksheetHandler.column(of: "Z9"), 25)
        XCTAssertEqual(WorksheetHandler.column(of: "AB12"), 27)
        XCTAssertEqual(WorksheetHandler.column(of: "XFD1048576"), 16383)
        XCTAssertNil(WorksheetHandler.column(of: "12"))
        XCTAssertNil(WorksheetHandler.column(of: "ABCD1"))
    }

    func testRelationshipTargetResolution() {
        XCTAssertEqual(XLSXPackage.resolve(target: "worksheets/sheet1.xml", base: "xl"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(XLSXPackage.resolve(target: "/xl/worksheets/sheet1.xml", base: "xl"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(XLSXPackage.resolve(target: "./worksheets/a.xml", base: "xl"), "xl/worksheets/a.xml")
        XCTAssertEqual(XLSXPackage.resolve(target: "../xl/worksheets/a.xml", base: "xl"), "xl/worksheets/a.xml")
    }

    func testNoSharedStringsNoStylesAndRowsWithoutNumbers() throws {
        let dir = try TempDir()
        let url = dir.file("min.xlsx")
        try makeZip(at: url, parts: [
            ("xl/workbook.xml", minimalWorkbook),
            ("xl/_rels/workbook.xml.rels", minimalRels),
            ("xl/worksheets/sheet1.xml", minimalSheet("<row><c><v>1</v></c></row><row><c/><c><v>2</v></c></row>")),
        ])
        XCTAssertEqual(try readAll(url), [ReadRow(1, [(0, .number(1, isDate: false))]),
                                          ReadRow(2, [(1, .number(2, isDate: false))])])
    }

    struct Stop: Error, Equatable { let row: Int }

    func testCallbackErrorPropagatesUnchanged() throws {
        var seen: [Int] = []
        XCTAssertThrowsError(try XLSXReader.readFirstSheet(at: try fixture("openpyxl.xlsx")) { row, _ in
            seen.append(row)
            if row == 2 { throw Stop(row: row) }
        }) { error in
            XCTAssertEqual(error as? Stop, Stop(row: 2))
        }
        XCTAssertEqual(seen, [1, 2])
    }

    func testTempFilesAreRemoved() throws {
        let tmp = FileManager.default.temporaryDirectory
        func ours() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasPrefix("miara-xlsx-") && !$0.hasPrefix("miara-xlsx-test-") })
        }
        let before = try ours()
        _ = try readAll(try fixture("handmade.xlsx"))
        _ = try? XLSXReader.readFirstSheet(at: try fixture("openpyxl.xlsx")) { _, _ in throw Stop(row: 0) }
        XCTAssertEqual(try ours(), before)
    }
}
