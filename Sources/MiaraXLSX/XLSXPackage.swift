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
        fail(parser, MiaraError.unreadable(XLSXText.entityDeclaration))
    }
    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, MiaraError.unreadable(XLSXText.externalEntity))
    }
    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?, notationName: String?) {
        fail(parser, MiaraError.unreadable(XLSXText.entityDeclaration))
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
            throw MiaraError.unreadable(XLSXText.cannotRead(url.path, error.localizedDescription), file: url.path, environmental: true)
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw MiaraError.unreadable(ReasonText.notZip(url.lastPathComponent, "\(error)"), file: url.path)
        }
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            if overflow { throw MiaraError.unreadable(XLSXText.impossibleSize, file: url.path) }
            total = sum
            if entries[entry.path] == nil { entries[entry.path] = entry }
        }
        if count == 0 { throw MiaraError.unreadable(ReasonText.notZip(url.lastPathComponent, "no entries"), file: url.path) }
        if total > limits.maxUncompressedBytes {
            throw MiaraError.unreadable(XLSXText.overLimit(total, limits.maxUncompressedBytes), file: url.path)
        }
        if Double(total) > limits.maxRatio * Double(max(fileSize, 1)) {
            throw MiaraError.unreadable(XLSXText.overRatio(total, fileSize, limits.maxRatio), file: url.path)
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
        guard let entry = entry(path) else { throw MiaraError.unreadable(XLSXText.partMissing(path)) }
        if tempFolder == nil {
            do { tempFolder = try XLSXTemporaryFolder() } catch let e as MiaraError { throw e } catch {
                throw MiaraError.unreadable(XLSXText.noTemporaryFolder(FileManager.default.temporaryDirectory.path, error.localizedDescription),
                                            environmental: true)
            }
        }
        let tempDir = tempFolder!.url
        fileCounter += 1
        let fileURL = tempDir.appendingPathComponent("part\(fileCounter).xml")
        // A part's temporary copy: `cleanUp` removes the whole folder, and `sweep` any folder left behind.
        defer { try? FileManager.default.removeItem(at: fileURL) }
        guard FileManager.default.createFile(atPath: fileURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw MiaraError.unreadable(XLSXText.noTemporaryFile(tempDir.deletingLastPathComponent().path), environmental: true)
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
                    throw MiaraError.unreadable(XLSXText.partOverDeclared(path))
                }
                if total > maxTotal {
                    throw MiaraError.unreadable(XLSXText.overLimitWhileExtracting(maxTotal))
                }
                if !prolog.done { try prolog.feed(data, part: path) }
                // Throws (ENOSPC, EIO) instead of trapping like FileHandle.write(_:).
                do { try out.write(contentsOf: data) } catch {
                    throw MiaraError.unreadable(XLSXText.cannotWriteCopy(path, String(describing: error), full: true), environmental: true)
                }
            }
            do { try out.close() } catch {
                throw MiaraError.unreadable(XLSXText.cannotWriteCopy(path, error.localizedDescription), environmental: true)
            }
        } catch let e as MiaraError {
            // The file is being given up: its own error is the one to report, not the close's.
            try? out.close()
            throw e
        } catch let e as CocoaError {
            // The file is being given up: the error thrown below is the one to report.
            try? out.close()
            throw MiaraError.unreadable(XLSXText.cannotWriteCopy(path, e.localizedDescription), environmental: true)
        } catch {
            // The file is being given up: the error thrown below is the one to report.
            try? out.close()
            throw MiaraError.unreadable(XLSXText.cannotExtract(path, "\(error)"))
        }
        extractedTotal = total

        guard let stream = InputStream(url: fileURL) else {
            throw MiaraError.unreadable(XLSXText.cannotOpenCopy(path))
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
            throw MiaraError.unreadable(XLSXText.malformedXML(path, line: parser.lineNumber, detail))
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
            if seen > 1 << 20 { throw MiaraError.unreadable(XLSXText.noRoot(part)) }
            if byte == 0 { throw MiaraError.unreadable(XLSXText.notUTF8(part)) }
            if seen == 1 && (byte == 0xFE || byte == 0xFF) { throw MiaraError.unreadable(XLSXText.notUTF8(part)) }
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
                        throw MiaraError.unreadable(XLSXText.doctype(part))
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
