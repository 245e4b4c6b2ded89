import Foundation

/// Distinct byte strings, numbered in the order first added and told apart by their bytes (as
/// SQLite's BINARY collation and `GROUP BY` tell texts apart, not by Swift's `String ==`). One
/// copy of each value lives in one buffer; a value is found by its FNV-1a hash in an
/// open-addressing table, so numbering a column read row by row builds no `String` per row.
public struct ByteStrings {
    /// The values end to end; value `i` ends at `ends[i]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing: each slot holds a value's number + 1, 0 when empty; a power of two long.
    private var slots: [Int32] = Array(repeating: 0, count: 16)
    /// The last value numbered: rows read in storage order often repeat it.
    private var last = -1

    public init() {}

    /// The number of distinct values.
    public var count: Int { ends.count }

    /// The number of `b`, adding it when it is new.
    public mutating func number(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        if last >= 0 && equals(last, b) { return last }
        let h = Self.hash(b)
        let (found, s) = probe(b, hash: h)
        if let found { last = found; return found }
        let n = ends.count
        last = n
        bytes.append(contentsOf: b)
        ends.append(bytes.count)
        hashes.append(h)
        slots[s] = Int32(n + 1)
        if ends.count * 2 > slots.count { grow() }
        return n
    }

    /// The number of `b`, nil when it was never added.
    public func find(_ b: UnsafeBufferPointer<UInt8>) -> Int? { probe(b, hash: Self.hash(b)).found }

    /// The number of `b` (hashing to `h`) when present, and the slot where the search ended (where
    /// `b` goes when it is new).
    private func probe(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (found: Int?, slot: Int) {
        var s = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[s] != 0 {
            let i = Int(slots[s]) - 1
            if hashes[i] == h && equals(i, b) { return (i, s) }
            s = (s + 1) & (slots.count - 1)
        }
        return (nil, s)
    }

    /// The number of `s`'s UTF-8 bytes, nil when it was never added.
    public func find(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { find($0) }
    }

    /// Whether value `i` holds exactly the bytes `b`.
    public func equals(_ i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = i == 0 ? 0 : ends[i - 1]
        guard ends[i] - start == b.count else { return false }
        return b.isEmpty || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, b.baseAddress!, b.count) == 0 }
    }

    /// Value `i`'s bytes.
    public func value(_ i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

    /// Value `i` as text (its bytes decoded as UTF-8).
    public func string(_ i: Int) -> String { String(decoding: value(i), as: UTF8.self) }

    /// The distinct values, in the order first added.
    public var values: [[UInt8]] { ends.indices.map { Array(value($0)) } }

    private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = FNV1a()
        h.add(b)
        // FNV-1a's low bits mix the last byte weakly: fold the high half in before masking.
        return h.value ^ (h.value >> 29)
    }

    private mutating func grow() {
        var wider = [Int32](repeating: 0, count: slots.count * 2)
        let mask = wider.count - 1
        for i in hashes.indices {
            var s = Int(truncatingIfNeeded: hashes[i]) & mask
            while wider[s] != 0 { s = (s + 1) & mask }
            wider[s] = Int32(i + 1)
        }
        slots = wider
    }
}
