/// Which date a measure's periods are clipped at (SPEC 4, 5).
public enum PeriodClip: String, Sendable, CaseIterable {
    /// The as-of date: every measure but the cost-based ones.
    case asOf = "as_of"
    /// The settled date: the cost-based measures (E01, E02, E03, E05, E06, E07), whose months
    /// count only once their costs are due.
    case settled
}

/// The dates a run clips its periods at: the as-of date and the settled date (SPEC 5).
///
/// The settled date is the last day of the latest month that ended at least `costLagDays` days
/// before the as-of date: with lag 0, the last day of the last complete month (the as-of date
/// itself when it is a month's last day). NGOs report a month's costs after it ends; a cost measure
/// is computed over its period clipped at the settled date, so that a month still running (or not
/// yet reported) does not set a whole month's costs, or none, against part of its activity.
public struct ClipDates: Sendable, Hashable {
    public let asOf: Day
    public let costLagDays: Int
    /// Always the last day of a month, never after `asOf`.
    public let settled: Day

    /// - Parameter costLagDays: ≥ 0 (a negative lag counts as 0).
    public init(asOf: Day, costLagDays: Int = 0) {
        self.asOf = asOf
        self.costLagDays = max(0, costLagDays)
        settled = Self.settledDate(asOf: asOf, costLagDays: self.costLagDays)
    }

    /// The last day of the latest month whose last day lies at least `costLagDays` days before
    /// `asOf` (0 days: on or before it).
    public static func settledDate(asOf: Day, costLagDays: Int) -> Day {
        let d = asOf.adding(days: -max(0, costLagDays))
        let c = d.components
        if c.day == Day.daysIn(month: c.month, year: c.year) { return d }
        return d.adding(days: -c.day)   // the day before the month's first day
    }

    /// The day periods are clipped at under `clip`.
    public func day(_ clip: PeriodClip) -> Day {
        switch clip {
        case .asOf: return asOf
        case .settled: return settled
        }
    }

    /// `p` clipped under `clip` (nil when it starts after that day): its rows are `provisional`
    /// when it ends after that day.
    public func clipped(_ p: Period, _ clip: PeriodClip) -> ClippedPeriod? { p.clipped(asOf: day(clip)) }
}
