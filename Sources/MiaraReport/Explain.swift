import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// One stored record behind a measure value: where it came from and what it adds.
public struct ExplainRecord: Equatable, Sendable {
    /// `numerator`, `denominator` or `n`.
    public var role: String
    public var dataset: String
    /// The file's path relative to the inbox.
    public var file: String
    public var line: Int
    /// The record's key (its key columns `|`-joined; a survey response: `questionnaire#id`).
    public var key: String
    /// The person it concerns, where persons are counted.
    public var person: String?
    public var contribution: Double
}

/// What `miara explain` shows for one measure, period and unit.
public struct Explanation: Sendable {
    public var definition: MeasureDefinition
    public var period: ClippedPeriod
    /// The grain whose records are listed (nil when no row matched).
    public var grain: Grain?
    public var unitID: String
    /// The measure's rows for the unit (every dimension / facility type; before disclosure control).
    public var rows: [MeasureRow]
    /// The contributions of the row, in role, file (bytewise), line, key order.
    public var records: [ExplainRecord]
    public var dimension: String
    public var facilityType: String

    /// The sum of the contributions of one role.
    public func total(_ role: String) -> Double { records.filter { $0.role == role }.reduce(0) { $0 + $1.contribution } }

    /// The records of one role grouped by dataset and file: (dataset, file, records, total), in
    /// dataset then file order.
    public func summary(_ role: String) -> [(dataset: String, file: String, records: Int, total: Double)] {
        var groups: [[String]: (Int, Double)] = [:]
        for r in records where r.role == role {
            let k = [r.dataset, r.file]
            let g = groups[k] ?? (0, 0)
            groups[k] = (g.0 + 1, g.1 + r.contribution)
        }
        return groups.keys.sorted { $0.bytewisePrecedes($1) }
            .map { (dataset: $0[0], file: $0[1], records: groups[$0]!.0, total: groups[$0]!.1) }
    }
}

/// `miara explain`: the numerator and denominator of a measure row and the records behind them,
/// each with its file and line (the drill-down a reviewer does before trusting a number).
///
/// The row is recomputed with the measure's own file for just that period, and the records are
/// the same file's contributions filtered to the row: the listing cannot drift from the formula.
/// Values are shown as computed, before disclosure control: `explain` is for the analyst who holds
/// the store.
public enum Explain {
    /// What `explain` cannot explain: a `MiaraError` with the code `.explain` (the CLI reports it as bad usage).
    static func failure(_ message: Phrase) -> MiaraError { MiaraError(.explain, message) }

    /// How many records of a role are printed unless every record is asked for.
    public static let firstRecords = 20

    public static func explain(_ measures: MeasureConnections, catalogue: MeasureCatalogue, standard: Standard, code: String,
                               unit: String, period: Period, asOf: Day, costLagDays: Int = 0, grain: Grain? = nil,
                               dimension: String = "", facilityType: String = "") throws -> Explanation {
        guard let def = catalogue.definition(MeasureCode(code.uppercased())) else {
            throw failure(ExplainText.unknownMeasure(code, catalogue.definitions.map(\.code.raw).joined(separator: ", ")))
        }
        // Clipped as compute clips it: a cost-based measure at the settled date (SPEC 5).
        let dates = ClipDates(asOf: asOf, costLagDays: costLagDays)
        guard let clipped = def.clipped(period, at: dates) else {
            if def.clip == .settled, period.start <= asOf {
                throw failure(ExplainText.afterSettled(period.text, dates.settled.iso, def.code.raw))
            }
            throw failure(ExplainText.afterAsOf(period.text, asOf.iso))
        }
        let db = measures.connections[0]
        try MeasureEngine.prepare(db, standard: standard)
        let all = try MeasureEngine.compute(db: db, definition: def, periods: [clipped], asOf: asOf)
        try checkSplit(def, rows: all, dimension: dimension, facilityType: facilityType)
        var rows = all.filter { $0.unitID == unit && (grain == nil || $0.grain == grain) }
        let chosen = grain ?? Grain.allCases.first { g in rows.contains { $0.grain == g } }
        rows = rows.filter { $0.grain == chosen }
        rows.sort(by: MeasureRow.precedes)
        var records: [ExplainRecord] = []
        if let g = chosen {
            let files = try StoreRecords.filePaths(measures.reader)
            for c in try MeasureEngine.contributions(db: db, definition: def, period: clipped, asOf: asOf) {
                guard c.unit(at: g) == unit else { continue }
                if def.split == .dimension && c.dimension != dimension { continue }
                if def.split == .facilityType && !facilityType.isEmpty && c.facilityType != facilityType { continue }
                let f = c.fileID.flatMap { files[$0] }
                records.append(ExplainRecord(role: c.role, dataset: f?.dataset ?? "", file: f?.path ?? "", line: c.line,
                                             key: c.record, person: c.person, contribution: c.value ?? 0))
            }
        }
        let order = ["numerator": 0, "denominator": 1, "n": 2]
        records.sort { a, b in
            if a.role != b.role { return (order[a.role] ?? 9) < (order[b.role] ?? 9) }
            let byFile = a.file.bytewiseCompare(b.file)
            if byFile != 0 { return byFile < 0 }
            if a.line != b.line { return a.line < b.line }
            return a.key.bytewisePrecedes(b.key)
        }
        return Explanation(definition: def, period: clipped, grain: chosen, unitID: unit, rows: rows, records: records,
                           dimension: dimension, facilityType: facilityType)
    }

    /// An unknown `--dimension` or `--facility-type` is an error listing the valid values (it would
    /// otherwise match no row and explain nothing).
    static func checkSplit(_ def: MeasureDefinition, rows: [MeasureRow], dimension: String, facilityType: String) throws {
        if !dimension.isEmpty {
            let known = Set(rows.map(\.dimension)).subtracting([""]).sorted()
            guard known.contains(dimension) else {
                throw failure(known.isEmpty ? ExplainText.notSplitByDimension(def.code.raw)
                              : ExplainText.unknownDimension(dimension, def.code.raw, known.joined(separator: ", ")))
            }
        }
        if !facilityType.isEmpty {
            let known = Set(rows.map(\.facilityType)).subtracting([""]).sorted()
            guard known.contains(facilityType) else {
                throw failure(known.isEmpty ? ExplainText.notSplitByType(def.code.raw)
                              : ExplainText.unknownFacilityType(facilityType, known.joined(separator: ", ")))
            }
        }
    }

    // MARK: Output

    /// The text `miara explain` prints: the row, for each role its aggregate and a summary of its
    /// records by dataset and file, then the first `firstRecords` records of each role (every
    /// record with `all`; none with `summaryOnly`).
    public static func render(_ e: Explanation, all: Bool = false, summaryOnly: Bool = false, language: Language = .en) -> String {
        func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }
        /// A role as the text names it: Polish with the column's code, English as the code.
        func roleName(_ role: String) -> String {
            guard language == .pl else { return role }
            switch role {
            case "numerator": return "licznik (numerator)"
            case "denominator": return "mianownik (denominator)"
            default: return role
            }
        }
        /// A code in Polish text: in backquotes, as the column codes are.
        func code(_ c: String) -> String { language == .pl ? "`\(c)`" : c }
        let d = e.definition
        var out = "\(d.code.raw) " + (language == .pl ? d.namePL : "\(d.namePL) / \(d.nameEN)") + " — \(e.period.period.text)"
        out += e.period.provisional ? t(" (przycięty do \(e.period.end.iso), wstępny)", " (clipped to \(e.period.end.iso), provisional)") : ""
        out += t(", poziom `\(e.grain?.rawValue ?? "?")`, jednostka `\(e.unitID)`\n", ", \(e.grain?.rawValue ?? "?") \(e.unitID)\n")
        if e.rows.isEmpty { out += t("brak wiersza dla jednostki \(e.unitID) w okresie \(e.period.period.text)\n", "no row for unit \(e.unitID) in \(e.period.period.text)\n") }
        for r in e.rows {
            var split = ""
            if !r.facilityType.isEmpty { split += " facility_type=\(r.facilityType)" }
            if d.split == .dimension { split += " dimension=\(r.dimension.isEmpty ? t("(ogółem)", "(overall)") : r.dimension)" }
            out += t("  wartość", "  value") + " \(num(r.value)) \(ReportCodeLabels.label(.unit, r.unit, language))   " + t("licznik", "numerator") + " \(num(r.numerator))   "
                + t("mianownik", "denominator") + " \(num(r.denominator))"
            out += (r.n.map { "   n \($0)" } ?? "") + split
            out += r.flags.isEmpty ? "\n" : t("   flagi ", "   flags ")
                + (language == .pl ? r.flags.sorted().map { "\(Labels(.pl).flag($0)) (\($0.rawValue))" }.joined(separator: "; ")
                                   : r.flags.sorted().map(\.rawValue).joined(separator: ";")) + "\n"
        }
        out += t("zbiory danych: ", "datasets: ") + "\(d.datasets.joined(separator: ", "))\n"
        guard e.grain != nil else { return out }
        var scope = ""
        if d.split == .dimension { scope = t(" (wymiar \(e.dimension.isEmpty ? "ogółem" : e.dimension))", " (dimension \(e.dimension.isEmpty ? "overall" : e.dimension))") }
        if d.split == .facilityType && !e.facilityType.isEmpty { scope = t(" (typ placówki \(e.facilityType))", " (facility type \(e.facilityType))") }
        let contributions = e.records.map {
            Contribution(role: $0.role, facilityID: nil, providerID: nil, teryt: nil, facilityType: "", dimension: "",
                         value: $0.contribution, person: $0.person, fileID: nil, line: $0.line, record: $0.key)
        }
        for role in RoleAggregate.roles {
            let rs = e.records.filter { $0.role == role }
            if rs.isEmpty && !d.counts.contains(where: { $0.aggregate?.role == role }) { continue }
            out += "\(roleName(role))\(scope): " + t("rekordy: \(rs.count), suma \(num(e.total(role)))", "\(rs.count) records, total \(num(e.total(role)))")
            for c in d.counts {
                guard let a = c.aggregate, a.role == role else { continue }
                out += "; " + (language == .pl ? "`\(c.column)`" : c.column) + " = \(code(a.function.rawValue)) → \(num(a.evaluate(contributions)))"
            }
            if case .aggregate(let a) = d.value, a.role == role {
                out += "; " + t("wartość (value)", "value") + " = \(code(a.function.rawValue)) → \(num(a.evaluate(contributions)))"
            }
            out += "\n"
            for s in e.summary(role) {
                out += "  \(s.dataset)  \(s.file): " + t("rekordy: \(s.records), suma \(num(s.total))", "\(s.records) records, total \(num(s.total))") + "\n"
            }
            guard !summaryOnly, !rs.isEmpty else { continue }
            let shown = all ? rs : Array(rs.prefix(firstRecords))
            out += all || rs.count <= firstRecords ? t("  rekordy:\n", "  records:\n")
                : t("  pierwsze \(shown.count) z \(rs.count) rekordów (--all: wszystkie):\n", "  first \(shown.count) of \(rs.count) records (--all for every record):\n")
            for r in shown {
                out += "    \(r.file):\(r.line)  \(r.dataset)  [\(r.key)]\(r.person.map { t("  osoba ", "  person ") + $0 } ?? "")  → \(num(r.contribution))\n"
            }
        }
        return out
    }

    public static let csvHeader = ["measure", "period", "grain", "unit_id", "role", "dataset", "file", "line", "key",
                                   "person", "contribution"]

    /// The records as CSV (input text formula-escaped as in measures.csv).
    public static func csv(_ e: Explanation) -> String {
        var out = CSVText.line(csvHeader)
        for r in e.records {
            out += CSVText.line([e.definition.code.raw, e.period.period.text, e.grain?.rawValue ?? "", CSVText.escapeFormula(e.unitID),
                                 r.role, r.dataset, CSVText.escapeFormula(r.file), String(r.line),
                                 CSVText.escapeFormula(r.key), CSVText.escapeFormula(r.person ?? ""), CSVText.number(r.contribution)])
        }
        return out
    }

    static func num(_ v: Double?) -> String { v.map(CSVText.number) ?? "—" }
}
