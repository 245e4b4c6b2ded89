import MiaraValues

/// The rows of one measure and period as stored text (`measure_results.rows`): one line per row,
/// its grain, unit, facility type, dimension, value, numerator, denominator, n, flags and sd,
/// tab-separated; texts with `%`, tab and newline escaped as `%25`, `%09`, `%0A`; numbers by their
/// IEEE bit pattern in hexadecimal (empty: none), so a stored row reads back bit for bit.
enum MeasureRowText {
    static func encode(_ rows: [MeasureRow]) -> String {
        var out = ""
        for r in rows {
            var fields = [r.grain.rawValue, escape(r.unitID), escape(r.facilityType), escape(r.dimension)]
            for x in [r.value, r.numerator, r.denominator] { fields.append(x.map { String($0.bitPattern, radix: 16) } ?? "") }
            fields.append(r.n.map { String($0) } ?? "")
            var mask = 0
            for (i, f) in MeasureFlag.allCases.enumerated() where r.flags.contains(f) { mask |= 1 << i }
            fields.append(String(mask))
            fields.append(r.sd.map { String($0.bitPattern, radix: 16) } ?? "")
            out += fields.joined(separator: "\t") + "\n"
        }
        return out
    }

    /// The rows of `text` for `definition` and `period`; nil when the text is not of this form.
    static func decode(_ text: String, definition d: MeasureDefinition, period: Period) -> [MeasureRow]? {
        var rows: [MeasureRow] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 10, let grain = Grain(rawValue: String(f[0])), let mask = Int(f[8]) else { return nil }
            func number(_ s: Substring) -> Double?? {
                if s.isEmpty { return .some(nil) }
                guard let bits = UInt64(s, radix: 16) else { return nil }
                return .some(Double(bitPattern: bits))
            }
            guard let value = number(f[4]), let numerator = number(f[5]), let denominator = number(f[6]), let sd = number(f[9])
            else { return nil }
            let n: Int?
            if f[7].isEmpty { n = nil } else { guard let i = Int(f[7]) else { return nil }; n = i }
            var flags: Set<MeasureFlag> = []
            for (i, flag) in MeasureFlag.allCases.enumerated() where mask & (1 << i) != 0 { flags.insert(flag) }
            rows.append(MeasureRow(measure: d.code, period: period, grain: grain, unitID: unescape(f[1]),
                                   facilityType: unescape(f[2]), dimension: unescape(f[3]), value: value, numerator: numerator,
                                   denominator: denominator, n: n, unit: d.unit, flags: MeasureFlags.interned(flags), sd: sd))
        }
        return rows
    }

    static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "%" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\t": out += "%09"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("%") else { return String(s) }
        return String(s).replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
