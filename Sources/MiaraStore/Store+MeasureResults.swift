import Foundation
import MiaraValues

/// The compute stage's derived state (`measure_results`): the rows of one catalogue entry for one
/// period (their text packed, `Deflate`), and the fingerprint of the inputs and settings they
/// were computed from. A night whose
/// fingerprint for an (entry, period) equals the stored one takes the stored rows; the others are
/// computed and stored again (so a night recomputes only what its new files can change).
public enum MeasureResults {
    /// One result to store: the fingerprint and the rows' text, packed as soon as it is made (a
    /// night holds every result it computed until it saves them: 11 MB packed, not 60 MB of text,
    /// on the national inbox).
    public struct Stored: Sendable, Equatable {
        public var fingerprint: String
        /// The length of the rows' text.
        public var bytes: Int
        /// The rows' text, deflated (`Deflate`).
        public var packed: [UInt8]
        public init(fingerprint: String, rows: String) throws {
            let text = Array(rows.utf8)
            self.fingerprint = fingerprint; bytes = text.count; packed = try Deflate.pack(text)
        }
    }

    /// The key of a stored result: the catalogue entry (its position and code) and the period's text.
    public struct Key: Hashable, Sendable {
        public var entry: String
        public var period: String
        public init(entry: String, period: String) { self.entry = entry; self.period = period }
    }

    /// The fingerprints of every stored result (a store without the table, opened read-only
    /// before its migration, has none).
    public static func fingerprints(_ reader: StoreReader) throws -> [Key: String] { try fingerprints(reader.db) }

    static func fingerprints(_ db: SQLiteDatabase) throws -> [Key: String] {
        guard try hasTable(db) else { return [:] }
        var out: [Key: String] = [:]
        try db.forEach("SELECT entry, period, fingerprint FROM measure_results") { st in
            out[Key(entry: st.string(0) ?? "", period: st.string(1) ?? "")] = st.string(2) ?? ""
        }
        return out
    }

    /// The rows' text of a stored result whose fingerprint is `fingerprint` (nil: none such).
    public static func rows(_ c: MeasureConnection, _ key: Key, fingerprint: String) throws -> String? {
        var found: (size: Int, packed: [UInt8])?
        try c.db.forEach("SELECT bytes, packed FROM measure_results WHERE entry = ? AND period = ? AND fingerprint = ?",
                         [.text(key.entry), .text(key.period), .text(fingerprint)]) { st in found = (st.int(0), st.blob(1)) }
        guard let found else { return nil }
        return String(decoding: try Deflate.unpack(found.packed, size: found.size), as: UTF8.self)
    }

    /// Stores `results` (replacing each key's earlier result) and forgets the keys not in `keep`
    /// (entries and periods a night no longer computes), in the writer's transaction.
    public static func save(_ writer: StoreWriter, _ results: [Key: Stored], keep: Set<Key>) throws {
        let db = writer.db
        guard try hasTable(db) else { return }
        func body() throws {
            let known = try fingerprints(db)
            let drop = try db.prepare("DELETE FROM measure_results WHERE entry = ? AND period = ?")
            for k in known.keys where !keep.contains(k) {
                try drop.bind([.text(k.entry), .text(k.period)]); try drop.run(); drop.reset()
            }
            let put = try db.prepare("INSERT OR REPLACE INTO measure_results (entry, period, fingerprint, bytes, packed) VALUES (?, ?, ?, ?, ?)")
            for (k, r) in results.sorted(by: { ($0.key.entry, $0.key.period) < ($1.key.entry, $1.key.period) }) {
                try put.bind([.text(k.entry), .text(k.period), .text(r.fingerprint), .integer(Int64(r.bytes))])
                try put.bindBlob(r.packed, at: 5)
                try put.run(); put.reset()
            }
        }
        try body()
    }

    static func hasTable(_ db: SQLiteDatabase) throws -> Bool {
        try db.hasTable("measure_results")
    }
}

/// What the stored rows of every dataset are, in a few numbers: a digest per dataset, and per
/// month for the datasets whose rows are dated (`monthColumns`), so that a fingerprint can name
/// the inputs of one period alone.
///
/// Staging only grows and a staged row never changes (its values are fixed when its file is
/// read), so the set of accepted row ids is the dataset's content: the digest is the count, the
/// sum and a sum of a multiplicative hash of those ids (survey responses, which are derived
/// again whole, also sum their files and lines).
public struct MeasureInputDigests: Sendable, Equatable {
    /// Datasets whose rows are dated, with the SQL expression of a row's day (ISO text): a measure
    /// reads such a dataset only within its period (SPEC 5 — services on a date in P, costs of a
    /// month that starts in P, benefits granted in P, audits dated in P), so a period's results
    /// depend on the months it overlaps and on no other. Each one's day is part of its key (a row
    /// replaces only a row of its own month: `StoredInputDigests.advance` relies on it).
    public static let monthColumns: [(table: String, day: String)] = [
        ("services", "day"), ("costs", "month || '-01'"), ("benefits", "date_from"), ("audits", "date"),
    ]

    /// The tables of the questionnaire maps' items, with their columns: read by the survey
    /// measures with `survey_responses`, and digested whole beside it.
    public static let itemTables: [(table: String, columns: String)] = [
        ("survey_items", "survey_group, item, dimension, questionnaire"),
        ("questionnaire_items", "questionnaire, survey_group, item, dimension"),
    ]

    /// The digest of each dataset table as a whole (`survey_responses` and `itemTables` for the
    /// surveys).
    public var whole: [String: String] = [:]
    /// The digest of each month ("YYYY-MM") of the dated datasets; a month without rows has none.
    public var months: [String: [String: String]] = [:]
    /// The datasets whose digests were read from their rows now, with their generation
    /// (`StoredInputDigests`): what `save` keeps for the nights after.
    var readNow: [String: Int] = [:]

    public init() {}

    /// The same digests (whichever were read from the rows and whichever from the store).
    public static func == (a: MeasureInputDigests, b: MeasureInputDigests) -> Bool { a.whole == b.whole && a.months == b.months }

    /// Reads the digests of every dataset of the store: a dataset's from the store
    /// (`input_digests`) when they were read at its current generation, else from its rows.
    public static func read(_ reader: StoreReader) throws -> MeasureInputDigests { try read(reader.db) }

    /// As `read(_:)` with the datasets read from their rows spread over the measures'
    /// connections, which share one snapshot (a first national night reads them all: the
    /// services' months on one connection, the rest on the other).
    public static func read(_ measures: MeasureConnections) throws -> MeasureInputDigests {
        try read(measures.connections.map(\.db))
    }

    static func read(_ db: SQLiteDatabase, stored useStored: Bool = true) throws -> MeasureInputDigests {
        try read([db], stored: useStored)
    }

    /// One dataset's digests read from its rows.
    private enum Reading: Sendable {
        case whole(table: String), responses, items(table: String, columns: String), months(table: String, day: String)

        var table: String {
            switch self {
            case .whole(let t), .items(let t, _), .months(let t, _): return t
            case .responses: return "survey_responses"
            }
        }
    }

    /// Reads the digests with the connections `dbs` (one snapshot), each dataset to read from its
    /// rows a piece of work of its own, the largest first; the result does not depend on which
    /// connection read what.
    static func read(_ dbs: [SQLiteDatabase], stored useStored: Bool = true) throws -> MeasureInputDigests {
        var d = MeasureInputDigests()
        let kept = useStored ? try StoredInputDigests.read(dbs[0]) : StoredInputDigests()
        let dated = Set(monthColumns.map(\.table))
        var readings: [Reading] = []
        for (table, day) in monthColumns {
            if let m = kept.months(table) { d.months[table] = m } else { readings.append(.months(table: table, day: day)) }
        }
        for spec in Datasets.all where !dated.contains(spec.table) {
            if let w = kept.whole(spec.table) { d.whole[spec.table] = w } else { readings.append(.whole(table: spec.table)) }
        }
        if let w = kept.whole("survey_responses") { d.whole["survey_responses"] = w } else { readings.append(.responses) }
        // The items of the questionnaire maps (no row ids: tables keyed by their text), which the
        // survey measures read beside the responses: a map's items can change without a response
        // changing (a survey file whose every row is rejected still brings its map).
        for (table, columns) in itemTables { readings.append(.items(table: table, columns: columns)) }
        let read = WorkPool.map(readings, workers: dbs) { db, r in try Self.read(r, on: db) }
        for (r, result) in zip(readings, read) {
            switch try result.get() {
            case .whole(let digest): d.whole[r.table] = digest
            case .months(let months): d.months[r.table] = months
            }
            if case .items = r {} else { d.readNow[r.table] = kept.generations[r.table] }
        }
        return d
    }

    /// What one reading gives: a whole table's digest or a dated one's month digests.
    private enum Read: Sendable { case whole(String), months([String: String]) }

    private static func read(_ r: Reading, on db: SQLiteDatabase) throws -> Read {
        let hash = "(row_id * 2654435761) % 4294967291"
        switch r {
        case .whole(let table):
            let row = try db.query("SELECT count(*), coalesce(sum(row_id), 0), coalesce(sum(\(hash)), 0) FROM \(table)").first ?? []
            return .whole(row.map { "\($0.int ?? 0)" }.joined(separator: ":"))
        case .responses:
            let row = try db.query("""
                SELECT count(*), coalesce(sum(id), 0), coalesce(sum((id * 2654435761) % 4294967291), 0),
                       coalesce(sum(file_id), 0), coalesce(sum(line), 0), coalesce(sum((file_id * 1000003 + line) % 4294967291), 0)
                FROM survey_responses
                """).first ?? []
            return .whole(row.map { "\($0.int ?? 0)" }.joined(separator: ":"))
        case .items(let table, let columns):
            var text = ""
            try db.forEach("SELECT \(columns) FROM \(table) ORDER BY \(columns)") { st in
                text += (0..<st.columnCount).map { st.string($0) ?? "" }.joined(separator: "\u{1F}") + "\n"
            }
            return .whole(FileScan.sha256(Data(text.utf8)))
        case .months(let table, let day):
            return .months(try monthDigests(db, table: table, day: day))
        }
    }

    /// The digest of each month of a dated table's rows (the months without rows have none);
    /// with `only`, of those months alone, read in one statement over the days from the first of
    /// them to the last (a range of the read index where the table has one; else one scan of
    /// the table, however many months — a bulk load builds its read index after the derivation).
    static func monthDigests(_ db: SQLiteDatabase, table: String, day: String, only: [String]? = nil) throws -> [String: String] {
        let hash = "(row_id * 2654435761) % 4294967291"
        var months: [String: (Int64, Int64, Int64)] = [:]
        // Grouped by day (the services' read index is in day order), added up per month here.
        let grouped = "SELECT \(day) AS d, count(*), sum(row_id), sum(\(hash)) FROM \(table)"
        func add(_ st: Statement) {
            guard let day = st.string(0), day.utf8.count >= 7 else { return }
            let m = String(day.prefix(7))
            let a = months[m] ?? (0, 0, 0)
            months[m] = (a.0 &+ Int64(st.int(1)), a.1 &+ Int64(st.int(2)), a.2 &+ Int64(st.int(3)))
        }
        if let only {
            let wanted = Set(only.filter { $0.utf8.count == 7 })
            guard let first = wanted.min(), let last = wanted.max() else { return [:] }
            // A month's days are the texts from "YYYY-MM" up to (not including) "YYYY-MM" + U+007F.
            try db.forEach(grouped + " WHERE d >= ?1 AND d < ?2 || char(127) GROUP BY d", [.text(first), .text(last)], add)
            months = months.filter { wanted.contains($0.key) }
        } else {
            try db.forEach(grouped + " GROUP BY d", [], add)
        }
        return months.mapValues { "\($0.0):\($0.1):\($0.2)" }
    }

    /// The lines a fingerprint takes for `tables` over the days [first, last]: the whole digest of
    /// an undated table, the digest of each month of [first, last] of a dated one.
    public func lines(tables: [String], first: Day, last: Day) -> [String] {
        var out: [String] = []
        let firstMonth = String(first.iso.prefix(7)), lastMonth = String(last.iso.prefix(7))
        for t in tables {
            if let months = months[t] {
                for m in months.keys.sorted() where m >= firstMonth && m <= lastMonth { out.append("\(t) \(m) \(months[m]!)") }
            } else {
                out.append("\(t) \(whole[t] ?? "-")")
            }
        }
        return out
    }
}
