import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// One stored record behind a measure value: where it came from and what it adds.
public struct ExplainRecord: Equatable, Sendable {
    /// `numerator`, `denominator`, or `n` (S05: the exits whose median is the value).
    public var role: String
    public var dataset: String
    /// The file's path relative to the inbox.
    public var file: String
    public var line: Int
    /// The row's key columns, `|`-joined (survey responses: `questionnaire#response id`).
    public var key: String
    public var detail: String
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
    public var records: [ExplainRecord]
    /// Datasets the measure reads.
    public var datasets: [String]
    /// False when `explain` has no record query for the measure (only rows and datasets are shown).
    public var recordsSupported: Bool
    public var dimension: String
    public var facilityType: String

    /// The sum of the contributions of one role.
    public func total(_ role: String) -> Double { records.filter { $0.role == role }.reduce(0) { $0 + $1.contribution } }
}

/// `miara explain`: the numerator and denominator of a measure row and the records behind them,
/// each with its file and line (the drill-down a reviewer does before trusting a number).
///
/// The row is recomputed with the measure's own SQL for just that period; the records come from
/// one query per measure in `ExplainQueries` that mirrors the measure's SQL. Values are shown as
/// computed, before disclosure control: `explain` is for the analyst who holds the store.
public enum Explain {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    public static func explain(db: SQLiteDatabase, catalogue: MeasureCatalogue, standard: Standard, code: String,
                               unit: String, period: Period, asOf: Day, grain: Grain? = nil,
                               dimension: String = "", facilityType: String = "") throws -> Explanation {
        guard let def = catalogue.definition(MeasureCode(code.uppercased())) else {
            throw Failure("unknown measure \(code) (known: \(catalogue.definitions.map(\.code.raw).joined(separator: ", ")))")
        }
        guard let clipped = period.clipped(asOf: asOf) else {
            throw Failure("the period \(period.text) starts after the as-of date \(asOf.iso): it has no rows")
        }
        try QualityStandardTables.install(standard, into: db)
        let all = try MeasureEngine.compute(db: db, definition: def, periods: [clipped], asOf: asOf)
        try checkSplit(def, rows: all, dimension: dimension, facilityType: facilityType)
        var rows = all.filter { $0.unitID == unit && (grain == nil || $0.grain == grain) }
        let chosen = grain ?? Grain.allCases.first { g in rows.contains { $0.grain == g } }
        rows = rows.filter { $0.grain == chosen }
        rows.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        var records: [ExplainRecord] = []
        let sql = ExplainQueries.sql(def.code.raw)
        if let sql, let g = chosen {
            let args: [String: SQLValue] = [
                "s": .text(clipped.start.iso), "e": .text(clipped.end.iso), "grain": .text(g.rawValue), "unit": .text(unit),
                "dimension": .text(dimension), "ftype": .text(facilityType), "grp": .text(ExplainQueries.surveyGroup(def.code.raw)),
                "year": .integer(Int64(clipped.period.year)),
            ]
            records = try query(db, sql, args)
        }
        return Explanation(definition: def, period: clipped, grain: chosen, unitID: unit, rows: rows, records: records,
                           datasets: ExplainQueries.datasets[def.code.raw] ?? [], recordsSupported: sql != nil,
                           dimension: dimension, facilityType: facilityType)
    }

    /// An unknown `--dimension` or `--facility-type` is an error listing the valid values (it would
    /// otherwise match no row and explain nothing).
    static func checkSplit(_ def: MeasureDefinition, rows: [MeasureRow], dimension: String, facilityType: String) throws {
        if !dimension.isEmpty {
            let known = Set(rows.map(\.dimension)).subtracting([""]).sorted()
            guard known.contains(dimension) else {
                throw Failure(known.isEmpty ? "\(def.code.raw) is not split by dimension: leave out --dimension"
                              : "unknown dimension \(dimension) for \(def.code.raw) (known: \(known.joined(separator: ", ")); none = overall)")
            }
        }
        if !facilityType.isEmpty {
            let known = Codes.bedFacilityTypes.sorted()
            guard known.contains(facilityType) else {
                throw Failure("unknown facility type \(facilityType) (known: \(known.joined(separator: ", ")))")
            }
        }
    }

    /// Runs a record query (named parameters) joined to `files` for the path and dataset, sorted
    /// by role (numerator, denominator, n), file (bytewise), line, key.
    static func query(_ db: SQLiteDatabase, _ sql: String, _ args: [String: SQLValue]) throws -> [ExplainRecord] {
        let (numbered, names) = number(sql)
        var files: [Int: (path: String, dataset: String)] = [:]
        try db.forEach("SELECT id, path, dataset FROM files") { st in files[st.int(0)] = (st.string(1) ?? "", st.string(2) ?? "") }
        var out: [ExplainRecord] = []
        try db.forEach(numbered, names.map { args[$0] ?? .null }) { st in
            let f = files[st.int(1)]
            out.append(ExplainRecord(role: st.string(0) ?? "", dataset: f?.dataset ?? "", file: f?.path ?? "",
                                     line: st.int(2), key: st.string(3) ?? "", detail: st.string(4) ?? "",
                                     contribution: st.double(5) ?? 0))
        }
        let order = ["numerator": 0, "denominator": 1, "n": 2]
        return out.sorted { a, b in
            if a.role != b.role { return (order[a.role] ?? 9) < (order[b.role] ?? 9) }
            if a.file != b.file { return Array(a.file.utf8).lexicographicallyPrecedes(Array(b.file.utf8)) }
            if a.line != b.line { return a.line < b.line }
            return a.key < b.key
        }
    }

    /// Rewrites `:name` parameters as `?N` in order of first use; returns the names in that order.
    static func number(_ sql: String) -> (String, [String]) {
        var names: [String] = []
        var out = ""
        let chars = Array(sql)
        var i = 0
        var inString = false
        func isIdent(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c == "'" { inString.toggle(); out.append(c); i += 1; continue }
            if !inString, c == ":", i + 1 < chars.count, chars[i + 1].isLetter {
                var j = i + 1
                while j < chars.count && isIdent(chars[j]) { j += 1 }
                let name = String(chars[(i + 1)..<j])
                if ExplainQueries.parameterNames.contains(name) {
                    if !names.contains(name) { names.append(name) }
                    out += "?\(names.firstIndex(of: name)! + 1)"
                    i = j
                    continue
                }
            }
            out.append(c); i += 1
        }
        return (out, names)
    }

    // MARK: Output

    /// The text `miara explain` prints.
    public static func render(_ e: Explanation, language: Language = .pl) -> String {
        let d = e.definition
        var out = "\(d.code.raw) \(d.namePL) / \(d.nameEN) — \(e.period.period.text)"
        out += e.period.provisional ? " (clipped to \(e.period.end.iso), provisional)" : ""
        out += ", \(e.grain?.rawValue ?? "?") \(e.unitID)\n"
        if e.rows.isEmpty { out += "no row for unit \(e.unitID) in \(e.period.period.text)\n" }
        for r in e.rows {
            var split = ""
            if !r.facilityType.isEmpty { split += " facility_type=\(r.facilityType)" }
            if d.split == .dimension { split += " dimension=\(r.dimension.isEmpty ? "(overall)" : r.dimension)" }
            out += "  value \(num(r.value)) \(r.unit)   numerator \(num(r.numerator))   denominator \(num(r.denominator))"
            out += (r.n.map { "   n \($0)" } ?? "") + split
            out += r.flags.isEmpty ? "\n" : "   flags \(r.flags.sorted().map(\.rawValue).joined(separator: ";"))\n"
        }
        out += "datasets: \(e.datasets.joined(separator: ", "))\n"
        guard e.grain != nil else { return out }
        guard e.recordsSupported else {
            out += "(record listing is available for E01–E08, S01–S09, Q01–Q11)\n"
            return out
        }
        var scope = ""
        if d.split == .dimension { scope = " (dimension \(e.dimension.isEmpty ? "overall" : e.dimension))" }
        if d.code.raw == "S05" && !e.facilityType.isEmpty { scope = " (facility type \(e.facilityType))" }
        for role in ["numerator", "denominator", "n"] {
            let rs = e.records.filter { $0.role == role }
            if rs.isEmpty && role == "n" { continue }
            out += "\(role)\(scope): \(rs.count) records, total \(num(e.total(role)))\n"
            for r in rs {
                out += "  \(r.file):\(r.line)  \(r.dataset)  [\(r.key)]  \(r.detail)  → \(num(r.contribution))\n"
            }
        }
        return out
    }

    public static let csvHeader = ["measure", "period", "grain", "unit_id", "role", "dataset", "file", "line", "key",
                                   "detail", "contribution"]

    /// The records as CSV (input text formula-escaped as in SPEC 9.1).
    public static func csv(_ e: Explanation) -> String {
        var out = CSVText.line(csvHeader)
        for r in e.records {
            out += CSVText.line([e.definition.code.raw, e.period.period.text, e.grain?.rawValue ?? "", CSVText.escapeFormula(e.unitID),
                                 r.role, r.dataset, CSVText.escapeFormula(r.file), String(r.line),
                                 CSVText.escapeFormula(r.key), CSVText.escapeFormula(r.detail), CSVText.number(r.contribution)])
        }
        return out
    }

    static func num(_ v: Double?) -> String { v.map(CSVText.number) ?? "—" }
}
