import Foundation
import XCTest
@testable import MiaraXLSX
import MiaraValues

final class XLSXWriterTests: XCTestCase {
    func writeSample(to path: String, created: (year: Int, month: Int, day: Int)? = (2024, 3, 31)) throws {
        let wb = try XLSXWorkbook(path: path)
        wb.setProperties(title: "Sprawozdanie MPiPS-03", author: "miara", created: created)
        let ws = try wb.addWorksheet("Dane ąę")
        _ = try wb.addWorksheet("Druga")
        let header = wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xDDEBF7, border: true, alignCenter: true))
        let date = wb.addFormat(XLSXFormatSpec(numFormat: "yyyy-mm-dd"))
        let money = wb.addFormat(XLSXFormatSpec(numFormat: "#,##0.00", italic: true, fontColor: 0xC00000, wrap: true))
        ws.write(0, 0, string: "Nazwa", header)
        ws.write(0, 1, string: "TERYT", header)
        ws.write(0, 2, string: "Kwota", header)
        ws.write(0, 3, string: "Data", header)
        ws.write(0, 4, string: "Aktywny", header)
        ws.write(1, 0, string: "=HYPERLINK(\"http://x\",\"y\")")
        ws.write(1, 1, string: "0201011")
        ws.write(1, 2, number: 1234.5, money)
        ws.writeDate(1, 3, year: 2024, month: 3, day: 15, date)
        ws.write(1, 4, bool: true)
        ws.write(3, 0, string: "Zażółć gęślą jaźń")
        ws.write(3, 2, number: -0.125)
        ws.write(3, 4, bool: false)
        ws.writeBlank(3, 5, header)              // a formatted blank is not a value
        ws.write(3, 6, number: 42)
        ws.setColumnWidth(0, 0, 30)
        ws.setColumnWidth(1, 4, 12.5)
        ws.freezePanes(row: 1, col: 0)
        ws.autofilter(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 4)
        try wb.close()
    }

    func testRoundTrip() throws {
        let dir = try TempDir()
        let url = dir.file("out.xlsx")
        try writeSample(to: url.path)
        let rows = try readAll(url)
        XCTAssertEqual(rows, [
            ReadRow(1, [(0, .text("Nazwa")), (1, .text("TERYT")), (2, .text("Kwota")), (3, .text("Data")), (4, .text("Aktywny"))]),
            ReadRow(2, [(0, .text("=HYPERLINK(\"http://x\",\"y\")")), (1, .text("0201011")),
                        (2, .number(1234.5, isDate: false)), (3, .number(45366, isDate: true)), (4, .bool(true))]),
            ReadRow(4, [(0, .text("Zażółć gęślą jaźń")), (2, .number(-0.125, isDate: false)), (4, .bool(false)),
                        (6, .number(42, isDate: false))]),
        ])
        // The C numeric locale was never changed.
        XCTAssertEqual(String(cString: localeconv().pointee.decimal_point), ".")
    }

    func testRoundTripConstantMemory() throws {
        let dir = try TempDir()
        let url = dir.file("big.xlsx")
        let wb = try XLSXWorkbook(path: url.path, constantMemory: true, tmpdir: dir.url.path)
        let ws = try wb.addWorksheet("Dane")
        for r in 0..<500 {
            ws.write(r, 0, string: "w\(r)")
            ws.write(r, 1, number: Double(r) / 4)
        }
        try wb.close()
        var count = 0
        try XLSXReader.readFirstSheet(at: url) { row, cells in
            XCTAssertEqual(cells.map(\.value), [.text("w\(row - 1)"), .number(Double(row - 1) / 4, isDate: false)])
            count += 1
        }
        XCTAssertEqual(count, 500)
    }

    func testDeterministicOutput() throws {
        let dir = try TempDir()
        let a = dir.file("a.xlsx"), b = dir.file("b.xlsx")
        try writeSample(to: a.path)
        Thread.sleep(forTimeInterval: 1.1)   // a timestamp leaking in would now differ
        try writeSample(to: b.path)
        XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b))
    }

    func testInvalidSheetNamesAreRejected() throws {
        let dir = try TempDir()
        let wb = try XLSXWorkbook(path: dir.file("names.xlsx").path)
        _ = try wb.addWorksheet("Zażółć")
        for bad in ["", String(repeating: "x", count: 32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b",
                    "'quoted", "zAŻÓŁĆ", "Zażółć"] {
            XCTAssertThrowsError(try wb.addWorksheet(bad), "\(bad) should be refused")
        }
        XCTAssertNoThrow(try wb.addWorksheet(String(repeating: "ż", count: 31)))
        try wb.close()
        XCTAssertThrowsError(try wb.addWorksheet("after"))
        XCTAssertThrowsError(try wb.close())
    }

    func testFormatsAreCached() throws {
        let dir = try TempDir()
        let wb = try XLSXWorkbook(path: dir.file("fmt.xlsx").path)
        let a = wb.addFormat(XLSXFormatSpec(numFormat: "0.00", bold: true))
        let b = wb.addFormat(XLSXFormatSpec(numFormat: "0.00", bold: true))
        let c = wb.addFormat(XLSXFormatSpec(numFormat: "0.00"))
        XCTAssertEqual(a.pointer, b.pointer)
        XCTAssertNotEqual(a.pointer, c.pointer)
        try wb.close()
    }

    func testLongStringIsTruncatedAndNULRemoved() throws {
        XCTAssertEqual(XLSXWorksheet.cellText("a\0b"), "ab")
        let long = String(repeating: "ż", count: 40_000)
        XCTAssertEqual(XLSXWorksheet.cellText(long).count, 32_767)
        let emoji = String(repeating: "😀", count: 20_000)       // 2 UTF-16 units each
        XCTAssertEqual(XLSXWorksheet.cellText(emoji).utf16.count, 32_766)

        let dir = try TempDir()
        let url = dir.file("long.xlsx")
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("S")
        ws.write(0, 0, string: long)
        try wb.close()
        let rows = try readAll(url)
        XCTAssertEqual(rows.first?.cells.first?.value, .text(String(repeating: "ż", count: 32_767)))
    }

    func testBadWritesAreReportedByClose() throws {
        let dir = try TempDir()
        for misuse in [{ (ws: XLSXWorksheet) in ws.write(-1, 0, number: 1) },
                       { (ws: XLSXWorksheet) in ws.write(0, 16_384, string: "x") },
                       { (ws: XLSXWorksheet) in ws.write(1_048_576, 0, bool: true) },
                       { (ws: XLSXWorksheet) in ws.write(0, 0, number: .nan) },
                       { (ws: XLSXWorksheet) in ws.write(0, 0, number: .infinity) }] {
            let wb = try XLSXWorkbook(path: dir.file("bad.xlsx").path)
            let ws = try wb.addWorksheet("S")
            misuse(ws)
            XCTAssertThrowsError(try wb.close()) { XCTAssertEqual(($0 as? MiaraError)?.code, .xlsx, "\($0)") }
        }
    }

    func testCloseReportsUnwritablePath() throws {
        let wb = try XLSXWorkbook(path: "/nonexistent-dir/x.xlsx")
        _ = try wb.addWorksheet("S")
        XCTAssertThrowsError(try wb.close()) { error in
            XCTAssertTrue("\(error)".contains("x.xlsx"), "\(error)")
        }
    }

    func testWorksheetKeepsWorkbookAlive() throws {
        let dir = try TempDir()
        let url = dir.file("alive.xlsx")
        var ws: XLSXWorksheet? = try XLSXWorkbook(path: url.path).addWorksheet("S")
        ws?.write(0, 0, string: "still alive")
        let wb = ws!.workbook
        ws = nil
        try wb.close()
        XCTAssertEqual(try readAll(url), [ReadRow(1, [(0, .text("still alive"))])])
    }
}
