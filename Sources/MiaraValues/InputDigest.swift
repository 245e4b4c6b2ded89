import Crypto
import Foundation

/// A SHA-256 over a sequence of typed values, for "what was this output built from": every value
/// enters with a type tag and, for texts, its length, so two different sequences never give the
/// same byte stream (`"ab", "c"` and `"a", "bc"` differ; `nil` differs from `0` and from `""`).
/// Numbers enter as their exact bits. The bytes are hashed in 64 KiB blocks: adding a field costs
/// a few stores, not a hasher call.
public struct InputDigest {
    private var hasher = SHA256()
    private var buffer: [UInt8] = []

    /// Starts a digest with a format tag (bump it when the meaning of the fields changes).
    public init(_ format: String) {
        buffer.reserveCapacity(1 << 16)
        add(format)
    }

    public mutating func add(_ text: String) {
        var t = text
        t.withUTF8 { bytes in
            tag(0x53, UInt64(bytes.count))
            buffer.append(contentsOf: bytes)
        }
        flushIfFull()
    }

    public mutating func add(_ text: String?) {
        if let text { add(text) } else { buffer.append(0x00) }
    }

    public mutating func add(_ n: Int) { tag(0x49, UInt64(bitPattern: Int64(n))); flushIfFull() }

    public mutating func add(_ n: Int?) {
        if let n { add(n) } else { buffer.append(0x00) }
    }

    public mutating func add(_ x: Double) { tag(0x44, x.bitPattern); flushIfFull() }

    public mutating func add(_ x: Double?) {
        if let x { add(x) } else { buffer.append(0x00) }
    }

    public mutating func add(_ b: Bool) { buffer.append(b ? 0x54 : 0x46) }

    /// Another digest's value (a part computed once and shared by several digests).
    public mutating func add(digest hex: String) { add("#" + hex) }

    /// The lower-case hex SHA-256 of everything added.
    public mutating func finish() -> String {
        hasher.update(data: buffer)
        buffer.removeAll(keepingCapacity: false)
        return Hex.encode(hasher.finalize())
    }

    private mutating func tag(_ t: UInt8, _ value: UInt64) {
        buffer.append(t)
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func flushIfFull() {
        if buffer.count >= 1 << 16 {
            hasher.update(data: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
