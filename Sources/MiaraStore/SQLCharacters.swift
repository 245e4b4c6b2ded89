/// Characters of a text's bytes counted as SQLite's `substr` and `length` count them: a byte from
/// 0xC0 up starts a character that takes the continuation bytes (0x80–0xBF) after it; any other
/// byte is a character of its own. A row read as it is and cut in Swift gives the text SQL's
/// `substr` would, without the function call per row.
enum SQLCharacters {
    /// The first `n` characters of `b` (SQL's `substr(b, 1, n)`) and how many characters `b` has,
    /// counted up to `n + 1` (`n + 1`: more than `n`).
    static func first(_ n: Int, of b: UnsafeBufferPointer<UInt8>) -> (prefix: UnsafeBufferPointer<UInt8>, count: Int) {
        var i = 0, count = 0
        while i < b.count {
            if count == n { return (UnsafeBufferPointer(rebasing: b[..<i]), n + 1) }
            let c = b[i]
            i += 1; count += 1
            if c >= 0xC0 { while i < b.count && b[i] & 0xC0 == 0x80 { i += 1 } }
        }
        return (b, count)
    }
}
