/// The record queries of `miara explain`: for one measure, period and unit, the stored rows behind
/// the numerator and the denominator, mirroring `Pipelines/measures/<CODE>.sql` (SPEC 5, 6).
///
/// Every query returns, by position: `role` (`numerator`, `denominator`, or `n` for S05),
/// `file_id`, `line`, `key` (the row's key columns, `|`-joined), `detail` (the fields that
/// decide the contribution) and `contribution` (what the row adds: PLN, bed-nights, 1 for a
/// counted row, a response mean, a weight, days). The contributions of a role sum to the
/// measure's numerator / denominator (for distinct-person counts, the first record of each person
/// counts 1 and its further records 0).
///
/// Parameters: `:s`, `:e` the clipped period, `:grain`, `:unit` the row's grain and unit id,
/// `:dimension` (survey measures, '' = overall), `:ftype` (S05, '' = every type), `:grp` (the
/// survey group), `:year` (the period's year, integer, as the measure engine binds it).
enum ExplainQueries {
    static let parameterNames = ["s", "e", "grain", "unit", "dimension", "ftype", "grp", "year"]

    static let bedTypes = "('warming_centre', 'night_shelter', 'shelter', 'shelter_care', 'training_flat', 'supported_flat')"

    /// True when a row attributed to (facility, provider, teryt) belongs to the asked unit.
    static func unit(facility: String = "NULL", provider: String = "NULL", teryt: String) -> String {
        """
        (:grain = 'all' OR (:grain = 'facility' AND \(facility) = :unit) \
        OR (:grain = 'provider' AND \(provider) = :unit) OR (:grain = 'municipality' AND \(teryt) = :unit))
        """
    }

    static func key(_ t: String) -> String { "replace(\(t).key, char(31), '|')" }

    /// A `services` row's date as a day: a month-dated row counts from its first day (SPEC 5);
    /// the store's generated column `day` (schema v4), read through the `services_day` index.
    static func serviceDay(_ t: String) -> String { "\(t).day" }

    /// Bed-nights of a stay in [s, e] (SPEC 5).
    static func nights(_ t: String) -> String {
        "max(0, julianday(min(coalesce(date(\(t).discharged, '-1 day'), :e), :e)) - julianday(max(\(t).admitted, :s)) + 1)"
    }

    static func stayDetail(_ t: String) -> String {
        "'stay ' || \(t).stay_id || ', person ' || \(t).person_id || ', facility ' || \(t).facility_id || ', admitted ' || \(t).admitted || ', discharged ' || coalesce(\(t).discharged, '—') || coalesce(', ' || \(t).destination, '')"
    }

    /// The housing destinations of an exit (SPEC 5).
    static let housing = "('own_flat', 'social_flat', 'rented', 'supported_flat')"

    static func serviceDetail(_ t: String) -> String {
        "'service ' || \(t).service || coalesce(' of person ' || \(t).person_id, '') || ', facility ' || \(t).facility_id || ', ' || \(t).date || ', quantity ' || \(t).quantity"
    }

    static func costDetail(_ t: String) -> String {
        "'contract ' || \(t).contract_id || ', month ' || \(t).month || ', ' || \(t).category || ', ' || \(t).funding || ', ' || \(t).amount_pln || ' PLN'"
    }

    /// The query of a measure code, nil when `explain` only lists the datasets.
    static func sql(_ code: String) -> String? {
        switch code {
        case "E01": return e01
        case "E02": return e02
        case "E03": return e03
        case "E04": return e04
        case "E05": return e05
        case "E06": return e06
        case "E07": return e07
        case "E08": return e08
        case "S01": return s01
        case "S02": return s02
        case "S03", "S04": return programmes(kind: code == "S03" ? "ipwzb" : "kontrakt")
        case "S05": return s05
        case "S06": return s06
        case "S07": return s07
        case "S08": return s08
        case "S09": return s09
        case "Q01", "Q09", "Q10", "Q11": return survey(topBox: false)
        case "Q02": return survey(topBox: true)
        case "Q03": return q03
        case "Q04": return q04
        case "Q05": return q05
        case "Q06": return q06
        case "Q07": return q07
        case "Q08": return q08
        default: return nil
        }
    }

    /// The survey group of a survey measure (SPEC 3).
    static func surveyGroup(_ code: String) -> String {
        switch code {
        case "Q09": return "cooperation"
        case "Q10": return "professionals"
        case "Q11": return "residents"
        default: return "users"
        }
    }

    /// The datasets each measure reads (printed for every measure).
    static let datasets: [String: [String]] = [
        "E01": ["ngo/costs", "ngo/contracts", "ngo/facilities", "ngo/stays", "ngo/services"],
        "E02": ["ngo/costs", "ngo/contracts", "ngo/facilities", "ngo/stays", "ngo/services"],
        "E03": ["ngo/costs", "ngo/contracts", "ngo/facilities", "ngo/stays"],
        "E04": ["ngo/facilities", "ngo/stays", "ngo/services"],
        "E05": ["ngo/costs", "ngo/contracts", "ngo/facilities", "ngo/stays", "ngo/services"],
        "E06": ["ngo/costs", "ngo/contracts"],
        "E07": ["ngo/costs", "ngo/contracts", "ngo/facilities", "ngo/services"],
        "E08": ["mops/benefits"],
        "S01": ["ngo/stays", "ngo/facilities"],
        "S02": ["ngo/stays", "ngo/services", "ngo/facilities", "mops/programmes"],
        "S03": ["mops/programmes", "mops/persons"],
        "S04": ["mops/programmes", "mops/persons"],
        "S05": ["ngo/stays", "ngo/facilities"],
        "S06": ["ngo/stays", "ngo/facilities"],
        "S07": ["ngo/stays", "ngo/facilities"],
        "S08": ["mops/persons"],
        "S09": ["ngo/stays", "ngo/services", "ngo/facilities", "mops/municipalities"],
        "Q01": ["surveys (users)", "ngo/facilities"],
        "Q02": ["surveys (users)", "ngo/facilities"],
        "Q03": ["surveys (users)"],
        "Q04": ["ngo/audits", "ngo/facilities", "standard file"],
        "Q05": ["mops/staff", "mops/municipalities"],
        "Q06": ["mops/programmes", "mops/persons", "mops/staff"],
        "Q07": ["mops/staff", "mops/municipalities"],
        "Q08": ["ngo/facilities", "standard file"],
        "Q09": ["surveys (cooperation)"],
        "Q10": ["surveys (professionals)"],
        "Q11": ["surveys (residents)"],
    ]

    // E01: numerator = cost rows in P of contracts in force whose facility is a bed facility
    // (the contract's facility, provider, teryt); denominator = bed-nights in P of the facilities
    // those contracts name (the facility's own provider and teryt): stays, or `bed_night`
    // services rows for a facility with no stay overlapping P.
    static let e01 = """
        WITH bed_contracts AS (
          SELECT k.contract_id, k.facility_id, k.provider_id, k.teryt
          FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
          WHERE k.start <= :e AND k."end" >= :s AND f.type IN \(bedTypes)
        ),
        stay_facilities AS (
          SELECT DISTINCT facility_id FROM stays WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
        )
        SELECT 'numerator', c.file_id, c.line, \(key("c")), \(costDetail("c")), c.amount_pln
        FROM costs c JOIN bed_contracts b ON b.contract_id = c.contract_id
        WHERE c.month || '-01' BETWEEN :s AND :e
          AND \(unit(facility: "b.facility_id", provider: "b.provider_id", teryt: "b.teryt"))
        UNION ALL
        SELECT 'denominator', st.file_id, st.line, \(key("st")), \(stayDetail("st")), \(nights("st"))
        FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
        WHERE st.facility_id IN (SELECT facility_id FROM bed_contracts)
          AND st.admitted <= :e AND (st.discharged IS NULL OR st.discharged >= :s)
          AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        UNION ALL
        SELECT 'denominator', v.file_id, v.line, \(key("v")),
               'bed_night services of facility ' || v.facility_id || ' (no stay in the period), ' || v.date, v.quantity
        FROM services v JOIN facilities f ON f.facility_id = v.facility_id
        WHERE v.service = 'bed_night' AND \(serviceDay("v")) BETWEEN :s AND :e
          AND v.facility_id IN (SELECT facility_id FROM bed_contracts)
          AND v.facility_id NOT IN (SELECT facility_id FROM stay_facilities)
          AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        """

    // E02: numerator = every cost row in P (the contract's provider and teryt); denominator =
    // persons served: stays overlapping P and services rows with a person in P (the facility's
    // provider and teryt), each person counted once.
    static let e02 = """
        WITH served AS (
          SELECT st.file_id, st.line, \(key("st")) AS key, st.person_id, \(stayDetail("st")) AS detail
          FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
          WHERE st.admitted <= :e AND (st.discharged IS NULL OR st.discharged >= :s)
            AND \(unit(provider: "f.provider_id", teryt: "f.teryt"))
          UNION ALL
          SELECT v.file_id, v.line, \(key("v")), v.person_id,
                 'service ' || v.service || ' of person ' || v.person_id || ', facility ' || v.facility_id || ', ' || v.date
          FROM services v JOIN facilities f ON f.facility_id = v.facility_id
          WHERE v.person_id IS NOT NULL AND \(serviceDay("v")) BETWEEN :s AND :e
            AND \(unit(provider: "f.provider_id", teryt: "f.teryt"))
        )
        SELECT 'numerator', c.file_id, c.line, \(key("c")), \(costDetail("c")), c.amount_pln
        FROM costs c JOIN contracts k ON k.contract_id = c.contract_id
        WHERE c.month || '-01' BETWEEN :s AND :e AND \(unit(provider: "k.provider_id", teryt: "k.teryt"))
        UNION ALL
        SELECT 'denominator', file_id, line, key, detail,
               CASE WHEN row_number() OVER (PARTITION BY person_id ORDER BY file_id, line) = 1 THEN 1 ELSE 0 END
        FROM served
        """

    // E04: numerator = bed-nights in P of bed facilities (stays, or `bed_night` services rows
    // for a facility with no stay overlapping P); denominator = open place-days of the facility.
    static let e04 = """
        WITH stay_facilities AS (
          SELECT DISTINCT facility_id FROM stays WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
        )
        SELECT 'numerator', st.file_id, st.line, \(key("st")), \(stayDetail("st")), \(nights("st"))
        FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
        WHERE f.type IN \(bedTypes) AND st.admitted <= :e AND (st.discharged IS NULL OR st.discharged >= :s)
          AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        UNION ALL
        SELECT 'numerator', v.file_id, v.line, \(key("v")),
               'bed_night services of facility ' || v.facility_id || ' (no stay in the period), ' || v.date, v.quantity
        FROM services v JOIN facilities f ON f.facility_id = v.facility_id
        WHERE f.type IN \(bedTypes) AND v.service = 'bed_night' AND \(serviceDay("v")) BETWEEN :s AND :e
          AND v.facility_id NOT IN (SELECT facility_id FROM stay_facilities)
          AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        UNION ALL
        SELECT 'denominator', f.file_id, f.line, \(key("f")),
               'facility ' || f.facility_id || ' (' || f.type || '), ' || coalesce(f.places, 0) || ' places, open '
                 || f.opened || ' – ' || coalesce(f.closed, ''),
               coalesce(f.places, 0) * max(0, julianday(min(coalesce(date(f.closed, '-1 day'), :e), :e))
                                              - julianday(max(f.opened, :s)) + 1)
        FROM facilities f
        WHERE f.type IN \(bedTypes) AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        """

    // E06: numerator = cost rows in P with funding `municipal`; denominator = every cost row in P
    // (the contract's provider and teryt).
    static let e06 = """
        SELECT CASE WHEN r.role = 0 THEN 'numerator' ELSE 'denominator' END, c.file_id, c.line, \(key("c")),
               \(costDetail("c")), c.amount_pln
        FROM costs c JOIN contracts k ON k.contract_id = c.contract_id
        JOIN (SELECT 0 AS role UNION ALL SELECT 1) r ON r.role = 1 OR c.funding = 'municipal'
        WHERE c.month || '-01' BETWEEN :s AND :e AND \(unit(provider: "k.provider_id", teryt: "k.teryt"))
        """

    // E03: numerator = cost rows in P of contracts in force whose facility is a bed facility (as
    // E01; the contract's provider and teryt); denominator = housing exits in P from the
    // facilities those contracts name (the facility's provider and teryt), 1 each.
    static let e03 = """
        WITH bed_contracts AS (
          SELECT k.contract_id, k.facility_id, k.provider_id, k.teryt
          FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
          WHERE k.start <= :e AND k."end" >= :s AND f.type IN \(bedTypes)
        )
        SELECT 'numerator', c.file_id, c.line, \(key("c")), \(costDetail("c")), c.amount_pln
        FROM costs c JOIN bed_contracts b ON b.contract_id = c.contract_id
        WHERE c.month || '-01' BETWEEN :s AND :e
          AND \(unit(provider: "b.provider_id", teryt: "b.teryt"))
        UNION ALL
        SELECT 'denominator', st.file_id, st.line, \(key("st")), \(stayDetail("st")), 1
        FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
        WHERE st.discharged BETWEEN :s AND :e AND st.destination IN \(housing)
          AND st.facility_id IN (SELECT facility_id FROM bed_contracts)
          AND \(unit(provider: "f.provider_id", teryt: "f.teryt"))
        """

    // E07: numerator = cost rows in P of `soup_kitchen` contracts in force that name a facility
    // (the contract's facility, provider, teryt); denominator = quantity of `meal` services rows
    // in P of the facilities those contracts name (the facility's own provider and teryt).
    static let e07 = """
        WITH kitchen_contracts AS (
          SELECT k.contract_id, k.facility_id, k.provider_id, k.teryt
          FROM contracts k
          WHERE k.start <= :e AND k."end" >= :s AND k.service = 'soup_kitchen' AND k.facility_id IS NOT NULL
        )
        SELECT 'numerator', c.file_id, c.line, \(key("c")), \(costDetail("c")), c.amount_pln
        FROM costs c JOIN kitchen_contracts kc ON kc.contract_id = c.contract_id
        WHERE c.month || '-01' BETWEEN :s AND :e
          AND \(unit(facility: "kc.facility_id", provider: "kc.provider_id", teryt: "kc.teryt"))
        UNION ALL
        SELECT 'denominator', v.file_id, v.line, \(key("v")), \(serviceDetail("v")), v.quantity
        FROM services v JOIN facilities f ON f.facility_id = v.facility_id
        WHERE v.service = 'meal' AND \(serviceDay("v")) BETWEEN :s AND :e
          AND v.facility_id IN (SELECT facility_id FROM kitchen_contracts)
          AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        """

    // E05: over the contracts in force in P with a unit price and a facility (the contract's
    // facility and provider): numerator = their cost rows in P; denominator = units delivered in
    // P by each contract's facility × that contract's price — bed-nights of stays (or `bed_night`
    // services rows when no stay overlaps P) for a bed facility, `meal` rows for a soup kitchen,
    // every services row otherwise. A facility named by two priced contracts is listed for each.
    static let e05 = """
        WITH priced AS (
          SELECT k.contract_id, k.facility_id, k.provider_id, k.unit_price_pln AS price, f.type
          FROM contracts k LEFT JOIN facilities f ON f.facility_id = k.facility_id
          WHERE k.start <= :e AND k."end" >= :s AND k.unit_price_pln IS NOT NULL AND k.facility_id IS NOT NULL
            AND \(unit(facility: "k.facility_id", provider: "k.provider_id", teryt: "NULL"))
        ),
        stayed AS (
          SELECT DISTINCT facility_id FROM stays WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
        )
        SELECT 'numerator', c.file_id, c.line, \(key("c")), \(costDetail("c")), c.amount_pln
        FROM costs c JOIN priced p ON p.contract_id = c.contract_id
        WHERE c.month || '-01' BETWEEN :s AND :e
        UNION ALL
        SELECT 'denominator', st.file_id, st.line, \(key("st")),
               \(stayDetail("st")) || ' × ' || p.price || ' PLN (contract ' || p.contract_id || ')', \(nights("st")) * p.price
        FROM priced p JOIN stays st ON st.facility_id = p.facility_id
        WHERE p.type IN \(bedTypes) AND st.admitted <= :e AND (st.discharged IS NULL OR st.discharged >= :s)
        UNION ALL
        SELECT 'denominator', v.file_id, v.line, \(key("v")),
               \(serviceDetail("v")) || ' × ' || p.price || ' PLN (contract ' || p.contract_id || ')', v.quantity * p.price
        FROM priced p JOIN services v ON v.facility_id = p.facility_id
        WHERE \(serviceDay("v")) BETWEEN :s AND :e
          AND CASE WHEN p.type IN \(bedTypes) THEN v.service = 'bed_night' AND p.facility_id NOT IN (SELECT facility_id FROM stayed)
                   WHEN p.type = 'soup_kitchen' THEN v.service = 'meal'
                   ELSE p.type IS NOT NULL END
        """

    // E08: benefits rows with date_from in P (the row's teryt); numerator = amount_pln,
    // denominator = distinct persons.
    static let e08 = """
        WITH b AS (
          SELECT b.file_id, b.line, \(key("b")) AS key, b.amount_pln,
                 'benefit ' || b.benefit || ' of person ' || b.person_id || ', teryt ' || b.teryt || ', from ' || b.date_from
                   || coalesce(' to ' || b.date_to, '') || ', ' || b.amount_pln || ' PLN' AS detail,
                 row_number() OVER (PARTITION BY b.person_id ORDER BY b.file_id, b.line) AS rn
          FROM benefits b
          WHERE b.date_from BETWEEN :s AND :e AND \(unit(teryt: "b.teryt"))
        )
        SELECT 'numerator', file_id, line, key, detail, amount_pln FROM b
        UNION ALL
        SELECT 'denominator', file_id, line, key, detail, CASE WHEN rn = 1 THEN 1 ELSE 0 END FROM b
        """

    // S02: denominator = persons served in bed facilities (stays overlapping P, services rows
    // with a person in P; the facility's teryt); numerator = those with an `ipwzb` programme
    // active on some day of P. Each person counted once.
    static let s02 = """
        WITH served AS (
          SELECT st.file_id, st.line, \(key("st")) AS key, st.person_id, \(stayDetail("st")) AS detail
          FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
          WHERE st.admitted <= :e AND (st.discharged IS NULL OR st.discharged >= :s)
            AND f.type IN \(bedTypes) AND \(unit(teryt: "f.teryt"))
          UNION ALL
          SELECT v.file_id, v.line, \(key("v")), v.person_id, \(serviceDetail("v"))
          FROM services v JOIN facilities f ON f.facility_id = v.facility_id
          WHERE v.person_id IS NOT NULL AND \(serviceDay("v")) BETWEEN :s AND :e
            AND f.type IN \(bedTypes) AND \(unit(teryt: "f.teryt"))
        ),
        ranked AS (
          SELECT served.*, row_number() OVER (PARTITION BY person_id ORDER BY file_id, line) AS rn,
                 (SELECT min(p.programme_id) FROM programmes p
                  WHERE p.person_id = served.person_id AND p.kind = 'ipwzb'
                    AND p.start <= :e AND (p."end" IS NULL OR p."end" >= :s)) AS programme
          FROM served
        )
        SELECT 'numerator', file_id, line, key, detail || ', ipwzb programme ' || programme || ' active in the period',
               CASE WHEN rn = 1 THEN 1 ELSE 0 END
        FROM ranked WHERE programme IS NOT NULL
        UNION ALL
        SELECT 'denominator', file_id, line, key, detail, CASE WHEN rn = 1 THEN 1 ELSE 0 END
        FROM ranked
        """

    // S06: the cohort = persons whose first housing exit ever (by discharged, stay_id) was
    // discharged in (e − 730 d, e − 365 d] (the exit's facility's teryt), 1 each in the
    // denominator; numerator = those with another stay in a bed facility other than
    // `supported_flat` admitted 0–365 days after that exit.
    static let s06 = """
        WITH housing_exits AS (
          SELECT st.*, row_number() OVER (PARTITION BY st.person_id ORDER BY st.discharged, st.stay_id) AS rn
          FROM stays st
          WHERE st.discharged IS NOT NULL AND st.destination IN \(housing)
        ),
        cohort AS (
          SELECT h.*,
                 (SELECT 'stay ' || r.stay_id || ' at ' || r.facility_id || ' (' || rf.type || ') admitted ' || r.admitted
                  FROM stays r JOIN facilities rf ON rf.facility_id = r.facility_id
                  WHERE r.person_id = h.person_id AND r.stay_id <> h.stay_id
                    AND rf.type IN ('warming_centre', 'night_shelter', 'shelter', 'shelter_care', 'training_flat')
                    AND julianday(r.admitted) - julianday(h.discharged) BETWEEN 0 AND 365
                  ORDER BY r.admitted, r.stay_id LIMIT 1) AS return_stay
          FROM housing_exits h JOIN facilities f ON f.facility_id = h.facility_id
          WHERE h.rn = 1 AND h.discharged > date(:e, '-730 days') AND h.discharged <= date(:e, '-365 days')
            AND \(unit(teryt: "f.teryt"))
        )
        SELECT 'numerator', file_id, line, \(key("cohort")), \(stayDetail("cohort")) || '; returned: ' || return_stay, 1
        FROM cohort WHERE return_stay IS NOT NULL
        UNION ALL
        SELECT 'denominator', file_id, line, \(key("cohort")), \(stayDetail("cohort")) || coalesce('; returned: ' || return_stay, ''), 1
        FROM cohort
        """

    // S07: stays discharged in P (the facility's teryt) whose person's next stay (by admitted,
    // stay_id, among stays in levelled facilities) was admitted 0–7 days after the discharge,
    // 1 each in the denominator; numerator = those whose next facility has a higher level.
    static let s07 = """
        WITH levels(type, level) AS (VALUES ('warming_centre', 1), ('night_shelter', 2), ('shelter', 3),
                                            ('shelter_care', 3), ('training_flat', 4), ('supported_flat', 5)),
        seq AS (
          SELECT st.*, f.teryt, f.type, l.level,
                 lead(st.stay_id) OVER w AS next_stay, lead(st.facility_id) OVER w AS next_facility,
                 lead(f.type) OVER w AS next_type, lead(st.admitted) OVER w AS next_admitted,
                 lead(l.level) OVER w AS next_level
          FROM stays st
          JOIN facilities f ON f.facility_id = st.facility_id
          JOIN levels l ON l.type = f.type
          WINDOW w AS (PARTITION BY st.person_id ORDER BY st.admitted, st.stay_id)
        ),
        transitions AS (
          SELECT seq.*, \(stayDetail("seq")) || ' (' || type || ', level ' || level || ') → stay ' || next_stay || ' at '
                   || next_facility || ' (' || next_type || ', level ' || next_level || ') admitted ' || next_admitted AS detail
          FROM seq
          WHERE discharged BETWEEN :s AND :e AND next_admitted IS NOT NULL
            AND julianday(next_admitted) - julianday(discharged) BETWEEN 0 AND 7
            AND \(unit(teryt: "seq.teryt"))
        )
        SELECT 'numerator', file_id, line, \(key("transitions")), detail, 1 FROM transitions WHERE next_level > level
        UNION ALL
        SELECT 'denominator', file_id, line, \(key("transitions")), detail, 1 FROM transitions
        """

    // S09: numerator = persons served (stays overlapping P, services rows with a person in P;
    // the facility's teryt), each person counted once; denominator = the population row of P's
    // year, else the latest earlier year (`all`: every municipality that has one).
    static let s09 = """
        WITH served AS (
          SELECT st.file_id, st.line, \(key("st")) AS key, st.person_id, \(stayDetail("st")) AS detail
          FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
          WHERE st.admitted <= :e AND (st.discharged IS NULL OR st.discharged >= :s)
            AND \(unit(teryt: "f.teryt"))
          UNION ALL
          SELECT v.file_id, v.line, \(key("v")), v.person_id, \(serviceDetail("v"))
          FROM services v JOIN facilities f ON f.facility_id = v.facility_id
          WHERE v.person_id IS NOT NULL AND \(serviceDay("v")) BETWEEN :s AND :e
            AND \(unit(teryt: "f.teryt"))
        )
        SELECT 'numerator', file_id, line, key, detail,
               CASE WHEN row_number() OVER (PARTITION BY person_id ORDER BY file_id, line) = 1 THEN 1 ELSE 0 END
        FROM served
        UNION ALL
        \(population(role: "denominator"))
        """

    /// The population of a municipality for P (SPEC 5): its `municipalities` row of P's year, else
    /// of the latest earlier year; at `all`, every municipality's.
    static func population(role: String) -> String {
        """
        SELECT '\(role)', m.file_id, m.line, \(key("m")),
               'municipality ' || m.teryt || ' ' || m.name || ', year ' || m.year || ', population ' || m.population, m.population
        FROM municipalities m
        WHERE m.year = (SELECT max(m2.year) FROM municipalities m2 WHERE m2.teryt = m.teryt AND m2.year <= :year)
          AND \(unit(teryt: "m.teryt"))
        """
    }

    /// The FTE of a role for P (SPEC 5): the mean over the months of [s, e] that have a value, a
    /// month's value being its monthly `staff` row, else the yearly row of its year. Each staff
    /// row adds its FTE × the months it gives a value for ÷ the months with a value. Begins with
    /// `WITH RECURSIVE` (the CTEs `months`, `fte_used`, `fte_rows`) and ends with the SELECT.
    static func fteCTEs(role: String) -> String {
        """
        months(m) AS (
          SELECT substr(:s, 1, 7)
          UNION ALL
          SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months WHERE m < substr(:e, 1, 7)
        ),
        fte_used AS (
          SELECT t.teryt, months.m,
                 CASE WHEN mo.fte IS NOT NULL THEN mo.row_id WHEN yr.fte IS NOT NULL THEN yr.row_id END AS row_id
          FROM (SELECT DISTINCT teryt FROM municipalities) t CROSS JOIN months
          LEFT JOIN staff mo ON mo.teryt = t.teryt AND mo.role = '\(role)' AND mo.period = months.m
          LEFT JOIN staff yr ON yr.teryt = t.teryt AND yr.role = '\(role)' AND yr.period = substr(months.m, 1, 4)
          WHERE \(unit(teryt: "t.teryt"))
        ),
        fte_rows AS (
          SELECT u.teryt, u.row_id, count(*) AS used,
                 (SELECT count(u2.row_id) FROM fte_used u2 WHERE u2.teryt = u.teryt) AS valued,
                 (SELECT count(*) FROM fte_used u2 WHERE u2.teryt = u.teryt) AS all_months
          FROM fte_used u WHERE u.row_id IS NOT NULL
          GROUP BY u.teryt, u.row_id
        )
        """
    }

    static func fteSelect(role: String) -> String {
        """
        SELECT '\(role)', s.file_id, s.line, \(key("s")),
               'staff ' || s.role || ' ' || s.period || ' in ' || s.teryt || ': ' || s.fte || ' FTE, the value of '
                 || r.used || ' of the ' || r.valued || ' months with a value (of ' || r.all_months || ')',
               s.fte * r.used * 1.0 / r.valued
        FROM fte_rows r JOIN staff s ON s.row_id = r.row_id
        """
    }

    // Q05: numerator = streetworker FTE, denominator = population (municipality grain).
    static let q05 = """
        WITH RECURSIVE \(fteCTEs(role: "streetworker"))
        \(fteSelect(role: "numerator"))
        UNION ALL
        \(population(role: "denominator"))
        """

    // Q06: numerator = persons (the person's teryt) with an `ipwzb` programme active on the
    // clipped last day of P, each person counted once; denominator = assistant FTE.
    static let q06 = """
        WITH RECURSIVE \(fteCTEs(role: "assistant")),
        active AS (
          SELECT g.file_id, g.line, \(key("g")) AS key,
                 'programme ' || g.programme_id || ', person ' || g.person_id || ' (teryt ' || p.teryt || '), '
                   || g.start || ' – ' || coalesce(g."end", '') || ', ' || g.outcome AS detail,
                 row_number() OVER (PARTITION BY g.person_id ORDER BY g.file_id, g.line) AS rn
          FROM programmes g JOIN persons p ON p.person_id = g.person_id
          WHERE g.kind = 'ipwzb' AND g.start <= :e AND (g."end" IS NULL OR g."end" >= :e)
            AND \(unit(teryt: "p.teryt"))
        )
        SELECT 'numerator', file_id, line, key, detail, CASE WHEN rn = 1 THEN 1 ELSE 0 END FROM active
        UNION ALL
        \(fteSelect(role: "denominator"))
        """

    // Q07: numerator = population, denominator = social worker FTE (municipality grain).
    static let q07 = """
        WITH RECURSIVE \(fteCTEs(role: "social_worker"))
        \(population(role: "numerator"))
        UNION ALL
        \(fteSelect(role: "denominator"))
        """

    // Q08: bed facilities open on some day of P; numerator = floor_area_m2 (0 m² included),
    // denominator = places (the facility row itself).
    static let q08 = """
        WITH beds AS (
          SELECT f.*, 'facility ' || f.facility_id || ' (' || f.type || '), ' || coalesce(f.floor_area_m2, '—') || ' m², '
                   || coalesce(f.places, '—') || ' places, open ' || f.opened || ' – ' || coalesce(f.closed, '') AS detail
          FROM facilities f
          WHERE f.type IN \(bedTypes) AND f.opened <= :e AND (f.closed IS NULL OR f.closed > :s)
            AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        )
        SELECT 'numerator', file_id, line, \(key("beds")), detail, floor_area_m2 FROM beds WHERE floor_area_m2 IS NOT NULL
        UNION ALL
        SELECT 'denominator', file_id, line, \(key("beds")), detail, places FROM beds WHERE places IS NOT NULL
        """

    // S01: exits = stays discharged in P (the facility's attribution); numerator = housing
    // destinations; denominator = destinations other than other_facility and died.
    static let s01 = """
        WITH exits AS (
          SELECT st.*, f.provider_id, f.teryt
          FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
          WHERE st.discharged BETWEEN :s AND :e
            AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        )
        SELECT 'numerator', file_id, line, \(key("exits")), \(stayDetail("exits")), 1
        FROM exits WHERE destination IN ('own_flat', 'social_flat', 'rented', 'supported_flat')
        UNION ALL
        SELECT 'denominator', file_id, line, \(key("exits")), \(stayDetail("exits")), 1
        FROM exits WHERE coalesce(destination, '') NOT IN ('other_facility', 'died')
        """

    // S03 / S04: programmes of the kind ended in P (the person's teryt); numerator = `completed`;
    // denominator = `completed` or `broken`.
    static func programmes(kind: String) -> String {
        """
        WITH ended AS (
          SELECT g.*, p.teryt AS person_teryt
          FROM programmes g JOIN persons p ON p.person_id = g.person_id
          WHERE g.kind = '\(kind)' AND g."end" BETWEEN :s AND :e AND g.outcome IN ('completed', 'broken')
            AND \(unit(teryt: "p.teryt"))
        )
        SELECT 'numerator', file_id, line, \(key("ended")),
               'programme ' || programme_id || ', person ' || person_id || ', ended ' || "end" || ', ' || outcome, 1
        FROM ended WHERE outcome = 'completed'
        UNION ALL
        SELECT 'denominator', file_id, line, \(key("ended")),
               'programme ' || programme_id || ', person ' || person_id || ', ended ' || "end" || ', ' || outcome, 1
        FROM ended
        """
    }

    // Q03 (grain all, per dimension): the complete `users` responses dated in P — every pooled
    // item of the dimension answered; role `n`, one each (alpha itself is computed from them).
    static let q03 = """
        WITH items AS (
          SELECT item, dimension FROM survey_items WHERE survey_group = 'users'
          UNION
          SELECT a.item, a.dimension FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
          WHERE r.survey_group = 'users'
        ),
        dims(dimension, k) AS (
          SELECT dimension, count(DISTINCT item) FROM items GROUP BY dimension
        ),
        per AS (
          SELECT r.file_id, r.line, r.questionnaire, r.id, r.unit_kind, r.unit_id, r.date,
                 count(*) AS answered, sum(a.score) AS total
          FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
          WHERE r.survey_group = 'users' AND r.date BETWEEN :s AND :e AND a.dimension = :dimension
          GROUP BY r.id
        )
        SELECT 'n', p.file_id, p.line, p.questionnaire || '#' || p.id,
               p.unit_kind || ' ' || p.unit_id || ', ' || p.date || ', all ' || d.k || ' items answered, item sum ' || p.total, 1
        FROM per p JOIN dims d ON d.dimension = :dimension
        WHERE p.answered = d.k
        """

    // S05: exits in P from bed facilities (of the type asked, '' = every type); contribution =
    // length of stay in days; the value is the median of the contributions, n their count.
    static let s05 = """
        SELECT 'n', st.file_id, st.line, \(key("st")), \(stayDetail("st")) || ' (' || f.type || ')',
               julianday(st.discharged) - julianday(st.admitted)
        FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
        WHERE st.discharged BETWEEN :s AND :e AND f.type IN \(bedTypes) AND (:ftype = '' OR f.type = :ftype)
          AND \(unit(facility: "f.facility_id", teryt: "f.teryt"))
        """

    // S08: persons with first_seen in P (the person's teryt).
    static let s08 = """
        SELECT 'numerator', p.file_id, p.line, \(key("p")),
               'person ' || p.person_id || ', teryt ' || p.teryt || ', first seen ' || p.first_seen, 1
        FROM persons p
        WHERE p.first_seen BETWEEN :s AND :e AND \(unit(teryt: "p.teryt"))
        """

    // Q04: the latest audit in P of each facility × criterion, `n_a` left out; numerator =
    // weight × (1 met, 0.5 partial, 0 not_met), denominator = weight.
    static let q04 = """
        WITH ranked AS (
          SELECT a.*, row_number() OVER (PARTITION BY a.facility_id, upper(a.criterion) ORDER BY a.date DESC) AS rn
          FROM audits a WHERE a.date BETWEEN :s AND :e
        ),
        scored AS (
          SELECT r.file_id, r.line, \(key("r")) AS key,
                 'facility ' || r.facility_id || ', ' || r.date || ', criterion ' || r.criterion || ' ' || r.result
                   || ', weight ' || c.weight AS detail,
                 c.weight AS w, c.weight * CASE r.result WHEN 'met' THEN 1.0 WHEN 'partial' THEN 0.5 ELSE 0.0 END AS pts
          FROM ranked r
          JOIN temp.standard_criteria c ON upper(c.code) = upper(r.criterion)
          JOIN facilities f ON f.facility_id = r.facility_id
          WHERE r.rn = 1 AND r.result <> 'n_a'
            AND \(unit(facility: "f.facility_id", provider: "f.provider_id", teryt: "f.teryt"))
        )
        SELECT 'numerator', file_id, line, key, detail, pts FROM scored
        UNION ALL
        SELECT 'denominator', file_id, line, key, detail, w FROM scored
        """

    // Q01, Q02, Q09–Q11: responses of the group dated in P that count in the dimension (answered
    // × 2 ≥ items of the response's own questionnaire; '' = overall); Q01: numerator = the response's mean, denominator = 1 each;
    // Q02: numerator = 1 when the mean is ≥ 4. A facility response counts at its facility, the
    // facility's provider and municipality; a provider or municipality response at that unit.
    static func survey(topBox: Bool) -> String {
        """
        WITH items(questionnaire, item, dimension) AS (
          SELECT questionnaire, item, dimension FROM questionnaire_items WHERE survey_group = :grp
          UNION
          SELECT r.questionnaire, a.item, a.dimension FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
          WHERE r.survey_group = :grp
        ),
        dims(questionnaire, dimension, k) AS (
          SELECT questionnaire, dimension, count(DISTINCT item) FROM items GROUP BY questionnaire, dimension
          UNION ALL SELECT questionnaire, '', count(DISTINCT item) FROM items GROUP BY questionnaire
        ),
        resp AS (
          SELECT r.* FROM survey_responses r
          WHERE r.survey_group = :grp AND r.date BETWEEN :s AND :e
            AND CASE :grain
                  WHEN 'all' THEN 1
                  WHEN 'facility' THEN r.unit_kind = 'facility' AND r.unit_id = :unit
                  WHEN 'provider' THEN (r.unit_kind = 'provider' AND r.unit_id = :unit)
                    OR (r.unit_kind = 'facility' AND r.unit_id IN (SELECT facility_id FROM facilities WHERE provider_id = :unit))
                  WHEN 'municipality' THEN (r.unit_kind = 'municipality' AND r.unit_id = :unit)
                    OR (r.unit_kind = 'facility' AND r.unit_id IN (SELECT facility_id FROM facilities WHERE teryt = :unit))
                  ELSE 0 END
        ),
        per AS (
          SELECT a.response_id, sum(a.score) AS total, count(*) AS answered
          FROM survey_answers a JOIN resp ON resp.id = a.response_id
          WHERE :dimension = '' OR a.dimension = :dimension
          GROUP BY a.response_id
        ),
        counted AS (
          SELECT resp.file_id, resp.line, resp.questionnaire, resp.id, resp.unit_kind, resp.unit_id, resp.date,
                 per.total, per.answered, d.k
          FROM per JOIN resp ON resp.id = per.response_id
          JOIN dims d ON d.questionnaire = resp.questionnaire AND d.dimension = :dimension
          WHERE per.answered * 2 >= d.k
        )
        SELECT 'numerator', file_id, line, questionnaire || '#' || id,
               unit_kind || ' ' || unit_id || ', ' || date || ', ' || answered || ' of ' || k || ' items, mean '
                 || round(total / answered, 6),
               \(topBox ? "CASE WHEN total >= 4 * answered THEN 1 ELSE 0 END" : "total / answered")
        FROM counted
        UNION ALL
        SELECT 'denominator', file_id, line, questionnaire || '#' || id,
               unit_kind || ' ' || unit_id || ', ' || date || ', ' || answered || ' of ' || k || ' items', 1
        FROM counted
        """
    }
}
