import CXLSXWriter

/// Cell notes (Excel comments, shown on hovering a cell with a red corner) and merged ranges:
/// what a marked figure needs besides its format, and a banner across a row.
extension XLSXWorksheet {
    /// Attaches a note to a cell (`worksheet_write_comment_opt`, hidden until hovered), sized by
    /// `width` × `height` pixels. Normal-mode workbooks only: libxlsxwriter writes a
    /// constant-memory sheet's rows before its notes could be placed.
    public func writeNote(_ row: Int, _ col: Int, _ text: String, width: Int = 300, height: Int = 110) {
        guard workbook.isOpen else { workbook.record("writeNote after close()"); return }
        guard row >= 0, row <= XLSXFormatLimits.maxRow, col >= 0, col <= XLSXFormatLimits.maxCol else {
            workbook.record("writeNote to \(name) at (\(row), \(col)): cell out of range"); return
        }
        var opt = lxw_comment_options()
        opt.width = UInt16(clamping: max(50, width))
        opt.height = UInt16(clamping: max(30, height))
        workbook.check(worksheet_write_comment_opt(pointer, lxw_row_t(row), lxw_col_t(col), Self.cellText(text), &opt),
                       "write note to \(name) at (\(row), \(col))")
    }

    /// Merges the cells of a range into one holding `string` in `format` (`worksheet_merge_range`).
    public func merge(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, string: String, _ format: XLSXFormat? = nil) {
        guard workbook.isOpen else { workbook.record("merge after close()"); return }
        guard firstRow >= 0, firstCol >= 0, firstRow <= lastRow, firstCol <= lastCol,
              lastRow <= XLSXFormatLimits.maxRow, lastCol <= XLSXFormatLimits.maxCol, firstRow < lastRow || firstCol < lastCol else {
            workbook.record("merge on \(name): invalid range"); return
        }
        workbook.check(worksheet_merge_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol),
                                             Self.cellText(string), format?.pointer),
                       "merge range on \(name)")
    }
}
