/// The pipeline key `headline` (SPEC 9.2, 11): which year the workbooks put first — the Summary,
/// page footers, the ministry and benchmark workbooks, the scorecards.
public enum HeadlineChoice: Equatable, Sendable, CustomStringConvertible {
    /// The year of the as-of date (the default; provisional while it runs).
    case year
    /// The calendar year before the as-of year (a MOPS writing its annual report in spring).
    case previousYear
    /// A named year.
    case fixed(Int)

    /// `year`, `previous_year` or a year `YYYY`; nil for anything else.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "year": self = .year
        case "previous_year": self = .previousYear
        default:
            guard text.utf8.count == 4, text.utf8.allSatisfy({ (48...57).contains($0) }), let y = Int(text), y >= 1900 else { return nil }
            self = .fixed(y)
        }
    }

    public var description: String {
        switch self {
        case .year: return "year"
        case .previousYear: return "previous_year"
        case .fixed(let y): return String(y)
        }
    }

    /// The year this choice names at `asOf`.
    public func year(asOf: Day) -> Int {
        switch self {
        case .year: return asOf.year
        case .previousYear: return asOf.year - 1
        case .fixed(let y): return y
        }
    }

    /// The headline period among a run's `periods`: the chosen year when the run has it, else
    /// the latest year among them; a run without a whole year has the period that ends last (ties:
    /// the later text) as its headline. The order of `periods` never matters.
    public func period(among periods: [Period], asOf: Day) -> Period? {
        let years = periods.filter { $0.length == .year }
        let wanted = year(asOf: asOf)
        if let p = years.first(where: { $0.year == wanted }) { return p }
        if let latest = years.max(by: { $0.year < $1.year }) { return latest }
        return periods.max { ($0.end, $0.text) < ($1.end, $1.text) }
    }
}
