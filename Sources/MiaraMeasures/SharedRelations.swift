import MiaraStore
import MiaraValues

/// Relations several measure files read, defined once and built by the engine on the connection
/// that runs the measures (TEMP tables: a read-only connection may create them).
///
/// Code lists (built once per connection, from the code lists of `Codes`):
/// - `temp.facility_levels(type, level)`: the levelled ("bed") facility types and their level;
/// - `temp.bed_types(type)`: the same types;
/// - `temp.housing_destinations(destination)`: the housing destinations of an exit.
///
/// From the store, whatever the period (dropped by `dropStoreRelations` when a computation
/// starts, built once per connection when a measure that reads it runs — a night that takes every
/// survey measure from the store does not read the answers — or at once by `installStoreRelations`):
/// - `temp.answered_items(survey_group, questionnaire, item, dimension)`: every item answered in a
///   stored survey response, once per group, questionnaire, item and dimension (the survey
///   measures' item counts and dimensions; reading all answers once, not once per measure and period).
///
/// Per period [s, e] (clipped), rebuilt when the period changes; every row keeps its provenance
/// (`file_id`, `line`, `record` = the stored row's key with `|` between key columns):
/// - `temp.period_contract_costs`: the cost rows whose month starts in [s, e] summed per contract
///   (`rows` = the cost
///   rows summed; `file_id`, `line`, `record` = the contract's row), with the contract's facility,
///   provider, teryt, dates, service and unit price. Measures sum contract
///   subtotals, the order of addition that keeps their totals identical to earlier releases;
/// - `temp.period_person_services(facility_id, person_id, service, quantity, rows, rid)`: the
///   services rows of `temp.period_services` summed per facility, person (NULL: the rows without
///   one) and service, in that order: `quantity` their quantities' exact sum (rounded once),
///   `rows` their number, `rid` the first one's `row_id` (`PersonServicesSums`). A national year
///   has over half a million services rows: they are summed once per month of the computation
///   (`ServiceMonthSums`), the months merged per period, and the measures and `period_served`
///   read the sums (a few ten thousand rows);
/// - `temp.period_served(person_id, facility_id, …)`: the records that make a person served — a
///   stay where admitted ≤ e and (discharged empty or ≥ s), or a services row with a person dated
///   in P (a month-dated row when its month starts in P); one per person, facility and dataset
///   (the first stored such record: persons are counted, not records, and a national year has
///   millions of service rows). Built from `period_person_services` (built with it when no
///   measure has asked for that yet);
/// - `temp.period_services(row_id, key, file_id, line, facility_id, date, service, person_id, day,
///   quantity)`: the services rows dated in P (a month-dated row when its month starts in P), with
///   the quantity they count in P: a month-dated row of the month in which e falls, when e is not
///   its last day (a period clipped inside a month), counts quantity × (days of the month up to
///   e) ÷ (days of the month) (SPEC 5); every other row its whole quantity. A view over
///   `temp.period_bounds(s, e, partial_month, upto, month_days)`, the period's one row: the
///   meals, units and `bed_night` services of every measure read it, so the proportion has one
///   definition;
/// - `temp.period_nights(facility_id, nights, …)`: the bed-nights of each stay overlapping P
///   (dates d with max(admitted, s) ≤ d ≤ min(discharged − 1, e)); for a facility with no such
///   stay, its `bed_night` services rows in P (`temp.period_services`: in proportion);
/// - `temp.period_response_scores(response_id, survey_group, dimension, total, answered)`: for every
///   survey response dated in P, per dimension of its answers and overall (dimension ''), the sum
///   of its scores (added in item order) and the number of items answered.
public enum SharedRelations {
    /// Creates the code-list tables (idempotent).
    public static func installCodeLists(into db: MeasureConnection) throws {
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS facility_levels (type TEXT PRIMARY KEY, level INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS housing_destinations (destination TEXT PRIMARY KEY);
            CREATE TEMP VIEW IF NOT EXISTS bed_types AS SELECT type FROM temp.facility_levels;
            DELETE FROM temp.facility_levels;
            DELETE FROM temp.housing_destinations;
            """)
        let l = try db.prepare("INSERT INTO temp.facility_levels (type, level) VALUES (?, ?)")
        for (type, level) in Codes.facilityLevels.sorted(by: { $0.key < $1.key }) {
            guard let level else { continue }
            try l.bind([.text(type), .integer(Int64(level))]); try l.run()
        }
        let h = try db.prepare("INSERT INTO temp.housing_destinations (destination) VALUES (?)")
        for d in Codes.housingDestinations.sorted() { try h.bind([.text(d)]); try h.run() }
    }

    /// Creates the period-independent relations read from the store (rebuilt on every call).
    public static func installStoreRelations(into db: MeasureConnection) throws {
        try dropStoreRelations(on: db)
        try buildAnsweredItems(on: db)
    }

    /// Drops the period-independent relations read from the store: the next measure that reads
    /// one builds it again from the store as it is now (`Relation.answeredItems`).
    static func dropStoreRelations(on db: MeasureConnection) throws {
        try db.execute("DROP TABLE IF EXISTS temp.answered_items")
    }

    /// `temp.answered_items`, unless the connection holds it already.
    private static func buildAnsweredItems(on db: MeasureConnection) throws {
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS answered_items AS
            SELECT DISTINCT r.survey_group, r.questionnaire, a.item, a.dimension
            FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id;
            """)
    }

    static let record = "replace(key, char(31), '|')"

    /// The month-dated services rows read whole or in proportion in [s, e] (SPEC 5): when e is
    /// not the last day of its month, that month's first day, the days of it up to e and its
    /// days; nil when e is a month's last day (every row counts whole).
    public static func partialMonth(endingOn e: Day) -> (firstDay: Day, upTo: Int, days: Int)? {
        let c = e.components
        let days = Day.daysIn(month: c.month, year: c.year)
        guard c.day < days else { return nil }
        return (Day(year: c.year, month: c.month, day: 1)!, c.day, days)
    }

    /// The per-period relations for the clipped period [s, e], every one of them.
    public static func build(_ p: ClippedPeriod, on db: MeasureConnection) throws {
        try begin(p, on: db)
        for r in Relation.allCases { try build(r, p, on: db) }
    }

    /// The shared relations a measure may need built before it runs, each a TEMP table of its
    /// own: the per-period ones, and `answered_items`, which is the store's whatever the period
    /// (built once per connection and computation: a new period keeps it).
    public enum Relation: String, CaseIterable, Sendable {
        case contractCosts = "period_contract_costs", personServices = "period_person_services", served = "period_served",
             nights = "period_nights", responseScores = "period_response_scores", answeredItems = "answered_items"

        /// Whether the relation is a period's (dropped when another period begins): all but
        /// `answered_items`.
        var isPerPeriod: Bool { self != .answeredItems }
    }

    /// The shared relations that SQL texts name (identifiers compared without case): the ones a
    /// measure needs built before it runs.
    public static func relations(readBy texts: [String]) -> Set<Relation> {
        let lowered = texts.map { $0.lowercased() }
        return Set(Relation.allCases.filter { r in lowered.contains { $0.contains(r.rawValue) } })
    }

    /// The per-period relations on one connection for the period it began last: `ensure` begins a
    /// period when it changes and builds each relation a measure needs once; a failure is kept and
    /// thrown to every measure that needs what failed.
    struct Built {
        /// The months' services sums shared by the computation's periods (nil: read per period).
        let serviceMonths: ServiceMonthSums?
        private var period: ClippedPeriod?
        private var begun: Result<Void, Error> = .success(())
        private var relations: [Relation: Result<Void, Error>] = [:]

        init(serviceMonths: ServiceMonthSums? = nil) { self.serviceMonths = serviceMonths }

        mutating func ensure(_ needs: Set<Relation>, for p: ClippedPeriod, on db: MeasureConnection) throws {
            if period != p { period = p; begun = Result { try SharedRelations.begin(p, on: db) }; relations = [:] }
            try begun.get()
            for r in Relation.allCases where needs.contains(r) {
                if relations[r] == nil { relations[r] = Result { try SharedRelations.build(r, p, on: db, serviceMonths: serviceMonths) } }
                try relations[r]!.get()
            }
        }
    }

    /// Starts the clipped period [s, e] on a connection: drops every per-period relation of the
    /// period before, writes `period_bounds` and the `period_services` view over it; the
    /// relations themselves are built by `build(_:_:on:)`, each when a measure needs it (a night
    /// that recomputes a few measures of a period builds what they read, not every relation).
    public static func begin(_ p: ClippedPeriod, on db: MeasureConnection) throws {
        try db.execute(Relation.allCases.filter(\.isPerPeriod).map { "DROP TABLE IF EXISTS temp.\($0.rawValue);" }.joined(separator: "\n"))
        try writeBounds("period_bounds", p.start, p.end, on: db)
        try db.execute(servicesView("period_services", bounds: "period_bounds"))
    }

    /// Makes a bounds table (`period_bounds` or `month_bounds`) hold its one row for [s, e].
    private static func writeBounds(_ table: String, _ s: Day, _ e: Day, on db: MeasureConnection) throws {
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS \(table) (s TEXT NOT NULL, e TEXT NOT NULL, partial_month TEXT,
                                                      upto REAL, month_days REAL);
            DELETE FROM temp.\(table);
            """)
        let partial = partialMonth(endingOn: e)
        let bounds = try db.prepare("INSERT INTO temp.\(table) VALUES (?, ?, ?, ?, ?)")
        try bounds.bind([.text(s.iso), .text(e.iso), partial.map { .text($0.firstDay.iso) } ?? .null,
                         partial.map { .real(Double($0.upTo)) } ?? .null, partial.map { .real(Double($0.days)) } ?? .null])
        try bounds.run()
    }

    /// The services rows a bounds table's [s, e] holds, each with the quantity it counts there
    /// (SPEC 5): one definition for the period's view and the months' (`beginMonth`).
    /// quantity × upto ÷ month_days: the product of two whole numbers is exact, then one
    /// rounding of the division. A row read whole keeps its integer quantity.
    static func servicesView(_ name: String, bounds: String) -> String {
        """
        CREATE TEMP VIEW IF NOT EXISTS \(name) AS
        SELECT row_id, key, file_id, line, facility_id, date, service, person_id, day,
               CASE WHEN length(date) = 7 AND day = (SELECT partial_month FROM temp.\(bounds))
                    THEN quantity * (SELECT upto FROM temp.\(bounds)) / (SELECT month_days FROM temp.\(bounds))
                    ELSE quantity END AS quantity
        FROM services
        WHERE day BETWEEN (SELECT s FROM temp.\(bounds)) AND (SELECT e FROM temp.\(bounds));
        """
    }

    /// Points `temp.month_services` at the days [s, e] of one month of a period, as the period
    /// counts them: the month in which the period ends inside counts its month-dated rows in
    /// proportion there too (`PersonServicesSums` reads a period month by month).
    static func beginMonth(_ s: Day, _ e: Day, on db: MeasureConnection) throws {
        try writeBounds("month_bounds", s, e, on: db)
        try db.execute(servicesView("month_services", bounds: "month_bounds"))
    }

    /// Builds relation `r` of the period begun with `begin` (the same `p`).
    public static func build(_ r: Relation, _ p: ClippedPeriod, on db: MeasureConnection) throws {
        try build(r, p, on: db, serviceMonths: nil)
    }

    /// Builds relation `r`, the services sums taken from `serviceMonths` when given.
    static func build(_ r: Relation, _ p: ClippedPeriod, on db: MeasureConnection, serviceMonths: ServiceMonthSums?) throws {
        let sql: String
        switch r {
        case .contractCosts:
            sql = """
            CREATE TEMP TABLE period_contract_costs AS
            SELECT c.contract_id, c.amount_pln, c.rows, k.file_id, k.line,
                   replace(k.key, char(31), '|') AS record,
                   k.facility_id, k.provider_id, k.teryt, k.start, k."end", k.service, k.unit_price_pln
            FROM (SELECT contract_id, sum(amount_pln) AS amount_pln, count(*) AS rows FROM costs
                  WHERE month || '-01' BETWEEN ?1 AND ?2 GROUP BY contract_id) c
            JOIN contracts k ON k.contract_id = c.contract_id
            """
        case .personServices:
            // Summed in Swift (`PersonServicesSums`); `served` builds it too, before a measure that reads it asks.
            try PersonServicesSums.build(p, on: db, months: serviceMonths)
            return
        case .answeredItems:
            try buildAnsweredItems(on: db)
            return
        case .served:
            try build(.personServices, p, on: db, serviceMonths: serviceMonths)
            sql = """
            CREATE TEMP TABLE period_served AS
            WITH pairs(person_id, facility_id, src, rid) AS (
              SELECT person_id, facility_id, 'stays', min(row_id) FROM stays
              WHERE admitted <= ?2 AND (discharged IS NULL OR discharged >= ?1)
              GROUP BY person_id, facility_id
              UNION ALL
              SELECT person_id, facility_id, 'services', min(rid) FROM temp.period_person_services
              WHERE person_id IS NOT NULL
              GROUP BY person_id, facility_id
            )
            SELECT p.person_id, p.facility_id, coalesce(st.file_id, sv.file_id) AS file_id, coalesce(st.line, sv.line) AS line,
                   replace(coalesce(st.key, sv.key), char(31), '|') AS record
            FROM pairs p
            LEFT JOIN stays st ON p.src = 'stays' AND st.row_id = p.rid
            LEFT JOIN services sv ON p.src = 'services' AND sv.row_id = p.rid
            """
        case .nights:
            sql = """
            CREATE TEMP TABLE period_nights AS
            WITH RECURSIVE st AS (
              SELECT facility_id,
                     max(0, julianday(min(coalesce(date(discharged, '-1 day'), ?2), ?2)) - julianday(max(admitted, ?1)) + 1) AS nights,
                     file_id, line, \(record) AS record
              FROM stays WHERE admitted <= ?2 AND (discharged IS NULL OR discharged >= ?1)
            ),
            -- The days of P, each looked up in `services_day` by (day, service): the index's
            -- order, without reading every services row of P for the few bed-nights among them.
            days(d) AS (SELECT ?1 UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < ?2)
            SELECT facility_id, nights, file_id, line, record FROM st
            UNION ALL
            SELECT v.facility_id, v.quantity, v.file_id, v.line, replace(v.key, char(31), '|')
            FROM days CROSS JOIN temp.period_services v ON v.day = days.d
            WHERE v.service = 'bed_night'
              AND v.facility_id NOT IN (SELECT facility_id FROM st)
            """
        case .responseScores:
            sql = """
            CREATE TEMP TABLE period_response_scores AS
            SELECT r.id AS response_id, r.survey_group, a.dimension, sum(a.score) AS total, count(*) AS answered
            FROM survey_responses r CROSS JOIN survey_answers a ON a.response_id = r.id
            WHERE r.date BETWEEN ?1 AND ?2
            GROUP BY r.id, a.dimension
            UNION ALL
            SELECT r.id, r.survey_group, '', sum(a.score), count(*)
            FROM survey_responses r CROSS JOIN survey_answers a ON a.response_id = r.id
            WHERE r.date BETWEEN ?1 AND ?2
            GROUP BY r.id
            """
        }
        let st = try db.prepare(sql)
        try st.bind([.text(p.start.iso), .text(p.end.iso)])
        try st.run()
        switch r {
        case .contractCosts: try db.execute("CREATE INDEX temp.period_contract_costs_contract ON period_contract_costs(contract_id)")
        case .nights: try db.execute("CREATE INDEX temp.period_nights_facility ON period_nights(facility_id)")
        case .personServices, .served, .responseScores, .answeredItems: break
        }
    }
}
