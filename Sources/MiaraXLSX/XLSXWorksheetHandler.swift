import Foundation
import MiaraValues
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams `<sheetData>`: builds each row's cells and hands them to `onRow` at `</row>`.
/// Per-cell work is kept small: one reusable character buffer, byte-level parsing of `r`.
final class WorksheetHandler: TextPartHandler {
    typealias RowCallback = (_ row: Int, _ cells: [(column: Int, value: XLSXCell)]) throws -> Void

    private enum CellType { case number, shared, inline, formulaString, bool, error, other }

    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let onRow: RowCallback

    private var inRow = false
    private var rowNumber = 0
    private var cells: [(column: Int, value: XLSXCell)] = []
    private var sorted = true

    private var inCell = false
    private var column = -1
    /// The cell being read (`B7`): the location of a bad value's error.
    private var cellName: String { column >= 0 ? XLSXCellName.column(column) + String(rowNumber) : "" }
    private var cellType = CellType.number
    private var styleIndex = 0
    // `capturing`: inside <v>, or <t> of <is> outside <rPh>
    private var inInline = false
    private var phoneticDepth = 0
    private var hasValue = false

    init(sharedStrings: [String], dateStyles: [Bool], onRow: @escaping RowCallback) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.onRow = onRow
        super.init()
        cells.reserveCapacity(64)
        buffer.reserveCapacity(256)
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "c":
            guard inRow else { return }
            inCell = true
            hasValue = false
            buffer.removeAll(keepingCapacity: true)
            if let r = attributeDict["r"] {
                guard let col = Self.column(of: r) else {
                    fail(parser, MiaraError.unreadable(XLSXText.badCellReference(r, row: rowNumber))); return
                }
                column = col
            } else {
                column += 1
            }
            switch attributeDict["t"] {
            case nil, "n": cellType = .number
            case "s": cellType = .shared
            case "inlineStr": cellType = .inline
            case "str": cellType = .formulaString
            case "b": cellType = .bool
            case "e": cellType = .error
            default: cellType = .other
            }
            if let s = attributeDict["s"] { styleIndex = Int(s) ?? 0 } else { styleIndex = 0 }
        case "v":
            if inCell { capturing = true; hasValue = true }
        case "is":
            if inCell { inInline = true }
        case "t":
            if inInline && phoneticDepth == 0 { capturing = true; hasValue = true }
        case "rPh":
            phoneticDepth += 1
        case "row":
            inRow = true
            if let r = attributeDict["r"] {
                guard let n = Int(r), n > 0 else {
                    fail(parser, MiaraError.unreadable(XLSXText.badRowNumber(r))); return
                }
                rowNumber = n
            } else {
                rowNumber += 1
            }
            column = -1
            sorted = true
            cells.removeAll(keepingCapacity: true)
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch localName(elementName) {
        case "v", "t":
            capturing = false
        case "rPh":
            phoneticDepth -= 1
        case "is":
            inInline = false
        case "c":
            guard inCell else { return }
            inCell = false
            capturing = false
            guard hasValue, !buffer.isEmpty else { return }
            let value: XLSXCell
            switch cellType {
            case .number:
                guard let d = Double(buffer) ?? Double(buffer.trimmingCharacters(in: .whitespaces)) else {
                    fail(parser, MiaraError.unreadable(XLSXText.badNumber(buffer, cell: cellName), cell: cellName)); return
                }
                let isDate = styleIndex >= 0 && styleIndex < dateStyles.count && dateStyles[styleIndex]
                value = .number(d, isDate: isDate)
            case .shared:
                guard let i = Int(buffer), i >= 0, i < sharedStrings.count else {
                    fail(parser, MiaraError.unreadable(XLSXText.badSharedString(buffer, cell: cellName), cell: cellName)); return
                }
                let s = sharedStrings[i]
                if s.isEmpty { return }
                value = .text(s)
            case .bool:
                switch buffer {
                case "1", "true", "TRUE": value = .bool(true)
                case "0", "false", "FALSE": value = .bool(false)
                default:
                    fail(parser, MiaraError.unreadable(XLSXText.badBoolean(buffer, cell: cellName), cell: cellName)); return
                }
            case .inline, .formulaString, .error, .other:
                value = .text(buffer)
            }
            if let last = cells.last, last.column >= column { sorted = false }
            cells.append((column: column, value: value))
        case "row":
            inRow = false
            guard !cells.isEmpty else { return }
            if !sorted { cells.sort { $0.column < $1.column } }
            do {
                try onRow(rowNumber, cells)
            } catch {
                fail(parser, error)
                return
            }
            cells.removeAll(keepingCapacity: true)
        default:
            break
        }
    }

    /// "AB12" → 27 (0-based). nil when the reference has no or too many letters.
    static func column(of reference: String) -> Int? {
        var col = 0
        var letters = 0
        for byte in reference.utf8 {
            let upper: UInt8
            if byte >= 65 && byte <= 90 { upper = byte }
            else if byte >= 97 && byte <= 122 { upper = byte - 32 }
            else if byte == UInt8(ascii: "$") { continue }
            else { break }
            letters += 1
            if letters > 3 { return nil }
            col = col * 26 + Int(upper - 64)
        }
        return letters == 0 ? nil : col - 1
    }
}
