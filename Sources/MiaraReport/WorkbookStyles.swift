import MiaraXLSX

/// The formats of one workbook, created once and reused for every cell (libxlsxwriter keeps one
/// xf per distinct spec; the wrapper caches by spec, this caches the handles).
final class WorkbookStyles {
    /// Number formats. PLN is `#,##0.00 "zł"`: Excel and LibreOffice show it with the reader's
    /// separators (`1 234,50 zł` in a Polish locale).
    static let plnFormat = #"#,##0.00 "zł""#
    static let shareFormat = "0.0%"
    static let integerFormat = "0"
    static let countFormat = "#,##0"
    static let decimal2Format = "#,##0.00"
    static let decimal1Format = "#,##0.0"
    static let dateFormat = "yyyy-mm-dd"

    let wb: XLSXWorkbook
    let header: XLSXFormat
    let title: XLSXFormat
    let bold: XLSXFormat
    let text: XLSXFormat
    let wrap: XLSXFormat
    let date: XLSXFormat
    let count: XLSXFormat
    let general: XLSXFormat
    let generalItalic: XLSXFormat
    let share: XLSXFormat
    let pln: XLSXFormat
    let decimal2: XLSXFormat
    let cfGood: XLSXFormat
    let cfBad: XLSXFormat
    private var byUnit: [String: XLSXFormat] = [:]
    private var byUnitItalic: [String: XLSXFormat] = [:]

    init(_ wb: XLSXWorkbook) {
        self.wb = wb
        header = wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xD9E1F2, wrap: true, border: true))
        title = wb.addFormat(XLSXFormatSpec(bold: true))
        bold = wb.addFormat(XLSXFormatSpec(bold: true))
        text = wb.addFormat(XLSXFormatSpec(numFormat: "@"))
        wrap = wb.addFormat(XLSXFormatSpec(wrap: true))
        date = wb.addFormat(XLSXFormatSpec(numFormat: Self.dateFormat))
        count = wb.addFormat(XLSXFormatSpec(numFormat: Self.countFormat))
        general = wb.addFormat(XLSXFormatSpec())
        generalItalic = wb.addFormat(XLSXFormatSpec(italic: true, fontColor: 0x7F7F7F))
        share = wb.addFormat(XLSXFormatSpec(numFormat: Self.shareFormat))
        pln = wb.addFormat(XLSXFormatSpec(numFormat: Self.plnFormat))
        decimal2 = wb.addFormat(XLSXFormatSpec(numFormat: Self.decimal2Format))
        // Traffic lights (conditional formats): Excel's "good" and "bad" cell styles.
        cfGood = wb.addFormat(XLSXFormatSpec(bgColor: 0xC6EFCE, fontColor: 0x006100))
        cfBad = wb.addFormat(XLSXFormatSpec(bgColor: 0xFFC7CE, fontColor: 0x9C0006))
    }

    /// The number format of a measure's unit (SPEC 9.1 unit texts).
    static func numFormat(unit: String) -> String {
        switch unit {
        case "PLN": return plnFormat
        case "share": return shareFormat
        case "days", "persons": return integerFormat
        case "persons per FTE", "m²": return decimal1Format
        default: return decimal2Format       // ratio, per 10k, per 100k, score 1–5, alpha
        }
    }

    /// The value format for `unit`; italic grey when the value is shown only in the own view.
    func value(unit: String, italic: Bool = false) -> XLSXFormat {
        if italic {
            if let f = byUnitItalic[unit] { return f }
            let f = wb.addFormat(XLSXFormatSpec(numFormat: Self.numFormat(unit: unit), italic: true, fontColor: 0x7F7F7F))
            byUnitItalic[unit] = f
            return f
        }
        if let f = byUnit[unit] { return f }
        let f = wb.addFormat(XLSXFormatSpec(numFormat: Self.numFormat(unit: unit)))
        byUnit[unit] = f
        return f
    }
}

/// Small writing helpers over a worksheet: optional numbers, ISO dates, header rows, widths.
extension XLSXWorksheet {
    func write(_ row: Int, _ col: Int, optional number: Double?, _ format: XLSXFormat? = nil) {
        if let number, number.isFinite { write(row, col, number: number, format) }
    }

    func write(_ row: Int, _ col: Int, optionalInt number: Int?, _ format: XLSXFormat? = nil) {
        if let number { write(row, col, number: Double(number), format) }
    }

    /// Writes text when non-empty (input text: always a string cell, never a formula).
    func write(_ row: Int, _ col: Int, text: String?, _ format: XLSXFormat? = nil) {
        if let text, !text.isEmpty { write(row, col, string: text, format) }
    }

    /// Writes an ISO date (`YYYY-MM-DD`, or a month `YYYY-MM` as its first day) as a date cell;
    /// anything else as text.
    func write(_ row: Int, _ col: Int, isoDate: String?, _ styles: WorkbookStyles) {
        guard let s = isoDate, !s.isEmpty else { return }
        let parts = s.prefix(10).split(separator: "-").map { Int($0) }
        if parts.count >= 2, let y = parts[0], let m = parts[1] {
            let d = parts.count >= 3 ? (parts[2] ?? 1) : 1
            if (1900...9999).contains(y), (1...12).contains(m), (1...31).contains(d) {
                writeDate(row, col, year: y, month: m, day: d, styles.date)
                return
            }
        }
        write(row, col, string: s, styles.text)
    }

    /// Writes a header row, freezes the rows above and including it, and sets column widths.
    func header(_ row: Int, _ titles: [String], _ styles: WorkbookStyles, widths: [Double]) {
        for (i, t) in titles.enumerated() { write(row, i, string: t, styles.header) }
        for (i, w) in widths.enumerated() where i < titles.count { setColumnWidth(i, i, w) }
        freezePanes(row: row + 1, col: 0)
    }

    /// Autofilter over a table that starts at `headerRow` (only when it has data rows).
    func filter(headerRow: Int, lastRow: Int, columns: Int) {
        if lastRow >= headerRow, columns > 0 { autofilter(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: columns - 1) }
    }
}
