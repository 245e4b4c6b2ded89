import Foundation

/// The pipeline key `headline` (SPEC 9.2, 11): which year the workbooks put first.
///
/// `year` (the default) is the year of the as-of date; `previous_year` the year before it (a MOPS
/// preparing its annual report in spring); or an explicit year `YYYY`. How the choice meets the
/// run's periods (a year not among them) is the workbooks' rule; this type only says which year
/// was asked for.
public enum HeadlineChoice: Sendable, Hashable, CustomStringConvertible {
    case year
    case previousYear
    case explicit(Int)

    /// Parses `year`, `previous_year` (any case) or a four-digit year; nil otherwise.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "year": self = .year
        case "previous_year": self = .previousYear
        default:
            let b = Array(t.utf8)
            guard b.count == 4, let y = Day.digits(b[0..<4]), (1...9999).contains(y) else { return nil }
            self = .explicit(y)
        }
    }

    /// The year asked for on `asOf`.
    public func year(asOf: Day) -> Int {
        switch self {
        case .year: return asOf.year
        case .previousYear: return asOf.year - 1
        case .explicit(let y): return y
        }
    }

    /// The text of the pipeline key (`year`, `previous_year`, `2025`).
    public var description: String {
        switch self {
        case .year: return "year"
        case .previousYear: return "previous_year"
        case .explicit(let y): return Day.pad(y, 4)
        }
    }
}
