import MiaraStore
import MiaraValues

/// Data coverage: which facility-months of a run's periods lack costs or activity, and the
/// `incomplete` flag they put on the measures that depend on both.
///
/// Months examined: every month that meets a period of the run, each clipped at the as-of date
/// (a month that starts after it is not examined). Within a month, a facility is examined when a
/// contract naming it is in force on some day of the (clipped) month and the facility is open on
/// some day of it (`CoverageQuery`).
public enum Coverage {
    /// The months of `periods` (deduplicated, ascending), clipped at `asOf`.
    public static func months(of periods: [Period], asOf: Day) -> [CoverageMonth] {
        var seen = Set<String>()
        var out: [CoverageMonth] = []
        for p in periods {
            guard let c = p.clipped(asOf: asOf) else { continue }
            for m in monthPeriods(c) {
                guard let mc = m.clipped(asOf: asOf), seen.insert(m.text).inserted else { continue }
                out.append(CoverageMonth(month: m.text, first: mc.start.iso, last: mc.end.iso))
            }
        }
        return out.sorted { $0.month < $1.month }
    }

    /// The coverage rows of `periods`, sorted by month, teryt and facility_id (bytewise).
    public static func compute(db: SQLiteDatabase, periods: [Period], asOf: Day) throws -> [CoverageRow] {
        let rows = try CoverageQuery.rows(db: db, months: months(of: periods, asOf: asOf))
            .sorted { MeasuresCSV.bytewiseLess([$0.month, $0.teryt, $0.facilityID], [$1.month, $1.teryt, $1.facilityID]) }
        // The pages read are not needed by what follows (publication): their memory goes back.
        try db.execute("PRAGMA shrink_memory")
        return rows
    }

    /// Sets `incomplete` on every row of a measure whose catalogue entry says `coverage: true`, for
    /// a period P, whose unit (the facility, its provider, its municipality, `all`) holds a
    /// facility-month of P with a status other than complete. Values are not changed.
    public static func flagIncomplete(_ rows: inout [MeasureRow], coverage: [CoverageRow], catalogue: MeasureCatalogue,
                                      asOf: Day) {
        let flagged = Set(catalogue.definitions.filter(\.flagsIncomplete).map(\.code))
        guard !flagged.isEmpty else { return }
        let gaps = coverage.filter { $0.status != .complete }
        guard !gaps.isEmpty else { return }
        var units: [Period: Set<UnitKey>] = [:]
        func incompleteUnits(_ p: Period) -> Set<UnitKey> {
            if let u = units[p] { return u }
            var u = Set<UnitKey>()
            if let c = p.clipped(asOf: asOf) {
                let ms = Set(monthPeriods(c).map(\.text))
                for g in gaps where ms.contains(g.month) {
                    u.insert(UnitKey(grain: .facility, id: g.facilityID))
                    u.insert(UnitKey(grain: .provider, id: g.providerID))
                    u.insert(UnitKey(grain: .municipality, id: g.teryt))
                    u.insert(UnitKey(grain: .all, id: "all"))
                }
            }
            units[p] = u
            return u
        }
        for i in rows.indices where flagged.contains(rows[i].measure) {
            if incompleteUnits(rows[i].period).contains(UnitKey(grain: rows[i].grain, id: rows[i].unitID)) {
                rows[i].flags.insert(.incomplete)
            }
        }
    }

    /// The municipalities with gaps and their months, for the console: teryt → months (ascending),
    /// with the number of facility-months missing costs and missing activity.
    public static func gaps(_ coverage: [CoverageRow]) -> [(teryt: String, months: [String], noCosts: Int, noActivity: Int)] {
        var byTeryt: [String: (months: Set<String>, noCosts: Int, noActivity: Int)] = [:]
        for r in coverage where r.status != .complete {
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
