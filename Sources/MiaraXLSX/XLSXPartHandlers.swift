import Foundation
import MiaraValues
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/workbook.xml`: the relationship id of the first `<sheet>`.
final class WorkbookHandler: PartHandler {
    var firstSheetRelId: String?
    var firstSheetName: String?

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard firstSheetRelId == nil, localName(elementName) == "sheet" else { return }
        for (key, value) in attributeDict where key == "r:id" || (key.hasSuffix(":id") && !key.hasPrefix("xmlns")) {
            firstSheetRelId = value
            firstSheetName = attributeDict["name"]
            break
        }
        if firstSheetRelId == nil { fail(parser, MiaraError.unreadable(XLSXText.firstSheetWithoutID)) }
        else { finish(parser) }   // nothing more needed
    }
}

/// A `.rels` part: Id → Target, plus the types.
final class RelationshipsHandler: PartHandler {
    var targets: [String: String] = [:]
    private var byType: [(type: String, target: String)] = []

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard localName(elementName) == "Relationship",
              let id = attributeDict["Id"], let target = attributeDict["Target"] else { return }
        if attributeDict["TargetMode"] == "External" { return }
        if targets[id] == nil { targets[id] = target }
        if let type = attributeDict["Type"] { byType.append((type, target)) }
    }

    func targetOfType(suffix: String) -> String? {
        byType.first(where: { $0.type.hasSuffix(suffix) })?.target
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the concatenation of its `<t>` texts, skipping `<rPh>`.
final class SharedStringsHandler: TextPartHandler {
    var strings: [String] = []
    private var inSI = false
    private var phoneticDepth = 0

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "si": inSI = true; buffer.removeAll(keepingCapacity: true)
        case "t": capturing = inSI && phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        case "sst":
            if let count = attributeDict["uniqueCount"].flatMap(Int.init), count > 0 {
                strings.reserveCapacity(min(count, 1 << 22))
            }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch localName(elementName) {
        case "si": strings.append(buffer); inSI = false; capturing = false
        case "t": capturing = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }
}

/// `xl/styles.xml`: which `cellXfs` entries carry a date number format.
final class StylesHandler: PartHandler {
    private var customFormats: [Int: String] = [:]
    private var xfFormatIds: [Int] = []
    private var inCellXfs = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "numFmt":
            if let id = attributeDict["numFmtId"].flatMap(Int.init) {
                customFormats[id] = attributeDict["formatCode"] ?? ""
            }
        case "cellXfs": inCellXfs = true
        case "xf":
            if inCellXfs { xfFormatIds.append(attributeDict["numFmtId"].flatMap(Int.init) ?? 0) }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if localName(elementName) == "cellXfs" { inCellXfs = false }
    }

    func dateStyleFlags() -> [Bool] {
        xfFormatIds.map { id in
            if let code = customFormats[id] { return DateFormatDetector.isDateFormat(code) }
            return DateFormatDetector.isBuiltInDate(id)
        }
    }
}

enum DateFormatDetector {
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// A custom format is a date when, outside quotes, escapes and brackets, it contains y or d,
    /// or contains m without any h or s (elapsed-time brackets like `[h]` count as h).
    static func isDateFormat(_ code: String) -> Bool {
        var hasYD = false, hasM = false, hasHS = false
        var inQuote = false, inBracket = false, skipNext = false
        var bracket = ""
        for ch in code.lowercased() {
            if skipNext { skipNext = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    if !bracket.isEmpty && bracket.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { hasHS = true }
                } else { bracket.append(ch) }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true; bracket = ""
            case "\\", "_", "*": skipNext = true
            case "y", "d": hasYD = true
            case "m": hasM = true
            case "h", "s": hasHS = true
            default: break
            }
        }
        return hasYD || (hasM && !hasHS)
    }
}
