import Foundation
import MiaraValues

/// A trimmed, non-empty input value as its file stores it: text (CSV, XLSX strings) or an XLSX
/// number or boolean.
enum Cell: Equatable {
    case text(String)
    case number(Double, isDate: Bool)
    case bool(Bool)

    /// The text a person would see, used for `raw` and for text/id columns (SPEC 1.2: a numeric
    /// cell in a text or id column becomes its integer text).
    var text: String {
        switch self {
        case .text(let s): return s
        case .number(let v, _):
            if !v.isFinite { return String(v) }
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return CSVText.number(v)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        }
    }
}

extension Cell {
    /// True for an XLSX number (whose 10-digit text may be a PESEL that lost its leading zero).
    var isNumber: Bool { if case .number = self { return true }; return false }

    /// The cell as `raw` shows it: what the spreadsheet shows (`shownText`), except that a number
    /// reading as a PESEL whose leading zero was lost (10 digits) is `[PESEL]` like any other.
    var rawText: String {
        if let d = dateText { return d }
        let t = text
        if isNumber, PersonalData.pesel(inIdentifier: t, excelNumber: true) != nil { return "[PESEL]" }
        return t
    }

    /// The text a person sees in the cell, for `raw` and messages: a date-formatted XLSX number is
    /// its date (`2024-03-05`, with ` HH:MM` when it holds a time of day), not its serial; any
    /// other cell is `text`. Values are still read from the cell itself (SPEC 1.2).
    var shownText: String { dateText ?? text }

    /// A date cell's date as `YYYY-MM-DD` (plus ` HH:MM` for a time of day); nil for other cells
    /// and for serials outside the calendar.
    private var dateText: String? {
        guard case .number(let v, isDate: true) = self, let day = Day(excelSerial: v) else { return nil }
        let minutes = Int(((v - v.rounded(.down)) * 1440).rounded())
        guard minutes > 0 && minutes < 1440 else { return day.iso }
        return day.iso + " " + Self.pad2(minutes / 60) + ":" + Self.pad2(minutes % 60)
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// True when the cell holds a PESEL that the column's rule pseudonymises (the C15 test).
    func holdsPESEL(for column: ColumnSpec) -> Bool {
        column.pesel == .pseudonymise
            && PersonalData.pesel(inIdentifier: text, excelNumber: isNumber && column.type == .personID) != nil
    }
}

/// Text decoding and trimming of CSV fields.
enum FieldText {
    /// Decodes a field's bytes in the file's encoding and trims it; nil when empty after trimming.
    static func decode(_ bytes: ArraySlice<UInt8>, windows1250: Bool) -> String? {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        if lo == hi { return nil }
        let s: String
        // ASCII reads the same in both encodings.
        if windows1250, bytes[lo..<hi].contains(where: { $0 >= 0x80 }) { s = Windows1250.decode(bytes[lo..<hi]) ?? "" }
        else { s = String(decoding: bytes[lo..<hi], as: UTF8.self) }
        // Non-ASCII whitespace (no-break space) at either end: trim the Unicode way.
        if bytes[lo] >= 0x80 || bytes[hi - 1] >= 0x80, let f = s.unicodeScalars.first, let l = s.unicodeScalars.last,
           f.properties.isWhitespace || l.properties.isWhitespace {
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        return s
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    /// Trims a string the same way (XLSX strings).
    static func trim(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
