import MiaraStore
import MiaraValues

/// The half-years a plan row is monitored in (SPEC 12): from the one containing `start` to the
/// one containing the earlier of `deadline` and the as-of date. None for a `dropped` row, and
/// none when `start` is after the as-of date.
public struct PlanSchedule: Sendable, Equatable {
    public let start: Day
    public let deadline: Day
    public let halves: [Period]

    /// nil when the row is `dropped`, its dates cannot be read, or it starts after `asOf`.
    public init?(_ plan: PlanRecord, asOf: Day) {
        guard plan.state != "dropped", let s = Day(iso: plan.start), let d = Day(iso: plan.deadline), s <= asOf else { return nil }
        start = s; deadline = d
        var out: [Period] = []
        var h = Self.half(containing: s)
        let last = Self.half(containing: min(d, asOf))
        while h <= last {
            out.append(h)
            h = Period(year: h.index == 2 ? h.year + 1 : h.year, length: .half, index: h.index == 2 ? 1 : 2)!
        }
        halves = out
    }

    /// The half-year (`YYYYH1`, `YYYYH2`) a day lies in.
    public static func half(containing d: Day) -> Period {
        let c = d.components
        return Period(year: c.year, length: .half, index: c.month <= 6 ? 1 : 2)!
    }
}
