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

extension Array where Element == String {
    /// True when these fields sort before `other`'s, field by field in `bytewiseCompare` order (a
    /// key that is a prefix of the other sorts first): the order of a multi-column SQLite
    /// `ORDER BY` under BINARY collation.
    public func bytewisePrecedes(_ other: [String]) -> Bool {
        for (x, y) in zip(self, other) {
            let c = x.bytewiseCompare(y)
            if c != 0 { return c < 0 }
        }
        return count < other.count
    }
}

extension Sequence where Element == String {
    /// These texts sorted by their UTF-8 bytes (`bytewiseCompare`).
    public func sortedBytewise() -> [String] { sorted { $0.bytewisePrecedes($1) } }
}
