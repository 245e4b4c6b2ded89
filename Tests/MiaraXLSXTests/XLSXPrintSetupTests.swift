import Foundation
import XCTest
@testable import MiaraXLSX

final class XLSXPrintSetupTests: XCTestCase {
    func testFooterEscapesAmpersandsAndKeepsPageFieldsWithin255Bytes() {
        var setup = XLSXPrintSetup(orientation: .landscape, footerLeft: XLSXPrintSetup.literal("Dom & Schronisko"),
                                   footerCenter: "Okres 2026", footerRight: "Strona &P z &N")
        XCTAssertEqual(setup.footer, "&LDom && Schronisko&COkres 2026&RStrona &P z &N")
        setup.footerLeft = XLSXPrintSetup.literal(String(repeating: "ż&", count: 200))
        let f = setup.footer
        XCTAssertLessThanOrEqual(f.utf8.count, 255)
        XCTAssertTrue(f.hasSuffix("&RStrona &P z &N"), "the page fields survive; the left text is shortened")
        // No lone `&` left at the cut (it would start a field code).
        let left = String(f.dropFirst(2)).components(separatedBy: "&C")[0]
        XCTAssertFalse(left.isEmpty)
        XCTAssertFalse(left.replacingOccurrences(of: "&&", with: "").contains("&"), left)
    }

    /// The page setup, repeated rows, footer, hidden columns and a bar chart with one highlighted
    /// point, read back with openpyxl and from the chart XML.
    func testPageSetupHiddenColumnsAndHighlightedPointReadBack() throws {
        let dir = try TempDir()
        let path = dir.file("print.xlsx").path
        let wb = try XLSXWorkbook(path: path)
        wb.setProperties(title: nil, author: nil, created: (2026, 1, 1))
        let ws = try wb.addWorksheet("Dane")
        for r in 0..<5 { ws.write(r, 0, string: "m\(r)"); ws.write(r, 1, number: Double(r + 1)); ws.write(r, 5, number: 1) }
        ws.setPrint(XLSXPrintSetup(orientation: .landscape, fitWide: 1, fitTall: 0, repeatRows: 0...0,
                                   footerLeft: "Gmina", footerRight: "Strona &P z &N"))
        ws.hideColumns(5, 6)
        let chart = try wb.addChart(.bar)
        chart.addSeries(name: "v", categories: XLSXRange(sheet: "Dane", column: 0, firstRow: 0, lastRow: 4),
                        values: XLSXRange(sheet: "Dane", column: 1, firstRow: 0, lastRow: 4),
                        style: XLSXSeriesStyle(fillColor: 0x5B9BD5, pointFills: [2: 0xC55A11], valueLabels: true))
        chart.reverseCategoryAxis()
        ws.insertChart(7, 0, chart)
        let hidden = try wb.addWorksheet("Ukryty")
        hidden.hide()
        try wb.close()
        try runPython(#"""
import sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Dane']
assert ws.page_setup.orientation == 'landscape', ws.page_setup.orientation
assert int(ws.page_setup.paperSize) == 9
assert ws.sheet_properties.pageSetUpPr.fitToPage
assert ws.page_setup.fitToHeight in (0, '0'), ws.page_setup.fitToHeight
assert ws.print_title_rows == '$1:$1', ws.print_title_rows
assert ws.oddFooter.left.text == 'Gmina' and ws.oddFooter.right.text == 'Strona &P z &N', ws.oddFooter
assert ws.column_dimensions['F'].hidden
assert wb['Ukryty'].sheet_state == 'hidden'
x = zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode()
assert '<c:barDir val="bar"/>' in x
assert '<c:dPt><c:idx val="2"/>' in x and 'C55A11' in x, x
assert '5B9BD5' in x and '<c:showVal val="1"/>' in x
assert '<c:orientation val="maxMin"/>' in x
"""#, args: [path])
    }
}
