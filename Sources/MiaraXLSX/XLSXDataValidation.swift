import Foundation
import CXLSXWriter

/// A data-validation rule for a range of cells (libxlsxwriter `worksheet_data_validation_range`).
public enum XLSXValidationRule: Sendable, Equatable {
    /// One of the values in a range of another sheet, e.g. `=Listy!$A$2:$A$13`. Lists are always
    /// given as ranges: libxlsxwriter 1.1.4 crashes on inline lists over 255 bytes and hangs on
    /// 256 or more items.
    case listRange(String)
    /// A whole number in [min, max] (either bound optional).
    case wholeNumber(min: Int?, max: Int?)
    /// A decimal number ≥ min.
    case decimal(min: Double)
    /// A date in [min, max] (year, month, day).
    case date(min: (Int, Int, Int), max: (Int, Int, Int))
    /// Text whose length is in [min, max].
    case textLength(min: Int, max: Int)

    public static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case let (.listRange(x), .listRange(y)): return x == y
        case let (.wholeNumber(a1, a2), .wholeNumber(b1, b2)): return a1 == b1 && a2 == b2
        case let (.decimal(x), .decimal(y)): return x == y
        case let (.date(a1, a2), .date(b1, b2)): return a1 == b1 && a2 == b2
        case let (.textLength(a1, a2), .textLength(b1, b2)): return a1 == b1 && a2 == b2
        default: return false
        }
    }
}

/// The texts of a validation: the input message shown on entering a cell and the error alert.
public struct XLSXValidationTexts: Sendable {
    public var inputTitle: String
    public var inputMessage: String
    public var errorTitle: String
    public var errorMessage: String
    /// A stop alert refuses the value; a warning lets the person keep it.
    public var stop: Bool
    public init(inputTitle: String, inputMessage: String, errorTitle: String, errorMessage: String, stop: Bool = true) {
        self.inputTitle = inputTitle; self.inputMessage = inputMessage; self.errorTitle = errorTitle
        self.errorMessage = errorMessage; self.stop = stop
    }

    /// Excel's limits: titles 32 characters, messages 255.
    public static let maxTitle = 32
    public static let maxMessage = 255
}

extension XLSXWorksheet {
    /// Adds a validation to a range. Over-long texts and formulas are refused here, in Swift,
    /// before libxlsxwriter sees them; the error is thrown by `close()`.
    public func dataValidation(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int,
                               rule: XLSXValidationRule, texts: XLSXValidationTexts) {
        guard workbook.isOpen else { workbook.record("dataValidation after close()"); return }
        guard firstRow >= 0, firstCol >= 0, firstRow <= lastRow, firstCol <= lastCol,
              lastRow <= XLSXFormatLimits.maxRow, lastCol <= XLSXFormatLimits.maxCol else {
            workbook.record("dataValidation on \(name): invalid range"); return
        }
        for (t, limit) in [(texts.inputTitle, XLSXValidationTexts.maxTitle), (texts.errorTitle, XLSXValidationTexts.maxTitle),
                           (texts.inputMessage, XLSXValidationTexts.maxMessage), (texts.errorMessage, XLSXValidationTexts.maxMessage)]
        where t.unicodeScalars.count > limit || t.utf16.count > limit || t.contains("\0") {
            workbook.record("dataValidation on \(name): text over \(limit) characters: \(t.prefix(40))…"); return
        }
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        func c(_ s: String) -> UnsafeMutablePointer<CChar>? {
            let p = strdup(s); if let p { owned.append(p) }; return p
        }
        var v = lxw_data_validation()
        v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
        v.show_input = UInt8(LXW_VALIDATION_ON.rawValue)
        v.show_error = UInt8(LXW_VALIDATION_ON.rawValue)
        v.error_type = UInt8((texts.stop ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING).rawValue)
        switch rule {
        case .listRange(let formula):
            // Short formulas only: 1.1.4 overflows buffers on long ones.
            guard formula.utf8.count <= 200, formula.hasPrefix("=") else {
                workbook.record("dataValidation on \(name): list formula \(formula.prefix(40)) over 200 bytes"); return
            }
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            v.value_formula = c(formula)
        case .wholeNumber(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            switch (lo, hi) {
            case let (l?, h?):
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue); v.minimum_number = Double(l); v.maximum_number = Double(h)
            case let (l?, nil):
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue); v.value_number = Double(l)
            case let (nil, h?):
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue); v.value_number = Double(h)
            case (nil, nil):
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue); v.minimum_number = -1e15; v.maximum_number = 1e15
            }
        case .decimal(let lo):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            v.value_number = lo
        case .date(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_datetime = lxw_datetime(year: Int32(lo.0), month: Int32(lo.1), day: Int32(lo.2), hour: 0, min: 0, sec: 0)
            v.maximum_datetime = lxw_datetime(year: Int32(hi.0), month: Int32(hi.1), day: Int32(hi.2), hour: 0, min: 0, sec: 0)
        case .textLength(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = Double(lo); v.maximum_number = Double(hi)
        }
        v.input_title = c(texts.inputTitle)
        v.input_message = c(texts.inputMessage)
        v.error_title = c(texts.errorTitle)
        v.error_message = c(texts.errorMessage)
        workbook.check(worksheet_data_validation_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol),
                                                       lxw_row_t(lastRow), lxw_col_t(lastCol), &v),
                       "data validation on \(name)")
    }

    /// Sets the width and the cell format of columns (cells written later without a format show it).
    public func setColumn(_ first: Int, _ last: Int, width: Double, format: XLSXFormat?) {
        guard workbook.isOpen, first >= 0, first <= last, last <= XLSXFormatLimits.maxCol, width.isFinite, width >= 0, width <= 255 else {
            workbook.record("setColumn on \(name): invalid range or width"); return
        }
        workbook.check(worksheet_set_column(pointer, lxw_col_t(first), lxw_col_t(last), width, format?.pointer),
                       "set column on \(name)")
    }

    /// Writes a formula whose cached result is the text `result` (so a reader that does not
    /// calculate sees `result`).
    public func write(_ row: Int, _ col: Int, formula: String, result: String, _ format: XLSXFormat? = nil) {
        guard workbook.isOpen, row >= 0, row <= XLSXFormatLimits.maxRow, col >= 0, col <= XLSXFormatLimits.maxCol else {
            workbook.record("write(formula:) to \(name): cell out of range"); return
        }
        guard formula.utf8.count <= 500, !formula.contains("\0") else { workbook.record("write(formula:) to \(name): formula too long"); return }
        workbook.check(worksheet_write_formula_str(pointer, lxw_row_t(row), lxw_col_t(col), formula, format?.pointer, result),
                       "write formula to \(name) at (\(row), \(col))")
    }

    /// Hides the sheet (it stays in the file; formulas and validations can refer to it).
    public func hide() { worksheet_hide(pointer) }

    /// Makes the sheet the one shown on opening.
    public func activate() { worksheet_activate(pointer) }

    /// Sets the height of a row (points).
    public func setRowHeight(_ row: Int, _ height: Double) {
        guard row >= 0, row <= XLSXFormatLimits.maxRow, height.isFinite, height >= 0 else { return }
        workbook.check(worksheet_set_row(pointer, lxw_row_t(row), height, nil), "set row height on \(name)")
    }
}

/// A1-style names of columns and cells.
public enum XLSXCellName {
    /// 0-based column index → letters (`0` → `A`, `27` → `AB`).
    public static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// 0-based column, 1-based row → `D3`.
    public static func cell(column index: Int, row: Int) -> String { Self.column(index) + String(row) }

    /// A sheet name as a formula needs it: quoted unless it is letters, digits and `_` only.
    public static func sheet(_ name: String) -> String {
        name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) ? name
            : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
