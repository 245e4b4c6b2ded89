/// Readers for the value types of SPEC 1.3. Each takes a trimmed, non-empty text and returns the
/// stored form, or a `ValueError` with the check code that failed.
public enum ValueParser {
    /// `1234.5`; with `commaDecimal` (a `;`-delimited CSV) also `1234,5` and `1 234,50`. Space or
    /// no-break space thousands groups; `1.234,50` is refused.
    public static func decimal(_ s: String, commaDecimal: Bool) -> Double? {
        var digits: [UInt8] = []
        digits.reserveCapacity(s.utf8.count)
        var sawPoint = false, sawDigit = false, sawGroup = false
        var groupLen = 0, firstGroupLen = 0
        var fracDigits = 0
        var i = 0
        let scalars = Array(s.unicodeScalars)
        if let f = scalars.first, f == "-" || f == "+" {
            if f == "-" { digits.append(UInt8(ascii: "-")) }
            i = 1
        }
        while i < scalars.count {
            let c = scalars[i]
            if c.value >= 48 && c.value <= 57 {
                digits.append(UInt8(c.value)); sawDigit = true
                if sawPoint { fracDigits += 1 } else { groupLen += 1 }
            } else if c == "." || (c == "," && commaDecimal) {
                guard !sawPoint, sawDigit else { return nil }
                if sawGroup && groupLen != 3 { return nil }
                sawPoint = true; digits.append(UInt8(ascii: "."))
            } else if (c == " " || c == "\u{00A0}" || c == "\u{202F}") && !sawPoint {
                guard sawDigit else { return nil }
                if sawGroup { guard groupLen == 3 else { return nil } } else { guard groupLen <= 3 else { return nil }; firstGroupLen = groupLen }
                sawGroup = true; groupLen = 0
            } else {
                return nil
            }
            i += 1
        }
        _ = firstGroupLen
        guard sawDigit else { return nil }
        if sawGroup && !sawPoint && groupLen != 3 { return nil }
        if sawPoint && fracDigits == 0 { return nil }
        // A number beyond a double's range is not a number (no infinity is ever stored).
        guard let v = Double(String(decoding: digits, as: UTF8.self)), v.isFinite else { return nil }
        return v
    }

    /// Digits with an optional sign.
    public static func integer(_ s: String) -> Int? {
        // On the UTF-8 bytes (ingest reads one per integer cell): a sign byte, then 1–18 digits.
        UTF8Bytes.with(s) { b -> Int? in
            var i = 0
            var neg = false
            if b.count > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { neg = b[0] == UInt8(ascii: "-"); i = 1 }
            guard b.count > i, b.count - i <= 18 else { return nil }
            var v = 0
            while i < b.count {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
                i += 1
            }
            return neg ? -v : v
        }
    }

    /// `T/N`, `tak/nie`, `Y/N`, `yes/no`, `1/0`, `true/false`, any case.
    public static func flag(_ s: String) -> Bool? {
        switch UTF8Bytes.asciiLowercased(s) ?? s.lowercased() {
        case "t", "tak", "y", "yes", "1", "true": return true
        case "n", "nie", "no", "0", "false": return false
        default: return nil
        }
    }
}
