/// Rows of a shared array grouped by a key, kept as positions into the array: a group is read in
/// the array's order without a second copy of the rows (a national run holds half a million
/// measure rows twice, as published and as the municipalities' own view).
struct RowGroups<Key: Hashable, Row> {
    let rows: [Row]
    private let positions: [Key: [Int32]]

    init(_ rows: [Row], by key: (Row) -> Key) {
        precondition(rows.count <= Int(Int32.max), "too many rows to group")
        var positions: [Key: [Int32]] = [:]
        for (i, r) in rows.enumerated() { positions[key(r), default: []].append(Int32(i)) }
        self.rows = rows
        self.positions = positions
    }

    /// The rows of `key` in array order (empty when there are none).
    subscript(_ key: Key) -> Group { Group(rows: rows, positions: positions[key] ?? []) }

    /// One group: a random-access view of its rows.
    struct Group: RandomAccessCollection {
        let rows: [Row]
        let positions: [Int32]
        var startIndex: Int { 0 }
        var endIndex: Int { positions.count }
        subscript(i: Int) -> Row { rows[Int(positions[i])] }
    }
}
