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
    /// Read byte by byte (a night reads back hundreds of thousands of stored rows): lines split at
    /// `\n` (empty ones skipped), fields at tab, numbers from their hexadecimal bit patterns.
    static func decode(_ text: String, definition d: MeasureDefinition, period: Period) -> [MeasureRow]? {
        var text = text
        return text.withUTF8 { decode($0, definition: d, period: period) }
    }

    private static func decode(_ b: UnsafeBufferPointer<UInt8>, definition d: MeasureDefinition, period: Period) -> [MeasureRow]? {
        var rows: [MeasureRow] = []
        let grains = Grain.allCases.map { (Array($0.rawValue.utf8), $0) }
        var i = 0
        let n = b.count
        var fields = [Range<Int>](repeating: 0..<0, count: 10)
        while i < n {
            var end = i
            while end < n && b[end] != 10 { end += 1 }
            defer { i = end + 1 }
            if end == i { continue }
            // The line's fields: exactly 10.
            var count = 0, start = i
            for j in i...end where j == end || b[j] == 9 {
                guard count < 10 else { return nil }
                fields[count] = start..<j; count += 1; start = j + 1
            }
            guard count == 10 else { return nil }
            func bytes(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[r]) }
            guard let grain = grains.first(where: { $0.0.elementsEqual(bytes(fields[0])) })?.1,
                  let mask = integer(bytes(fields[8])),
                  let value = hexNumber(bytes(fields[4])), let numerator = hexNumber(bytes(fields[5])),
                  let denominator = hexNumber(bytes(fields[6])), let sd = hexNumber(bytes(fields[9])) else { return nil }
            let count7 = bytes(fields[7])
            let nValue: Int?
            if count7.isEmpty { nValue = nil } else { guard let v = integer(count7) else { return nil }; nValue = v }
            var flags: Set<MeasureFlag> = []
            for (k, flag) in MeasureFlag.allCases.enumerated() where mask & (1 << k) != 0 { flags.insert(flag) }
            rows.append(MeasureRow(measure: d.code, period: period, grain: grain, unitID: text(bytes(fields[1])),
                                   facilityType: text(bytes(fields[2])), dimension: text(bytes(fields[3])), value: value,
                                   numerator: numerator, denominator: denominator, n: nValue, unit: d.unit,
                                   flags: MeasureFlags.interned(flags), sd: sd))
        }
        return rows
    }

    /// A field's text, unescaped.
    private static func text(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: b, as: UTF8.self)
        return b.contains(UInt8(ascii: "%")) ? unescape(Substring(s)) : s
    }

    /// A number field: empty is none (`.some(nil)`); otherwise 1–16 hexadecimal digits of the bit
    /// pattern (nil: not of this form).
    private static func hexNumber(_ b: UnsafeBufferPointer<UInt8>) -> Double?? {
        if b.isEmpty { return .some(nil) }
        guard b.count <= 16 else { return nil }
        var bits: UInt64 = 0
        for c in b {
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            case 65...70: v = c - 55
            default: return nil
            }
            bits = bits << 4 | UInt64(v)
        }
        return .some(Double(bitPattern: bits))
    }

    /// A decimal integer, optionally negative (nil: not of this form).
    private static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0, negative = false
        if b.first == UInt8(ascii: "-") { negative = true; k = 1 }
        guard k < b.count, b.count - k <= 18 else { return nil }
        var v = 0
        while k < b.count {
            let c = b[k]
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48); k += 1
        }
        return negative ? -v : v
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
