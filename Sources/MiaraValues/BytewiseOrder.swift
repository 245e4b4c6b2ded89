import Foundation

extension String {
    /// -1, 0 or 1 as this text's UTF-8 bytes sort before, equal or after `other`'s: the order of
    /// SQLite's BINARY collation and of `sort` in the C locale (Swift's own `<` and `==` compare
    /// by Unicode canonical equivalence instead).
    public func bytewiseCompare(_ other: String) -> Int {
        var x = self, y = other
        return x.withUTF8 { p in
            y.withUTF8 { q in
                let n = min(p.count, q.count)
                if n > 0 {
                    let c = memcmp(p.baseAddress!, q.baseAddress!, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return p.count == q.count ? 0 : (p.count < q.count ? -1 : 1)
            }
        }
    }

    /// True when this text's UTF-8 bytes sort before `other`'s (`bytewiseCompare`).
    public func bytewisePrecedes(_ other: String) -> Bool { bytewiseCompare(other) < 0 }
}
