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

    static func writeInstructions(_ ws: XLSXWorksheet, _ request: TemplateRequest, _ columns: [TemplateColumn], _ wb: XLSXWorkbook) {
        let lang = request.language
        let spec = request.dataset
        let title = wb.addFormat(XLSXFormatSpec(bold: true))
        let head = wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xD9E1F2, wrap: true, border: true))
        let wrap = wb.addFormat(XLSXFormatSpec(numFormat: "@", wrap: true, border: true))
        ws.write(0, 0, string: "\(TemplateText.title(lang)): \(spec.name)", title)
        var notes = request.notes + [TemplateText.fillIn(lang), TemplateText.headersStay(lang),
                     "\(TemplateText.sendTo(lang)) inbox/\(spec.name)/.",
                     "\(TemplateText.checkFirst(lang)) miara validate --dataset \(spec.name) \(lang == .pl ? "PLIK" : "FILE").xlsx"]
        if let m = request.month, request.monthColumn != nil { notes.append("\(TemplateText.monthNote(lang)) (\(m.text))") }
        if let p = request.provider, !request.ownIDs.isEmpty { notes.append("\(TemplateText.ownIDsNote(lang)) \(p).") }
        for (i, n) in notes.enumerated() { ws.write(1 + i, 0, string: n) }
        let top = notes.count + 2
        let heads: [TemplateText] = [.colColumn, .colPolish, .colRequired, .colFormat, .colMeaning, .colCodes, .colExample]
        for (i, h) in heads.enumerated() { ws.write(top, i, string: h(lang), head) }
        for (r, c) in columns.enumerated() {
            let cells = [c.spec.name, c.label?.polishName ?? "", c.requiredText, c.formatText, c.label?.text(lang) ?? "",
                         c.allowedText, c.label?.example ?? ""]
            for (i, v) in cells.enumerated() { ws.write(top + 1 + r, i, string: v, wrap) }
        }
        ws.setColumnWidth(0, 0, 18)
        ws.setColumnWidth(1, 1, 22)
        ws.setColumnWidth(2, 3, 24)
        ws.setColumnWidth(4, 4, 40)
        ws.setColumnWidth(5, 5, 48)
        ws.setColumnWidth(6, 6, 16)
        let ex = top + columns.count + 3
        ws.write(ex, 0, string: TemplateText.exampleRow(lang), title)
        for (i, c) in columns.enumerated() {
            ws.write(ex + 1, i, string: c.spec.name, head)
            ws.write(ex + 2, i, string: c.label?.example ?? "", wrap)
        }
    }
}
