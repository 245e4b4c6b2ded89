import Foundation

/// The text rules of SPEC 9.1 for writing CSVs: number formatting, formula escaping and quoting.
public enum CSVText {
    /// Rounds to 6 decimals and drops trailing zeros: `12`, `0.5`, `-0.25`; `.` decimal mark.
    public static func number(_ v: Double) -> String {
        var r = (v * 1_000_000).rounded(.toNearestOrAwayFromZero) / 1_000_000
        if r == 0 { r = 0 } // no "-0"
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        var s = String(format6(r))
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func format6(_ v: Double) -> String {
        // Fixed 6 decimals without Foundation's locale: integer and fraction parts separately.
        let neg = v < 0
        let a = abs(v)
        let scaled = (a * 1_000_000).rounded(.toNearestOrAwayFromZero)
        let ip = (scaled / 1_000_000).rounded(.down)
        let fp = Int64(scaled - ip * 1_000_000)
        var frac = String(fp)
        frac = String(repeating: "0", count: 6 - frac.count) + frac
        return (neg ? "-" : "") + String(Int64(ip)) + "." + frac
    }

    /// Prefixes `'` to text that would start a formula (`=`, `+`, `-`, `@`, tab, CR).
    public static func escapeFormula(_ s: String) -> String {
        guard let f = s.utf8.first else { return s }
        switch f {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return "'" + s
        default: return s
        }
    }

    /// RFC 4180 quoting when the field holds `,`, `"`, CR or LF.
    public static func field(_ s: String) -> String {
        if s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// One CSV line (with `\n`).
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
