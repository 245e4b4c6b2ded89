import Foundation

/// A string's UTF-8 bytes read in place: the checks ingest runs on every cell (dates, integers,
/// identifiers) look at bytes without copying them to an array first.
public enum UTF8Bytes {
    /// Calls `body` with the UTF-8 bytes of `s` (a native string's own storage, or a copy on the
    /// stack for a small one; an array only for a bridged string without contiguous storage).
    @inline(__always) public static func with<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return try Array(s.utf8).withUnsafeBufferPointer(body)
    }

    /// True when `s` holds a NUL byte.
    public static func containsNUL(_ s: String) -> Bool {
        with(s) { b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }
    }

    /// `s` in lower case when it is ASCII (only `A`–`Z` change, as `lowercased()` does for ASCII
    /// text), built without the Unicode tables; nil when `s` holds a non-ASCII byte.
    public static func asciiLowercased(_ s: String) -> String? {
        with(s) { b -> String? in
            var upper = false
            for c in b {
                if c >= 0x80 { return nil }
                if c >= 65 && c <= 90 { upper = true }
            }
            if !upper { return s }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for i in 0..<b.count { let c = b[i]; out[i] = c >= 65 && c <= 90 ? c + 32 : c }
                return b.count
            }
        }
    }
}
