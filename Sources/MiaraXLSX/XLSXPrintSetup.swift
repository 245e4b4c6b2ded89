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
        worksheet_set_margins(pointer, 0.4, 0.4, 0.5, 0.6)
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

