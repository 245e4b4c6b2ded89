import Foundation
import MiaraCatalogue
import MiaraValues

extension Standard {
    /// Reads a standard file (SPEC 2): codes unique, weights > 0; errors name the file, line and key.
    public static func load(path: String) throws -> Standard {
        let y = try YAMLFile(path: path)
        var s = Standard(criteria: [], floorAreaPerPlace: [:])
        var seen = Set<String>()
        for (key, keyNode, v) in try y.mapping(y.root, "standard") {
            switch key {
            case "name": s.name = try y.string(v, key)
            case "version": s.version = try y.string(v, key)
            case "criteria":
                for (i, item) in try y.sequence(v, key).enumerated() {
                    var code: String?, name = "", weight: Double?, area: String?
                    for (k, kn, iv) in try y.mapping(item, "criteria[\(i)]") {
                        switch k {
                        case "code": code = try y.string(iv, "criteria[\(i)].code")
                        case "name": name = try y.string(iv, "criteria[\(i)].name")
                        case "weight": weight = try y.double(iv, "criteria[\(i)].weight")
                        case "area": area = try y.string(iv, "criteria[\(i)].area")
                        default: throw y.error(kn, "criteria[\(i)].\(k)", pl: "nieznany klucz", en: "unknown key")
                        }
                    }
                    guard let c = code, !c.isEmpty else { throw y.error(item, "criteria[\(i)].code", ConfigText.missing) }
                    guard let w = weight, w > 0 else { throw y.error(item, "criteria[\(i)].weight", ConfigText.weightPositive) }
                    guard seen.insert(c.uppercased()).inserted else { throw y.error(item, "criteria[\(i)].code", ConfigText.codeRepeats(c)) }
                    s.criteria.append(Standard.Criterion(code: c, name: name, weight: w, area: area))
                }
            case "floor_area_per_place_m2":
                for (t, tn, tv) in try y.mapping(v, key) {
                    guard Codes.facilityTypes.contains(t) else {
                        throw y.error(tn, "\(key).\(t)", ConfigText.notFacilityType)
                    }
                    s.floorAreaPerPlace[t] = try y.double(tv, "\(key).\(t)")
                }
            default: throw y.error(keyNode, key, pl: "nieznany klucz", en: "unknown key")
            }
        }
        return s
    }
}

extension Questionnaire {
    /// Reads a questionnaire map (SPEC 3).
    public static func load(path: String) throws -> Questionnaire {
        let y = try YAMLFile(path: path)
        var name: String?, group: Group?, unitColumn: String?, unitKind: UnitKind?, dateColumn: String?
        var answers: [Answer] = []
        var items: [Item] = []
        for (key, keyNode, v) in try y.mapping(y.root, "questionnaire") {
            switch key {
            case "name": name = try y.string(v, key)
            case "group":
                guard let g = Group(rawValue: try y.string(v, key)) else { throw y.error(v, key, ConfigText.expectedGroup) }
                group = g
            case "unit":
                for (k, kn, uv) in try y.mapping(v, key) {
                    switch k {
                    case "column": unitColumn = try y.string(uv, "unit.column")
                    case "kind":
                        guard let u = UnitKind(rawValue: try y.string(uv, "unit.kind")) else { throw y.error(uv, "unit.kind", ConfigText.expectedUnitKind) }
                        unitKind = u
                    default: throw y.error(kn, "unit.\(k)", pl: "nieznany klucz", en: "unknown key")
                    }
                }
            case "answers":
                for (text, _, av) in try y.mapping(v, key) {
                    if y.isNull(av) { answers.append(Answer(text: text, score: nil)); continue }
                    let score = try y.double(av, "answers.\(text)")
                    guard (1...5).contains(score) else { throw y.error(av, "answers.\(text)", ConfigText.scoreRange) }
                    answers.append(Answer(text: text, score: score))
                }
            case "items":
                for (i, item) in try y.sequence(v, key).enumerated() {
                    var column: String?, code: String?, dimension: String?, reverse = false
                    for (k, kn, iv) in try y.mapping(item, "items[\(i)]") {
                        switch k {
                        case "column": column = try y.string(iv, "items[\(i)].column")
                        case "code": code = try y.string(iv, "items[\(i)].code")
                        case "dimension": dimension = try y.string(iv, "items[\(i)].dimension")
                        case "reverse": reverse = try y.bool(iv, "items[\(i)].reverse")
                        default: throw y.error(kn, "items[\(i)].\(k)", pl: "nieznany klucz", en: "unknown key")
                        }
                    }
                    guard let column, let code, let dimension else { throw y.error(item, "items[\(i)]", ConfigText.itemFields) }
                    items.append(Item(column: column, code: code, dimension: dimension, reverse: reverse))
                }
            case "date_column": dateColumn = try y.string(v, key)
            default: throw y.error(keyNode, key, pl: "nieznany klucz", en: "unknown key")
            }
        }
        guard let name else { throw y.error(y.root, "name", ConfigText.missing) }
        guard let group else { throw y.error(y.root, "group", ConfigText.missing) }
        guard let unitColumn, let unitKind else { throw y.error(y.root, "unit", ConfigText.unitFields) }
        guard let dateColumn else { throw y.error(y.root, "date_column", ConfigText.missing) }
        guard !items.isEmpty else { throw y.error(y.root, "items", ConfigText.atLeastOneItem) }
        return Questionnaire(name: name, group: group, unitColumn: unitColumn, unitKind: unitKind, answers: answers, items: items, dateColumn: dateColumn)
    }

    /// Every `*.yaml` map in a folder, keyed by the file's base name (= the inbox folder name).
    public static func loadAll(folder: String) throws -> [String: Questionnaire] {
        // No folder, no maps: the pipeline's `surveys:` is checked to exist when the pipeline file
        // is read (`ConfigText.noFolder`), so nil here is the built-in default without maps; a
        // survey folder of the inbox without its map is then C21, file by file.
        guard let names = CatalogueFiles.list(folder) else { return [:] }
        var out: [String: Questionnaire] = [:]
        for n in names.sorted() where n.hasSuffix(".yaml") || n.hasSuffix(".yml") {
            let q = try load(path: folder + "/" + n)
            let base = (n as NSString).deletingPathExtension
            out[base] = q
            if q.name != base { out[q.name] = q }
        }
        return out
    }
}
