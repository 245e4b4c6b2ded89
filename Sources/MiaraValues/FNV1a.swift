/// FNV-1a, 64 bits: a fast hash of short byte strings (not for secrets: the SHA-256 of
/// `FileScan` is for what must not collide).
public struct FNV1a {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    public mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    public mutating func add(_ b: UnsafeBufferPointer<UInt8>) { for x in b { add(x) } }
    public mutating func add(_ s: String) { for x in s.utf8 { add(x) } }
    /// The 64 bits folded to 32.
    public var value32: UInt32 { UInt32(truncatingIfNeeded: value ^ (value >> 32)) }
}
