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

    /// After a derivation added the rows staged after row `since` to the dated `table` and moved
    /// its generation on by one (`Derivation.append`): when the stored digests were read at the
    /// generation before, those of the months the added rows fall in are read again from the
    /// rows and every digest of the table is marked current, so the next night reads none of its
    /// other months (national services: one month instead of a 1.3 s scan of 3.3 M rows).
    ///
    /// Only those months can have changed: an append accepts rows after `since` and holds back
    /// the earlier rows they replace, which share their key, and a dated table's key holds its
    /// day (`MeasureInputDigests.monthColumns`). Otherwise it does nothing: the next night reads
    /// the table's rows whole.
    static func advance(_ db: SQLiteDatabase, table: String, since: Int) throws {
        guard try hasTable(db), let day = MeasureInputDigests.monthColumns.first(where: { $0.table == table })?.day else { return }
        let kept = try read(db)
        guard let generation = kept.generations[table], let s = kept.stored[table], s.generation == generation - 1,
              s.digests[""] != nil else { return }
        var touched: [String] = []
        try db.forEach("SELECT DISTINCT substr(\(day), 1, 7) FROM staged_\(table) WHERE row_id > ?", [.integer(Int64(since))]) { st in
            if let m = st.string(0) { touched.append(m) }
        }
        let now = try MeasureInputDigests.monthDigests(db, table: table, day: day, only: touched)
        try db.execute("UPDATE input_digests SET generation = ? WHERE dataset = ?", [.integer(Int64(generation)), .text(table)])
        let drop = try db.prepare("DELETE FROM input_digests WHERE dataset = ? AND month = ?")
        let put = try db.prepare("INSERT INTO input_digests (dataset, month, generation, digest) VALUES (?, ?, ?, ?)")
        for m in Set(touched).sorted() {
            try drop.bind([.text(table), .text(m)]); try drop.run(); drop.reset()
            guard let digest = now[m] else { continue }
            try put.bind([.text(table), .text(m), .integer(Int64(generation)), .text(digest)]); try put.run(); put.reset()
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
