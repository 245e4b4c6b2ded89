import Foundation
import MiaraStore
import MiaraValues

/// The compute stage's derived state for one night: which (catalogue entry, period) results the
/// store already holds for the same inputs, and the results computed now.
///
/// A result's fingerprint is the SHA-256 of: `settings` (the tool, the catalogues' texts,
/// `cost_lag_days` — whatever changes every result; a change recomputes all), the entry's position
/// and code, the period and its clipping (at the as-of or the settled date; the as-of date itself
/// only for an entry whose queries name `:asof`), and the digests of the datasets the
/// entry reads (its catalogue `datasets`, plus the units' tables that give every measure its rows:
/// facilities, providers, municipalities): a dated dataset (`MeasureInputDigests.monthColumns`)
/// by the months the clipped period overlaps, any other whole. An entry whose `datasets` names
/// something that is not a dataset reads every dataset whole. So a new day of services changes
/// the results of the periods containing its month, of the measures that read services; a
/// corrected stay, those of the measures that read stays.
// @unchecked proof: the `let`s are set once in `init`; every `var` is read and written only while `lock` is held.
public final class MeasureResultCache: @unchecked Sendable {
    public let settings: String
    let asOf: Day
    /// The store's input digests, read once for the night (the coverage's fingerprints use them too).
    public let inputs: MeasureInputDigests
    let stored: [MeasureResults.Key: String]
    private let lock = NSLock()
    private var fresh: [MeasureResults.Key: MeasureResults.Stored] = [:]
    private var seen: Set<MeasureResults.Key> = []
    private var changedKeys: Set<MeasureResults.Key> = []
    private var reusedCount = 0

    /// Reads the store's input digests and stored fingerprints with `reader`. `settings` does not name
    /// the as-of date: it reaches a result through the period's clipping (and the settled date),
    /// the accepted rows (the digests) and, for a measure whose SQL names `:asof`, its own line.
    public convenience init(settings: String, asOf: Day, reader: StoreReader) throws {
        try self.init(settings: settings, asOf: asOf, reader: reader, inputs: MeasureInputDigests.read(reader))
    }

    /// As `init(settings:asOf:reader:)`, the digests read on all the measures' connections at once.
    public convenience init(settings: String, asOf: Day, measures: MeasureConnections) throws {
        try self.init(settings: settings, asOf: asOf, reader: measures.reader, inputs: MeasureInputDigests.read(measures))
    }

    private init(settings: String, asOf: Day, reader: StoreReader, inputs: MeasureInputDigests) throws {
        self.settings = settings
        self.asOf = asOf
        self.inputs = inputs
        stored = try MeasureResults.fingerprints(reader)
    }

    /// The results taken from the store, and those computed.
    public var reused: Int { lock.lock(); defer { lock.unlock() }; return reusedCount }
    public var computed: Int { lock.lock(); defer { lock.unlock() }; return fresh.count }

    /// The (measure, period) pairs whose rows differ from the stored ones (or had none stored):
    /// what a night changed, for whoever rebuilds only what changed.
    public var changed: Set<MeasurePeriod> {
        lock.lock(); defer { lock.unlock() }
        return Set(changedKeys.compactMap { k in
            guard let code = k.entry.split(separator: " ", maxSplits: 1).last, let p = Period(k.period) else { return nil }
            return MeasurePeriod(measure: MeasureCode(String(code)), period: p)
        })
    }

    /// A measure and a period.
    public struct MeasurePeriod: Hashable, Sendable {
        public var measure: MeasureCode
        public var period: Period
    }

    static func key(_ index: Int, _ d: MeasureDefinition, _ p: Period) -> MeasureResults.Key {
        MeasureResults.Key(entry: "\(index) \(d.code.raw)", period: p.text)
    }

    /// The tables of the surveys: the responses (whose digest stands for their answers, derived
    /// with them) and the items of the questionnaire maps.
    static let surveyTables = ["survey_responses"] + MeasureInputDigests.itemTables.map(\.table)

    /// The dataset tables an entry's results depend on (every table its queries read, directly or
    /// through the engine's TEMP relations: `DeclaredDatasetsTests` checks it for each entry).
    static func tables(_ d: MeasureDefinition) -> [String] {
        var out = ["facilities", "providers", "municipalities"]
        for name in d.datasets {
            if name == "standard" { continue }   // a catalogue: in `settings`
            if name == "surveys" || name.hasPrefix("surveys/") { out += surveyTables; continue }
            guard let spec = Datasets.named(name) else {
                return Datasets.all.map(\.table) + surveyTables
            }
            out.append(spec.table)
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Whether the entry's queries (its SQL file, a custom value's file, a value expression) name
    /// the `:asof` parameter.
    static func readsAsOf(_ d: MeasureDefinition) -> Bool {
        (d.sqlText ?? "").contains(":asof") || String(describing: d.value).contains(":asof")
    }

    func fingerprint(_ index: Int, _ d: MeasureDefinition, _ p: ClippedPeriod) -> String {
        var lines = [settings, "entry \(index) \(d.code.raw)",
                     "period \(p.period.text) \(p.start.iso) \(p.end.iso) \(p.provisional)"]
        if Self.readsAsOf(d) { lines.append("asof \(asOf.iso)") }
        lines += inputs.lines(tables: Self.tables(d), first: p.start, last: p.end)
        return FileScan.sha256(Data(lines.joined(separator: "\n").utf8))
    }

    /// Whether the store holds rows of entry `index` for `p` computed from the same inputs (what
    /// `reuse` will then take, unless they no longer read back).
    func holds(index: Int, definition d: MeasureDefinition, period p: ClippedPeriod) -> Bool {
        stored[Self.key(index, d, p.period)] == fingerprint(index, d, p)
    }

    /// The stored rows of entry `index` for `p` when they were computed from the same inputs.
    func reuse(_ db: MeasureConnection, index: Int, definition d: MeasureDefinition, period p: ClippedPeriod) throws -> [MeasureRow]? {
        let k = Self.key(index, d, p.period)
        let f = fingerprint(index, d, p)
        lock.lock(); seen.insert(k); lock.unlock()
        guard stored[k] == f, let text = try MeasureResults.rows(db, k, fingerprint: f),
              let rows = MeasureRowText.decode(text, definition: d, period: p.period) else { return nil }
        lock.lock(); reusedCount += 1; lock.unlock()
        return rows
    }

    /// Keeps the rows computed now for entry `index` and `p` (to be stored by `save`).
    func record(_ db: MeasureConnection, index: Int, definition d: MeasureDefinition, period p: ClippedPeriod, rows: [MeasureRow]) throws {
        let k = Self.key(index, d, p.period)
        let text = MeasureRowText.encode(rows)
        let old = try stored[k].flatMap { try MeasureResults.rows(db, k, fingerprint: $0) } ?? ""
        let kept = try MeasureResults.Stored(fingerprint: fingerprint(index, d, p), rows: text)
        lock.lock(); defer { lock.unlock() }
        fresh[k] = kept
        if old != text { changedKeys.insert(k) }
    }

    /// Stores the results computed now and forgets those of entries and periods not computed this
    /// night; keeps the input digests read from the rows now (`MeasureInputDigests.save`).
    public func save(_ writer: StoreWriter) throws {
        lock.lock(); let fresh = self.fresh, seen = self.seen; lock.unlock()
        try MeasureResults.save(writer, fresh, keep: seen)
        try inputs.save(writer)
    }
}
