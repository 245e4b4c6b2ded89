import MiaraValues
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Base class of the XMLParser delegates: lets a delegate abort with an error that is rethrown
/// unchanged once `parse()` returns.
class PartHandler: NSObject, XMLParserDelegate {
    var failure: Error?
    /// Set when the handler stopped the parser on purpose because it has what it needs.
    var finishedEarly = false

    final func finish(_ parser: XMLParser) {
        finishedEarly = true
        parser.abortParsing()
    }

    final func fail(_ parser: XMLParser, _ error: Error) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    // Without the Objective-C runtime, protocol witnesses are fixed where the conformance is
    // declared: every callback a subclass uses must exist here and be overridden there.
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {}
    func parser(_ parser: XMLParser, foundCharacters string: String) {}
    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {}
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {}

    // Defence in depth: the prolog scan already refuses any DOCTYPE.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(parser, XLSXReadError("XML entity declarations are not allowed"))
    }
    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, XLSXReadError("XML external entities are not allowed"))
    }
    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?, notationName: String?) {
        fail(parser, XLSXReadError("XML entity declarations are not allowed"))
    }
}

/// A handler that collects the text (characters, whitespace, CDATA) of the elements it marks
/// with `capturing` into `buffer`.
class TextPartHandler: PartHandler {
    var capturing = false
    var buffer = ""

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { buffer += string }
    }
    override func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        if capturing { buffer += whitespaceString }
    }
    override func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if capturing { buffer += String(decoding: CDATABlock, as: UTF8.self) }
    }
}

/// Strips a namespace prefix ("x:c" → "c"). Returns the same String when there is none, so
/// the common case compares small ASCII strings by their raw bits.
@inline(__always)
func localName(_ name: String) -> String {
    guard let i = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
    return String(name[name.index(after: i)...])
}

/// A zip archive opened for reading with the size limits checked up front. Parts are
/// extracted one at a time to a private temporary directory and parsed as a stream.
final class XLSXPackage {
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    private let limits: XLSXLimits
    private var extractedTotal: UInt64 = 0
    private var tempFolder: XLSXTemporaryFolder?
    private var fileCounter = 0

    init(url: URL, limits: XLSXLimits) throws {
        self.limits = limits
        let fileSize: UInt64
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
            fileSize = (attrs[.size] as? NSNumber)?.uint64Value ?? 0
        } catch {
            throw XLSXReadError("cannot read \(url.path): \(error.localizedDescription)", environmental: true)
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw XLSXReadError("\(url.lastPathComponent) is not a readable zip archive (\(error))",
                                text: ReasonText.notZip(url.lastPathComponent, "\(error)"))
        }
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            if overflow { throw XLSXReadError("archive declares an impossible uncompressed size") }
            total = sum
            if entries[entry.path] == nil { entries[entry.path] = entry }
        }
        if count == 0 { throw XLSXReadError("\(url.lastPathComponent) is not a readable zip archive (no entries)",
                                text: ReasonText.notZip(url.lastPathComponent, "no entries")) }
        if total > limits.maxUncompressedBytes {
            throw XLSXReadError("archive expands to \(total) bytes, over the limit of \(limits.maxUncompressedBytes)")
        }
        if Double(total) > limits.maxRatio * Double(max(fileSize, 1)) {
            throw XLSXReadError("archive expands to \(total) bytes from \(fileSize) on disk, over the ratio limit of \(limits.maxRatio)")
        }
    }

    func cleanUp() {
        tempFolder?.remove()
        tempFolder = nil
    }

    func hasPart(_ path: String) -> Bool { entry(path) != nil }

    private func entry(_ path: String) -> Entry? {
        entries[path] ?? entries["/" + path]
    }

    /// Resolves a relationship target against the folder of the source part ("xl").
    static func resolve(target: String, base: String) -> String {
        var parts: [Substring]
        if target.hasPrefix("/") {
            parts = []
        } else {
            parts = base.split(separator: "/")
        }
        for comp in target.split(separator: "/") {
            if comp == "." || comp.isEmpty { continue }
            if comp == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(comp)
        }
        return parts.joined(separator: "/")
    }

    /// Extracts the part to a temp file (counting bytes against the limits and refusing a
    /// DOCTYPE in the prolog), then parses it with a streaming XMLParser.
    func parse(_ path: String, with handler: PartHandler) throws {
        guard let entry = entry(path) else { throw XLSXReadError("part \(path) missing") }
        if tempFolder == nil {
            do { tempFolder = try XLSXTemporaryFolder() } catch {
                throw XLSXReadError("cannot create a temporary folder in \(FileManager.default.temporaryDirectory.path) (\(error.localizedDescription))",
                                    environmental: true)
            }
        }
        let tempDir = tempFolder!.url
        fileCounter += 1
        let fileURL = tempDir.appendingPathComponent("part\(fileCounter).xml")
        defer { try? FileManager.default.removeItem(at: fileURL) }
        guard FileManager.default.createFile(atPath: fileURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw XLSXReadError("cannot create a temporary file in \(tempDir.deletingLastPathComponent().path)", environmental: true)
        }
        let out = try FileHandle(forWritingTo: fileURL)
        var written: UInt64 = 0
        var prolog = PrologScanner()
        let declared = entry.uncompressedSize
        let maxTotal = limits.maxUncompressedBytes
        var total = extractedTotal
        do {
            _ = try archive.extract(entry, skipCRC32: false) { (data: Data) in
                written += UInt64(data.count)
                total += UInt64(data.count)
                if written > declared {
                    throw XLSXReadError("part \(path) expands beyond its declared size")
                }
                if total > maxTotal {
                    throw XLSXReadError("archive expands beyond the limit of \(maxTotal) bytes")
                }
                if !prolog.done { try prolog.feed(data, part: path) }
                // Throws (ENOSPC, EIO) instead of trapping like FileHandle.write(_:).
                do { try out.write(contentsOf: data) } catch {
                    throw XLSXReadError("cannot write the temporary copy of \(path) (\(String(describing: error))); is the temporary folder full?",
                                        environmental: true)
                }
            }
            do { try out.close() } catch {
                throw XLSXReadError("cannot write the temporary copy of \(path) (\(error.localizedDescription))", environmental: true)
            }
        } catch let e as XLSXReadError {
            try? out.close()
            throw e
        } catch let e as CocoaError {
            try? out.close()
            throw XLSXReadError("cannot write the temporary copy of \(path) (\(e.localizedDescription))", environmental: true)
        } catch {
            try? out.close()
            throw XLSXReadError("cannot extract \(path): \(error)")
        }
        extractedTotal = total

        guard let stream = InputStream(url: fileURL) else {
            throw XLSXReadError("cannot open temporary file for \(path)")
        }
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = handler
        let ok = parser.parse()
        parser.delegate = nil
        if let failure = handler.failure { throw failure }
        if !ok && !handler.finishedEarly {
            let detail = parser.parserError.map { "\($0)" } ?? "unknown error"
            throw XLSXReadError("malformed XML in \(path) at line \(parser.lineNumber): \(detail)")
        }
    }
}

/// Scans the bytes before the root element and refuses any `<!DOCTYPE` (or other `<!`
/// declaration) there, so no entity can ever be declared. Also refuses non-UTF-8 encodings
/// that the byte scan could not see through.
struct PrologScanner {
    private(set) var done = false
    private var state = 0          // 0 text, 1 after '<', 2 in <? ?>, 3 in <!-- -->
    private var pending: [UInt8] = []
    private var seen = 0

    mutating func feed(_ data: Data, part: String) throws {
        for byte in data {
            if done { return }
            seen += 1
            if seen > 1 << 20 { throw XLSXReadError("part \(part) has no root element in its first megabyte") }
            if byte == 0 { throw XLSXReadError("part \(part) is not UTF-8 XML") }
            if seen == 1 && (byte == 0xFE || byte == 0xFF) { throw XLSXReadError("part \(part) is not UTF-8 XML") }
            switch state {
            case 0:
                if byte == UInt8(ascii: "<") { state = 1; pending = [] }
            case 1:
                pending.append(byte)
                if pending.count == 1 {
                    if byte == UInt8(ascii: "?") { state = 2; pending = [] }
                    else if byte != UInt8(ascii: "!") { done = true }   // root element
                } else if pending.count == 3 {
                    // "<!--" is a comment; anything else ("<!DOCTYPE", "<![CDATA[") is refused.
                    if pending == [UInt8(ascii: "!"), UInt8(ascii: "-"), UInt8(ascii: "-")] {
                        state = 3; pending = []
                    } else {
                        throw XLSXReadError("part \(part) contains a DOCTYPE declaration; refused")
                    }
                }
            case 2:
                pending.append(byte)
                if pending.count > 2 { pending.removeFirst() }
                if pending == [UInt8(ascii: "?"), UInt8(ascii: ">")] { state = 0; pending = [] }
            default:
                pending.append(byte)
                if pending.count > 3 { pending.removeFirst() }
                if pending == [UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: ">")] { state = 0; pending = [] }
            }
        }
    }
}
