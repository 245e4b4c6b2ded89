/// A plan's `baseline_period` (SPEC 2, `mops/plans`): a year `YYYY` or a half-year `YYYYH1` /
/// `YYYYH2` (the `H` in either case); anything else is C03.
public enum YearOrHalf {
    /// The stored form (`2025`, `2025H1`), or nil when `text` is neither a year nor a half-year.
    public static func parse(_ text: String) -> String? {
        guard let p = Period(text), p.length == .year || p.length == .half else { return nil }
        return p.text
    }

    /// The first day of a stored value, as ISO text (C10 compares periods by their first day).
    public static func firstDay(_ stored: String) -> String {
        Period(stored)?.start.iso ?? stored
    }
}
