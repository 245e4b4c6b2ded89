import Foundation

/// How one published column of a measure row (numerator, denominator, n, value, sd) is made from
/// the contributions of one role: written in the catalogue as `FUNCTION` or `FUNCTION(role)`,
/// the role defaulting to the column's own name (`denominator: count_persons`).
public struct RoleAggregate: Sendable, Equatable, CustomStringConvertible {
    /// The aggregate functions the catalogue may name.
    public enum Function: String, Sendable, CaseIterable {
        /// Σ value; 0 when the unit has no contribution.
        case sum
        /// Σ value; empty (unknown) when the unit has no contribution (population, floor area).
        case knownSum = "known_sum"
        /// The number of contributions.
        case count
        /// The number of distinct persons among the contributions (SPEC 5: distinct person_id).
        case countPersons = "count_persons"
        /// The mean of the values; empty when there are none (FTE: the mean over months with a value).
        case mean
        /// The median of the values (even count: the mean of the two middle values); empty when none.
        case median
        /// The sample standard deviation of the values (n ≥ 2), for workbooks.
        case sd
    }

    public var function: Function
    /// `numerator`, `denominator` or `n`: the contributions' `role`.
    public var role: String

    public init(_ function: Function, _ role: String) { self.function = function; self.role = role }

    public var description: String { "\(function.rawValue)(\(role))" }

    /// The roles a contribution may have.
    public static let roles = ["numerator", "denominator", "n"]

    /// Parses `sum`, `count(denominator)`, …; nil when the text is not of that form.
    public static func parse(_ text: String, column: String) -> RoleAggregate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let f = Function(rawValue: t) { return roles.contains(column) ? RoleAggregate(f, column) : nil }
        guard t.hasSuffix(")"), let open = t.firstIndex(of: "(") else { return nil }
        let name = String(t[..<open]).trimmingCharacters(in: .whitespaces)
        let role = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingCharacters(in: .whitespaces)
        guard let f = Function(rawValue: name), roles.contains(role) else { return nil }
        return RoleAggregate(f, role)
    }

    /// The same aggregate over contributions already filtered to one row (the consistency check's
    /// second computation of every published number, and `explain`'s totals).
    public func evaluate(_ records: [Contribution]) -> Double? {
        let mine = records.filter { $0.role == role }
        let values = mine.compactMap(\.value)
        switch function {
        case .sum: return values.reduce(0, +)
        case .knownSum: return values.isEmpty ? nil : values.reduce(0, +)
        case .count: return Double(mine.count)
        case .countPersons: return Double(Set(mine.compactMap(\.person)).count)
        case .mean: return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        case .median:
            let s = values.sorted()
            guard !s.isEmpty else { return nil }
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        case .sd:
            guard values.count >= 2 else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        }
    }
}
