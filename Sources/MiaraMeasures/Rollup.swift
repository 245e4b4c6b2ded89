/// The statement the engine runs for one measure and period: the measure file's contributions,
/// attributed to every grain the catalogue names, aggregated as the catalogue says, and joined to
/// the units that get a row (so a unit without contributions still gets its row).
///
/// Result columns, by position: grain, unit_id, facility_type, dimension, numerator, denominator,
/// n, value, sd. A NULL value under `value: ratio` is numerator ÷ denominator, computed by the engine.
enum Rollup {
    static func unitColumn(_ g: Grain) -> String {
        switch g {
        case .facility: return "facility_id"
        case .provider: return "provider_id"
        case .municipality: return "teryt"
        case .all: return "'all'"
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

    static func sql(_ d: MeasureDefinition, contributions: String, custom: String?) -> String {
        let ft = d.split == .facilityType ? "facility_type" : "''"
        let dim = d.split == .dimension ? "dimension" : "''"
        var ctes = [contributionsCTE(contributions)]
        // Every contribution at every grain it is attributed to.
        let attributed = d.grains.map { g -> String in
            let u = unitColumn(g)
            let filter = g == .all ? "" : " WHERE \(u) IS NOT NULL"
            return "  SELECT '\(g.rawValue)', CAST(\(u) AS TEXT), \(ft), \(dim), role, value, person FROM contributions\(filter)"
        }.joined(separator: "\n  UNION ALL\n")
        ctes.append("attributed(grain, unit_id, facility_type, dimension, role, value, person) AS (\n\(attributed)\n)")
        // The plain aggregates.
        var terms: [String] = []
        var finished: [String: String] = [:]
        var plain: [(String, RoleAggregate)] = d.counts.compactMap { c in c.aggregate.map { (c.column, $0) } }
        if let sd = d.sd { plain.append(("sd", sd)) }
        if case .aggregate(let a) = d.value, a.isPlain { plain.append(("value", a)) }
        for (column, a) in plain where a.isPlain {
            let t = a.sqlTerms()
            let names = t.indices.map { "\(column)_\($0)" }
            terms += zip(t, names).map { "\($0) AS \($1)" }
            finished[column] = a.finish(names.map { "a." + $0 })
        }
        let keys = "grain, unit_id, facility_type, dimension"
        ctes.append("agg AS (\n  SELECT \(keys)\(terms.isEmpty ? "" : ", " + terms.joined(separator: ", "))\n  FROM attributed GROUP BY \(keys)\n)")
        var joins = "LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id AND a.facility_type = u.facility_type AND a.dimension = u.dimension"
        var valueTerm = "NULL"
        if case .aggregate(let a) = d.value {
            if a.isPlain {
                valueTerm = finished["value"] ?? "NULL"
            } else {
                let part = "PARTITION BY \(keys)"
                ctes.append("""
                    ranked AS (
                      SELECT \(keys), value, row_number() OVER (\(part) ORDER BY value) AS rn, count(*) OVER (\(part)) AS cnt
                      FROM attributed WHERE role = '\(a.role)' AND value IS NOT NULL
                    )
                    """)
                ctes.append("med AS (SELECT \(keys), avg(value) AS v FROM ranked WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY \(keys))")
                joins += "\nLEFT JOIN med m ON m.grain = u.grain AND m.unit_id = u.unit_id AND m.facility_type = u.facility_type AND m.dimension = u.dimension"
                valueTerm = "m.v"
            }
        }
        if case .custom = d.value, let custom {
            ctes.append("custom(grain, unit_id, facility_type, dimension, value) AS (\n\(body(custom)))")
            joins += "\nLEFT JOIN custom c ON c.grain = u.grain AND c.unit_id = u.unit_id AND c.facility_type = u.facility_type AND c.dimension = u.dimension"
            valueTerm = "c.value"
        }
        ctes += unitsCTEs(d)
        let inner = """
            SELECT u.grain, u.unit_id, u.facility_type, u.dimension,
                   \(finished["numerator"] ?? "NULL") AS numerator, \(finished["denominator"] ?? "NULL") AS denominator,
                   \(finished["n"] ?? "NULL") AS n, \(valueTerm) AS agg_value, \(finished["sd"] ?? "NULL") AS sd
            FROM units u
            \(joins)
            """
        var value = "agg_value"
        if case .expression(let e) = d.value { value = "(\(e))" }
        return "WITH\n" + ctes.joined(separator: ",\n") + "\n"
            + "SELECT grain, unit_id, facility_type, dimension, numerator, denominator, n, \(value) AS value, sd FROM (\n\(inner)\n)"
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
