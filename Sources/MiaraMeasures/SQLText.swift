import MiaraValues

/// A text compared and hashed by its UTF-8 bytes, as SQLite's BINARY collation tells texts apart
/// (Swift's `String ==` treats canonically equivalent texts as equal: "ó" composed or decomposed).
struct SQLText: Hashable {
    let string: String
    init(_ string: String) { self.string = string }

    static func == (a: SQLText, b: SQLText) -> Bool { a.string.bytewiseCompare(b.string) == 0 }

    func hash(into h: inout Hasher) {
        var s = string
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
