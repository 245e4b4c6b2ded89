import MiaraValues

/// Whether a facility under contract reported both costs and activity in a month.
public enum CoverageStatus: String, Sendable, CaseIterable {
    /// Cost rows and activity rows are both present.
    case complete
    /// Activity but no cost rows.
    case no_costs
    /// Cost rows but no activity (stays, services).
    case no_activity
    /// Neither.
    case no_data
    /// A month after the settled date (SPEC 5) with activity and no cost rows: its costs are not
    /// expected yet. Not a gap: it makes no row `incomplete`.
    case costs_not_due

    /// A gap in the data (every status but `complete` and `costs_not_due`): what makes a measure
    /// row `incomplete` and what the console and the workbooks report as missing.
    public var isGap: Bool { self != .complete && self != .costs_not_due }

    /// The status in words, Polish and English (the console, the workbooks' coverage grid).
    public var names: (pl: String, en: String) {
        switch self {
        case .complete: return ("komplet", "complete")
        case .no_costs: return ("brak kosztów", "no costs")
        case .no_activity: return ("brak działalności", "no activity")
        case .no_data: return ("brak danych", "no data")
        case .costs_not_due: return ("przed terminem kosztów", "costs not due yet")
        }
    }
}

/// One facility-month of the data coverage (a row of coverage.csv): how many cost rows and activity
/// rows (stays, services) the store holds for a facility under contract in a month, and its status.
public struct CoverageRow: Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    public var teryt: String
    public var providerID: String
    public var facilityID: String
    public var facilityType: String
    public var costRows: Int
    public var activityRows: Int
    public var status: CoverageStatus

    /// - Parameter costsDue: false for a month after the settled date, whose missing costs are
    ///   `costs_not_due` rather than `no_costs`.
    public init(month: String, teryt: String, providerID: String, facilityID: String, facilityType: String,
                costRows: Int, activityRows: Int, costsDue: Bool = true) {
        self.month = month; self.teryt = teryt; self.providerID = providerID; self.facilityID = facilityID
        self.facilityType = facilityType; self.costRows = costRows; self.activityRows = activityRows
        switch (costRows > 0, activityRows > 0) {
        case (true, true): status = .complete
        case (false, true): status = costsDue ? .no_costs : .costs_not_due
        case (true, false): status = .no_activity
        case (false, false): status = .no_data
        }
    }
}

/// One month to examine: its text and its days, clipped at the as-of date.
public struct CoverageMonth: Sendable, Hashable {
    /// `YYYY-MM`.
    public var month: String
    /// First day (ISO).
    public var first: String
    /// Last day, clipped at the as-of date (ISO).
    public var last: String
    /// False when the month lies after the settled date (SPEC 5): its costs are not due yet.
    public var costsDue: Bool
    public init(month: String, first: String, last: String, costsDue: Bool = true) {
        self.month = month; self.first = first; self.last = last; self.costsDue = costsDue
    }
}

/// The coverage query over the accepted rows of the store.
///
/// A facility is examined in month m when a contract naming it is in force on some day of m
/// (start ≤ last day, end ≥ first day) and it is open on some day of m (opened ≤ last day, closed
/// empty or after the first day). Cost rows: rows of any of the facility's contracts with
/// `month` = m. Activity rows: for a bed facility its stays overlapping m (admitted ≤ last day,
/// discharged empty or ≥ first day) plus its `bed_night` services rows dated in m; for any other
/// facility its services rows dated in m (a row dated by month counts in that month).
///
/// The month's rows are found by range, not by scanning: services by `day` in the read index
/// `services_day` (a row dated by month has the month's first day as its `day`, so the days of m
/// are exactly the rows whose `date` falls in m), costs by (contract, month) in `costs_contract`
/// for each contract (`CROSS JOIN` keeps that order). National inbox: 0.65 s of processor time a
/// month against 0.08 s.
public enum CoverageQuery {
    static func sql(bedTypes: Set<String>) -> String {
        let bed = bedTypes.sorted().map { "'\($0)'" }.joined(separator: ", ")
        return """
            -- Data coverage of one month: ?1 (YYYY-MM), ?2 its first day, ?3 its last day (clipped).
            WITH
            examined AS (
              SELECT DISTINCT f.facility_id, f.teryt, f.provider_id, f.type
              FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
              WHERE k.start <= ?3 AND k."end" >= ?2
                AND f.opened <= ?3 AND (f.closed IS NULL OR f.closed > ?2)
            ),
            cost_counts AS (
              SELECT k.facility_id, count(*) AS n
              FROM contracts k CROSS JOIN costs c ON c.contract_id = k.contract_id AND c.month = ?1
              WHERE k.facility_id IN (SELECT facility_id FROM examined)
              GROUP BY k.facility_id
            ),
            stay_counts AS (
              SELECT facility_id, count(*) AS n FROM stays
              WHERE admitted <= ?3 AND (discharged IS NULL OR discharged >= ?2)
                AND facility_id IN (SELECT facility_id FROM examined WHERE type IN (\(bed)))
              GROUP BY facility_id
            ),
            service_counts AS (
              SELECT s.facility_id, count(*) AS n
              FROM services s JOIN examined x ON x.facility_id = s.facility_id
              WHERE s.day BETWEEN ?1 || '-01' AND ?1 || '-31'
                AND (x.type NOT IN (\(bed)) OR s.service = 'bed_night')
              GROUP BY s.facility_id
            )
            SELECT x.teryt, x.provider_id, x.facility_id, x.type,
                   coalesce(c.n, 0), coalesce(st.n, 0) + coalesce(sv.n, 0)
            FROM examined x
            LEFT JOIN cost_counts c ON c.facility_id = x.facility_id
            LEFT JOIN stay_counts st ON st.facility_id = x.facility_id
            LEFT JOIN service_counts sv ON sv.facility_id = x.facility_id
            """
    }

    /// The rows of `months` as `rows(db:months:)` gives them, in the same order, the months shared
    /// out in consecutive runs over the measures scope's connections (one thread each, one
    /// snapshot): a national month takes about a second, and after the measures the scope's
    /// connections are idle.
    public static func rows(on scope: MeasureConnections, months: [CoverageMonth]) throws -> [CoverageRow] {
        let width = min(scope.connections.count, months.count)
        guard width > 1 else { return try rows(db: scope.reader, months: months) }
        let runs = (0..<width).map { w in Array(months[(w * months.count / width)..<((w + 1) * months.count / width)]) }
        return try WorkPool.map(runs, workers: Array(scope.connections.prefix(width))) { c, run in
            try rows(db: StoreReader(c.db), months: run)
        }.flatMap { try $0.get() }
    }

    /// The facility-months of every examined facility in each of `months`, in the order of
    /// `months`, then unsorted within a month (the caller sorts).
    public static func rows(db: StoreReader, months: [CoverageMonth]) throws -> [CoverageRow] {
        let st = try db.prepare(sql(bedTypes: Codes.bedFacilityTypes))
        var out: [CoverageRow] = []
        for m in months {
            st.reset()
            try st.bind([.text(m.month), .text(m.first), .text(m.last)])
            while try st.step() {
                out.append(CoverageRow(month: m.month, teryt: st.string(0) ?? "", providerID: st.string(1) ?? "",
                                         facilityID: st.string(2) ?? "", facilityType: st.string(3) ?? "",
                                         costRows: st.int(4), activityRows: st.int(5), costsDue: m.costsDue))
            }
        }
        // The pages read are not needed by what follows (publication): their memory goes back.
        try db.execute("PRAGMA shrink_memory")
        return out
    }
}
