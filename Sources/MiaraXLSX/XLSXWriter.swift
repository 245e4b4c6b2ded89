import Foundation
import CXLSXWriter
import MiaraValues

extension MiaraError {
    /// An error from libxlsxwriter or from the wrapper's own argument checks (code `.xlsx`),
    /// located at the workbook's file.
    static func xlsxWrite(_ message: Phrase, path: String = "", cause: (any Error)? = nil) -> MiaraError {
        MiaraError(.xlsx, message, at: Location(file: path), cause: cause)
    }
    static func xlsxWrite(_ message: String, path: String = "") -> MiaraError { xlsxWrite(XLSXText.writer(message), path: path) }
}

/// Limits of the file format, checked in Swift before anything reaches C.
enum XLSXFormatLimits {
    static let maxRow = 1_048_575           // 0-based
    static let maxCol = 16_383              // 0-based
    static let maxStringUTF16 = 32_767
    static let maxSheetName = 31
    static let maxNumFormat = 255
    static let maxProperty = 255
}

/// Cell format description; identical specs share one libxlsxwriter format.
public struct XLSXFormatSpec: Hashable, Sendable {
    public var numFormat: String?
    public var bold = false
    public var italic = false
    public var bgColor: UInt32?       // 0xRRGGBB
    public var fontColor: UInt32?     // 0xRRGGBB
    public var wrap = false
    public var border = false
    public var alignCenter = false
    /// Text at the top of the cell (a tall merged block such as the Summary's banner).
    public var alignTop = false

    public init(numFormat: String? = nil, bold: Bool = false, italic: Bool = false,
                bgColor: UInt32? = nil, fontColor: UInt32? = nil, wrap: Bool = false,
                border: Bool = false, alignCenter: Bool = false, alignTop: Bool = false) {
        self.numFormat = numFormat
        self.bold = bold
        self.italic = italic
        self.bgColor = bgColor
        self.fontColor = fontColor
        self.wrap = wrap
        self.border = border
        self.alignCenter = alignCenter
        self.alignTop = alignTop
    }
}

/// Opaque handle to a libxlsxwriter format owned by its workbook (kept alive by the reference).
public final class XLSXFormat {
    let pointer: UnsafeMutablePointer<lxw_format>
    let workbook: XLSXWorkbook
    init(pointer: UnsafeMutablePointer<lxw_format>, workbook: XLSXWorkbook) {
        self.pointer = pointer
        self.workbook = workbook
    }
}

/// A workbook being written with libxlsxwriter. Not thread-safe; use from one thread.
/// Argument errors in the non-throwing write calls (out-of-range cells, non-finite numbers,
/// libxlsxwriter refusals) are recorded and the first one is thrown by `close()`.
public final class XLSXWorkbook {
    private var pointer: UnsafeMutablePointer<lxw_workbook>?
    private var ownedCStrings: [UnsafeMutablePointer<CChar>] = []
    private var sheetNames: Set<String> = []
    private var formats: [XLSXFormatSpec: UnsafeMutablePointer<lxw_format>] = [:]   // raw pointers: no retain cycle
    private(set) var firstError: String?
    public let path: String

    public init(path: String, constantMemory: Bool = false, tmpdir: String? = nil) throws {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 0
        var tmp: UnsafeMutablePointer<CChar>?
        if let tmpdir {
            tmp = strdup(tmpdir)
            if let tmp { ownedCStrings.append(tmp) }
        }
        options.tmpdir = tmp
        guard let wb = workbook_new_opt(path, &options) else {
            freeOwned()
            throw MiaraError.xlsxWrite(XLSXText.cannotCreateWorkbook, path: path)
        }
        pointer = wb
    }

    deinit {
        if let pointer {
            // Never closed (the caller gave up): libxlsxwriter has no public "free" for a
            // workbook, so close it to release memory and remove the unfinished file.
            _ = workbook_close(pointer)
            try? FileManager.default.removeItem(atPath: path)
        }
        freeOwned()
    }

    private func freeOwned() {
        for p in ownedCStrings { free(p) }
        ownedCStrings.removeAll()
    }

    func record(_ message: String) {
        if firstError == nil { firstError = message }
    }

    func check(_ err: lxw_error, _ what: @autoclosure () -> String) {
        if err != LXW_NO_ERROR {
            record("\(what()): \(String(cString: lxw_strerror(err)))")
        }
    }

    var isOpen: Bool { pointer != nil }

    /// The libxlsxwriter handle while open (for the chart and conditional-format extensions).
    var rawPointer: UnsafeMutablePointer<lxw_workbook>? { pointer }

    /// Adds a worksheet. The name must be 1–31 characters, contain none of `[]:*?/\`, not
    /// start or end with an apostrophe, and be unique (case-insensitively, as in Excel).
    public func addWorksheet(_ name: String) throws -> XLSXWorksheet {
        guard let pointer else { throw MiaraError.xlsxWrite("workbook already closed") }
        if name.isEmpty { throw MiaraError.xlsxWrite("worksheet name is empty") }
        if name.utf16.count > XLSXFormatLimits.maxSheetName || name.unicodeScalars.count > XLSXFormatLimits.maxSheetName {
            throw MiaraError.xlsxWrite("worksheet name \"\(name)\" is longer than 31 characters")
        }
        if name.contains(where: { "[]:*?/\\".contains($0) }) {
            throw MiaraError.xlsxWrite("worksheet name \"\(name)\" contains one of []:*?/\\")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw MiaraError.xlsxWrite("worksheet name contains a control character")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw MiaraError.xlsxWrite("worksheet name \"\(name)\" starts or ends with an apostrophe")
        }
        let key = name.lowercased()
        if sheetNames.contains(key) { throw MiaraError.xlsxWrite("duplicate worksheet name \"\(name)\"") }
        guard let ws = workbook_add_worksheet(pointer, name) else {
            throw MiaraError.xlsxWrite("libxlsxwriter refused worksheet name \"\(name)\"")
        }
        sheetNames.insert(key)
        return XLSXWorksheet(pointer: ws, workbook: self, name: name)
    }

    /// Returns the format for `spec`, creating it once per distinct spec.
    public func addFormat(_ spec: XLSXFormatSpec) -> XLSXFormat {
        if let cached = formats[spec] { return XLSXFormat(pointer: cached, workbook: self) }
        guard let pointer, let fmt = workbook_add_format(pointer) else {
            preconditionFailure("XLSXWorkbook.addFormat after close() or out of memory")
        }
        if var code = spec.numFormat, !code.isEmpty {
            code = code.replacingOccurrences(of: "\0", with: "")
            if code.unicodeScalars.count > XLSXFormatLimits.maxNumFormat {
                record("number format longer than 255 characters was truncated")
                code = String(String.UnicodeScalarView(code.unicodeScalars.prefix(XLSXFormatLimits.maxNumFormat)))
            }
            format_set_num_format(fmt, code)
        }
        if spec.bold { format_set_bold(fmt) }
        if spec.italic { format_set_italic(fmt) }
        if let c = spec.bgColor { format_set_bg_color(fmt, lxw_color_t(c & 0xFF_FFFF)) }
        if let c = spec.fontColor { format_set_font_color(fmt, lxw_color_t(c & 0xFF_FFFF)) }
        if spec.wrap { format_set_text_wrap(fmt) }
        if spec.border { format_set_border(fmt, UInt8(LXW_BORDER_THIN.rawValue)) }
        if spec.alignCenter { format_set_align(fmt, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        if spec.alignTop { format_set_align(fmt, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        formats[spec] = fmt
        return XLSXFormat(pointer: fmt, workbook: self)
    }

    /// Sets document properties. `created` (midnight UTC of that day) makes output reproducible:
    /// two runs with the same data and date give identical bytes.
    public func setProperties(title: String?, author: String?, created: (year: Int, month: Int, day: Int)?) {
        guard let pointer else { record("setProperties after close()"); return }
        var props = lxw_doc_properties()
        func own(_ s: String?) -> UnsafeMutablePointer<CChar>? {
            guard var s else { return nil }
            s = s.replacingOccurrences(of: "\0", with: "")
            if s.unicodeScalars.count > XLSXFormatLimits.maxProperty {
                s = String(String.UnicodeScalarView(s.unicodeScalars.prefix(XLSXFormatLimits.maxProperty)))
            }
            guard let p = strdup(s) else { return nil }
            ownedCStrings.append(p)
            return p
        }
        props.title = own(title)
        props.author = own(author)
        if let created {
            var comps = DateComponents()
            comps.year = created.year
            comps.month = created.month
            comps.day = created.day
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            if let date = calendar.date(from: comps) {
                props.created = time_t(date.timeIntervalSince1970)
            } else {
                record("invalid created date \(created)")
            }
        }
        check(workbook_set_properties(pointer, &props), "workbook_set_properties")
    }

    /// Writes the file. Throws the libxlsxwriter error, or the first error recorded by a write call.
    public func close() throws {
        guard let p = pointer else { throw MiaraError.xlsxWrite("workbook already closed") }
        pointer = nil
        let err = workbook_close(p)
        freeOwned()
        if err != LXW_NO_ERROR {
            throw MiaraError.xlsxWrite(XLSXText.cannotWriteWorkbook, path: path,
                                       cause: MiaraError(.xlsx, Phrase(verbatim: String(cString: lxw_strerror(err)))))
        }
        if let firstError { throw MiaraError.xlsxWrite(firstError, path: path) }
    }
}

/// A worksheet of an open workbook (holds the workbook alive). Rows and columns are 0-based.
public final class XLSXWorksheet {
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    let workbook: XLSXWorkbook
    public let name: String

    init(pointer: UnsafeMutablePointer<lxw_worksheet>, workbook: XLSXWorkbook, name: String) {
        self.pointer = pointer
        self.workbook = workbook
        self.name = name
    }

    @inline(__always)
    private func valid(_ row: Int, _ col: Int, _ what: StaticString) -> Bool {
        guard workbook.isOpen else { workbook.record("\(what) after close()"); return false }
        guard row >= 0, row <= XLSXFormatLimits.maxRow, col >= 0, col <= XLSXFormatLimits.maxCol else {
            workbook.record("\(what) to \(name) at (\(row), \(col)): cell out of range")
            return false
        }
        return true
    }

    /// Writes text as a string cell (never as a formula, even when it starts with "=").
    /// Text over 32,767 UTF-16 units is truncated to fit.
    public func write(_ row: Int, _ col: Int, string: String, _ format: XLSXFormat? = nil) {
        guard valid(row, col, "write(string:)") else { return }
        let text = Self.cellText(string)
        workbook.check(worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(col), text, format?.pointer),
                       "write string to \(name) at (\(row), \(col))")
    }

    public func write(_ row: Int, _ col: Int, number: Double, _ format: XLSXFormat? = nil) {
        guard valid(row, col, "write(number:)") else { return }
        guard number.isFinite else {
            workbook.record("write(number:) to \(name) at (\(row), \(col)): \(number) is not a finite number")
            return
        }
        workbook.check(worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(col), number, format?.pointer),
                       "write number to \(name) at (\(row), \(col))")
    }

    public func write(_ row: Int, _ col: Int, bool: Bool, _ format: XLSXFormat? = nil) {
        guard valid(row, col, "write(bool:)") else { return }
        workbook.check(worksheet_write_boolean(pointer, lxw_row_t(row), lxw_col_t(col), bool ? 1 : 0, format?.pointer),
                       "write boolean to \(name) at (\(row), \(col))")
    }

    /// Writes a date (no time). The format must carry a date number format to display as a date.
    public func writeDate(_ row: Int, _ col: Int, year: Int, month: Int, day: Int, _ format: XLSXFormat) {
        guard valid(row, col, "writeDate") else { return }
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            workbook.record("writeDate to \(name) at (\(row), \(col)): invalid date \(year)-\(month)-\(day)")
            return
        }
        var dt = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        workbook.check(worksheet_write_datetime(pointer, lxw_row_t(row), lxw_col_t(col), &dt, format.pointer),
                       "write date to \(name) at (\(row), \(col))")
    }

    public func writeBlank(_ row: Int, _ col: Int, _ format: XLSXFormat? = nil) {
        guard valid(row, col, "writeBlank") else { return }
        workbook.check(worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(col), format?.pointer),
                       "write blank to \(name) at (\(row), \(col))")
    }

    public func setColumnWidth(_ first: Int, _ last: Int, _ width: Double) {
        guard valid(0, first, "setColumnWidth"), valid(0, last, "setColumnWidth") else { return }
        guard first <= last, width.isFinite, width >= 0, width <= 255 else {
            workbook.record("setColumnWidth on \(name): invalid range or width")
            return
        }
        workbook.check(worksheet_set_column(pointer, lxw_col_t(first), lxw_col_t(last), width, nil),
                       "set column width on \(name)")
    }

    public func freezePanes(row: Int, col: Int) {
        guard valid(row, col, "freezePanes") else { return }
        worksheet_freeze_panes(pointer, lxw_row_t(row), lxw_col_t(col))
    }

    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        guard valid(firstRow, firstCol, "autofilter"), valid(lastRow, lastCol, "autofilter") else { return }
        guard firstRow <= lastRow, firstCol <= lastCol else {
            workbook.record("autofilter on \(name): invalid range")
            return
        }
        workbook.check(worksheet_autofilter(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol),
                                            lxw_row_t(lastRow), lxw_col_t(lastCol)),
                       "autofilter on \(name)")
    }

    /// NUL would cut the C string short; over-long text is cut to Excel's cell limit
    /// (at a character boundary). Reads no more of `string` than the cell can show, so a cell
    /// from a text of any length costs time bounded by the limit, not by the text.
    static func cellText(_ string: String) -> String {
        let limit = XLSXFormatLimits.maxStringUTF16
        // UTF-16 units never outnumber UTF-8 bytes: a short clean text is the cell as it is.
        if string.utf8.count <= limit, !string.utf8.contains(0) { return string }
        // The NUL-free scalars up to the first one past the limit: a character that crosses the
        // limit is cut off below whether or not its remaining scalars are read.
        let scalars = string.unicodeScalars
        var units = 0
        var stop = scalars.endIndex
        var sawNUL = false
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let u = scalars[i]
            i = scalars.index(after: i)
            if u.value == 0 { sawNUL = true; continue }
            units += u.utf16.count
            if units > limit { stop = i; break }
        }
        var s = String(scalars[..<stop])
        if sawNUL { s = s.replacingOccurrences(of: "\0", with: "") }
        if s.utf16.count <= limit { return s }
        units = 0
        var end = s.startIndex
        for ch in s {
            let n = ch.utf16.count
            if units + n > limit { break }
            units += n
            end = s.index(after: end)
        }
        return String(s[..<end])
    }
}
