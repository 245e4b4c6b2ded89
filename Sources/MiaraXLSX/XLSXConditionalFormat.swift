import Foundation
import CXLSXWriter

/// A conditional-format rule (libxlsxwriter `worksheet_conditional_format_range`).
public enum XLSXConditionalRule: Sendable, Equatable {
    /// True where the formula is true; references are relative to the range's top-left cell
    /// (e.g. `=$H5<>""` applied from row 5). The leading `=` is optional.
    case formula(String)
    /// The cell's value compared with a number.
    case cell(XLSXComparison, Double)
}

public enum XLSXComparison: Sendable, Equatable {
    case equal, notEqual, greaterThan, lessThan, greaterOrEqual, lessOrEqual

    var raw: UInt8 {
        switch self {
        case .equal: return UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        case .notEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO.rawValue)
        case .greaterThan: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
        case .lessThan: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
        case .greaterOrEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
        case .lessOrEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
        }
    }
}

extension XLSXWorksheet {
    /// Applies `format` to the range where `rule` holds. Rules on overlapping ranges are
    /// evaluated in the order added; `stopIfTrue` stops at the first that holds.
    public func conditionalFormat(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int,
                                  rule: XLSXConditionalRule, format: XLSXFormat, stopIfTrue: Bool = false) {
        guard workbook.isOpen else { workbook.record("conditionalFormat after close()"); return }
        guard firstRow >= 0, firstCol >= 0, firstRow <= lastRow, firstCol <= lastCol,
              lastRow <= XLSXFormatLimits.maxRow, lastCol <= XLSXFormatLimits.maxCol else {
            workbook.record("conditionalFormat on \(name): invalid range"); return
        }
        var cf = lxw_conditional_format()
        cf.format = format.pointer
        cf.stop_if_true = stopIfTrue ? 1 : 0
        func apply(_ cf: inout lxw_conditional_format) {
            workbook.check(worksheet_conditional_format_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol),
                                                              lxw_row_t(lastRow), lxw_col_t(lastCol), &cf),
                           "conditional format on \(name)")
        }
        switch rule {
        case .formula(let text):
            let f = text.replacingOccurrences(of: "\0", with: "")
            // libxlsxwriter 1.1.4 copies formulas into fixed buffers in places: keep them short.
            guard !f.isEmpty, f.utf8.count <= 255 else {
                workbook.record("conditionalFormat on \(name): formula empty or longer than 255 bytes"); return
            }
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_NONE.rawValue)
            f.withCString { p in
                cf.value_string = UnsafeMutablePointer(mutating: p)
                apply(&cf)
            }
        case .cell(let cmp, let value):
            guard value.isFinite else { workbook.record("conditionalFormat on \(name): value not finite"); return }
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = cmp.raw
            cf.value = value
            apply(&cf)
        }
    }
}
