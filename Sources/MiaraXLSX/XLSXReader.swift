import MiaraValues
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// One non-empty cell value read from a worksheet.
public enum XLSXCell: Equatable, Sendable {
    case text(String)
    case number(Double, isDate: Bool)
    case bool(Bool)
}

/// Safety limits applied before anything is extracted from an archive.
public struct XLSXLimits: Sendable {
    /// Refuse archives whose entries declare more than this many uncompressed bytes in total.
    public var maxUncompressedBytes: UInt64 = 1 << 30
    /// Refuse archives whose total uncompressed size exceeds this multiple of the file size on disk.
    public var maxRatio: Double = 100
    public init() {}
}

public enum XLSXReader {
    /// Streams the first worksheet's rows in order. `row` is the 1-based worksheet row number;
    /// `cells` are the non-empty cells as (0-based column index, value), ascending by column.
    /// A file that cannot be read (not a zip, broken archive, over limits, no worksheet, malformed
    /// XML) throws `MiaraError` `.unreadableFile` (`.fileUnavailable` when the cause lies outside
    /// the file's bytes: temporary space, permissions), located at the file and, for a bad value,
    /// its cell (`Sheet1!B7`); errors `onRow` throws pass unchanged.
    public static func readFirstSheet(
        at url: URL,
        limits: XLSXLimits = XLSXLimits(),
        onSheetName: (String) -> Void = { _ in },
        onRow: (_ row: Int, _ cells: [(column: Int, value: XLSXCell)]) throws -> Void
    ) throws {
        var sheet: String?
        do {
            try read(url, limits: limits, onSheetName: { sheet = $0; onSheetName($0) }, onRow: onRow)
        } catch var e as MiaraError where e.code == .unreadableFile || e.code == .fileUnavailable {
            // The reader's own errors: located at this file (and the first sheet's cell).
            var cell = e.location.cell
            if !cell.isEmpty, !cell.contains("!"), let sheet, !sheet.isEmpty { cell = XLSXCellName.sheet(sheet) + "!" + cell }
            e.location = MiaraError.Location(file: url.path, cell: cell)
            throw e
        }
    }

    private static func read(
        _ url: URL, limits: XLSXLimits, onSheetName: (String) -> Void,
        onRow: (_ row: Int, _ cells: [(column: Int, value: XLSXCell)]) throws -> Void
    ) throws {
        let package = try XLSXPackage(url: url, limits: limits)
        defer { package.cleanUp() }

        // 1. First sheet in workbook order, through workbook.xml and its relationships.
        guard package.hasPart("xl/workbook.xml") else { throw MiaraError.unreadable(XLSXText.noWorkbook) }
        let workbook = WorkbookHandler()
        try package.parse("xl/workbook.xml", with: workbook)
        guard let sheetRelId = workbook.firstSheetRelId else { throw MiaraError.unreadable(XLSXText.noWorksheet) }
        onSheetName(workbook.firstSheetName ?? "")

        let relsPath = "xl/_rels/workbook.xml.rels"
        guard package.hasPart(relsPath) else { throw MiaraError.unreadable(XLSXText.noRelationships(relsPath)) }
        let rels = RelationshipsHandler()
        try package.parse(relsPath, with: rels)
        guard let sheetTarget = rels.targets[sheetRelId] else {
            throw MiaraError.unreadable(XLSXText.noRelationship(sheetRelId))
        }
        let sheetPath = XLSXPackage.resolve(target: sheetTarget, base: "xl")
        guard package.hasPart(sheetPath) else { throw MiaraError.unreadable(XLSXText.worksheetMissing(sheetPath)) }

        // 2. Shared strings and 3. styles (which cellXfs indices are dates), both optional.
        /// A part the workbook may have: parsed by `handler` where it is, nil where it is not.
        func optionalPart<H: PartHandler>(_ type: String, _ handler: H) throws -> H? {
            let path = rels.targetOfType(suffix: "/\(type)").map { XLSXPackage.resolve(target: $0, base: "xl") }
                ?? "xl/\(type).xml"
            guard package.hasPart(path) else { return nil }
            try package.parse(path, with: handler)
            return handler
        }
        let sharedStrings = try optionalPart("sharedStrings", SharedStringsHandler())?.strings ?? []
        let dateStyles = try optionalPart("styles", StylesHandler())?.dateStyleFlags() ?? []

        // 4. Stream the worksheet.
        try withoutActuallyEscaping(onRow) { callback in
            let handler = WorksheetHandler(sharedStrings: sharedStrings, dateStyles: dateStyles, onRow: callback)
            try package.parse(sheetPath, with: handler)
        }
    }
}
