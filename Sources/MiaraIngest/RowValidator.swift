import MiaraStore
import MiaraValues

/// What ingestion needs to know besides the data: the as-of date, the pseudonym key, the
/// standard's criteria.
public struct IngestSettings: Sendable {
    public var asOf: Day
    public var pseudonymiser: Pseudonymiser?
    public var standard: Standard
    public var language: Language
    /// The pipeline's `max_reject_share`: a file version read over it is noted in the store
    /// (`RejectShareNotes`); 1 (the default) notes nothing.
    public var maxRejectShare: Double
    /// The benchmarked measure codes of the catalogue in use (upper case): the codes a `mops/plans`
    /// row may name (any other is C05). Empty: every plan row is C05.
    public var planMeasures: [String]
    public init(asOf: Day, pseudonymiser: Pseudonymiser?, standard: Standard, language: Language = .pl, maxRejectShare: Double = 1,
                planMeasures: [String] = []) {
        self.asOf = asOf; self.pseudonymiser = pseudonymiser; self.standard = standard; self.language = language
        self.maxRejectShare = maxRejectShare; self.planMeasures = planMeasures
    }
}

/// A row that passed steps 1–2 of SPEC 2: its stored values in dataset column order (its key is
/// a column the store computes from them).
struct ValidRow {
    var values: [SQLValue]
    /// Free-text columns in which a PESEL was replaced (W02).
    var maskedColumns: [String]
}

/// A row-level failure: the check and the column it sits at. A validation outcome, not a thrown
/// failure: the `Failure` of `validate`'s `Result` (hence `Error`), it becomes a reject row
/// (rejects.csv, `validate`) and is never thrown (`ErrorShapeTests`).
struct RowFailure: Error {
    var code: CheckCode
    var column: String
    var detail: String
    /// The detail in both languages when it has words of its own (from the dictionary); nil
    /// when `detail` is a value or a column name, the same in both.
    var detailText: Phrase? = nil

    /// The detail in `lang`: the reason tail in rejects.csv and `validate`.
    func detail(_ lang: Language) -> String { detailText?(lang) ?? detail }
}

/// Applies SPEC 2 steps 1–2 to one record of a dataset: per column required, type, range; then
/// the row's own rules (outcome without end, date order, as-of). A class: a planner keeps one per
/// file and calls it per record without copying its dataset and settings.
final class RowValidator {
    let dataset: DatasetSpec
    let settings: IngestSettings
    /// `1234,5` is a number only in `;`-delimited CSV.
    let commaDecimal: Bool
    private let asOfYear: Int
    /// The as-of date as ISO text, made once (not per row).
    private let asOfISO: String

    init(dataset: DatasetSpec, settings: IngestSettings, commaDecimal: Bool) {
        self.dataset = dataset; self.settings = settings; self.commaDecimal = commaDecimal
        asOfYear = settings.asOf.year
        asOfISO = settings.asOf.iso
    }

    /// Validates cells given in dataset column order (nil = empty).
    func validate(_ cells: [Cell?]) -> Result<ValidRow, RowFailure> {
        let columns = dataset.columns
        var values = [SQLValue](repeating: .null, count: columns.count)
        var masked: [String] = []
        // By index: each column's spec is read in place, not copied per row.
        for i in columns.indices {
            guard let cell = cells[i] else {
                let col = columns[i]
                if col.required || conditionallyRequired(col.name, values) {
                    return .failure(RowFailure(code: .C02, column: col.name, detail: ""))
                }
                continue
            }
            switch parse(cell, columns[i]) {
            case .success(let v):
                values[i] = v.value
                if v.masked { masked.append(columns[i].name) }
            case .failure(let e):
                return .failure(RowFailure(code: e.code, column: columns[i].name, detail: e.detail, detailText: e.detailText))
            }
        }
        if let f = rowRules(values, all: false).first { return .failure(f) }
        return .success(ValidRow(values: values, maskedColumns: masked))
    }

    func value(_ name: String, _ values: [SQLValue]) -> SQLValue {
        guard let i = dataset.columns.firstIndex(where: { $0.name == name }) else { return .null }
        return values[i]
    }

    func conditionallyRequired(_ name: String, _ values: [SQLValue]) -> Bool {
        for r in dataset.rules {
            switch r {
            case .requiredWhenPresent(let c, let when) where c == name:
                if !value(when, values).isNull { return true }
            case .requiredWhenIn(let c, let when, let set) where c == name:
                if let t = value(when, values).text, set.contains(t) { return true }
            default: continue
            }
        }
        return false
    }

    /// Step 2: outcome without end (C19), date order (C08), as-of (C10), in that order; the
    /// first failure only unless `all`.
    func rowRules(_ values: [SQLValue], all: Bool) -> [RowFailure] {
        var found: [RowFailure] = []
        for r in dataset.rules {
            if case .endUnlessOngoing = r, let o = value("outcome", values).text, o != "ongoing", value("end", values).isNull {
                found.append(RowFailure(code: .C19, column: "end", detail: "outcome \(o) without end", detailText: ReasonText.outcomeWithoutEnd(o)))
                if !all { return found }
            }
        }
        for r in dataset.rules {
            if case .order(let a, let b) = r, let x = value(a, values).text, let y = value(b, values).text, y < x {
                found.append(RowFailure(code: .C08, column: b, detail: "\(b) \(y) < \(a) \(x)"))
                if !all { return found }
            }
        }
        let asOf = asOfISO
        let columns = dataset.columns
        for i in columns.indices where columns[i].asOfChecked {
            guard let t = values[i].text else { continue }
            let col = columns[i]
            let first: String
            switch col.type {
            case .date: first = t
            case .month: first = t + "-01"
            case .dateOrMonth, .yearOrMonth:
                // Stored date texts are ASCII: their byte count is their length.
                let n = t.utf8.count
                first = n == 10 ? t : (n == 7 ? t + "-01" : t + "-01-01")
            case .yearOrHalf: first = YearOrHalf.firstDay(t)
            default: continue
            }
            if first > asOf {
                found.append(RowFailure(code: .C10, column: col.name, detail: "\(t) > \(asOf)"))
                if !all { return found }
            }
        }
        return found
    }

    struct Parsed { var value: SQLValue; var masked = false }

    /// Step 1 for one non-empty cell: type (C03–C07, C18) then range (C09, C19), with the column's
    /// PESEL rule (pseudonymise, mask, refuse) applied on the way.
    func parse(_ cell: Cell, _ col: ColumnSpec) -> Result<Parsed, ValueError> {
        if case .text(let s) = cell, UTF8Bytes.containsNUL(s) {
            // A NUL byte is never a value: a number column cannot read it, any other column names it.
            let numeric = col.type == .decimal || col.type == .integer
            return .failure(ValueError(numeric ? .C04 : .C05, "a NUL byte in the value"))
        }
        var parsed = parseType(cell, col)
        // A message names a date cell by the date it shows, not by its serial number.
        if case .failure(var e) = parsed, cell.shownText != cell.text, e.detail == cell.text {
            e.detail = cell.shownText
            parsed = .failure(e)
        }
        // Only a number can read a PESEL as a valid value (codes, dates, TERYT and provider ids fail
        // their own check), so only numbers are scanned.
        if col.pesel == .refuse, col.type == .integer || col.type == .decimal, case .success = parsed,
           PersonalData.containsPESEL(cell.text) {
            return .failure(ValueError(.C19, "a PESEL number is not a value of this column"))
        }
        return parsed
    }

    private func parseType(_ cell: Cell, _ col: ColumnSpec) -> Result<Parsed, ValueError> {
        switch col.type {
        case .id:
            switch PersonalData.identifier(cell.text, pseudonymiser: settings.pseudonymiser) {
            case .success(let r): return .success(Parsed(value: .text(r.value), masked: r.pseudonymised))
            case .failure(let e): return .failure(e)
            }
        case .freeText:
            let t = cell.text
            if let m = PESEL.masked(t) { return .success(Parsed(value: .text(m), masked: true)) }
            return .success(Parsed(value: .text(t)))
        case .teryt:
            let t = cell.text
            guard Teryt(t) != nil else { return .failure(ValueError(.C07, t)) }
            return .success(Parsed(value: .text(t)))
        case .providerID:
            let t = cell.text
            guard let p = ProviderID(t) else { return .failure(ValueError(.C06, t)) }
            return .success(Parsed(value: .text(p.canonical)))
        case .personID:
            // Without a key a file holding a PESEL is rejected whole (C15) before rows are looked at.
            let t = cell.text
            switch PersonalData.identifier(t, excelNumber: cell.isNumber, pseudonymiser: settings.pseudonymiser) {
            case .success(let r) where r.pseudonymised: return .success(Parsed(value: .text(r.value)))
            case .failure(let e): return .failure(e)
            case .success: break
            }
            guard PersonIDForm.of(t) == .pseudonym else { return .failure(ValueError(.C18, t)) }
            return .success(Parsed(value: .text(t)))
        case .date:
            // An ISO date is stored as written (its ISO form is the same text).
            if case .text(let s) = cell, Day(iso: s) != nil { return .success(Parsed(value: .text(s))) }
            guard let d = day(cell) else { return .failure(ValueError(.C03, cell.text)) }
            return .success(Parsed(value: .text(d.iso)))
        case .month:
            guard let m = month(cell) else { return .failure(ValueError(.C03, cell.text)) }
            return .success(Parsed(value: .text(m.text)))
        case .dateOrMonth:
            if case .text(let s) = cell, Day(iso: s) != nil { return .success(Parsed(value: .text(s))) }
            if let d = day(cell) { return .success(Parsed(value: .text(d.iso))) }
            if case .text(let s) = cell, let m = Month(input: s) { return .success(Parsed(value: .text(m.text))) }
            return .failure(ValueError(.C03, cell.text))
        case .yearOrMonth:
            switch cell {
            case .text(let s):
                if s.utf8.count == 4, let y = Int(s), y >= 1 { return .success(Parsed(value: .text(s))) }
                if let m = Month(input: s) { return .success(Parsed(value: .text(m.text))) }
            case .number(let v, let isDate):
                if isDate, let d = Day(excelSerial: v) { return .success(Parsed(value: .text(String(d.iso.prefix(7))))) }
                if v == v.rounded(), v >= 1000, v <= 9999 { return .success(Parsed(value: .text(String(Int(v))))) }
            case .bool: break
            }
            return .failure(ValueError(.C03, cell.text))
        case .decimal:
            let v: Double
            switch cell {
            case .number(let x, _):
                guard x.isFinite else { return .failure(ValueError(.C04, cell.text)) }
                v = x
            case .text(let s):
                guard let x = ValueParser.decimal(s, commaDecimal: commaDecimal) else { return .failure(ValueError(.C04, s)) }
                v = x
            case .bool: return .failure(ValueError(.C04, cell.text))
            }
            if col.nonNegative && v < 0 { return .failure(ValueError(.C09, cell.text)) }
            return .success(Parsed(value: .real(v)))
        case .integer:
            let v: Int
            switch cell {
            case .number(let x, _):
                guard x == x.rounded(), abs(x) < 1e15 else { return .failure(ValueError(.C04, cell.text)) }
                v = Int(x)
            case .text(let s):
                guard let x = ValueParser.integer(s) else { return .failure(ValueError(.C04, s)) }
                v = x
            case .bool: return .failure(ValueError(.C04, cell.text))
            }
            if col.nonNegative && v < 0 { return .failure(ValueError(.C09, cell.text)) }
            if let r = col.range {
                let hi = r.maxIsAsOfYear ? asOfYear : r.max
                if v < r.min || (hi.map { v > $0 } ?? false) { return .failure(ValueError(.C19, cell.text)) }
            }
            return .success(Parsed(value: .integer(Int64(v))))
        case .flag:
            switch cell {
            case .bool(let b): return .success(Parsed(value: .integer(b ? 1 : 0)))
            case .number(let x, _) where x == 0 || x == 1: return .success(Parsed(value: .integer(Int64(x))))
            default:
                guard let b = ValueParser.flag(cell.text) else { return .failure(ValueError(.C05, cell.text)) }
                return .success(Parsed(value: .integer(b ? 1 : 0)))
            }
        case .code(let list):
            let map = list.spellings
            let t = cell.text
            // Text without upper-case ASCII letters or non-ASCII bytes is its own lower case.
            let lower = UTF8Bytes.asciiLowercased(t) ?? t.lowercased()
            // A template's drop-down offers `name (code)`: what it offers is accepted as the code.
            guard let c = map[lower] ?? CodeLabels.code(ofEntry: t, map: map) else { return .failure(ValueError(.C05, t)) }
            return .success(Parsed(value: .text(c)))
        case .criterion:
            let t = cell.text
            guard let c = settings.standard.criterion(matching: t) else { return .failure(ValueError(.C05, t)) }
            return .success(Parsed(value: .text(c.code)))
        case .measure:
            let t = cell.text
            let upper = t.uppercased()
            guard settings.planMeasures.contains(upper) else { return .failure(ValueError(.C05, t)) }
            return .success(Parsed(value: .text(upper)))
        case .yearOrHalf:
            let text: String
            switch cell {
            case .number(let v, false) where v == v.rounded() && v >= 1000 && v <= 9999: text = String(Int(v))
            default: text = cell.text
            }
            guard let p = YearOrHalf.parse(text) else { return .failure(ValueError(.C03, cell.text)) }
            return .success(Parsed(value: .text(p)))
        }
    }

    private func day(_ cell: Cell) -> Day? {
        switch cell {
        case .text(let s): return Day(input: s)
        case .number(let v, _): return Day(excelSerial: v)
        case .bool: return nil
        }
    }

    private func month(_ cell: Cell) -> Month? {
        switch cell {
        case .text(let s): return Month(input: s)
        case .number(let v, _):
            guard let d = Day(excelSerial: v) else { return nil }
            let c = d.components
            return Month(year: c.year, month: c.month)
        case .bool: return nil
        }
    }
}
