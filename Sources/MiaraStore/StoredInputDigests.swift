import MiaraValues

/// The measures' input digests as the store keeps them between nights (`input_digests`), each
/// dataset's with the generation of the dataset it was read at (`derivations.generation`, counted
/// up by every derivation that may change the dataset's accepted rows). A night takes a dataset's
/// stored digests when its generation is still the same, and reads the others from their rows
/// (the services' scan alone is about a second on a national store).
struct StoredInputDigests {
    /// The current generation of each dataset that has been derived.
    var generations: [String: Int] = [:]
    /// Per dataset: the generation its digests were read at, and the digests (month '' holds a
    /// whole table's digest, and marks a dated one as read).
    var stored: [String: (generation: Int, digests: [String: String])] = [:]

    /// Nothing stored: every digest is read from the rows.
    init() {}

    /// The store's generations and stored digests (none from a store before migration v18).
    static func read(_ db: SQLiteDatabase) throws -> StoredInputDigests {
        var s = StoredInputDigests()
        guard try hasTable(db) else { return s }
        try db.forEach("SELECT dataset, generation FROM derivations") { st in
            s.generations[st.string(0) ?? ""] = st.int(1)
        }
        try db.forEach("SELECT dataset, month, generation, digest FROM input_digests") { st in
            let table = st.string(0) ?? "", generation = st.int(2)
            var entry = s.stored[table] ?? (generation, [:])
            // One generation per dataset as saved; a mixture (never written) reads the rows again.
            if entry.generation != generation { entry.generation = -1 }
            entry.digests[st.string(1) ?? ""] = st.string(3) ?? ""
            s.stored[table] = entry
        }
        return s
    }

    /// The stored digests of `table` when they were read at its current generation.
    private func current(_ table: String) -> [String: String]? {
        guard let g = generations[table], let s = stored[table], s.generation == g, s.digests[""] != nil else { return nil }
        return s.digests
    }

    /// The stored whole digest of an undated table, if current.
    func whole(_ table: String) -> String? { current(table)?[""] }

    /// The stored month digests of a dated table, if current.
    func months(_ table: String) -> [String: String]? { current(table)?.filter { !$0.key.isEmpty } }

    /// Keeps the digests `d` read from the rows now, with the generation they were read at.
    static func save(_ db: SQLiteDatabase, _ d: MeasureInputDigests) throws {
        guard try hasTable(db), !d.readNow.isEmpty else { return }
        let drop = try db.prepare("DELETE FROM input_digests WHERE dataset = ?")
        let put = try db.prepare("INSERT INTO input_digests (dataset, month, generation, digest) VALUES (?, ?, ?, ?)")
        for (table, generation) in d.readNow.sorted(by: { $0.key < $1.key }) {
            try drop.bind([.text(table)]); try drop.run(); drop.reset()
            var rows = [("", d.whole[table] ?? "")]
            if let months = d.months[table] { rows += months.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
            for (month, digest) in rows {
                try put.bind([.text(table), .text(month), .integer(Int64(generation)), .text(digest)])
                try put.run(); put.reset()
            }
        }
    }

    static func hasTable(_ db: SQLiteDatabase) throws -> Bool {
        try db.hasTable("input_digests")
    }
}

extension MeasureInputDigests {
    /// Keeps the digests read from the rows this night for the nights after (in the writer's
    /// transaction); those taken from the store are kept as they are.
    public func save(_ writer: StoreWriter) throws { try StoredInputDigests.save(writer.db, self) }
}
