import Foundation
import MiaraValues
import MiaraXLSX

/// Writes rows into the first worksheet of an XLSX file: dates as date cells, numbers as
/// numbers, TERYTs and ids as text.
final class XLSXSink: RowSink {
    let path: String
    private let book: XLSXWorkbook
    private let sheet: XLSXWorksheet
    private let dateFormat: XLSXFormat
    private let numberFormat: XLSXFormat
    private var next = 1
    private(set) var rows = 0

    init(root: URL, path: String, header: [String], created: Day) throws {
        self.path = path
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        book = try XLSXWorkbook(path: url.path, constantMemory: true)
        let c = created.components
        book.setProperties(title: nil, author: "miara generator", created: (c.year, c.month, c.day))
        sheet = try book.addWorksheet("Dane")
        dateFormat = book.addFormat(XLSXFormatSpec(numFormat: "yyyy-mm-dd"))
        numberFormat = book.addFormat(XLSXFormatSpec(numFormat: "0.00"))
        for (i, h) in header.enumerated() { sheet.write(0, i, string: h) }
    }

    @discardableResult func row(_ cells: [Cell]) -> Int {
        let r = next
        for (i, c) in cells.enumerated() {
            switch c {
            case .null: break
            case .text(let s), .code(let s): sheet.write(r, i, string: s)
            case .sex(let s): sheet.write(r, i, string: s == "f" ? "K" : "M")
            case .int(let v): sheet.write(r, i, number: Double(v))
            case .dec(let v): sheet.write(r, i, number: (v * 100).rounded() / 100, numberFormat)
            case .day(let d):
                let k = d.components
                sheet.writeDate(r, i, year: k.year, month: k.month, day: k.day, dateFormat)
            case .month(let m): sheet.write(r, i, string: m.text)
            case .flag(let b): sheet.write(r, i, bool: b)
            }
        }
        next += 1
        rows += 1
        return r + 1
    }

    func close() throws {
        do { try book.close() } catch { throw MiaraError(.generator, FileText.cannotWrite(path), cause: error) }
    }
}
