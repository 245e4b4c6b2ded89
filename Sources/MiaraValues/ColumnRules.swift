import Foundation

/// What a column allows, read from the catalogue: its codes, the hint for its type, and when it
/// is required. The templates' instructions and `validate`'s messages both come from here.
extension ColumnSpec {
    /// The stored codes of a code column, in its list's order; nil for other columns.
    public var codes: [String]? {
        guard case .code(let list) = type else { return nil }
        return list.codes
    }

    /// Accepted spellings of a code column that are not codes themselves (`K` for `f`).
    public var synonyms: [(spelling: String, code: String)] {
        guard case .code(let list) = type else { return [] }
        return list.spellings.filter { $0.key != $0.value }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// What the column's type allows; `commaDecimal` for a `;`-delimited CSV.
    public func typeHint(commaDecimal: Bool = false, asOfYear: Int? = nil) -> Hint? {
        switch type {
        case .id, .freeText: return nil
        case .teryt: return .teryt
        case .providerID: return .providerID
        case .personID: return .personID
        case .date: return .dateFormats
        case .month: return .monthFormats
        case .dateOrMonth: return .dateOrMonthFormats
        case .yearOrMonth: return .yearOrMonthFormats
        case .decimal: return .decimal(commaAllowed: commaDecimal, nonNegative: nonNegative)
        case .integer:
            if let r = range { return .wholeNumber(min: r.min, max: r.maxIsAsOfYear ? asOfYear : r.max) }
            return .wholeNumber(min: nonNegative ? 0 : nil, max: nil)
        case .flag: return .flag
        case .code: return .codes(codes ?? [])
        case .criterion, .measure: return nil
        case .yearOrHalf: return .yearOrHalfFormats
        }
    }
}

extension DatasetSpec {
    /// Why `column` is required besides being required itself: the row rule that makes it so.
    public func conditionalHint(_ column: String) -> Hint? {
        for r in rules {
            switch r {
            case .requiredWhenPresent(let c, let when) where c == column: return .requiredBecause(when)
            case .requiredWhenIn(let c, let when, let values) where c == column:
                return .requiredForValue(column: when, value: CodeLabels.ordered(values).joined(separator: "/"))
            case .endUnlessOngoing where column == "end": return .requiredUnlessOngoing
            default: continue
            }
        }
        return nil
    }

    /// The column names in order, as a header line would hold them.
    public var columnNames: [String] { columns.map(\.name) }
}

/// The allowed words closest to a word typed by hand, for "did you mean …?".
public enum Closest {
    /// The candidates nearest to `word` (case-insensitive edit distance at most a third of its
    /// length, at least 1, at most 3), or a candidate whose Polish name is `word`; empty when
    /// nothing is near.
    public static func to(_ word: String, in candidates: [String]) -> [String] {
        let w = word.lowercased()
        let byName = candidates.filter { c in
            guard let n = CodeLabels.name(c, .pl)?.lowercased() else { return false }
            return n == w || n.split(separator: "[").first.map { $0.trimmingCharacters(in: .whitespaces) } == w
        }
        if !byName.isEmpty { return byName }
        let length = w.count
        let limit = min(3, max(1, length / 3))
        // The distance is at least the difference in length: a word much longer than every
        // candidate (a 50 MB header cell) is compared with none, in time linear in its length.
        let scored = candidates.map { $0.lowercased() }.enumerated()
            .filter { abs($0.element.count - length) <= limit }
            .map { (candidates[$0.offset], distance(w, $0.element)) }.filter { $0.1 <= limit }
        guard let best = scored.map(\.1).min() else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count]
    }
}
