import Foundation

/// The text rules of SPEC 9.1 for writing CSVs: number formatting, formula escaping and quoting.
public enum CSVText {
    /// Rounds to 6 decimals and drops trailing zeros: `12`, `0.5`, `-0.25`; `.` decimal mark; no
    /// `-0`. The double's exact binary value is rounded (C `%.6f`: correctly rounded, an exact tie
    /// to even), not the product v × 10⁶, whose own rounding error can create or break a tie
    /// (0.03 / 32 is 0.00093749999…, so `0.000937`). Non-finite values are written empty.
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        // An integer of at most 53 bits: `%.6f` prints its digits and six zeros, trimmed below
        // (and -0 as 0), so its digits are the text, without the C library.
        if v.rounded(.towardZero) == v && v.magnitude < 9_007_199_254_740_992 { return v == 0 ? "0" : String(Int64(v)) }
        // Every other double below 2^52 has a fraction: rounded exactly in integers.
        if v.magnitude < 4_503_599_627_370_496 { return fraction6(v) }
        var s = format6(v)
        if s.utf8.contains(UInt8(ascii: ".")) {
            while s.hasSuffix("0") { s.removeLast() }
            if s.utf8.last == UInt8(ascii: ".") { s.removeLast() }
        }
        if s == "-0" { s = "0" } // no "-0"
        return s
    }

    /// `%.6f` of a finite double below 2^52 with its zeros trimmed, computed exactly: |v| is
    /// m × 2^-k (m the 53-bit significand), so v × 10⁶ is (m × 10⁶) ÷ 2^k, an integer quotient
    /// and remainder in 128 bits (m × 10⁶ < 2^73), rounded to nearest with a tie to even — the
    /// C library's rounding of the exact binary value, without it (`CSVTests` compares the two).
    static func fraction6(_ v: Double) -> String {
        let normal = v.exponentBitPattern != 0
        let m = UInt128(v.significandBitPattern | (normal ? UInt64(1) << 52 : 0))
        let k = 1075 - Int(normal ? v.exponentBitPattern : 1)   // |v| = m × 2^-k; k > 0 below 2^52
        let n = m * 1_000_000
        var q: UInt128 = 0
        if k < 127 {
            q = n >> UInt128(k)
            let r = n & ((UInt128(1) << UInt128(k)) - 1), half = UInt128(1) << UInt128(k - 1)
            if r > half || (r == half && q & 1 == 1) { q += 1 }
        }   // else n < 2^73 < 2^(k-1): below the half of 10⁻⁶, so 0
        if q == 0 { return "0" }   // no "-0"
        let whole = UInt64(q / 1_000_000)
        var frac = UInt32(q % 1_000_000)
        var s = v < 0 ? "-" : ""
        s += String(whole)
        guard frac != 0 else { return s }
        var digits = 6
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        var tail = [UInt8](repeating: UInt8(ascii: "0"), count: digits + 1)
        tail[0] = UInt8(ascii: ".")
        var i = digits
        while frac > 0 { tail[i] = UInt8(ascii: "0") + UInt8(frac % 10); frac /= 10; i -= 1 }
        s += String(decoding: tail, as: UTF8.self)
        return s
    }

    /// `%.6f` through the C library (glibc prints the exact decimal value, correctly rounded); the
    /// C locale is in force (the process never calls setlocale), so the mark is `.`.
    static func format6(_ v: Double) -> String {
        var buf = [CChar](repeating: 0, count: 400) // 309 integer digits + sign + "." + 6 + NUL
        let n = withVaList([v]) { vsnprintf(&buf, buf.count, "%.6f", $0) }
        precondition(n > 0 && Int(n) < buf.count, "CSVText.number: %.6f did not fit")
        return String(cString: buf)
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

    /// One CSV line (with `\n`), every field masked by the personal-data rule (`PersonalData`).
    public static func line(_ fields: [String]) -> String {
        fields.map { field(PersonalData.masked($0)) }.joined(separator: ",") + "\n"
    }
}

extension CSVText {
    /// The records of a CSV text written by `line` (RFC 4180: `"` quoting with `""`, `\n` between
    /// records): the reader `verify --recompute` names a differing row with.
    public static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false, afterQuote = false
        var chars = text.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }   // `""` inside a quoted field
                quoted = true
                afterQuote = false
            case ",":
                fields.append(field); field = ""; afterQuote = false
            case "\n":
                fields.append(field); records.append(fields); fields = []; field = ""; afterQuote = false
            default:
                field.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(fields) }
        return records
    }
}
