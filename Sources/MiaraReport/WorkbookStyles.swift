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
        value(unit: unit, marks: italic ? [.ownOnly] : [])
    }

    /// How a value cell is marked (the legend of each sheet explains them).
    struct Marks: OptionSet, Hashable {
        let rawValue: Int
        /// Suppressed for others, shown to the municipality itself: grey italics.
        static let ownOnly = Marks(rawValue: 1)
        /// Computed over months with missing reports: yellow background.
        static let incomplete = Marks(rawValue: 2)
        /// Below the norm or missing the target: dark red bold.
        static let belowNorm = Marks(rawValue: 4)
        /// Suppressed and not shown (outputs for others): grey hatched background, no value.
        static let suppressed = Marks(rawValue: 8)
        /// Provisional (period not yet closed): blue.
        static let provisional = Marks(rawValue: 16)
    }

    static let incompleteFill: UInt32 = 0xFFF2CC
    static let suppressedFill: UInt32 = 0xD9D9D9
    static let belowNormFont: UInt32 = 0xC00000
    static let provisionalFont: UInt32 = 0x1F4E79

    private var byMarks: [String: XLSXFormat] = [:]

    /// The value format for `unit` with `marks` (one format per distinct combination).
    func value(unit: String, marks: Marks) -> XLSXFormat {
        value(numFormat: Self.numFormat(unit: unit), marks: marks)
    }

    func value(numFormat: String, marks: Marks, alignCenter: Bool = false) -> XLSXFormat {
        let key = "\(numFormat)\u{1F}\(marks.rawValue)\u{1F}\(alignCenter)"
        if let f = byMarks[key] { return f }
        var spec = XLSXFormatSpec(numFormat: numFormat, alignCenter: alignCenter)
        if marks.contains(.ownOnly) { spec.italic = true; spec.fontColor = 0x7F7F7F }
        if marks.contains(.provisional) { spec.fontColor = Self.provisionalFont }
        if marks.contains(.belowNorm) { spec.bold = true; spec.fontColor = Self.belowNormFont }
        if marks.contains(.incomplete) { spec.bgColor = Self.incompleteFill }
        if marks.contains(.suppressed) { spec.bgColor = Self.suppressedFill }
        let f = wb.addFormat(spec)
        byMarks[key] = f
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
    /// The row is as tall as its longest wrapped title needs (`XLSXTextFit`), at least `minHeight`.
    func header(_ row: Int, _ titles: [String], _ styles: WorkbookStyles, widths: [Double], minHeight: Double = XLSXTextFit.lineHeight) {
        for (i, t) in titles.enumerated() { write(row, i, string: t, styles.header) }
        for (i, w) in widths.enumerated() where i < titles.count { setColumnWidth(i, i, w) }
        fitRowHeight(row, titles, widths: widths, minimum: minHeight)
        freezePanes(row: row + 1, col: 0)
    }

    /// Sets the height of `row` to what its wrapped cells need (cell i in a column `widths[i]`
    /// wide; a column without a width counts as Excel's default 8.43).
    func fitRowHeight(_ row: Int, _ texts: [String], widths: [Double], minimum: Double = XLSXTextFit.lineHeight) {
        let cells = texts.enumerated().map { (text: $0.element, width: $0.offset < widths.count ? widths[$0.offset] : 8.43) }
        let h = XLSXTextFit.rowHeight(cells, minimum: minimum)
        if h > XLSXTextFit.lineHeight || minimum != XLSXTextFit.lineHeight { setRowHeight(row, h) }
    }

    /// Autofilter over a table that starts at `headerRow` (only when it has data rows).
    func filter(headerRow: Int, lastRow: Int, columns: Int) {
        if lastRow >= headerRow, columns > 0 { autofilter(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: columns - 1) }
    }
}
