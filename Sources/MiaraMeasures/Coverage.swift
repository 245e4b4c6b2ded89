import MiaraStore
import MiaraValues

/// Data coverage: which facility-months of a run's periods lack costs or activity, and the
/// `incomplete` flag they put on the measures that depend on both.
///
/// Months examined: every month that meets a period of the run, each clipped at the as-of date
/// (a month that starts after it is not examined). Within a month, a facility is examined when a
/// contract naming it is in force on some day of the (clipped) month and the facility is open on
/// some day of it (`CoverageQuery`). A month after the settled date (`ClipDates`, SPEC 5) is one
/// whose costs are not due yet: activity without cost rows there is `costs_not_due`, not a gap.
public enum Coverage {
    /// The months of `periods` (deduplicated, ascending), clipped at `asOf`; a month after the
    /// settled date of `costLagDays` has `costsDue` false.
    public static func months(of periods: [Period], asOf: Day, costLagDays: Int = 0) -> [CoverageMonth] {
        let settled = ClipDates(asOf: asOf, costLagDays: costLagDays).settled
        var seen = Set<String>()
        var out: [CoverageMonth] = []
        for p in periods {
            guard let c = p.clipped(asOf: asOf) else { continue }
            for m in monthPeriods(c) {
                guard let mc = m.clipped(asOf: asOf), seen.insert(m.text).inserted else { continue }
                out.append(CoverageMonth(month: m.text, first: mc.start.iso, last: mc.end.iso, costsDue: m.start <= settled))
            }
        }
        return out.sorted { $0.month < $1.month }
    }

    /// The coverage rows of `periods`, sorted by month, teryt and facility_id (bytewise).
    public static func compute(db: StoreReader, periods: [Period], asOf: Day, costLagDays: Int = 0) throws -> [CoverageRow] {
        try compute(db: db, periodLists: [periods], asOf: asOf, costLagDays: costLagDays)[0]
    }

    /// The coverage rows of each list of periods, each as `compute(db:periods:…)` gives it; the
    /// months the lists share are queried once (a month's rows depend on the month alone).
    public static func compute(db: StoreReader, periodLists: [[Period]], asOf: Day, costLagDays: Int = 0) throws -> [[CoverageRow]] {
        try compute(periodLists: periodLists, asOf: asOf, costLagDays: costLagDays) { try CoverageQuery.rows(db: db, months: $0) }
    }

    /// As `compute(db:periodLists:…)`, the months shared out over the measures scope's connections
    /// (`CoverageQuery.rows(on:months:)`, one thread each): the same rows.
    public static func compute(on scope: MeasureConnections, periodLists: [[Period]], asOf: Day, costLagDays: Int = 0) throws -> [[CoverageRow]] {
        try compute(periodLists: periodLists, asOf: asOf, costLagDays: costLagDays) { try CoverageQuery.rows(on: scope, months: $0) }
    }

    /// As `compute(on:periodLists:…)`, taking from the store the rows of every month whose inputs
    /// did not change since they were stored (`CoverageMonths`, fingerprinted by `settings` and
    /// the store's input digests, read on the scope's reader) and querying the others: the same rows. Returns them with what the
    /// caller stores once the scope has ended (`Kept.save`).
    public static func compute(on scope: MeasureConnections, periodLists: [[Period]], asOf: Day, costLagDays: Int = 0,
                               settings: String, inputs: MeasureInputDigests) throws -> (rows: [[CoverageRow]], kept: Kept) {
        let all = months(of: periodLists.flatMap { $0 }, asOf: asOf, costLagDays: costLagDays)
        let cache = try CoverageMonths(db: scope.reader, months: all, bedTypes: Codes.bedFacilityTypes, settings: settings,
                                       inputs: inputs)
        let unchanged = Set(cache.unchanged(all).map(\.month))
        var kept = Kept(cache: cache, fresh: [], queried: [], keep: Set(all.map(\.month)))
        let rows = try compute(periodLists: periodLists, asOf: asOf, costLagDays: costLagDays) { months in
            let reuse = months.filter { unchanged.contains($0.month) }, query = months.filter { !unchanged.contains($0.month) }
            let fresh = try CoverageQuery.rows(on: scope, months: query)
            kept.fresh = fresh; kept.queried = query
            return try CoverageMonths.rows(db: scope.reader, months: reuse) + fresh
        }
        return (rows, kept)
    }

    /// The months a night queried and their rows, to be stored (`CoverageMonths.save`).
    public struct Kept {
        let cache: CoverageMonths
        var fresh: [CoverageRow]
        var queried: [CoverageMonth]
        let keep: Set<String>
        /// The months queried (the others were taken from the store).
        public var queriedMonths: [String] { queried.map(\.month) }
        public func save(_ writer: StoreWriter) throws {
            try cache.save(writer, fresh: fresh, months: queried, keep: keep)
        }
    }

    static func compute(periodLists: [[Period]], asOf: Day, costLagDays: Int,
                        query: ([CoverageMonth]) throws -> [CoverageRow]) throws -> [[CoverageRow]] {
        let all = try query(months(of: periodLists.flatMap { $0 }, asOf: asOf, costLagDays: costLagDays))
            .sorted { [$0.month, $0.teryt, $0.facilityID].bytewisePrecedes([$1.month, $1.teryt, $1.facilityID]) }
        if periodLists.count == 1 { return [all] }
        return periodLists.map { periods in
            let wanted = Set(months(of: periods, asOf: asOf, costLagDays: costLagDays).map(\.month))
            return all.filter { wanted.contains($0.month) }
        }
    }

    /// Sets `incomplete` on every row of a measure whose catalogue entry says `coverage: true`, for
    /// a period P, whose unit (the facility, its provider, its municipality, `all`) holds a
    /// facility-month of P with a gap (`CoverageStatus.isGap`: a status other than complete and
    /// costs_not_due). P is clipped as the measure computes it: a cost-based measure
    /// (`clip: settled`) looks only at the months up to the settled date. Values are not changed.
    public static func flagIncomplete(_ rows: inout [MeasureRow], coverage: [CoverageRow], catalogue: MeasureCatalogue,
                                      asOf: Day, costLagDays: Int = 0) {
        var flagged: [MeasureCode: MeasureDefinition] = [:]
        for d in catalogue.definitions where d.flagsIncomplete { flagged[d.code] = d }
        guard !flagged.isEmpty else { return }
        let gaps = coverage.filter { $0.status.isGap }
        guard !gaps.isEmpty else { return }
        let dates = ClipDates(asOf: asOf, costLagDays: costLagDays)
        var units: [PeriodClipKey: Set<UnitKey>] = [:]
        func incompleteUnits(_ p: Period, _ d: MeasureDefinition) -> Set<UnitKey> {
            let key = PeriodClipKey(period: p, clip: d.clip)
            if let u = units[key] { return u }
            var u = Set<UnitKey>()
            if let c = d.clipped(p, at: dates) {
                let ms = Set(monthPeriods(c).map(\.text))
                for g in gaps where ms.contains(g.month) {
                    u.insert(UnitKey(grain: .facility, id: g.facilityID))
                    u.insert(UnitKey(grain: .provider, id: g.providerID))
                    u.insert(UnitKey(grain: .municipality, id: g.teryt))
                    u.insert(UnitKey(grain: .all, id: "all"))
                }
            }
            units[key] = u
            return u
        }
        for i in rows.indices {
            guard let d = flagged[rows[i].measure] else { continue }
            if incompleteUnits(rows[i].period, d).contains(UnitKey(grain: rows[i].grain, id: rows[i].unitID)) {
                rows[i].flags.insert(.incomplete)
            }
        }
    }

    /// The municipalities with gaps and their months, for the console: teryt → months (ascending),
    /// with the number of facility-months missing costs and missing activity.
    public static func gaps(_ coverage: [CoverageRow]) -> [(teryt: String, months: [String], noCosts: Int, noActivity: Int)] {
        var byTeryt: [String: (months: Set<String>, noCosts: Int, noActivity: Int)] = [:]
        for r in coverage where r.status.isGap {
            var e = byTeryt[r.teryt] ?? ([], 0, 0)
            e.months.insert(r.month)
            if r.costRows == 0 { e.noCosts += 1 }
            if r.activityRows == 0 { e.noActivity += 1 }
            byTeryt[r.teryt] = e
        }
        return byTeryt.keys.sorted().map { t in
            let e = byTeryt[t]!
            return (t, e.months.sorted(), e.noCosts, e.noActivity)
        }
    }

    /// The calendar months of a clipped period (whole months; the caller clips each).
    static func monthPeriods(_ c: ClippedPeriod) -> [Period] {
        let s = c.start.components, e = c.end.components
        var out: [Period] = []
        var y = s.year, m = s.month
        while (y, m) <= (e.year, e.month) {
            out.append(Period(year: y, length: .month, index: m)!)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    struct PeriodClipKey: Hashable {
        let period: Period
        let clip: PeriodClip
    }

    struct UnitKey: Hashable {
        let grain: Grain
        let id: String
    }
}

/// coverage.csv: `month,teryt,provider_id,facility_id,facility_type,cost_rows,activity_rows,status`,
/// UTF-8, `,`, `\n`, sorted by month, teryt and facility_id.
public enum CoverageCSV {
    public static let header = ["month", "teryt", "provider_id", "facility_id", "facility_type",
                                "cost_rows", "activity_rows", "status"]

    public static func text(_ rows: [CoverageRow]) -> String {
        var out = CSVText.line(header)
        for r in rows {
            out += CSVText.line([r.month, CSVText.escapeFormula(r.teryt), CSVText.escapeFormula(r.providerID),
                                 CSVText.escapeFormula(r.facilityID), r.facilityType, String(r.costRows),
                                 String(r.activityRows), r.status.rawValue])
        }
        return out
    }
}
