import MiaraValues
import MiaraXLSX

/// How one column of a dataset appears in its template: cell format, width, the list it picks
/// from, its validation and texts. Everything is read from the catalogue (`Datasets`,
/// `ColumnLabels`, `CodeLabels`, `ColumnRules`) and the standard.
struct TemplateColumn {
    enum CellKind { case text, date, whole, decimal, amount }

    let spec: ColumnSpec
    let dataset: DatasetSpec
    let label: ColumnLabel?
    let lang: Language
    /// The values of its drop-down list, if it has one (codes as `name (code)`, criteria, own
    /// ids, flags, ETHOS): what a cell takes and ingestion accepts.
    let list: [String]?
    /// The values behind the list: the codes of a code column, else the list itself.
    let values: [String]?
    /// What an own id is (`noclegownia, Częstochowa`), by id.
    let ownIDNames: [String: String]
    /// Own ids of the provider: a value outside the list is a warning, not a stop.
    let listIsOwnIDs: Bool
    let asOfYear: Int
    let standard: Standard
    /// Names of the benchmarked measures a plan row may name (code → name).
    let measureNames: [String: String]

    init(_ spec: ColumnSpec, dataset: DatasetSpec, request: TemplateRequest) {
        self.spec = spec; self.dataset = dataset; lang = request.language; asOfYear = request.asOfYear
        standard = request.standard
        measureNames = Dictionary(request.planMeasures.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        label = ColumnLabels.of(dataset.name, spec.name)
        ownIDNames = request.ownIDNames[spec.name] ?? [:]
        if let own = request.ownIDs[spec.name] {
            list = own; values = own; listIsOwnIDs = true
        } else {
            listIsOwnIDs = false
            let lang = request.language
            switch spec.type {
            case .code: list = spec.codes.map { $0.map { CodeLabels.entry($0, lang) } }
            case .criterion: list = request.standard.criteria.map(\.code)
            case .measure: list = request.planMeasures.isEmpty ? nil : request.planMeasures.map(\.code)
            case .flag: list = lang == .pl ? ["tak", "nie"] : ["yes", "no"]
            case .integer where spec.range?.min == 1 && spec.range?.max == 6: list = (1...6).map(String.init)   // ETHOS
            default: list = nil
            }
            if case .code = spec.type { values = spec.codes } else { values = list }
        }
    }

    /// The example value: the provider's first own id where the column offers them, else the catalogue's.
    var example: String {
        if listIsOwnIDs, let first = values?.first { return first }
        return label?.example ?? ""
    }

    var cellKind: CellKind {
        switch spec.type {
        case .date: return .date
        case .integer: return .whole
        case .decimal: return spec.name.hasSuffix("_pln") ? .amount : .decimal
        default: return .text
        }
    }

    /// Excel number format codes (shown by a Polish Excel as `RRRR-MM-DD` and `# ##0,00`).
    var numFormat: String {
        switch cellKind {
        case .text: return "@"
        case .date: return "yyyy-mm-dd"
        case .whole: return "0"
        case .decimal: return "0.##"
        case .amount: return "#,##0.00"
        }
    }

    var width: Double {
        let codeWidth = min(45, Double((list ?? []).map(\.count).max() ?? 0) + 3)
        return max(Double(spec.name.count) + 4, codeWidth, cellKind == .date ? 12 : 10, spec.type == .freeText ? 30 : 0)
    }

    /// `wymagana`, `nieobowiązkowa`, or why it is required (`wymagane, bo podano discharged`).
    var requiredText: String {
        if spec.required { return TemplateText.required(lang) }
        if let h = dataset.conditionalHint(spec.name) { return h.text(lang) }
        return TemplateText.optional(lang)
    }

    /// A short format name for the instructions.
    var formatText: String {
        switch spec.type {
        case .date: return TemplateText.fmtDate(lang)
        case .month: return TemplateText.fmtMonth(lang)
        case .code, .criterion, .measure: return TemplateText.fmtCode(lang)
        case .flag: return TemplateText.fmtFlag(lang)
        default: return spec.typeHint(asOfYear: asOfYear)?.text(lang) ?? TemplateText.fmtText(lang)
        }
    }

    /// The allowed values with their names, one a line (codes, criteria, ETHOS, own ids).
    var allowedText: String {
        guard let values else { return "" }
        var lines = values.map { v -> String in
            if spec.type == .criterion, let c = standard.criterion(matching: v) { return "\(v) — \(c.name)" }
            if spec.type == .measure, let n = measureNames[v] { return "\(v) — \(n)" }
            if listIsOwnIDs { return ownIDNames[v].map { "\(v) — \($0)" } ?? v }
            return CodeLabels.name(v, lang).map { "\(v) — \($0)" } ?? v
        }
        let syn = spec.synonyms
        if !syn.isEmpty {
            lines.append("(\(TemplateText.alsoAccepted(lang)): " + syn.map { "\($0.spelling) → \($0.code)" }.joined(separator: ", ") + ")")
        }
        return lines.joined(separator: "\n")
    }

    /// The validation rule; `listRange` is the formula of this column's values on the list sheet.
    func rule(listRange: String?) -> XLSXValidationRule {
        if let listRange { return .listRange(listRange) }
        switch spec.type {
        case .date: return .date(min: (1900, 1, 1), max: (2099, 12, 31))
        case .month: return .textLength(min: 7, max: 7)
        case .dateOrMonth: return .textLength(min: 7, max: 10)
        case .yearOrMonth: return .textLength(min: 4, max: 7)
        case .yearOrHalf: return .textLength(min: 4, max: 6)
        case .integer:
            if let r = spec.range { return .wholeNumber(min: r.min, max: r.maxIsAsOfYear ? asOfYear : r.max) }
            return .wholeNumber(min: spec.nonNegative ? 0 : nil, max: nil)
        case .decimal: return .decimal(min: spec.nonNegative ? 0 : -1e15)
        case .teryt: return .textLength(min: 7, max: 7)
        case .providerID: return .textLength(min: 9, max: 20)
        case .personID: return .textLength(min: 6, max: 64)
        case .id: return .textLength(min: 1, max: 64)
        case .freeText: return .textLength(min: 1, max: 2000)
        case .code, .criterion, .flag: return .textLength(min: 1, max: 64)   // never: these have lists
        case .measure: return .textLength(min: 3, max: 3)   // without a catalogue given
        }
    }

    /// Input message and error alert, within Excel's limits (titles 32, messages 255 characters).
    var texts: XLSXValidationTexts {
        let name = label?.polishName ?? spec.name
        let meaning = label?.text(lang) ?? ""
        let req: String
        if spec.required { req = TemplateText.requiredTag(lang) }
        else if let h = dataset.conditionalHint(spec.name) { req = Self.sentence(h.text(lang)) }
        else { req = TemplateText.optionalTag(lang) }
        let how: String
        if list != nil { how = listIsOwnIDs ? TemplateText.pickOwnID(lang) : TemplateText.pickFromList(lang) }
        else { how = cellHint.map { Self.sentence($0) } ?? "" }
        let input = Self.fit([meaning, req, how].filter { !$0.isEmpty }.joined(separator: " "), XLSXValidationTexts.maxMessage)
        var error: String
        if listIsOwnIDs { error = TemplateText.notOwnID(lang) }
        else if spec.type == .criterion || spec.type == .measure { error = TemplateText.wrongValue(lang) + " " + TemplateText.pickFromList(lang) + " " + TemplateText.seeInstructions(lang) }
        else if list != nil, let values { error = TemplateText.wrongValue(lang) + " " + TemplateText.pickFromList(lang) + " " + Self.sentence(Hint.codes(values).text(lang)) }
        else if let h = cellHint { error = TemplateText.wrongValue(lang) + " " + Self.sentence(h) }
        else if case .textLength(let lo, let hi) = rule(listRange: nil) { error = TemplateText.wrongValue(lang) + " " + TemplateText.textLength(lang) + ": \(lo)–\(hi)." }
        else { error = TemplateText.wrongValue(lang) }
        error = Self.fit(error, XLSXValidationTexts.maxMessage)
        return XLSXValidationTexts(inputTitle: Self.fit("\(spec.name) — \(name)", XLSXValidationTexts.maxTitle),
                                   inputMessage: input, errorTitle: TemplateText.errorTitle(lang), errorMessage: error,
                                   stop: !listIsOwnIDs)
    }

    /// What a cell of this column takes, worded for a spreadsheet (numbers and dates are cells
    /// there, so the text formats of CSV files are left out).
    var cellHint: String? {
        switch spec.type {
        case .date: return TemplateText.fmtDate(lang) + (label.map { $0.example.isEmpty ? "" : ", \(TemplateText.forExample(lang)) \($0.example)" } ?? "")
        case .decimal: return TemplateText.fmtDecimal(lang) + (spec.nonNegative ? " ≥ 0" : "")
        default: return spec.typeHint(asOfYear: asOfYear)?.text(lang)
        }
    }

    static func sentence(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst() + (s.hasSuffix(".") || s.hasSuffix(")") ? "" : ".")
    }

    /// Cuts a text to `limit` characters (UTF-16 units and scalars) at a word, ending in `…`.
    static func fit(_ s: String, _ limit: Int) -> String {
        if s.utf16.count <= limit && s.unicodeScalars.count <= limit { return s }
        var out = ""
        for ch in s {
            if (out + String(ch)).utf16.count > limit - 1 { break }
            out.append(ch)
        }
        if let sp = out.lastIndex(of: " "), out.distance(from: out.startIndex, to: sp) > limit / 2 { out = String(out[..<sp]) }
        return out + "…"
    }
}
