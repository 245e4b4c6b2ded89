import MiaraStore
import MiaraValues

/// How an action stands in a half-year (SPEC 12): the first that holds.
public enum PlanAssessment: String, Sendable, CaseIterable {
    /// The value reaches the target by the measure's direction.
    case met
    /// No progress can be computed (no value or no baseline, or the target equals the baseline).
    case no_value
    /// The deadline is on or before the end of the half-year (clipped) and the target is not met.
    case overdue
    /// Progress at least the share of the time elapsed.
    case on_track
    case behind
}

/// The flags of a plans.csv row, in their published order.
public enum PlanFlag: String, Sendable, CaseIterable {
    /// The half-year ends after the as-of date (clipped).
    case provisional
    /// The half-year's value is suppressed by disclosure control (SPEC 8).
    case suppressed
    /// The half-year's value row is flagged `incomplete` (SPEC 9.4).
    case incomplete
}

/// One row of plans.csv: an action of a plan in one half-year.
public struct PlanProgressRow: Sendable, Equatable {
    public var teryt: String
    public var measure: MeasureCode
    public var actionNo: Int
    public var period: Period
    public var baseline: Double?
    public var value: Double?
    public var target: Double
    public var progress: Double?
    public var elapsed: Double
    public var assessment: PlanAssessment
    public var flags: [PlanFlag]
    /// The half-year's last day counted: its end, or the as-of date when clipped.
    public var clippedEnd: Day
}

/// plans.csv's rows (SPEC 12), computed from the accepted plan rows and the values they read.
public enum PlanProgress {
    /// One row per plan row not `dropped` and per half-year of its schedule, sorted by teryt,
    /// measure (bytewise), action number (as a number) and period. A plan whose measure is not in
    /// `directions` (a catalogue without it) gets no rows.
    public static func rows(_ plans: [PlanRecord], values: PlanValues, directions: [MeasureCode: Direction], asOf: Day) -> [PlanProgressRow] {
        var out: [PlanProgressRow] = []
        for p in plans {
            guard let schedule = PlanSchedule(p, asOf: asOf) else { continue }
            let measure = MeasureCode(p.measure)
            guard let direction = directions[measure] else { continue }
            let baseline = Period(p.baselinePeriod).flatMap { values[PlanValues.Key(teryt: p.teryt, measure: measure, period: $0)]?.value }
            for h in schedule.halves {
                let entry = values[PlanValues.Key(teryt: p.teryt, measure: measure, period: h)]
                let end = min(h.end, asOf)
                let progress = Self.progress(value: entry?.value, baseline: baseline, target: p.target)
                let elapsed = Self.elapsed(start: schedule.start, deadline: schedule.deadline, upTo: end)
                var flags: [PlanFlag] = []
                if h.end > asOf { flags.append(.provisional) }
                if entry?.suppressed == true { flags.append(.suppressed) }
                if entry?.incomplete == true { flags.append(.incomplete) }
                out.append(PlanProgressRow(
                    teryt: p.teryt, measure: measure, actionNo: p.actionNo, period: h, baseline: baseline, value: entry?.value,
                    target: p.target, progress: progress, elapsed: elapsed,
                    assessment: assessment(value: entry?.value, target: p.target, direction: direction, progress: progress,
                                           elapsed: elapsed, deadline: schedule.deadline, end: end),
                    flags: flags, clippedEnd: end))
            }
        }
        return out.sorted(by: precedes)
    }

    /// (value − baseline) ÷ (target − baseline); nil without a value or a baseline, or when the
    /// target equals the baseline (compared rounded to 9 decimals, as SPEC compares values).
    public static func progress(value: Double?, baseline: Double?, target: Double) -> Double? {
        guard let value, let baseline, BenchmarkStatistics.round9(target) != BenchmarkStatistics.round9(baseline) else { return nil }
        return (value - baseline) / (target - baseline)
    }

    /// Days from `start` to `end` over days from `start` to `deadline`, both inclusive, in [0, 1].
    public static func elapsed(start: Day, deadline: Day, upTo end: Day) -> Double {
        let whole = Double(deadline - start + 1)
        guard whole > 0 else { return 1 }
        return Swift.min(1, Swift.max(0, Double(end - start + 1) / whole))
    }

    /// The first that holds: met, no_value, overdue, on_track, behind (SPEC 12).
    public static func assessment(value: Double?, target: Double, direction: Direction, progress: Double?, elapsed: Double,
                                  deadline: Day, end: Day) -> PlanAssessment {
        if let value {
            let v = BenchmarkStatistics.round9(value), t = BenchmarkStatistics.round9(target)
            if direction == .higherIsBetter ? v >= t : v <= t { return .met }
        }
        guard let progress else { return .no_value }
        if deadline <= end { return .overdue }
        return BenchmarkStatistics.round9(progress) >= BenchmarkStatistics.round9(elapsed) ? .on_track : .behind
    }

    /// The plans.csv order: teryt and measure bytewise, action number as a number, then period.
    public static func precedes(_ a: PlanProgressRow, _ b: PlanProgressRow) -> Bool {
        var c = a.teryt.bytewiseCompare(b.teryt)
        if c != 0 { return c < 0 }
        c = a.measure.raw.bytewiseCompare(b.measure.raw)
        if c != 0 { return c < 0 }
        if a.actionNo != b.actionNo { return a.actionNo < b.actionNo }
        return a.period.text.bytewiseCompare(b.period.text) < 0
    }
}

/// plans.csv (SPEC 12): `teryt,measure,action_no,period,baseline,value,target,progress,elapsed,
/// assessment,flags`, UTF-8, `,`, `\n`, header first; numbers as in measures.csv.
public enum PlansCSV {
    public static let header = ["teryt", "measure", "action_no", "period", "baseline", "value", "target", "progress",
                                "elapsed", "assessment", "flags"]

    public static func text(_ rows: [PlanProgressRow]) -> String {
        var out = CSVText.line(header)
        for r in rows {
            out += CSVText.line([
                CSVText.escapeFormula(r.teryt), r.measure.raw, String(r.actionNo), r.period.text,
                MeasuresCSV.num(r.baseline), MeasuresCSV.num(r.value), MeasuresCSV.num(r.target), MeasuresCSV.num(r.progress),
                MeasuresCSV.num(r.elapsed), r.assessment.rawValue, r.flags.map(\.rawValue).joined(separator: ";"),
            ])
        }
        return out
    }
}
