/// The SQL side of the roll-up (`RollupAccumulator` aggregates): the units that get a row, the
/// query of a custom value, and the statement that evaluates a value expression.
///
/// Every contribution is attributed to each grain the catalogue names (its facility, provider,
/// teryt, and `all`), aggregated per (grain, unit, facility type, dimension) and joined to the
/// units that get a row, so a unit without contributions still gets its row.
enum Rollup {
    /// The contribution column that names a row's unit at `g` (nil for `all`: every contribution).
    static func unitColumn(_ g: Grain) -> Int? {
        switch g {
        case .facility: return 1
        case .provider: return 2
        case .municipality: return 3
        case .all: return nil
        }
    }

    /// The facility types of `rows` as an SQL set (`IN …`), nil for every type.
    static func typeSet(_ rows: FacilityRows) -> String? {
        switch rows {
        case .bed: return "(SELECT type FROM temp.bed_types)"
        case .every: return nil
        case .types(let t): return "(" + t.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ") + ")"
        }
    }

    /// The facility types of `rows` as a subquery with the column `type`.
    static func typeRows(_ rows: FacilityRows) -> String {
        switch rows {
        case .bed: return "(SELECT type FROM temp.bed_types)"
        case .every: return "(SELECT DISTINCT type FROM facilities)"
        case .types(let t):
            return "(SELECT column1 AS type FROM (VALUES " + t.map { "('" + $0.replacingOccurrences(of: "'", with: "''") + "')" }.joined(separator: ", ") + "))"
        }
    }

    /// The measure file's query as a CTE body: trailing `;` removed, a newline before the `)` so a
    /// trailing comment cannot swallow it.
    static func body(_ sql: String) -> String {
        var t = Substring(sql)
        while let last = t.last, last == ";" || last.isWhitespace { t = t.dropLast() }
        return String(t) + "\n"
    }

    static func contributionsCTE(_ sql: String) -> String {
        "contributions(\(Contribution.columns.joined(separator: ", "))) AS (\n\(body(sql)))"
    }

    /// The units that get a row: grain, unit_id, facility_type, dimension.
    static func unitsSQL(_ d: MeasureDefinition) -> String {
        "WITH\n" + unitsCTEs(d).joined(separator: ",\n") + "\nSELECT grain, unit_id, facility_type, dimension FROM units"
    }

    /// A custom value's query (`value: custom FILE`) over the measure's contributions: grain,
    /// unit_id, facility_type, dimension, value.
    static func customSQL(contributions: String, custom: String) -> String {
        "WITH\n" + contributionsCTE(contributions) + ",\n"
            + "custom(grain, unit_id, facility_type, dimension, value) AS (\n\(body(custom)))\n"
            + "SELECT grain, unit_id, facility_type, dimension, value FROM custom"
    }

    /// The names of a row's columns that a value expression may read, bound as `?1`…`?9`.
    static let rowColumns = ["grain", "unit_id", "facility_type", "dimension", "numerator", "denominator", "n", "agg_value", "sd"]

    /// A value expression (`value: numerator * 10000.0 / denominator`) over one row whose columns
    /// are bound as `?1`…`?9` (in the order of `rowColumns`).
    static func expressionSQL(_ expression: String) -> String {
        "WITH r AS (SELECT " + rowColumns.enumerated().map { "?\($0.offset + 1) AS \($0.element)" }.joined(separator: ", ")
            + ")\nSELECT (\(expression)) FROM r"
    }

    /// `units(grain, unit_id, facility_type, dimension)`: the rows the measure publishes (and
    /// `dims` for a measure split by dimension).
    static func unitsCTEs(_ d: MeasureDefinition) -> [String] {
        var out: [String] = []
        let types = typeSet(d.facilityRows)
        var parts: [String] = []
        for g in d.grains {
            let ftOther = d.split == .facilityType ? "t.type FROM \(typeRows(d.facilityRows)) t" : nil
            switch g {
            case .facility:
                let typeFilter = types.map { " AND type IN \($0)" } ?? ""
                parts.append("SELECT 'facility', facility_id, \(d.split == .facilityType ? "type" : "''") FROM facilities WHERE opened <= :e AND (closed IS NULL OR closed > :s)\(typeFilter)")
            case .provider:
                parts.append(ftOther.map { "SELECT 'provider', p.provider_id, \($0) CROSS JOIN providers p" } ?? "SELECT 'provider', provider_id, '' FROM providers")
            case .municipality:
                parts.append(ftOther.map { "SELECT 'municipality', m.teryt, \($0) CROSS JOIN (SELECT DISTINCT teryt FROM municipalities) m" }
                             ?? "SELECT DISTINCT 'municipality', teryt, '' FROM municipalities")
            case .all:
                parts.append(ftOther.map { "SELECT 'all', 'all', \($0)" } ?? "SELECT 'all', 'all', ''")
            }
        }
        let base = "units0(grain, unit_id, facility_type) AS (\n  " + parts.joined(separator: "\n  UNION ALL\n  ") + "\n)"
        out.append(base)
        if d.split == .dimension {
            var dims: [String] = []
            if d.overall { dims.append("SELECT ''") }
            dims.append("SELECT dimension FROM questionnaire_items WHERE survey_group = :group")
            dims.append("SELECT dimension FROM temp.answered_items WHERE survey_group = :group")
            out.append("dims(dimension) AS (\n  " + dims.joined(separator: "\n  UNION\n  ") + "\n)")
            out.append("units(grain, unit_id, facility_type, dimension) AS (SELECT u.grain, u.unit_id, u.facility_type, d.dimension FROM units0 u CROSS JOIN dims d)")
        } else {
            out.append("units(grain, unit_id, facility_type, dimension) AS (SELECT grain, unit_id, facility_type, '' FROM units0)")
        }
        return out
    }
}
