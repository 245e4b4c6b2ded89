import MiaraValues

/// A pipeline's target for a measure (`targets:`): a value below `min` or above `max` misses it,
/// strictly, with the value and both bounds rounded to 9 decimals (so a mean of 21/6 summed as
/// 3.4999999999999996 meets a minimum of 3.5).
public struct Target: Sendable, Equatable {
    public var min: Double?
    public var max: Double?
    public init(min: Double? = nil, max: Double? = nil) { self.min = min; self.max = max }

    public func isMissed(by value: Double) -> Bool {
        let v = BenchmarkStatistics.round9(value)
        if let min, v < BenchmarkStatistics.round9(min) { return true }
        if let max, v > BenchmarkStatistics.round9(max) { return true }
        return false
    }
}

/// What Publication needs to know about a measure, all from its catalogue entry: direction,
/// person count, norm and whether it is benchmarked.
public struct PublicationRule: Sendable, Equatable {
    public var direction: Direction
    public var personCount: PersonCountSource
    public var norm: MeasureNorm?
    public var benchmarked: Bool
    public init(direction: Direction, personCount: PersonCountSource, norm: MeasureNorm? = nil, benchmarked: Bool = true) {
        self.direction = direction; self.personCount = personCount; self.norm = norm; self.benchmarked = benchmarked
    }

    public init(_ d: MeasureDefinition) {
        self.init(direction: d.direction, personCount: d.personCount, norm: d.norm, benchmarked: d.benchmarked)
    }
}

/// Turns computed measure rows into what is published (SPEC 6 norms and targets, SPEC 7
/// benchmarking, SPEC 8 disclosure control). Pure: no database, no files.
public enum Publication {
    /// Publishes with the catalogue's directions, person counts and norms (see the overload
    /// below for the parameters).
    public static func publish(rows: consuming [MeasureRow], catalogue: MeasureCatalogue, standard: Standard,
                               targets: [MeasureCode: Target], minCell: Int, requestedPeriods: [Period],
                               facilityTypes: [String: String] = [:])
        -> (measures: [MeasureRow], benchmark: [BenchmarkRow], ownView: [MeasureRow]) {
        var rules: [MeasureCode: PublicationRule] = [:]
        for d in catalogue.definitions { rules[d.code] = PublicationRule(d) }
        return publish(rows: consume rows, rules: rules, standard: standard, targets: targets, minCell: minCell,
                       requestedPeriods: requestedPeriods, facilityTypes: facilityTypes)
    }

    /// - Parameters:
    ///   - rows: computed rows of the requested periods *and* of the periods just before them
    ///     (`Period.previous`), which are used for `delta_prev` only. Flags other than
    ///     `provisional` and `incomplete` (set by `Coverage.flagIncomplete`) are recomputed;
    ///     `no_denominator` is set on every row without a value.
    ///   - rules: direction, person count, norm and benchmarking per measure (from the catalogue); a
    ///     code missing here is neither suppressed nor benchmarked.
    ///   - facilityTypes: facility_id → type, for Q08's norm (its rows have an empty facility_type;
    ///     `QualityStandardTables.facilityTypes` reads it from the store).
    /// - Returns: `measures` (for others: suppressed values emptied), `benchmark` (one row per
    ///   benchmarked measure × requested period × municipality), `ownView` (values kept, with the
    ///   `suppressed` mark, for the municipality's own workbook); all of requested periods only,
    ///   sorted by the SPEC 9.1 keys.
    public static func publish(rows: consuming [MeasureRow], rules: [MeasureCode: PublicationRule], standard: Standard,
                               targets: [MeasureCode: Target], minCell: Int, requestedPeriods: [Period],
                               facilityTypes: [String: String] = [:])
        -> (measures: [MeasureRow], benchmark: [BenchmarkRow], ownView: [MeasureRow]) {
        func rule(_ c: MeasureCode) -> PublicationRule? { rules[c] }

        // 1. Norms, targets and disclosure per row (every period, previous ones included), in place:
        // `own` is the municipality's view (a suppressed row keeps its values and is marked
        // `suppressed`); the row published for others is derived from it (`published(_:)`), so
        // at national scale the rows are held once, not three times.
        var own = consume rows
        // Rows of the periods before the requested ones serve benchmarking only (their unsplit
        // municipality rows give `delta_prev`): the others are dropped first.
        let requested = Set(requestedPeriods)
        // Rows come in runs of one measure and period: whether a period is requested, and a
        // measure's rule and target, are looked up once per run.
        var lastPeriod: Period?, lastRequested = false
        func isRequested(_ p: Period) -> Bool {
            if p != lastPeriod { lastPeriod = p; lastRequested = requested.contains(p) }
            return lastRequested
        }
        own.removeAll { !isRequested($0.period) && $0.grain != .municipality }
        var lastCode: MeasureCode?, lastRule: PublicationRule?, lastTarget: Target?
        let kept = MeasureFlags.mask([.provisional, .incomplete])
        for i in own.indices {
            let r = own[i]
            if r.measure != lastCode { lastCode = r.measure; lastRule = rule(r.measure); lastTarget = targets[r.measure] }
            // The flags as a mask, interned once: no set is built per row.
            var flags = MeasureFlags.mask(r.flags) & kept
            if let v = r.value {
                if let norm = lastRule?.norm,
                   missesNorm(norm, row: r, value: v, standard: standard, facilityTypes: facilityTypes) {
                    flags |= MeasureFlags.bit(.below_norm)
                }
                if let t = lastTarget, t.isMissed(by: v) { flags |= MeasureFlags.bit(.below_target) }
            } else {
                flags |= MeasureFlags.bit(.no_denominator)
            }
            if Disclosure.isSuppressed(r, personCount: lastRule?.personCount ?? .none, minCell: minCell) {
                flags |= MeasureFlags.bit(.suppressed)
            }
            own[i].flags = MeasureFlags.sets[flags]
        }
        // Rows whose published version is below the average (their own view may not be).
        var publishedBelowAverage = Set<Int>()
        let belowAverage = MeasureFlags.bit(.below_average)
        func published(_ i: Int) -> MeasureRow {
            var r = own[i].flags.contains(.suppressed) ? Disclosure.suppress(own[i]) : own[i]
            let flags = MeasureFlags.mask(r.flags) & ~belowAverage
            r.flags = MeasureFlags.sets[publishedBelowAverage.contains(i) ? flags | belowAverage : flags]
            return r
        }
        func publishedValue(_ i: Int) -> Double? { own[i].flags.contains(.suppressed) ? nil : own[i].value }

        // 2. Benchmarking over the unsplit municipality rows of the requested periods.
        var benchmark: [BenchmarkRow] = []
        var index: [BenchmarkKey: Int] = [:]       // unsplit municipality row → position in own
        var teryts: [Period: Set<String>] = [:]     // every municipality of a period's rows
        var provisionalPeriods = Set<MeasurePeriod>()
        for (i, r) in own.enumerated() {
            if r.flags.contains(.provisional) { provisionalPeriods.insert(MeasurePeriod(measure: r.measure, period: r.period)) }
            guard r.grain == .municipality else { continue }
            teryts[r.period, default: []].insert(r.unitID)
            if isBenchmarked(r), rule(r.measure)?.benchmarked == true { index[BenchmarkKey(measure: r.measure, period: r.period, teryt: r.unitID)] = i }
        }
        var groups: [MeasurePeriod: [String]] = [:]
        for key in index.keys where requested.contains(key.period) {
            groups[MeasurePeriod(measure: key.measure, period: key.period), default: []].append(key.teryt)
        }
        for group in groups.keys.sorted(by: { ($0.measure, $0.period) < ($1.measure, $1.period) }) {
            guard let direction = rule(group.measure)?.direction else { continue }
            let units = teryts[group.period, default: []].sorted { $0.bytewisePrecedes($1) }
            // An `incomplete` row (a facility-month of its unit lacks costs or activity) is shown
            // with its value but enters no statistic and gets no deviation, rank or below_average
            // (SPEC 7): a town whose stays file was rejected must not set the group mean.
            func compared(_ at: Int?) -> Int? { at.flatMap { own[$0].flags.contains(.incomplete) ? nil : $0 } }
            let values = units.compactMap { t in compared(index[group.key(t)]).flatMap { publishedValue($0) } }
            let stats = BenchmarkStatistics(values)
            let ranking = BenchmarkStatistics.Ranking(values, direction)
            for t in units {
                let at = index[group.key(t)]
                let value = at.flatMap { publishedValue($0) }
                var b = BenchmarkRow(measure: group.measure, period: group.period, teryt: t, value: value,
                                     mean: stats?.mean, median: stats?.median, q1: stats?.q1, q3: stats?.q3,
                                     min: stats?.min, max: stats?.max)
                if let value, let stats, let cmp = compared(at) {
                    b.deviation = stats.deviation(of: value)
                    b.rank = ranking.rank(of: value)
                    if stats.isBelowAverage(value, direction) { publishedBelowAverage.insert(cmp) }
                }
                // The municipality's own view: its own (possibly suppressed) value against the mean.
                if let cmp = compared(at), let stats, let ownValue = own[cmp].value, stats.isBelowAverage(ownValue, direction) {
                    own[cmp].flags.insert(.below_average)
                }
                if let value, let prevAt = index[BenchmarkKey(measure: group.measure, period: group.period.previous, teryt: t)],
                   let prev = publishedValue(prevAt) {
                    b.deltaPrev = value - prev
                }
                if let at {
                    b.flags = published(at).flags
                } else {
                    b.flags = [.no_denominator]
                    if provisionalPeriods.contains(group) { b.flags.insert(.provisional) }
                }
                benchmark.append(b)
            }
        }

        // 3. Only the requested periods are output, sorted: the rows for others are made from the
        // own view, which is then filtered in place (same keys, same order; no third copy).
        var keep: [Int] = own.indices.filter { isRequested(own[$0].period) }
        let byKey: (MeasureRow, MeasureRow) -> Bool = MeasureRow.precedes
        let inOrder = !zip(keep, keep.dropFirst()).contains { byKey(own[$0.1], own[$0.0]) }
        if !inOrder { keep.sort { byKey(own[$0], own[$1]) } }
        var measures: [MeasureRow] = []
        measures.reserveCapacity(keep.count)
        for i in keep { measures.append(published(i)) }
        keep = []
        var ownView = own
        own = []   // ownView now holds the only reference: filtered in place
        ownView.removeAll { !isRequested($0.period) }
        if !inOrder { ownView.sort(by: byKey) }
        return (measures, benchmark, ownView)
    }

    /// A row that can take part in benchmarking: municipality grain, not split by facility type or
    /// dimension (so the survey measures overall only); its measure must also be `benchmarked`.
    public static func isBenchmarked(_ r: MeasureRow) -> Bool {
        r.grain == .municipality && r.facilityType.isEmpty && r.dimension.isEmpty
    }

    /// A norm missed (Q05 < 2, Q06 > 10, Q07 > 2,000, Q08 below its type's norm): value below
    /// `min`, above `max`, or below the standard's floor-area norm of the row's facility type (the
    /// row's `facility_type`, else `facilityTypes[unit_id]`; a type without a norm has none). The
    /// value and the bound are compared rounded to 9 decimals, as targets and benchmarks are.
    public static func missesNorm(_ norm: MeasureNorm, row r: MeasureRow, value: Double, standard: Standard,
                                  facilityTypes: [String: String]) -> Bool {
        let v = BenchmarkStatistics.round9(value)
        func r9(_ x: Double) -> Double { BenchmarkStatistics.round9(x) }
        if let min = norm.min, v < r9(min) { return true }
        if let max = norm.max, v > r9(max) { return true }
        if norm.standard == "floor_area" {
            let type = r.facilityType.isEmpty ? facilityTypes[r.unitID] : r.facilityType
            if let type, let m2 = standard.floorAreaPerPlace[type], v < r9(m2) { return true }
        }
        return false
    }

    struct BenchmarkKey: Hashable {
        let measure: MeasureCode
        let period: Period
        let teryt: String
    }

    struct MeasurePeriod: Hashable {
        let measure: MeasureCode
        let period: Period
        func key(_ teryt: String) -> BenchmarkKey { BenchmarkKey(measure: measure, period: period, teryt: teryt) }
    }
}
