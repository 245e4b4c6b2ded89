import Foundation
import MiaraValues
import MiaraXLSX

/// One data record of a CSV or XLSX file: where it starts, its cells by file column, its raw text.
struct TabularRecord {
    var line: Int
    /// Trimmed cells by file column; nil = empty. Empty when `malformed`.
    var cells: [Cell?]
    /// The record's text, decoded only when asked for (a reject's; an accepted row keeps none).
    var raw: String { text.value }
    /// C14: more or fewer fields than the header, or a broken quote.
    var malformed: Bool
    private let text: RawText

    init(line: Int, cells: [Cell?], raw: String, malformed: Bool) {
        self.line = line; self.cells = cells; self.malformed = malformed; text = .text(raw)
    }

    /// A CSV record: its bytes as read, in Windows-1250 when `cp1250`.
    init(line: Int, cells: [Cell?], csvBytes: [UInt8], cp1250: Bool, malformed: Bool) {
        self.line = line; self.cells = cells; self.malformed = malformed; text = .csv(csvBytes, cp1250: cp1250)
    }

    private enum RawText {
        case text(String)
        case csv([UInt8], cp1250: Bool)

        var value: String {
            switch self {
            case .text(let s): return s
            case .csv(let bytes, let cp1250):
                let text = cp1250 && bytes.contains(where: { $0 >= 0x80 }) ? (Windows1250.decode(bytes) ?? "") : String(decoding: bytes, as: UTF8.self)
                let hasNUL = bytes.withUnsafeBufferPointer { b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }
                return hasNUL ? TabularRecord.visible(text) : text
            }
        }
    }

    /// The record's text as `raw` keeps it: a NUL byte is shown as `␀` (U+2400), so the text after
    /// it is kept (SQLite and C strings would end at the NUL; decisions.md 83).
    static func visible(_ raw: String) -> String {
        raw.utf8.contains(0) ? raw.replacingOccurrences(of: "\0", with: "\u{2400}") : raw
    }
}

/// Reads CSV (SPEC 1.2 dialects and encodings) and XLSX (first sheet) files the same way.
public enum TabularFile {
    enum Format: String { case csv, xlsx }

    /// True for `.csv` and `.xlsx` (any case).
    public static func isSupported(_ url: URL) -> Bool { format(of: url) != nil }

    static func format(of url: URL) -> Format? {
        switch url.pathExtension.lowercased() {
        case "csv": return .csv
        case "xlsx": return .xlsx
        default: return nil
        }
    }

    /// Streams a file: `onHeader` with the trimmed header names (nil when the file has no header
    /// line) and whether decimal commas are allowed (a `;`-delimited CSV), then `onRecord` per
    /// non-blank record. A file that cannot be read (C20) throws `MiaraError` `.unreadableFile`
    /// (`.fileUnavailable` when the cause lies outside its bytes), its message the reason's tail.
    /// `csvBytes`: a CSV file's bytes already read (the digest `scan` is theirs), read from memory.
    static func read(url: URL, format: Format, scan: FileScan, csvBytes: [UInt8]? = nil, onSheetName: (String) -> Void = { _ in },
                     onHeader: (_ names: [String]?, _ commaDecimal: Bool) throws -> Void,
                     onRecord: (TabularRecord) throws -> Void) throws -> (encoding: String, delimiter: UInt8?) {
        switch format {
        case .csv: return try readCSV(url: url, scan: scan, bytes: csvBytes, onHeader: onHeader, onRecord: onRecord)
        case .xlsx:
            try readXLSX(url: url, onSheetName: onSheetName, onHeader: onHeader, onRecord: onRecord)
            return ("xlsx", nil)
        }
    }

    private static func readCSV(url: URL, scan: FileScan, bytes: [UInt8]?, onHeader: ([String]?, Bool) throws -> Void,
                                onRecord: (TabularRecord) throws -> Void) throws -> (encoding: String, delimiter: UInt8?) {
        let cp1250 = !scan.validUTF8
        if cp1250 && scan.hasUndefinedWindows1250 {
            throw MiaraError.unreadable(ReasonText.notUTF8NorWindows1250, file: url.path)
        }
        let encoding = cp1250 ? "windows-1250" : (scan.hasBOM ? "utf-8-bom" : "utf-8")
        let skipBOM = scan.hasBOM && !cp1250
        let reader = try bytes.map { CSVReader(bytes: $0, skipBOM: skipBOM) } ?? CSVReader(url: url, skipBOM: skipBOM)
        return (encoding, try readCSV(reader, cp1250: cp1250, onHeader: onHeader, onRecord: onRecord))
    }

    /// Streams a CSV file archived by the store (`FileArchive`): its bytes and the encoding it was
    /// read with (`files.encoding`), the records as `read` gives them.
    static func read(archivedCSV bytes: [UInt8], encoding: String, onRecord: (TabularRecord) throws -> Void) throws {
        _ = try readCSV(CSVReader(bytes: bytes, skipBOM: encoding == "utf-8-bom"), cp1250: encoding == "windows-1250",
                        onHeader: { _, _ in }, onRecord: onRecord)
    }

    /// The records of a CSV file after its header; returns the delimiter.
    private static func readCSV(_ reader: CSVReader, cp1250: Bool, onHeader: ([String]?, Bool) throws -> Void,
                                onRecord: (TabularRecord) throws -> Void) throws -> UInt8 {
        let header: [ArraySlice<UInt8>]?
        header = try reader.readHeader()
        let semicolon = reader.delimiter == UInt8(ascii: ";")
        guard let header else { try onHeader(nil, semicolon); return reader.delimiter }
        try onHeader(header.map { FieldText.decode($0, windows1250: cp1250) ?? "" }, semicolon)
        let width = header.count
        // Reused from record to record (the record handed over holds it only while `onRecord` runs).
        var cells: [Cell?] = []
        cells.reserveCapacity(width)
        while let r = reader.next() {
            if reader.isBlank(r) { continue }
            if r.malformed || r.fieldCount != width {
                // A line of only empty fields is blank whatever its width.
                if !r.malformed && r.fields.allSatisfy({ FieldText.decode($0, windows1250: cp1250) == nil }) { continue }
                try onRecord(TabularRecord(line: r.line, cells: [], csvBytes: r.raw, cp1250: cp1250, malformed: true))
                continue
            }
            cells.removeAll(keepingCapacity: true)
            var any = false
            for i in 0..<width {
                if let t = FieldText.decode(r.field(i), windows1250: cp1250) { cells.append(.text(t)); any = true } else { cells.append(nil) }
            }
            if !any { continue }
            try onRecord(TabularRecord(line: r.line, cells: cells, csvBytes: r.raw, cp1250: cp1250, malformed: false))
        }
        return reader.delimiter
    }

    private static func readXLSX(url: URL, onSheetName: (String) -> Void, onHeader: ([String]?, Bool) throws -> Void,
                                 onRecord: (TabularRecord) throws -> Void) throws {
        var width: Int? = nil
        var sawHeader = false
        do {
            try XLSXReader.readFirstSheet(at: url, onSheetName: onSheetName) { row, cells in
                var values: [Int: Cell] = [:]
                var maxCol = -1
                for (col, v) in cells {
                    let c: Cell?
                    switch v {
                    case .text(let s): c = FieldText.trim(s).map { .text($0) }
                    case .number(let d, let isDate): c = .number(d, isDate: isDate)
                    case .bool(let b): c = .bool(b)
                    }
                    if let c { values[col] = c; maxCol = max(maxCol, col) }
                }
                if maxCol < 0 { return } // fully empty row
                let raw = TabularRecord.visible((0...maxCol).map { values[$0]?.rawText ?? "" }.joined(separator: ","))
                if !sawHeader {
                    sawHeader = true
                    width = maxCol + 1
                    try onHeader((0...maxCol).map { values[$0]?.text ?? "" }, false)
                    return
                }
                let w = width!
                if maxCol >= w {
                    try onRecord(TabularRecord(line: row, cells: [], raw: raw, malformed: true))
                    return
                }
                try onRecord(TabularRecord(line: row, cells: (0..<w).map { values[$0] }, raw: raw, malformed: false))
            }
        }
        if !sawHeader { try onHeader(nil, false) }
    }
}
