import Foundation
import MiaraValues

/// One CSV record as read: where it starts, its fields (untrimmed bytes) and its raw text.
struct CSVRecord {
    /// The physical line on which the record starts (header = 1).
    var line: Int
    /// The fields' bytes (quotes removed), one after the other; field `i` ends at `ends[i]`.
    var content: [UInt8]
    var ends: [Int]
    /// The record's bytes without its line terminator.
    var raw: [UInt8]
    /// Characters after a closing quote, or an unterminated quote (C14).
    var malformed: Bool

    static func malformed(line: Int, raw: [UInt8]) -> CSVRecord {
        CSVRecord(line: line, content: [], ends: [], raw: raw, malformed: true)
    }

    var fieldCount: Int { ends.count }

    /// The bytes of field `i`.
    func field(_ i: Int) -> ArraySlice<UInt8> { content[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

    /// Every field's bytes.
    var fields: [ArraySlice<UInt8>] { (0..<ends.count).map(field) }
}

/// A streaming RFC 4180 reader (SPEC 1.2): `"` quoting with `""` escapes and embedded newlines,
/// CRLF, LF or a lone CR, `,` or `;` detected from the header line. Works on bytes; decoding is the caller's.
final class CSVReader {
    private let src: ByteSource
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    private var line = 1
    /// The buffers of the last record, reused by the next one once its caller let go of it (no
    /// allocation per record).
    private var spare: (raw: [UInt8], content: [UInt8], ends: [Int]) = ([], [], [])

    init(url: URL, skipBOM: Bool) throws {
        src = try ByteSource(url: url, skip: skipBOM ? 3 : 0)
    }

    /// A file held in memory.
    init(bytes: [UInt8], skipBOM: Bool) {
        src = ByteSource(bytes: bytes, skip: skipBOM ? 3 : 0)
    }

    /// Reads the header record, choosing the delimiter from it. Nil when the file has no header
    /// line (empty); a header that cannot be parsed (it ends inside a quoted field) is C20: it
    /// throws `MiaraError` `.unreadableFile`.
    func readHeader() throws -> [ArraySlice<UInt8>]? {
        // The header line decides the delimiter: count `;` and `,` outside quotes (a tie means `,`).
        var inQuotes = false
        var semi = 0, comma = 0
        var i = 0
        while let b = src.lookahead(i), i < 1 << 20 {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                if b == 10 || b == 13 { if semi + comma > 0 { break } }
                else if b == UInt8(ascii: ";") { semi += 1 } else if b == UInt8(ascii: ",") { comma += 1 }
            }
            i += 1
        }
        delimiter = semi > comma ? UInt8(ascii: ";") : UInt8(ascii: ",")
        while let r = next() {
            if r.malformed { throw MiaraError.unreadable(ReasonText.headerUnterminatedQuote) }
            if isBlank(r) { continue }
            return r.fields
        }
        return nil
    }

    func isBlank(_ r: CSVRecord) -> Bool {
        !r.malformed && r.content.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
    }

    /// The next record, or nil at the end of the file. Blank records are returned too (the caller skips them).
    func next() -> CSVRecord? {
        enum State { case fieldStart, unquoted, quoted, afterQuote }
        // Work on locals (not stored properties): no exclusivity checks in the byte loop.
        var (raw, content, ends) = spare
        spare = ([], [], [])
        raw.removeAll(keepingCapacity: true)
        content.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if raw.capacity < 128 { raw.reserveCapacity(128); content.reserveCapacity(128); ends.reserveCapacity(16) }
        var line = self.line
        defer { self.line = line; spare = (raw, content, ends) }
        let start = line
        var state = State.fieldStart
        let d = delimiter
        let src = self.src
        guard src.peek() != nil else { return nil }
        while true {
            // A field's plain stretch at once: the bytes up to the next one that can change the state.
            switch state {
            case .unquoted: src.takeRun(until: d, into: &content, &raw)
            case .quoted: src.takeRun(until: UInt8(ascii: "\""), into: &content, &raw)
            case .fieldStart, .afterQuote: break
            }
            guard let c = src.next() else { break }
            // A line ends at LF, CRLF or a lone CR (old Mac and Excel exports).
            if c == 10 || c == 13 {
                let crlf = c == 13 && src.peek() == 10
                if crlf { _ = src.next() }
                line += 1
                if state == .quoted {
                    // An embedded line break is kept as written.
                    if crlf { content.append(13); content.append(10); raw.append(13); raw.append(10) }
                    else { content.append(c); raw.append(c) }
                    continue
                }
                ends.append(content.count)
                return CSVRecord(line: start, content: content, ends: ends, raw: raw, malformed: false)
            }
            raw.append(c)
            switch state {
            case .fieldStart:
                if c == UInt8(ascii: "\"") { state = .quoted }
                else if c == d { ends.append(content.count) }
                else { content.append(c); state = .unquoted }
            case .unquoted:
                if c == d { ends.append(content.count); state = .fieldStart }
                else { content.append(c) }
            case .quoted:
                if c == UInt8(ascii: "\"") { state = .afterQuote } else { content.append(c) }
            case .afterQuote:
                if c == UInt8(ascii: "\"") { content.append(c); state = .quoted }
                else if c == d { ends.append(content.count); state = .fieldStart }
                else {
                    // Characters after a closing quote: skip to the end of this physical line.
                    while let x = src.next() {
                        if x == 10 { line += 1; break }
                        if x == 13 { if src.peek() == 10 { _ = src.next() }; line += 1; break }
                        raw.append(x)
                    }
                    return .malformed(line: start, raw: raw)
                }
            }
        }
        // End of file.
        if state == .quoted { return .malformed(line: start, raw: raw) }
        ends.append(content.count)
        return CSVRecord(line: start, content: content, ends: ends, raw: raw, malformed: false)
    }
}
