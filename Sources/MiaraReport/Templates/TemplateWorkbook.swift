import Foundation
import MiaraValues
import MiaraXLSX

/// What a fillable template is made for: a dataset, a language, optionally a reporting month and
/// the provider's own ids (column name → ids, e.g. `facility_id`), and rows to fill in.
public struct TemplateRequest {
    public var dataset: DatasetSpec
    public var language: Language
    public var month: Month?
    /// Upper bound of `birth_year` (the as-of year).
    public var asOfYear: Int
    public var standard: Standard
    public var ownIDs: [String: [String]]
    /// What each own id is, shown beside it in the instructions (column name → id → text).
    public var ownIDNames: [String: [String: String]] = [:]
    /// Whose ids `ownIDs` are (shown in the instructions).
    public var provider: String?
    /// Rows written into the input sheet as a person typing them would leave them: dates as date
    /// cells, numbers as numbers, the rest as text (column name → text; missing = empty).
    public var rows: [[String: String]]
    /// The benchmarked measures of the catalogue in use (code, name in the template's language):
    /// the drop-down list of `plans.measure`.
    public var planMeasures: [(code: String, name: String)]
    /// Write the dataset's context columns (`DatasetSpec.contextColumns`, for reading only) beside
    /// the input columns, filled from `rows` (`miara plan`).
    public var withContext: Bool
    /// Extra lines at the head of the instructions (what `miara plan` pre-filled and why).
    public var notes: [String]

    public init(dataset: DatasetSpec, language: Language = .pl, month: Month? = nil, asOfYear: Int, standard: Standard,
                ownIDs: [String: [String]] = [:], provider: String? = nil, rows: [[String: String]] = [],
                planMeasures: [(code: String, name: String)] = [], withContext: Bool = false, notes: [String] = []) {
        self.dataset = dataset; self.language = language; self.month = month; self.asOfYear = asOfYear
        self.standard = standard; self.ownIDs = ownIDs; self.provider = provider; self.rows = rows
        self.planMeasures = planMeasures; self.withContext = withContext; self.notes = notes
    }

    /// The column a reporting month is filled into (`costs.month`, `services.date`), if any.
    public var monthColumn: String? {
        dataset.columns.first { $0.type == .month || $0.type == .dateOrMonth }?.name
    }
}

/// Writes a fillable XLSX template of one dataset: the input sheet first (the header the
/// ingestion reads, frozen, formatted, every column validated), then the instructions, then a
/// hidden sheet with the drop-down lists.
public enum TemplateWorkbook {
    /// Rows (below the header) that carry validations, formats and the pre-filled month.
    public static let dataRows = 5000

    /// The input sheet's name: the dataset's table (`stays`).
    public static func inputSheetName(_ dataset: DatasetSpec) -> String { dataset.table }

    public static func write(_ request: TemplateRequest, to path: String) throws {
        let lang = request.language
        let spec = request.dataset
        let wb = try XLSXWorkbook(path: path)
        wb.setProperties(title: "\(TemplateText.title(lang)): \(spec.name)", author: "miara", created: (2000, 1, 1))
        let input = try wb.addWorksheet(inputSheetName(spec))
        let help = try wb.addWorksheet(TemplateText.sheetInstructions(lang))
        let lists = try wb.addWorksheet(TemplateText.sheetLists(lang))
        let columns = spec.columns.map { TemplateColumn($0, dataset: spec, request: request) }

        // Lists: one column per list, header = the column name.
        let listSheet = XLSXCellName.sheet(lists.name)
        var ranges: [String: String] = [:]
        var lc = 0
        let textFormat = wb.addFormat(XLSXFormatSpec(numFormat: "@"))
        for c in columns {
            guard let values = c.list, !values.isEmpty else { continue }
            lists.write(0, lc, string: c.spec.name)
            for (i, v) in values.enumerated() {
                if c.spec.type == .integer, let n = Int(v) { lists.write(i + 1, lc, number: Double(n)) }
                else { lists.write(i + 1, lc, string: v, textFormat) }
            }
            let col = XLSXCellName.column(lc)
            ranges[c.spec.name] = "=\(listSheet)!$\(col)$2:$\(col)$\(values.count + 1)"
            lc += 1
        }
        lists.hide()

        // Input sheet.
        let header = wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xD9E1F2, border: true))
        var formats: [String: XLSXFormat] = [:]
        for (i, c) in columns.enumerated() {
            let f = formats[c.numFormat] ?? wb.addFormat(XLSXFormatSpec(numFormat: c.numFormat))
            formats[c.numFormat] = f
            input.setColumn(i, i, width: c.width, format: f)
            input.write(0, i, string: c.spec.name, header)
            input.dataValidation(firstRow: 1, firstCol: i, lastRow: dataRows, lastCol: i,
                                 rule: c.rule(listRange: ranges[c.spec.name]), texts: c.texts)
        }
        input.freezePanes(row: 1, col: 0)
        if request.withContext { TemplateContext.write(input, request, firstColumn: columns.count, wb) }
        for (r, row) in request.rows.enumerated() {
            for (i, c) in columns.enumerated() {
                guard let v = row[c.spec.name], !v.isEmpty else { continue }
                writeTyped(input, r + 1, i, v, c, formats[c.numFormat]!)
            }
        }
        if let month = request.month, let name = request.monthColumn, let mi = columns.firstIndex(where: { $0.spec.name == name }) {
            // A formula: the month shows only once another cell of the row is filled, so unused
            // rows stay empty (and are skipped when read).
            for r in 1...dataRows where (r <= request.rows.count ? request.rows[r - 1][name] ?? "" : "").isEmpty {
                let others = columns.indices.filter { $0 != mi }.map { "$\(XLSXCellName.column($0))\(r + 1)" }.joined(separator: ",")
                input.write(r, mi, formula: "=IF(COUNTA(\(others))=0,\"\",\"\(month.text)\")", result: "", formats[columns[mi].numFormat])
            }
        }
        input.activate()
        // Printed: the header and the filled-in rows, not the 5,000 validated ones; with the
        // context columns (`miara plan`: what each pre-filled row is about) beside the input ones.
        let printedColumns = columns.count + (request.withContext ? request.dataset.contextColumns.count : 0)
        let wide = request.withContext || columns.map(\.width).reduce(0, +) > 100
        input.setPrint(XLSXPrintSetup(orientation: wide ? .landscape : .portrait, fitWide: 1, fitTall: 0, repeatRows: 0...0,
                                      footerLeft: XLSXPrintSetup.literal("\(TemplateText.title(lang)): \(spec.name)"),
                                      footerRight: XLSXPrintSetup.literal(TemplateText.page(lang)) + " &P / &N"))
        input.setPrintArea(firstRow: 0, firstCol: 0, lastRow: printedRows(request), lastCol: printedColumns - 1)

        writeInstructions(help, request, columns, wb)
        try wb.close()
    }

    /// A value typed into a cell: a date cell, a number, or text.
    static func writeTyped(_ ws: XLSXWorksheet, _ row: Int, _ col: Int, _ v: String, _ c: TemplateColumn, _ f: XLSXFormat) {
        switch c.cellKind {
        case .date:
            if let d = Day(input: v) { let x = d.components; ws.writeDate(row, col, year: x.year, month: x.month, day: x.day, f); return }
        case .whole, .decimal, .amount:
            if let n = ValueParser.decimal(v, commaDecimal: false) { ws.write(row, col, number: n, f); return }
        case .text: break
        }
        ws.write(row, col, string: v, f)
    }

    /// Widths of the instruction table's columns: column, name, required, format, meaning,
    /// allowed values, example.
    static let instructionWidths: [Double] = [16, 18, 20, 18, 34, 46, 16]

    /// The instructions on at most two landscape pages: the notes across the table's width, then
    /// one row per column, every cell wrapped in a row as tall as its text needs; the example
    /// column read top to bottom is one filled-in row.
    static func writeInstructions(_ ws: XLSXWorksheet, _ request: TemplateRequest, _ columns: [TemplateColumn], _ wb: XLSXWorkbook) {
        let lang = request.language
        let spec = request.dataset
        let widths = instructionWidths
        let title = wb.addFormat(XLSXFormatSpec(bold: true))
        let head = wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xD9E1F2, wrap: true, border: true))
        let wrap = wb.addFormat(XLSXFormatSpec(numFormat: "@", wrap: true, border: true))
        let note = wb.addFormat(XLSXFormatSpec(wrap: true))
        for (i, w) in widths.enumerated() { ws.setColumnWidth(i, i, w) }
        ws.write(0, 0, string: "\(TemplateText.title(lang)): \(spec.name)", title)
        var notes = request.notes + [TemplateText.fillIn(lang), TemplateText.headersStay(lang),
                     "\(TemplateText.sendTo(lang)) inbox/\(spec.name)/.",
                     "\(TemplateText.checkFirst(lang)) miara validate --dataset \(spec.name) \(lang == .pl ? "PLIK" : "FILE").xlsx"]
        if let m = request.month, request.monthColumn != nil { notes.append("\(TemplateText.monthNote(lang)) (\(m.text))") }
        if let p = request.provider, !request.ownIDs.isEmpty { notes.append("\(TemplateText.ownIDsNote(lang)) \(p).") }
        notes.append(TemplateText.printNote(lang) + "\(printedRows(request) + 1). " + TemplateText.printMore(lang))
        let all = widths.reduce(0, +)
        for (i, n) in notes.enumerated() {
            ws.merge(firstRow: 1 + i, firstCol: 0, lastRow: 1 + i, lastCol: widths.count - 1, string: n, note)
            ws.setRowHeight(1 + i, XLSXTextFit.rowHeight([(n, all)]))
        }
        let top = notes.count + 2
        let heads: [TemplateText] = [.colColumn, .colPolish, .colRequired, .colFormat, .colMeaning, .colCodes, .exampleRow]
        let headTexts = heads.map { $0(lang) }
        for (i, h) in headTexts.enumerated() { ws.write(top, i, string: h, head) }
        ws.setRowHeight(top, XLSXTextFit.rowHeight(zip(headTexts, widths).map { ($0, $1) }))
        // A long list (the standard's criteria) goes below the table, one value a row: a table row
        // taller than a page would not print.
        var below: [TemplateColumn] = []
        for (r, c) in columns.enumerated() {
            var allowed = c.allowedText
            if allowed.split(separator: "\n").count > longList { below.append(c); allowed = TemplateText.listBelow(lang) }
            let cells = [c.spec.name, c.label?.polishName ?? "", c.requiredText, c.formatText, c.label?.text(lang) ?? "",
                         allowed, c.example]
            for (i, v) in cells.enumerated() { ws.write(top + 1 + r, i, string: v, wrap) }
            ws.setRowHeight(top + 1 + r, XLSXTextFit.rowHeight(zip(cells, widths).map { ($0, $1) }))
        }
        var r = top + columns.count + 2
        for c in below {
            ws.write(r, 0, string: "\(c.spec.name): \(TemplateText.colCodes(lang))", title)
            r += 1
            for line in c.allowedText.split(separator: "\n").map(String.init) {
                let parts = line.components(separatedBy: " — ")
                ws.write(r, 0, string: parts[0], wrap)
                let rest = parts.dropFirst().joined(separator: " — ")
                ws.merge(firstRow: r, firstCol: 1, lastRow: r, lastCol: widths.count - 1, string: rest, wrap)
                ws.setRowHeight(r, XLSXTextFit.rowHeight([(parts[0], widths[0]), (rest, widths.dropFirst().reduce(0, +))]))
                r += 1
            }
            r += 1
        }
        ws.setPrint(XLSXPrintSetup(orientation: .landscape, fitWide: 1, fitTall: 0, repeatRows: top...top,
                                   footerLeft: XLSXPrintSetup.literal("\(TemplateText.title(lang)): \(spec.name)"),
                                   footerRight: XLSXPrintSetup.literal(TemplateText.page(lang)) + " &P / &N"))
    }

    /// The last 0-based row of the input sheet's print area: the pre-filled rows and at least a
    /// page of empty ones to fill in by hand (`printRows`).
    static func printedRows(_ request: TemplateRequest) -> Int { max(request.rows.count, printRows) }

    /// Lines of allowed values beyond which the list goes below the table.
    static let longList = 12

    /// Empty rows printed below the header of a template without pre-filled rows.
    public static let printRows = 30
}
