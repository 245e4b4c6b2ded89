import MiaraStore
import MiaraValues

/// The check behind `miara verify --measures`: for every measure of the catalogue, period, grain,
/// unit, facility type and dimension, the contributions the measure file returns for that row,
/// aggregated again here (`RoleAggregate.evaluate`, a second implementation of the roll-up), give
/// the published numerator, denominator and n (and a value made by an aggregate, such as a median).
/// So what `explain` lists for a row is exactly what the row was computed from.
public enum MeasureConsistency {
    /// A published number that its contributions do not give.
    public struct Mismatch: Sendable, CustomStringConvertible {
        public var row: MeasureRow
        public var column: String
        public var published: Double?
        public var fromContributions: Double?
        public var description: String {
            let split = [row.facilityType, row.dimension].filter { !$0.isEmpty }.joined(separator: " ")
            return "\(row.measure.raw) \(row.period.text) \(row.grain.rawValue) \(row.unitID)\(split.isEmpty ? "" : " " + split): "
                + "\(column) published \(published.map { "\($0)" } ?? "empty"), contributions give \(fromContributions.map { "\($0)" } ?? "empty")"
        }
    }

    /// The outcome: rows checked and the mismatches found.
    public struct Report: Sendable {
        public var rowsChecked = 0
        public var contributions = 0
        public var mismatches: [Mismatch] = []
        /// The rows checked that had at least one contribution, per measure, grain and dimension
        /// ('' = none or overall): what shows the check reached every row kind of the catalogue.
        public var rowsWithRecords: [Coverage: Int] = [:]

        /// One kind of published row: a measure at a grain, in one dimension.
        public struct Coverage: Hashable, Sendable {
            public var measure: MeasureCode
            public var grain: Grain
            public var dimension: String
            public init(measure: MeasureCode, grain: Grain, dimension: String) {
                self.measure = measure; self.grain = grain; self.dimension = dimension
            }
        }
    }

    /// The key of a contribution's row at one grain (the roll-up's key: texts told apart by bytes).
    static func key(_ c: Contribution, _ g: Grain, _ d: MeasureDefinition) -> RollupAccumulator.Key? {
        guard let unit = c.unit(at: g) else { return nil }
        return RollupAccumulator.Key(grain: g, unit: unit, facilityType: d.split == .facilityType ? c.facilityType : "",
                                     dimension: d.split == .dimension ? c.dimension : "")
    }

    /// Checks every measure over `periods`, each clipped as compute clips it (at the as-of date, or
    /// at the settled date of `costLagDays` for `clip: settled`; a period that starts after that
    /// day has no rows).
    public static func check(db: MeasureConnection, catalogue: MeasureCatalogue, standard: Standard, periods: [Period],
                             asOf: Day, costLagDays: Int = 0) throws -> Report {
        try MeasureEngine.prepare(db, standard: standard)
        var report = Report()
        let dates = ClipDates(asOf: asOf, costLagDays: costLagDays)
        for period in periods {
            for clip in PeriodClip.allCases {
                guard let p = dates.clipped(period, clip) else { continue }
                let defs = catalogue.definitions.filter { $0.clip == clip }
                if defs.isEmpty { continue }
                try SharedRelations.build(p, on: db)
                try check(defs, period: p, asOf: asOf, db: db, into: &report)
            }
        }
        return report
    }

    /// Checks `defs` over one period whose shared relations are built.
    static func check(_ defs: [MeasureDefinition], period p: ClippedPeriod, asOf: Day, db: MeasureConnection,
                      into report: inout Report) throws {
        for d in defs {
            let rows = try MeasureEngine.rows(db: db, definition: d, period: p, asOf: asOf)
            let contributions = try MeasureEngine.contributions(db: db, definition: d, period: p, asOf: asOf)
            report.contributions += contributions.count
            var groups: [RollupAccumulator.Key: [Contribution]] = [:]
            for c in contributions {
                for g in d.grains { if let k = key(c, g, d) { groups[k, default: []].append(c) } }
            }
            for r in rows {
                report.rowsChecked += 1
                let mine = groups[RollupAccumulator.Key(grain: r.grain, unit: r.unitID, facilityType: r.facilityType, dimension: r.dimension)] ?? []
                if !mine.isEmpty {
                    report.rowsWithRecords[.init(measure: d.code, grain: r.grain, dimension: r.dimension), default: 0] += 1
                }
                report.mismatches += compare(r, mine, d)
            }
        }
    }

    /// The mismatches of one row against its contributions.
    public static func compare(_ r: MeasureRow, _ records: [Contribution], _ d: MeasureDefinition) -> [Mismatch] {
        var out: [Mismatch] = []
        var pairs: [(String, RoleAggregate?, Double?)] = [
            ("numerator", d.numerator, r.numerator), ("denominator", d.denominator, r.denominator),
            ("n", d.n, r.n.map(Double.init)),
        ]
        if case .aggregate(let a) = d.value { pairs.append(("value", a, r.value)) }
        for (column, aggregate, published) in pairs {
            guard let aggregate else { continue }
            let mine = aggregate.evaluate(records)
            if !same(published, mine) { out.append(Mismatch(row: r, column: column, published: published, fromContributions: mine)) }
        }
        return out
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        default: return false
        }
    }
}
