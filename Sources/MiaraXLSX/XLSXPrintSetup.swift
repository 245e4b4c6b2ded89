import Foundation
import CXLSXWriter

/// How a worksheet prints: paper, orientation, fit, repeated header rows and a footer.
public struct XLSXPrintSetup: Sendable, Equatable {
    public enum Orientation: Sendable { case portrait, landscape }
    public var orientation: Orientation
    /// Pages wide × pages tall the sheet is scaled to fit (0 tall = as many as needed).
    public var fitWide: Int
    public var fitTall: Int
    /// 0-based rows printed at the top of every page (first...last), if any.
    public var repeatRows: ClosedRange<Int>?
    /// Footer texts (left, centre, right); `&P` and `&N` are page number and page count.
    /// Other `&` are written as a literal ampersand by `XLSXPrintSetup.literal`.
    public var footerLeft: String
    public var footerCenter: String
    public var footerRight: String
    /// A4 (libxlsxwriter paper 9).
    public var paperA4 = true

    public init(orientation: Orientation, fitWide: Int = 1, fitTall: Int = 0, repeatRows: ClosedRange<Int>? = nil,
                footerLeft: String = "", footerCenter: String = "", footerRight: String = "") {
        self.orientation = orientation; self.fitWide = fitWide; self.fitTall = fitTall; self.repeatRows = repeatRows
        self.footerLeft = footerLeft; self.footerCenter = footerCenter; self.footerRight = footerRight
    }

    /// Page margins in inches (left, right, top, bottom), the same on every sheet.
    public static let margins = (left: 0.4, right: 0.4, top: 0.5, bottom: 0.6)

    /// The printable height of an A4 page in points (between the top and bottom margins; the
    /// footer prints inside the bottom margin).
    public static func bodyHeight(_ orientation: Orientation) -> Double {
        let pageHeight = orientation == .landscape ? 595.28 : 841.89
        return pageHeight - 72 * (margins.top + margins.bottom)
    }

    /// The printable width of an A4 page in points (between the left and right margins).
    public static func bodyWidth(_ orientation: Orientation) -> Double {
        let pageWidth = orientation == .landscape ? 841.89 : 595.28
        return pageWidth - 72 * (margins.left + margins.right)
    }

    /// The scale at which Excel prints columns of these widths (characters) fit to one page
    /// wide: at most 1, columns at 7 pixels a character plus 5 of padding (Calibri 11). A
    /// renderer with a wider default font shrinks the sheet further, never less.
    public static func fitScale(columnWidths: [Double], orientation: Orientation) -> Double {
        let pixels = columnWidths.reduce(0) { $0 + ($1 * 7 + 5).rounded(.down) }
        guard pixels > 0 else { return 1 }
        return min(1, bodyWidth(orientation) * 4 / 3 / pixels)
    }

    /// Text shown literally in a header or footer: `&` doubled.
    public static func literal(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&&") }

    /// The footer string in Excel's `&L…&C…&R…` syntax, cut to 255 bytes by shortening the
    /// left part (the library refuses longer ones). The cut is found in one pass over the left
    /// part's characters, so a footer of any length costs time linear in it.
    var footer: String {
        func compose(_ left: Substring) -> String {
            var f = ""
            if !left.isEmpty { f += "&L" + left }
            if !footerCenter.isEmpty { f += "&C" + footerCenter }
            if !footerRight.isEmpty { f += "&R" + footerRight }
            return f
        }
        let left = footerLeft.contains("\0") ? footerLeft.replacingOccurrences(of: "\0", with: "") : footerLeft
        let whole = compose(left[...])
        if whole.utf8.count <= 255 { return whole }
        // Bytes the left part may take: 255 less the other parts and the `&L` marker.
        let budget = 255 - (whole.utf8.count - left.utf8.count) - (left.isEmpty ? 2 : 0)
        guard budget > 0 else { return compose("") }
        var end = left.startIndex
        var used = 0
        for i in left.indices {
            let n = left[i].utf8.count
            if used + n > budget { break }
            used += n
            end = left.index(after: i)
        }
        var cut = left[..<end]
        // Never leave half of an `&&` pair at the end: count the trailing ampersands.
        let amps = cut.reversed().prefix { $0 == "&" }.count
        if amps % 2 == 1 { cut = cut.dropLast() }
        return compose(cut)
    }
}

extension XLSXWorksheet {
    /// Applies `setup` to this worksheet's page setup.
    public func setPrint(_ setup: XLSXPrintSetup) {
        guard workbook.isOpen else { workbook.record("setPrint after close()"); return }
        if setup.orientation == .landscape { worksheet_set_landscape(pointer) } else { worksheet_set_portrait(pointer) }
        if setup.paperA4 { worksheet_set_paper(pointer, 9) }
        let m = XLSXPrintSetup.margins
        worksheet_set_margins(pointer, m.left, m.right, m.top, m.bottom)
        if setup.fitWide > 0 || setup.fitTall > 0 {
            worksheet_fit_to_pages(pointer, UInt16(clamping: max(0, setup.fitWide)), UInt16(clamping: max(0, setup.fitTall)))
        }
        if let rows = setup.repeatRows {
            guard rows.lowerBound >= 0, rows.upperBound <= XLSXFormatLimits.maxRow else {
                workbook.record("setPrint on \(name): repeated rows out of range"); return
            }
            workbook.check(worksheet_repeat_rows(pointer, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                           "repeat rows on \(name)")
        }
        let footer = setup.footer
        if !footer.isEmpty { workbook.check(worksheet_set_footer(pointer, footer), "footer on \(name)") }
    }

    /// Manual page breaks: each 0-based row in `rows` starts a new printed page (row 0 and
    /// duplicates are ignored; at most 1,023 breaks, Excel's limit).
    public func setPageBreaks(beforeRows rows: [Int]) {
        guard workbook.isOpen else { workbook.record("setPageBreaks after close()"); return }
        let breaks = Array(Set(rows.filter { $0 > 0 && $0 <= XLSXFormatLimits.maxRow })).sorted()
        guard !breaks.isEmpty else { return }
        guard breaks.count <= 1023 else { workbook.record("setPageBreaks on \(name): more than 1023 breaks"); return }
        var raw = breaks.map { lxw_row_t($0) } + [0]
        workbook.check(worksheet_set_h_pagebreaks(pointer, &raw), "page breaks on \(name)")
    }

    /// The printed range: only these cells (0-based, inclusive) print.
    public func setPrintArea(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        guard workbook.isOpen else { workbook.record("setPrintArea after close()"); return }
        guard firstRow >= 0, firstCol >= 0, firstRow <= lastRow, firstCol <= lastCol,
              lastRow <= XLSXFormatLimits.maxRow, lastCol <= XLSXFormatLimits.maxCol else {
            workbook.record("setPrintArea on \(name): invalid range"); return
        }
        workbook.check(worksheet_print_area(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol)),
                       "print area on \(name)")
    }

    /// Hides columns `first...last` (they still hold their cells).
    public func hideColumns(_ first: Int, _ last: Int, width: Double = 8) {
        guard first >= 0, first <= last, last <= XLSXFormatLimits.maxCol else {
            workbook.record("hideColumns on \(name): invalid range"); return
        }
        var opt = lxw_row_col_options(hidden: 1, level: 0, collapsed: 0)
        workbook.check(worksheet_set_column_opt(pointer, lxw_col_t(first), lxw_col_t(last), width, nil, &opt),
                       "hide columns on \(name)")
    }
}

