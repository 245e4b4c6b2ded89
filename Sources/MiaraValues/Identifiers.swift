// swift-crypto 3 does not mark SymmetricKey Sendable; a key is never changed after `init`, so sharing it is safe.
@preconcurrency import Crypto
import Foundation

/// A 7-digit TERYT code of a gmina, e.g. `2464011` (Częstochowa).
public struct Teryt: Hashable, Sendable {
    public let code: String
    /// Accepts exactly seven ASCII digits.
    public init?(_ s: String) {
        guard s.utf8.count == 7, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        code = s
    }
}

/// A provider's registry id in canonical form: `KRS:0000184388`, `NIP:8621573340`, `REGON:432699340`.
public struct ProviderID: Hashable, Sendable {
    public enum Registry: String, Sendable { case KRS, NIP, REGON }
    public let registry: Registry
    public let digits: String
    public var canonical: String { "\(registry.rawValue):\(digits)" }

    /// Parses the SPEC 1.4 forms; a bare 10-digit number is a KRS. Fails on a wrong NIP or REGON
    /// checksum, a bad length, spaces or dashes inside.
    public init?(_ s: String) {
        let parts = s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let reg: Registry
        let d: Substring
        if parts.count == 2 {
            guard let r = Registry(rawValue: parts[0].uppercased()) else { return nil }
            reg = r; d = parts[1]
        } else { reg = .KRS; d = parts[0] }
        let b = Array(d.utf8)
        guard !b.isEmpty, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let n = b.map { Int($0 - 48) }
        switch reg {
        case .KRS: guard n.count == 10 else { return nil }
        case .NIP: guard n.count == 10, ProviderID.nipValid(n) else { return nil }
        case .REGON: guard (n.count == 9 || n.count == 14), ProviderID.regonValid(n) else { return nil }
        }
        registry = reg; digits = String(d)
    }

    static func nipValid(_ n: [Int]) -> Bool {
        let w = [6, 5, 7, 2, 3, 4, 5, 6, 7]
        let r = zip(w, n).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return r != 10 && r == n[9]
    }

    static func regonValid(_ n: [Int]) -> Bool {
        let w = n.count == 9 ? [8, 9, 2, 3, 4, 5, 6, 7] : [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]
        let r = zip(w, n).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return (r == 10 ? 0 : r) == n[n.count - 1]
    }
}

/// The Polish national identification number; only ever seen on input, never stored.
public enum PESEL {
    static let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]

    /// True for 11 ASCII digits whose check digit is right.
    public static func isValid<S: Collection>(_ b: S) -> Bool where S.Element == UInt8 {
        guard b.count == 11 else { return false }
        var sum = 0
        var i = 0
        var last = 0
        for c in b {
            guard c >= 48, c <= 57 else { return false }
            let d = Int(c - 48)
            if i < 10 { sum += d * weights[i] } else { last = d }
            i += 1
        }
        return (10 - sum % 10) % 10 == last
    }
    public static func isValid(_ s: String) -> Bool { isValid(Array(s.utf8)) }

    /// Replaces every valid PESEL in `text` (an 11-digit run not adjacent to other digits) by
    /// `[PESEL]`; returns nil when there was none.
    public static func masked(_ text: String) -> String? { replacingRuns(in: text) { _ in "[PESEL]" } }

    /// `masked` on bytes of any ASCII-compatible encoding (UTF-8, Windows-1250: a digit is one
    /// byte in both): every valid PESEL (an 11-digit run not adjacent to other digits) replaced by
    /// `[PESEL]`; the bytes as they are when there was none.
    public static func masked(bytes b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0, copied = 0
        let n = b.count
        while i < n {
            guard b[i] >= 48 && b[i] <= 57 else { i += 1; continue }
            var j = i
            while j < n && b[j] >= 48 && b[j] <= 57 { j += 1 }
            if j - i == 11 && isValid(b[i..<j]) {
                if out.isEmpty { out.reserveCapacity(n) }
                out.append(contentsOf: b[copied..<i])
                out.append(contentsOf: Array("[PESEL]".utf8))
                copied = j
            }
            i = j
        }
        if copied == 0 { return b }
        out.append(contentsOf: b[copied..<n])
        return out
    }

    /// Replaces every valid PESEL in `text` (an 11-digit run not adjacent to other digits) by
    /// `replacement(run)`; returns nil when there was none. One pass over the bytes.
    public static func replacingRuns(in text: String, _ replacement: (String) -> String) -> String? {
        var text = text
        // Indexed loops over the contiguous UTF-8 bytes: this runs over every text miara reads and writes.
        return text.withUTF8 { b -> String? in
            let n = b.count
            // Fast path: most texts hold no run of exactly 11 digits at all.
            var run = 0, sawEleven = false
            var k = 0
            while k < n {
                let c = b[k]
                if c >= 48 && c <= 57 { run += 1 } else { if run == 11 { sawEleven = true; break }; run = 0 }
                k += 1
            }
            guard sawEleven || run == 11 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var changed = false
            var i = 0
            while i < n {
                if b[i] >= 48 && b[i] <= 57 {
                    var j = i
                    while j < n && b[j] >= 48 && b[j] <= 57 { j += 1 }
                    if j - i == 11 && isValid(b[i..<j]) {
                        out.append(contentsOf: Array(replacement(String(decoding: b[i..<j], as: UTF8.self)).utf8)); changed = true
                    } else { out.append(contentsOf: b[i..<j]) }
                    i = j
                } else {
                    // Copy the stretch up to the next digit at once.
                    var j = i + 1
                    while j < n && !(b[j] >= 48 && b[j] <= 57) { j += 1 }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    i = j
                }
            }
            return changed ? String(decoding: out, as: UTF8.self) : nil
        }
    }
}

/// What a `person_id` cell holds.
public enum PersonIDForm: Equatable, Sendable {
    /// An ordinary pseudonym (6–64 of `[A-Za-z0-9_-]`).
    case pseudonym
    /// A valid PESEL, to be replaced by its HMAC pseudonym.
    case pesel
    /// Neither (C18).
    case invalid

    public static func of(_ s: String) -> PersonIDForm {
        // On the UTF-8 bytes in place (ingest reads one per person_id cell).
        UTF8Bytes.with(s) { b -> PersonIDForm in
            if b.count == 11 && PESEL.isValid(b) { return .pesel }
            guard (6...64).contains(b.count), b.allSatisfy({
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95
            }) else { return .invalid }
            return .pseudonym
        }
    }
}

/// Replaces PESELs by `P` + the first 20 lower-case hex digits of HMAC-SHA256(key, PESEL).
public struct Pseudonymiser: Sendable {
    let key: SymmetricKey

    /// The key is the file's bytes without surrounding whitespace.
    public init(keyBytes: [UInt8]) { key = SymmetricKey(data: keyBytes) }

    public func pseudonym(forPESEL pesel: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(pesel.utf8), using: key)
        return "P" + String(Hex.encode(Array(mac)).prefix(20))
    }
}

/// Lower-case hex encoding.
public enum Hex {
    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
