import Foundation
import XCTest
@testable import MiaraXLSX

/// Data validations: lists as ranges of any length, and texts over Excel's limits refused in
/// Swift before libxlsxwriter 1.1.4 sees them.
final class XLSXDataValidationTests: XCTestCase {
    func path() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("miara-dv-\(UUID().uuidString).xlsx").path }

    func texts(_ message: String = "Pick one.") -> XLSXValidationTexts {
        XLSXValidationTexts(inputTitle: "code", inputMessage: message, errorTitle: "Not allowed", errorMessage: message)
    }

    func testAListOf300ValuesAsARangeIsWrittenAndReadBack() throws {
        let p = path()
        defer { try? FileManager.default.removeItem(atPath: p) }
        let wb = try XLSXWorkbook(path: p)
        let ws = try wb.addWorksheet("data")
        let lists = try wb.addWorksheet("Listy")
        for i in 0..<300 { lists.write(i + 1, 0, string: "CODE\(i)") }
        lists.hide()
        ws.dataValidation(firstRow: 1, firstCol: 0, lastRow: 100, lastCol: 0, rule: .listRange("=Listy!$A$2:$A$301"), texts: texts())
        try wb.close()
        let xml = try unzip(p, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<formula1>Listy!$A$2:$A$301</formula1>"), xml)
        XCTAssertTrue(try unzip(p, "xl/workbook.xml").contains("state=\"hidden\""))
    }

    func testOverlongMessageIsRefusedBeforeC() throws {
        let p = path()
        defer { try? FileManager.default.removeItem(atPath: p) }
        let wb = try XLSXWorkbook(path: p)
        let ws = try wb.addWorksheet("data")
        ws.dataValidation(firstRow: 1, firstCol: 0, lastRow: 1, lastCol: 0, rule: .wholeNumber(min: 0, max: nil),
                          texts: texts(String(repeating: "ż", count: 256)))
        XCTAssertThrowsError(try wb.close()) { XCTAssertTrue("\($0)".contains("over 255"), "\($0)") }
    }

    func testLongListFormulaIsRefused() throws {
        let p = path()
        defer { try? FileManager.default.removeItem(atPath: p) }
        let wb = try XLSXWorkbook(path: p)
        let ws = try wb.addWorksheet("data")
        ws.dataValidation(firstRow: 1, firstCol: 0, lastRow: 1, lastCol: 0, rule: .listRange("=" + String(repeating: "A", count: 300)), texts: texts())
        XCTAssertThrowsError(try wb.close())
    }

    func testCellNames() {
        XCTAssertEqual(XLSXCellName.column(0), "A")
        XCTAssertEqual(XLSXCellName.column(27), "AB")
        XCTAssertEqual(XLSXCellName.cell(column: 3, row: 3), "D3")
        XCTAssertEqual(XLSXCellName.sheet("Pobyty 2024"), "'Pobyty 2024'")
    }

    func unzip(_ path: String, _ part: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", path, part]
        let pipe = Pipe(); p.standardOutput = pipe
        try p.run()
        let d = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self)
    }
}
