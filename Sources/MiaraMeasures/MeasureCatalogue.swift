import Foundation
import MiaraCatalogue
import MiaraValues
import Yams

/// How a measure's rows are split besides the unit (SPEC 6).
public enum MeasureSplit: String, Sendable, CaseIterable {
    case none
    /// One row per levelled facility type (S05).
    case facilityType = "facility_type"
    /// One row per survey dimension plus the overall row (Q01–Q03, Q09–Q11).
    case dimension
}

/// A measure's norm (SPEC 6): a bound on the value, or a norm read from the standard file.
public struct MeasureNorm: Sendable, Equatable {
    /// The value should be at least this (a value below it is `below_norm`).
    public var min: Double?
    /// The value should be at most this (a value above it is `below_norm`).
    public var max: Double?
    /// The name of a norm in the standard file (`floor_area`: `floor_area_per_place_m2` by type).
    public var standard: String?
    public init(min: Double? = nil, max: Double? = nil, standard: String? = nil) {
        self.min = min; self.max = max; self.standard = standard
    }
}

/// A problem in the catalogue file is a configuration error (`MiaraError`, exit 2) naming the
/// file, line and key. Its words are English only: the catalogue is SQL and YAML written by the
/// people who maintain miara's measures, not a setting a user edits (decisions.md 137).
func catalogueError(file: String, line: Int, key: String, message: String) -> MiaraError {
    MiaraError.configuration(file: file, line: line, key: key, Phrase(verbatim: message))
}

/// The catalogue of measures as data: names, units, directions, grains, norms and SQL (SPEC 6).
public struct MeasureCatalogue: Sendable {
    public let definitions: [MeasureDefinition]

    public init(definitions: [MeasureDefinition]) { self.definitions = definitions }

    /// The unit texts of SPEC 9.1.
    public static let knownUnits: Set<String> = [
        "PLN", "share", "ratio", "days", "persons", "per 10k", "score 1–5", "alpha", "per 100k",
        "persons per FTE", "m²",
    ]

    static let keys: Set<String> = [
        "code", "family", "headline", "benchmarked", "name_pl", "name_en", "unit", "direction", "grains", "split",
        "overall", "norm", "person_count", "formula_pl", "formula_en", "datasets", "survey_group", "parameters",
        "facility_rows", "numerator", "denominator", "n", "sd", "value", "sql", "coverage",
        "clip", "months",
    ]

    public func definition(_ code: MeasureCode) -> MeasureDefinition? { definitions.first { $0.code == code } }

    /// The catalogue compiled into the binary.
    public static func builtIn() throws -> MeasureCatalogue {
        try load(from: URL(fileURLWithPath: CatalogueFiles.builtIn("measures.yaml")))
    }

    /// Loads and validates a catalogue file (on disk, or built-in: `CatalogueFiles`); SQL paths
    /// are resolved relative to it.
    public static func load(from url: URL) throws -> MeasureCatalogue {
        let file = CatalogueFiles.display(url.path)
        guard let text = CatalogueFiles.read(url.path) else {
            throw catalogueError(file: file, line: 0, key: "", message: "cannot read the catalogue (missing, unreadable or not UTF-8)")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw catalogueError(file: file, line: yamlLine(error), key: "", message: "not valid YAML: \(error)")
        }
        guard let root, let map = root.mapping else {
            throw catalogueError(file: file, line: root?.mark?.line ?? 1, key: "", message: "expected a mapping with the key `measures`")
        }
        for (k, v) in map where k.string != "measures" {
            throw catalogueError(file: file, line: k.mark?.line ?? v.mark?.line ?? 0, key: k.string ?? "?", message: "unknown key")
        }
        guard let list = root["measures"]?.sequence else {
            throw catalogueError(file: file, line: root.mark?.line ?? 1, key: "measures", message: "expected a list of measures")
        }
        let base = url.deletingLastPathComponent()
        var defs: [MeasureDefinition] = []
        var seen: [String: Int] = [:]
        for entry in list {
            let d = try parseEntry(entry, file: file, base: base)
            if let first = seen[d.code.raw] {
                throw catalogueError(file: file, line: d.line, key: "code",
                                            message: "measure \(d.code.raw) is already defined on line \(first)")
            }
            seen[d.code.raw] = d.line
            defs.append(d)
        }
        return MeasureCatalogue(definitions: defs)
    }

    static func yamlLine(_ error: Error) -> Int {
        if let e = error as? YamlError, case let .scanner(_, _, mark, _) = e { return mark.line }
        if let e = error as? YamlError, case let .parser(_, _, mark, _) = e { return mark.line }
        if let e = error as? YamlError, case let .composer(_, _, mark, _) = e { return mark.line }
        return 0
    }

    static func parseEntry(_ node: Node, file: String, base: URL) throws -> MeasureDefinition {
        let line = node.mark?.line ?? 0
        guard let map = node.mapping else {
            throw catalogueError(file: file, line: line, key: "measures", message: "each measure must be a mapping")
        }
        func fail(_ key: String, _ message: String) -> MiaraError {
            catalogueError(file: file, line: map[key]?.mark?.line ?? line, key: key, message: message)
        }
        for (k, _) in map {
            guard let name = k.string, keys.contains(name) else {
                throw catalogueError(file: file, line: k.mark?.line ?? line, key: k.string ?? "?", message: "unknown key")
            }
        }
        func text(_ key: String) throws -> String {
            guard let v = map[key] else { throw fail(key, "required key is missing") }
            guard v.scalar != nil, let s = v.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(key, "expected a non-empty text")
            }
            return s
        }
        let code = try text("code")
        let unit = try text("unit")
        guard knownUnits.contains(unit) else {
            throw fail("unit", "unknown unit `\(unit)` (expected one of: \(knownUnits.sorted().joined(separator: ", ")))")
        }
        let dirText = try text("direction")
        guard let direction = Direction(rawValue: dirText) else { throw fail("direction", "expected \"+\" or \"-\", got `\(dirText)`") }
        guard let grainNodes = map["grains"]?.sequence, !grainNodes.isEmpty else {
            throw fail("grains", "expected a non-empty list of grains")
        }
        var grains: [Grain] = []
        for g in grainNodes {
            guard let s = g.string, let grain = Grain(rawValue: s) else {
                throw catalogueError(file: file, line: g.mark?.line ?? line, key: "grains",
                                            message: "unknown grain `\(g.string ?? "?")` (facility, provider, municipality, all)")
            }
            guard !grains.contains(grain) else { throw fail("grains", "grain `\(s)` is listed twice") }
            grains.append(grain)
        }
        var split = MeasureSplit.none
        if map["split"] != nil {
            let s = try text("split")
            guard let v = MeasureSplit(rawValue: s) else { throw fail("split", "expected none, facility_type or dimension, got `\(s)`") }
            split = v
        }
        let norm = try parseNorm(map["norm"], fail: { fail("norm", $0) })
        let pcText = try text("person_count")
        guard let personCount = PersonCountSource(rawValue: pcText) else {
            throw fail("person_count", "expected denominator, n, numerator or none, got `\(pcText)`")
        }
        let sqlPath = try text("sql")
        func resolve(_ path: String) -> URL { path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path) }
        let sqlURL = resolve(sqlPath)
        var d = MeasureDefinition(
            code: MeasureCode(code), namePL: try text("name_pl"), nameEN: try text("name_en"), unit: unit,
            direction: direction, grains: grains, split: split, norm: norm, personCount: personCount,
            formulaPL: try text("formula_pl"), formulaEN: try text("formula_en"),
            sqlPath: sqlPath, sqlURL: sqlURL, sqlText: CatalogueFiles.read(sqlURL.path), line: line)
        let familyText = try text("family")
        guard let family = MeasureFamily(rawValue: familyText) else {
            throw fail("family", "expected economic, social or quality, got `\(familyText)`")
        }
        d.family = family
        func flag(_ key: String, _ defaultValue: Bool) throws -> Bool {
            guard let v = map[key] else { return defaultValue }
            guard let b = v.bool else { throw fail(key, "expected true or false") }
            return b
        }
        d.headline = try flag("headline", false)
        d.flagsIncomplete = try flag("coverage", false)
        if map["clip"] != nil {
            let c = try text("clip")
            guard let clip = PeriodClip(rawValue: c) else { throw fail("clip", "expected as_of or settled, got `\(c)`") }
            d.clip = clip
        }
        d.benchmarked = try flag("benchmarked", true)
        d.overall = try flag("overall", true)
        if let v = map["datasets"] {
            guard let list = v.sequence, list.allSatisfy({ $0.string != nil }) else { throw fail("datasets", "expected a list of dataset names") }
            d.datasets = list.compactMap(\.string)
        }
        if map["survey_group"] != nil { d.surveyGroup = try text("survey_group") }
        if let v = map["parameters"] {
            guard let pm = v.mapping else { throw fail("parameters", "expected a mapping of names to values") }
            for (k, pv) in pm {
                guard let name = k.string, let value = pv.string,
                      !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
                    throw fail("parameters", "expected `name: value` pairs")
                }
                guard !MeasureEngine.parameterNames.contains(name), name != "group" else {
                    throw fail("parameters", "`\(name)` is a parameter the engine binds itself")
                }
                d.parameters.append((name, value))
            }
        }
        if map["facility_rows"] != nil {
            if let list = map["facility_rows"]?.sequence {
                let types = list.compactMap(\.string)
                guard types.count == list.count, !types.isEmpty else { throw fail("facility_rows", "expected bed, every or a list of facility types") }
                d.facilityRows = .types(types)
            } else {
                switch try text("facility_rows") {
                case "bed": d.facilityRows = .bed
                case "every": d.facilityRows = .every
                case let s: throw fail("facility_rows", "expected bed, every or a list of facility types, got `\(s)`")
                }
            }
        }
        func aggregate(_ key: String) throws -> RoleAggregate? {
            guard map[key] != nil else { return nil }
            let s = try text(key)
            guard let a = RoleAggregate.parse(s, column: key) else {
                throw fail(key, "expected an aggregate (\(RoleAggregate.Function.allCases.map(\.rawValue).joined(separator: ", "))), optionally of a role: `count(denominator)`; got `\(s)`")
            }
            return a
        }
        d.numerator = try aggregate("numerator")
        d.denominator = try aggregate("denominator")
        d.n = try aggregate("n")
        d.sd = try aggregate("sd")
        if map["value"] != nil {
            let v = try text("value")
            if v == "ratio" {
                d.value = .ratio
            } else if v.hasPrefix("custom "), case let path = String(v.dropFirst(7)).trimmingCharacters(in: .whitespaces) {
                d.value = .custom(path: path, sql: CatalogueFiles.read(resolve(path).path))
            } else if let a = RoleAggregate.parse(v, column: "value") {
                d.value = .aggregate(a)
            } else {
                d.value = .expression(v)
            }
        }
        d.months = try flag("months", false)
        if d.months {
            if case .custom = d.value { throw fail("months", "a measure with a custom value reads the contributions of the whole period; it cannot be rolled up from months") }
            let named = MonthRollup.parameterNames(in: MeasureEngine.queryTexts(d).joined(separator: "\n"))
            for name in MonthRollup.periodParameters where named.contains(name) {
                throw fail("months", "the query names :\(name), a bound of the whole period; a measure rolled up from months may read only :s, :e (the month's)")
            }
        }
        guard d.numerator != nil || d.denominator != nil || d.n != nil else {
            throw fail("numerator", "a measure needs at least one of numerator, denominator, n (how its contributions aggregate)")
        }
        if d.split == .dimension && d.surveyGroup == nil { throw fail("split", "split by dimension needs `survey_group`") }
        return d
    }

    static func parseNorm(_ node: Node?, fail: (String) -> MiaraError) throws -> MeasureNorm? {
        guard let node else { return nil }
        if node.scalar != nil, node.null != nil { return nil }
        guard let map = node.mapping else { throw fail("expected {min: x}, {max: x} or {standard: floor_area}") }
        var norm = MeasureNorm()
        for (k, v) in map {
            switch k.string {
            case "min":
                guard let x = v.float else { throw fail("min must be a number") }
                norm.min = x
            case "max":
                guard let x = v.float else { throw fail("max must be a number") }
                norm.max = x
            case "standard":
                guard let s = v.string, s == "floor_area" else { throw fail("standard must be floor_area") }
                norm.standard = s
            default:
                throw fail("unknown norm key `\(k.string ?? "?")`")
            }
        }
        if let lo = norm.min, let hi = norm.max, lo > hi { throw fail("min is greater than max") }
        return norm
    }
}
