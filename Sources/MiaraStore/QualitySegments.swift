import Foundation
import MiaraValues

/// The data-quality counts of the workbooks (SPEC 9.2, "Data quality") kept per segment of each
/// dataset as derived state (`quality_segments`), so that a night reads again only the rows of
/// the segments its new files changed.
///
/// A segment is a dataset table whole, or one month of a dated one (`MeasureInputDigests.monthColumns`:
/// services by day, costs by month, benefits by their first day, audits by date). Its counts:
/// - per file, the accepted rows whose optional columns are empty (NULL), per column;
/// - per file, the municipalities its accepted rows name (`Owner`: the row's own TERYT, or its
///   facility's, contract's, person's or provider's), what `FileOwnership` reads;
/// - per event column (`events`), per municipality of the row's facility, the accepted rows in each
///   timeliness bucket (`bucket(days:)`) of the days from the event (a full ISO date; a date given
///   as a month is left out) to the night its file was read.
///
/// The counts of a segment are a function of its accepted rows — staging only grows and a staged
/// row never changes, so the set of its row ids (`MeasureInputDigests`: a count, a sum and a sum
/// of a hash) names them —, of the tables the owners and the events' municipalities are read
/// from (`Owner.dependencies`), of the night of each of its files (checked file by file on every
/// read: the as-of date of the run that read the file, else the report's as-of), and of the tool
/// (`Reuse.settings`). A stored segment whose fingerprint and nights are current is taken as it
/// is; the others are counted again from the store. Without `Reuse` (no digests at hand) every
/// segment is counted from one pass over each table, nothing is stored.
public enum QualitySegments {
    static let format = "miara-quality-segments/1"

    /// The event dates the timeliness table counts, in the sheet's order: stays admitted and
    /// discharged, services date, audits date (each read with the row's `facility_id`).
    public static let events: [(dataset: String, column: String)] = [
        ("ngo/stays", "admitted"), ("ngo/stays", "discharged"), ("ngo/services", "date"), ("ngo/audits", "date"),
    ]

    /// The timeliness bucket of a delay: 0, 1–3, 4–6, 7–10, 11+ days (an event dated after the
    /// night counts as 0; a delay that cannot be computed falls in the last bucket).
    public static func bucket(days: Double?) -> Int {
        guard let d = days else { return 4 }
        return d <= 0 ? 0 : d <= 3 ? 1 : d <= 6 ? 2 : d <= 10 ? 3 : 4
    }

    /// Whom a dataset's row names: its own `teryt`, or the municipalities of its facility,
    /// contract, person or provider (every accepted row of that id, as a join would), or nobody.
    enum Owner {
        case none, teryt, facility, contract, person, provider

        static func of(_ table: String) -> Owner {
            switch table {
            case "municipalities", "persons", "facilities", "contracts", "benefits", "staff": return .teryt
            case "stays", "services", "audits": return .facility
            case "costs": return .contract
            case "programmes": return .person
            case "providers": return .provider
            default: return .none
            }
        }

        /// The column of the row that names it.
        var column: String? {
            switch self {
            case .none: return nil
            case .teryt: return "teryt"
            case .facility: return "facility_id"
            case .contract: return "contract_id"
            case .person: return "person_id"
            case .provider: return "provider_id"
            }
        }

        /// The tables the owners are read from.
        var dependencies: [String] {
            switch self {
            case .none, .teryt: return []
            case .facility: return ["facilities"]
            case .contract: return ["contracts"]
            case .person: return ["persons"]
            case .provider: return ["facilities", "contracts"]
            }
        }
    }

    /// A segment: a dataset table and `""` (the whole table) or a month `YYYY-MM`.
    public struct Key: Hashable, Sendable, Comparable {
        public var table: String
        public var segment: String
        public init(table: String, segment: String) { self.table = table; self.segment = segment }
        public static func < (a: Key, b: Key) -> Bool { (a.table, a.segment) < (b.table, b.segment) }
    }

    /// The counts of one segment (or, summed, of the whole store).
    public struct Counts: Equatable, Sendable {
        /// file id → accepted rows whose optional column is empty, per optional column of the
        /// dataset (its order); every file with an accepted row in the segment has an entry.
        public var empty: [Int: [Int]] = [:]
        /// file id → the municipalities its accepted rows name.
        public var owners: [Int: Set<String>] = [:]
        /// position in `events` → TERYT of the row's facility ("" when it has none) → rows per bucket.
        public var timeliness: [Int: [String: [Int]]] = [:]
        /// file id → the night its rows' delays were counted from (files of the event datasets).
        public var nights: [Int: String] = [:]
        public init() {}
    }

    /// What a night may reuse: the settings every segment depends on (the caller's: the tool) and
    /// the store's input digests of this snapshot.
    public struct Reuse: Sendable {
        public let settings: String
        public let digests: MeasureInputDigests
        public init(settings: String, digests: MeasureInputDigests) { self.settings = settings; self.digests = digests }
    }

    /// One segment counted now, to store.
    public struct Fresh: Sendable, Equatable {
        public let key: Key
        public let fingerprint: String
        public let counts: Counts
    }

    /// The counts of every dataset of the store (summed over segments) and, by table, the empty
    /// counts per file.
    public struct Loaded: Sendable {
        /// table → file id → empty rows per optional column of the dataset.
        public var empty: [String: [Int: [Int]]] = [:]
        /// file id → the municipalities its accepted rows name (survey responses aside).
        public var owners: [Int: Set<String>] = [:]
        /// TERYT → per event of `events`, rows per bucket.
        public var timeliness: [String: [[Int]]] = [:]
        /// The segments counted now, with their fingerprints (empty without `Reuse`).
        public var fresh: [Fresh] = []
        /// Every segment the store has now (what `save` keeps).
        public var current: Set<Key> = []
        /// The segments taken from the store.
        public var reused: [Key] = []
        public init() {}
    }

    /// The counts of every dataset: with `reuse`, the stored segments that are current and the
    /// others counted again; without, every table counted. `asOf`: the night of a file no
    /// recorded run read.
    public static func load(_ db: StoreReader, asOf: String, reuse: Reuse?) throws -> Loaded {
        let nights = try nightsOfFiles(db, asOf: asOf)
        var out = Loaded()
        var stored: [Key: (fingerprint: String, counts: Counts)] = [:]
        if reuse != nil, try hasTable(db) {
            try db.forEach("SELECT dataset, segment, fingerprint, bytes, packed FROM quality_segments") { st in
                let key = Key(table: st.string(0) ?? "", segment: st.string(1) ?? "")
                // A segment that cannot be read is counted again.
                guard let text = try? Deflate.unpack(st.blob(4), size: st.int(3)), let counts = Counts(text: text) else { return }
                stored[key] = (st.string(2) ?? "", counts)
            }
        }
        var counter = QualityCounter(db: db, nights: nights)
        for spec in Datasets.all where QualityCounter.hasCounts(spec) {
            let dated = MeasureInputDigests.monthColumns.first { $0.table == spec.table }
            var wanted: Set<String>? = nil   // nil: every segment of the table
            var fingerprints: [String: String] = [:]
            if let reuse {
                let segments = dated == nil ? [""] : (reuse.digests.months[spec.table] ?? [:]).keys.sorted()
                var missing: Set<String> = []
                for s in segments {
                    let key = Key(table: spec.table, segment: s)
                    let f = fingerprint(key, reuse: reuse)
                    fingerprints[s] = f
                    out.current.insert(key)
                    if let known = stored[key], known.fingerprint == f, known.counts.nights.allSatisfy({ nights[$0.key] == $0.value }) {
                        add(known.counts, table: spec.table, to: &out)
                        out.reused.append(key)
                    } else {
                        missing.insert(s)
                    }
                }
                if missing.isEmpty { continue }
                wanted = missing
            }
            for (segment, counts) in try counter.count(spec, day: dated?.day, segments: wanted) {
                add(counts, table: spec.table, to: &out)
                if let f = fingerprints[segment] { out.fresh.append(Fresh(key: Key(table: spec.table, segment: segment), fingerprint: f, counts: counts)) }
            }
        }
        out.fresh.sort { $0.key < $1.key }
        return out
    }

    /// Stores the segments counted now (`fresh`), replacing their earlier counts, and forgets the
    /// segments not in `keep`, in the writer's transaction.
    public static func save(_ writer: StoreWriter, fresh: [Fresh], keep: Set<Key>) throws {
        guard try hasTable(writer) else { return }
        var known: [Key] = []
        try writer.forEach("SELECT dataset, segment FROM quality_segments") { st in known.append(Key(table: st.string(0) ?? "", segment: st.string(1) ?? "")) }
        let drop = try writer.prepare("DELETE FROM quality_segments WHERE dataset = ?1 AND segment = ?2")
        for k in known where !keep.contains(k) {
            drop.reset(); try drop.bind([.text(k.table), .text(k.segment)]); try drop.run()
        }
        let put = try writer.prepare("INSERT OR REPLACE INTO quality_segments (dataset, segment, fingerprint, bytes, packed) VALUES (?1, ?2, ?3, ?4, ?5)")
        for f in fresh {
            // Counts whose texts cannot be written (a separator in a TERYT) are not kept: counted every night.
            guard let text = f.counts.text else { continue }
            put.reset()
            try put.bind([.text(f.key.table), .text(f.key.segment), .text(f.fingerprint), .integer(Int64(text.count))])
            try put.bindBlob(try Deflate.pack(text), at: 5)
            try put.run()
        }
    }

    /// The fingerprint of a segment: the format, the settings, the segment's digest and the
    /// digests of the tables its owners and events' municipalities are read from.
    static func fingerprint(_ key: Key, reuse: Reuse) -> String {
        var d = InputDigest(format)
        d.add(reuse.settings)
        d.add(key.table); d.add(key.segment)
        let own = key.segment.isEmpty ? reuse.digests.whole[key.table] : reuse.digests.months[key.table]?[key.segment]
        d.add(own ?? "-")
        var deps = Owner.of(key.table).dependencies
        if events.contains(where: { Datasets.named($0.dataset)?.table == key.table }) { deps.append("facilities") }
        for t in Set(deps).sorted() { d.add(t); d.add(reuse.digests.whole[t] ?? "-") }
        return d.finish()
    }

    /// The night each file was read: the as-of date of the run that read it, else `asOf`.
    static func nightsOfFiles(_ db: StoreReader, asOf: String) throws -> [Int: String] {
        var out: [Int: String] = [:]
        try db.forEach("SELECT fl.id, coalesce((SELECT r.as_of FROM runs r WHERE r.run_id = fl.run_id), ?1) FROM files fl",
                       [.text(asOf)]) { st in out[st.int(0)] = st.string(1) ?? "" }
        return out
    }

    static func add(_ c: Counts, table: String, to out: inout Loaded) {
        for (file, counts) in c.empty {
            if let known = out.empty[table]?[file] { out.empty[table]![file] = zip(known, counts).map(+) }
            else { out.empty[table, default: [:]][file] = counts }
        }
        for (file, teryts) in c.owners { out.owners[file, default: []].formUnion(teryts) }
        for (event, byTeryt) in c.timeliness {
            for (teryt, buckets) in byTeryt {
                var rows = out.timeliness[teryt] ?? Array(repeating: [0, 0, 0, 0, 0], count: events.count)
                for b in 0..<5 { rows[event][b] += buckets[b] }
                out.timeliness[teryt] = rows
            }
        }
    }

    static func hasTable(_ db: StoreReader) throws -> Bool {
        try db.db.hasTable("quality_segments")
    }
}

/// Counts the segments of a dataset from its accepted rows (one pass, or one read of the day
/// index per month when a few months of services are asked for).
struct QualityCounter {
    let db: StoreReader
    let nights: [Int: String]
    /// id → the TERYT of every accepted row of that id (nil: the row has none), per owner table.
    private var terytsByID: [String: [[UInt8]: [String?]]] = [:]
    private let julian: JulianDays

    init(db: StoreReader, nights: [Int: String]) { self.db = db; self.nights = nights; julian = JulianDays(db) }

    /// Whether a dataset has anything to count: an optional column, an owner or an event date.
    static func hasCounts(_ spec: DatasetSpec) -> Bool {
        spec.columns.contains { !$0.required } || QualitySegments.Owner.of(spec.table) != .none
            || QualitySegments.events.contains { $0.dataset == spec.name }
    }

    /// Months of services read through the day index, one at a time, up to this many; more are
    /// read in one pass over the table.
    static let monthReadsAtMost = 3

    /// The counts of the segments of `spec` in `segments` (nil: every segment), by segment (`""`
    /// for an undated table; `day`: the SQL of a row's day for a dated one).
    mutating func count(_ spec: DatasetSpec, day: String?, segments: Set<String>?) throws -> [(String, QualitySegments.Counts)] {
        let owner = QualitySegments.Owner.of(spec.table)
        let optional = spec.columns.filter { !$0.required }.map(\.name)
        let eventColumns = QualitySegments.events.enumerated().filter { Datasets.named($0.element.dataset)?.table == spec.table }
        // The day and the event dates are read as they are: the segment is the day's first seven
        // characters and an event date one of ten characters (`Accumulator.add`), which SQL's
        // `substr` and `length` took a second to tell over the national services.
        var columns = ["file_id", day ?? "''", owner.column.map { "\"\($0)\"" } ?? "NULL"]
        if !eventColumns.isEmpty { columns.append("facility_id") }
        for e in eventColumns { columns.append("\"\(e.element.column)\"") }
        for c in optional { columns.append("\"\(c)\" IS NULL") }
        let select = "SELECT " + columns.joined(separator: ", ") + " FROM \(spec.table)"

        var acc = Accumulator(optional: optional.count, events: eventColumns.count, nights: nights, julian: julian)
        if let segments, spec.table == "services", segments.count <= Self.monthReadsAtMost {
            // A month of services through the day index (the read index `services_day`).
            let st = try db.prepare(select + " WHERE day >= ?1 AND day < ?2")
            for m in segments.sorted() {
                st.reset()
                try st.bind([.text(m), .text(Self.after(m))])
                while try st.step() { acc.add(st) }
            }
        } else {
            // The rowid range (always true) makes SQLite read the table in storage order.
            try db.forEach(select + " WHERE row_id >= -9223372036854775808") { acc.add($0) }
        }
        acc.flush()
        if let failure = julian.failure { throw failure }
        var out: [(String, QualitySegments.Counts)] = []
        for (n, s) in acc.segments.enumerated() where segments?.contains(acc.segmentTexts.texts[n]) ?? true {
            out.append((acc.segmentTexts.texts[n], try finish(s, owner: owner, owners: acc.ownerTexts.texts, facilities: acc.facilityTexts.texts,
                                                              eventPositions: eventColumns.map(\.offset))))
        }
        // A segment asked for without rows left (every row of the month replaced) counts nothing.
        for s in segments ?? [] where !out.contains(where: { $0.0 == s }) { out.append((s, QualitySegments.Counts())) }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The least text after every text that starts with `prefix` (its last byte plus one).
    static func after(_ prefix: String) -> String {
        var bytes = Array(prefix.utf8)
        bytes[bytes.count - 1] += 1
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func finish(_ s: Accumulator.Segment, owner: QualitySegments.Owner, owners: [String], facilities: [String],
                                 eventPositions: [Int]) throws -> QualitySegments.Counts {
        var c = QualitySegments.Counts()
        c.empty = s.empty
        if owner == .teryt {
            for (file, ids) in s.owners { c.owners[file] = Set(ids.map { owners[$0] }) }
        } else if owner != .none {
            let maps = try owner.dependencies.map { try teryts(of: owner, in: $0) }
            for (file, ids) in s.owners {
                var set: Set<String> = []
                for id in ids { for m in maps { for t in m[Array(owners[id].utf8)] ?? [] { if let t { set.insert(t) } } } }
                if !set.isEmpty { c.owners[file] = set }
            }
        }
        if !eventPositions.isEmpty {
            let facilityTeryts = try teryts(of: .facility, in: "facilities")
            for (e, groups) in s.events.enumerated() {
                var byTeryt: [String: [Int]] = [:]
                for (k, n) in groups {
                    guard let night = nights[k.file], let teryts = facilityTeryts[Array(facilities[k.facility].utf8)] else { continue }
                    c.nights[k.file] = night
                    for t in teryts { byTeryt[t ?? "", default: [0, 0, 0, 0, 0]][k.bucket] += n }
                }
                if !byTeryt.isEmpty { c.timeliness[eventPositions[e]] = byTeryt }
            }
        }
        return c
    }

    /// id → TERYT of every accepted row of that id in `table` (a facility, contract, person or
    /// provider id), the ids told apart by their bytes as the store's joins do.
    private mutating func teryts(of owner: QualitySegments.Owner, in table: String) throws -> [[UInt8]: [String?]] {
        let column = owner == .provider ? "provider_id" : owner.column!
        let key = table + "." + column
        if let known = terytsByID[key] { return known }
        var out: [[UInt8]: [String?]] = [:]
        try db.forEach("SELECT \"\(column)\", teryt FROM \(table) WHERE \"\(column)\" IS NOT NULL") { st in
            out[Array(st.textBytes(0)!), default: []].append(st.string(1))
        }
        terytsByID[key] = out
        return out
    }

}

/// SQLite's `julianday` of texts (nil when it cannot read one as a date), each asked once; the
/// first error is kept for the caller to throw once the rows are read.
final class JulianDays {
    let db: StoreReader
    private var known: [String: Double?] = [:]
    private(set) var failure: Error?

    init(_ db: StoreReader) { self.db = db }

    func callAsFunction(_ text: String) -> Double? {
        if let k = known[text] { return k }
        do {
            let d = try db.scalar("SELECT julianday(?1)", [.text(text)])?.double
            known[text] = d
            return d
        } catch {
            // Kept and thrown by the counter after the scan (`QualityCounter.count`).
            if failure == nil { failure = error }
            return nil
        }
    }
}

/// The rows of a dataset counted as they are read: per segment, file, owner, facility and
/// timeliness bucket, the texts numbered (`DistinctTexts`: rows in storage order repeat them in
/// runs). A row's bucket is taken at once from its file's night and its date (each pair of a
/// night and a date computed once), so the counts stay a few per file and facility — not one per
/// facility and day (3.3 M national services rows: 55 MB of dictionaries before).
private struct Accumulator {
    struct EventKey: Hashable { var file: Int, facility: Int, bucket: Int }
    struct NightDate: Hashable { var night: Int, date: Int }
    struct Segment {
        var empty: [Int: [Int]] = [:]
        var owners: [Int: Set<Int>] = [:]
        var events: [[EventKey: Int]]
    }
    let optional: Int, eventCount: Int
    /// By segment number (`segmentTexts`).
    var segments: [Segment] = []
    var segmentTexts = DistinctTexts(), ownerTexts = DistinctTexts(), facilityTexts = DistinctTexts()
    /// Per event column.
    var dateTexts: [DistinctTexts]
    /// The first column of the optional columns' `IS NULL`.
    private let firstOptional: Int
    /// The night each file was read (a file without one counts in no bucket), numbered.
    private let nights: [Int: String]
    private var nightOfFile: [Int: Int] = [:], nightTexts: [String] = [], nightNumbers: [String: Int] = [:]
    private let julian: JulianDays
    /// Per event column: the bucket of a night and a date.
    private var buckets: [[NightDate: Int]]

    init(optional: Int, events: Int, nights: [Int: String], julian: JulianDays) {
        self.optional = optional; eventCount = events
        dateTexts = Array(repeating: DistinctTexts(), count: events)
        firstOptional = events == 0 ? 3 : 4 + events
        self.nights = nights; self.julian = julian
        buckets = Array(repeating: [:], count: events)
        run = Run(events: Array(repeating: nil, count: events), lastBucket: Array(repeating: nil, count: events))
    }

    /// The number of the night `file` was read, or nil.
    private mutating func night(of file: Int) -> Int? {
        if let n = nightOfFile[file] { return n < 0 ? nil : n }
        guard let text = nights[file] else { nightOfFile[file] = -1; return nil }
        let n = nightNumbers[text] ?? { nightTexts.append(text); nightNumbers[text] = nightTexts.count - 1; return nightTexts.count - 1 }()
        nightOfFile[file] = n
        return n
    }

    /// The timeliness bucket of a row of event column `e` dated `date` in a file read on `night`:
    /// the days between them by SQLite's `julianday` (a date it cannot read: the last bucket).
    private mutating func bucket(_ e: Int, night: Int, date: Int) -> Int {
        let k = NightDate(night: night, date: date)
        if let b = buckets[e][k] { return b }
        let days: Double? = if let a = julian(nightTexts[night]), let b = julian(dateTexts[e].texts[date]) { a - b } else { nil }
        let b = QualitySegments.bucket(days: days)
        buckets[e][k] = b
        return b
    }

    /// The run of rows being added: rows in storage order come in runs of one file and month,
    /// and within them of one owner and one facility and date, so a row adds to what the row
    /// before it added to, and the counts reach the dictionaries once per run (`flush`).
    private struct Run {
        var segment = -1, file = 0
        var empty: [Int] = []
        var owner = -1
        /// Per event column: the key counted and its rows not yet added.
        var events: [(key: EventKey, rows: Int)?] = []
        /// Per event column: the last night and date, and their bucket.
        var lastBucket: [(NightDate, Int)?] = []
    }
    private var run = Run()

    mutating func add(_ st: Statement) {
        let file = st.int(0)
        guard let segment = segmentTexts.number(st.textBytes(1).map { SQLCharacters.first(7, of: $0).prefix }) else { return }
        if segment == segments.count { segments.append(Segment(events: Array(repeating: [:], count: eventCount))) }
        if segment != run.segment || file != run.file {
            flush()
            run.segment = segment; run.file = file
            run.empty = Array(repeating: 0, count: optional)
            if segments[segment].empty[file] == nil { segments[segment].empty[file] = run.empty }
        }
        for i in 0..<optional where st.int(firstOptional + i) != 0 { run.empty[i] += 1 }
        if let o = ownerTexts.number(st, 2), o != run.owner {
            segments[segment].owners[file, default: []].insert(o)
            run.owner = o
        }
        guard eventCount > 0, let facility = facilityTexts.number(st, 3), let night = night(of: file) else { return }
        for e in 0..<eventCount {
            guard let date = st.textBytes(4 + e).flatMap({ SQLCharacters.first(10, of: $0).count == 10 ? $0 : nil }).flatMap({ dateTexts[e].number($0) }) else { continue }
            let nd = NightDate(night: night, date: date)
            let b: Int
            if let known = run.lastBucket[e], known.0 == nd { b = known.1 } else { b = bucket(e, night: night, date: date); run.lastBucket[e] = (nd, b) }
            let key = EventKey(file: file, facility: facility, bucket: b)
            if let pending = run.events[e], pending.key == key {
                run.events[e]!.rows += 1
            } else {
                if let pending = run.events[e] { segments[segment].events[e][pending.key, default: 0] += pending.rows }
                run.events[e] = (key, 1)
            }
        }
    }

    /// Adds the run's counts to its segment and starts none (call after the last row).
    mutating func flush() {
        if run.segment >= 0 {
            if run.empty.contains(where: { $0 != 0 }) {
                for (i, n) in run.empty.enumerated() { segments[run.segment].empty[run.file]![i] += n }
            }
            for (e, pending) in run.events.enumerated() {
                if let pending { segments[run.segment].events[e][pending.key, default: 0] += pending.rows }
            }
        }
        run = Run(events: Array(repeating: nil, count: eventCount), lastBucket: run.lastBucket)
    }
}

/// Numbers the distinct texts of a column read row by row, told apart by their bytes (as SQLite's
/// joins tell facility ids apart: "ó" composed and decomposed are two ids), without building a
/// string for a text seen before (`ByteStrings`; rows in storage order repeat their facility and
/// date in runs).
struct DistinctTexts {
    private(set) var texts: [String] = []
    private var numbers = ByteStrings()
    /// The number given last: a row repeating the text of the row before is not hashed.
    private var last = -1

    /// The number of the current row's text in `column` (nil for NULL).
    mutating func number(_ st: Statement, _ column: Int) -> Int? { number(st.textBytes(column)) }

    /// The number of a text's bytes (nil for NULL).
    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let bytes else { return nil }
        if last >= 0 && numbers.equals(last, bytes) { return last }
        let n = numbers.number(bytes)
        if n == texts.count { texts.append(String(decoding: bytes, as: UTF8.self)) }
        last = n
        return n
    }
}

extension QualitySegments.Counts {
    private static let field = UInt8(0x1F), record = UInt8(0x0A)

    /// The counts as stored: one record per line, fields split by U+001F — `E file n…` (empty
    /// columns), `O file teryt` (an owner), `T event teryt b0 … b4` (timeliness), `N file night`.
    /// Nil when a text holds a separator (such counts are not stored).
    var text: [UInt8]? {
        var out: [UInt8] = []
        func put(_ fields: [String]) -> Bool {
            for (i, f) in fields.enumerated() {
                if f.utf8.contains(where: { $0 == Self.field || $0 == Self.record }) { return false }
                if i > 0 { out.append(Self.field) }
                out.append(contentsOf: f.utf8)
            }
            out.append(Self.record)
            return true
        }
        for (file, n) in empty.sorted(by: { $0.key < $1.key }) where !put(["E", String(file)] + n.map(String.init)) { return nil }
        for (file, teryts) in owners.sorted(by: { $0.key < $1.key }) {
            for t in teryts.sorted() where !put(["O", String(file), t]) { return nil }
        }
        for (event, byTeryt) in timeliness.sorted(by: { $0.key < $1.key }) {
            for (t, b) in byTeryt.sorted(by: { $0.key < $1.key }) where !put(["T", String(event), t] + b.map(String.init)) { return nil }
        }
        for (file, night) in nights.sorted(by: { $0.key < $1.key }) where !put(["N", String(file), night]) { return nil }
        return out
    }

    /// Counts from their stored text (nil when it cannot be read: the segment is counted again).
    init?(text: [UInt8]) {
        self.init()
        for line in text.split(separator: Self.record) {
            let f = line.split(separator: Self.field, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard f.count >= 2, let a = Int(f[1]) else { return nil }
            guard f[0] == "E" || f.count >= 3 else { return nil }
            switch f[0] {
            case "E":
                let n = f.dropFirst(2).compactMap { Int($0) }
                guard n.count == f.count - 2 else { return nil }
                empty[a] = n
            case "O": owners[a, default: []].insert(f[2])
            case "T":
                let b = f.dropFirst(3).compactMap { Int($0) }
                guard b.count == 5, f.count == 8 else { return nil }
                timeliness[a, default: [:]][f[2]] = b
            case "N": nights[a] = f[2]
            default: return nil
            }
        }
    }
}
