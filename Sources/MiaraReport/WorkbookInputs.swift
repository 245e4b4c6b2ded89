import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// What each workbook is built from, as one SHA-256 per workbook (`inputs_sha256` in the
/// manifest): two runs whose digests of a workbook are equal write the same bytes for it, so the
/// second may copy the first one's file (`WorkbookReuse`).
///
/// Every digest starts with the part all workbooks share: `settings` (the caller's digest of the
/// tool — version and executable —, the catalogues' texts and the settings that reach the
/// outputs), the as-of date, periods, language, author, disclosure threshold, headline choice and
/// period, the targets, the periods of the run's rows, and the names and records of every
/// municipality, provider and facility (row labels, the coverage sheet's owners). Then what the
/// workbook itself reads:
/// - municipal: the own-view rows of the municipality and its facilities, the published rows of
///   the providers working in it, its benchmark rows, every benchmark row of the headline period
///   (the bar charts and the Summary's "3 of 7" show the group), its coverage rows, plans and plan
///   rows, and its data quality: its files, their reasons, warnings, completeness counts and files
///   over the reject share, its timeliness rows and the files rejected whole that stand (banner);
/// - provider: its contracts, the published rows of it and its facilities, the latest audits of
///   its facilities, the group's rows (`all`) and the municipal rows of the municipalities it
///   works in (the scorecard's comparisons);
/// - ministry: every municipal row;
/// - benchmark: every benchmark row and the municipality, measure and state of every plan row
///   (the plan counts).
/// Rows enter field by field (`MeasureRow`, `BenchmarkRow`, `CoverageRow`: a test counts their
/// fields, so a field added to them must be added here), and so do the store's records (provider,
/// facility, contract, audit) and the data-quality rows (completeness, timeliness); the other
/// data-quality records by the fields the sheets show (not their store ids, which change when a
/// file is read again); the plan records and rows (a handful) as their `String(describing:)`,
/// which names every stored property (none holds a set or dictionary, whose order would change
/// from process to process).
///
/// The rows of a municipality (grain `municipality`) and of a provider are digested once each and
/// enter the workbooks that read them as that digest (a provider's scorecard reads the rows of
/// every municipality it works in; a municipality's workbook the rows of every provider working
/// in it; the ministry's every municipality's).
struct WorkbookInputs {
    static let format = "miara-workbook-inputs/2"
    /// The digest of what every workbook reads.
    let shared: String
    /// Every benchmark row of the headline period.
    private let headlineBenchmark: String
    /// The rows of grain `all`.
    private let group: String
    /// The digest of each municipality's rows (grain `municipality`), by TERYT.
    private let municipalityRows: [String: String]
    /// The digest of each provider's rows (grain `provider`), by id.
    private let providerRows: [String: String]

    init(_ index: WorkbookIndex, settings: String) {
        let ctx = index.ctx
        var d = InputDigest(Self.format)
        d.add(MiaraVersion.current)
        d.add(settings)
        d.add(ctx.asOf.iso)
        for p in ctx.periods { d.add(p.text) }
        d.add(ctx.language.rawValue)
        d.add(ctx.author)
        d.add(ctx.minCell)
        d.add(ctx.headline.description)
        d.add(index.headlinePeriod?.text)
        d.add(index.headlineProvisional)
        d.add(index.headlineText)
        d.add("periods")
        for t in index.periodTexts { d.add(t) }
        d.add("targets")
        for code in index.targets.keys.sorted(by: { $0.raw < $1.raw }) {
            d.add(code.raw); d.add(index.targets[code]!.min); d.add(index.targets[code]!.max)
        }
        d.add("catalogue")
        for def in ctx.catalogue.definitions { d.add(def.code.raw) }
        d.add("municipalities")
        for m in index.municipalities { d.add(m.teryt); d.add(m.name) }
        d.add("providers")
        for p in index.providers { Self.add(p, to: &d) }
        d.add("facilities")
        for f in index.facilities { Self.add(f, to: &d) }
        shared = d.finish()

        var h = InputDigest(Self.format + "/headline-benchmark")
        if let period = index.headlinePeriod {
            for b in ctx.benchmark where b.period == period { Self.add(b, to: &h) }
        }
        headlineBenchmark = h.finish()
        var g = InputDigest(Self.format + "/group")
        for r in index.measures(.all, "all") { Self.add(r, to: &g) }
        group = g.finish()

        var teryts = Set(index.municipalities.map(\.teryt))
        for f in index.facilities { teryts.insert(f.teryt) }
        for cs in index.contractsByProvider.values { for c in cs { teryts.insert(c.teryt) } }
        var byTeryt: [String: String] = [:]
        for t in teryts { byTeryt[t] = Self.rowsDigest(index, .municipality, t) }
        municipalityRows = byTeryt
        var providerIDs = Set(index.providers.map(\.id))
        for ps in index.providersByTeryt.values { providerIDs.formUnion(ps) }
        var byProvider: [String: String] = [:]
        for p in providerIDs { byProvider[p] = Self.rowsDigest(index, .provider, p) }
        providerRows = byProvider
    }

    /// The digest of a unit's published rows (in measures.csv order).
    static func rowsDigest(_ index: WorkbookIndex, _ grain: Grain, _ id: String) -> String {
        var d = InputDigest(Self.format + "/rows")
        d.add(grain.rawValue); d.add(id)
        for r in index.measures(grain, id) { add(r, to: &d) }
        return d.finish()
    }

    /// `municipalityRows` or `providerRows` for the unit (computed here for one they lack).
    private func rows(_ index: WorkbookIndex, _ grain: Grain, _ id: String) -> String {
        let known = grain == .municipality ? municipalityRows[id] : grain == .provider ? providerRows[id] : nil
        return known ?? Self.rowsDigest(index, grain, id)
    }

    /// A municipality's workbook. Reads `index.dataQuality` and the tables built with it:
    /// call it where the workbook's writer would (after `loadDataQuality`).
    func municipal(_ index: WorkbookIndex, teryt: String) -> String {
        var d = start("municipal", teryt)
        d.add(digest: headlineBenchmark)
        d.add("own")
        for r in index.own(.municipality, teryt) { Self.add(r, to: &d) }
        for f in index.facilitiesByTeryt[teryt] ?? [] {
            d.add(f.id)
            for r in index.own(.facility, f.id) { Self.add(r, to: &d) }
        }
        d.add("providers")
        for p in index.providersByTeryt[teryt] ?? [] {
            d.add(p)
            d.add(digest: rows(index, .provider, p))
        }
        d.add("benchmark")
        for b in index.benchmark(teryt: teryt) { Self.add(b, to: &d) }
        d.add("coverage")
        for c in index.coverage(teryt: teryt) { Self.add(c, to: &d) }
        d.add("plans")
        for p in index.ctx.planRecords where p.teryt == teryt { d.add(String(describing: p)) }
        for p in index.ctx.plans where p.teryt == teryt { d.add(String(describing: p)) }
        let files = index.filesByTeryt[teryt] ?? []
        let dq = index.dataQuality
        // Store ids are left out: a file rejected whole for want of a questionnaire map is read
        // again (a new id) every night with the same contents; the sheets show no ids.
        d.add("files")
        for f in dq.files where files.contains(f.id) {
            d.add(f.path); d.add(f.dataset); d.add(f.format); d.add(f.encoding); d.add(f.bytes); d.add(f.sha256)
            d.add(f.rowsRead); d.add(f.accepted); d.add(f.rejected); d.add(f.fileCheck); d.add(f.ingestedAt)
        }
        d.add("reasons")
        for r in dq.reasons where files.contains(r.fileID) { d.add(r.file); d.add(r.check); d.add(r.reason); d.add(r.count) }
        d.add("warnings")
        for r in dq.warnings where files.contains(r.fileID) { d.add(r.file); d.add(r.check); d.add(r.reason); d.add(r.count) }
        d.add("over-share")
        for o in dq.overShare where files.contains(o.fileID) {
            d.add(o.notice.path); d.add(o.notice.dataset); d.add(o.notice.share); d.add(o.notice.since)
        }
        d.add("hud")
        for h in dq.hud(for: files) {
            d.add(h.dataset); d.add(h.column); d.add(h.rowsRead); d.add(h.missing); d.add(h.invalid); d.add(h.emptyOptional)
        }
        d.add("timeliness")
        for t in dq.timeliness[teryt] ?? [] {
            d.add(t.dataset); d.add(t.column); d.add(t.buckets.count)
            for b in t.buckets { d.add(b) }
        }
        d.add("rejected")
        for f in index.rejectedByTeryt[teryt] ?? [] { d.add(f.path); d.add(f.dataset); d.add(f.check); d.add(f.detail); d.add(f.fix) }
        return d.finish()
    }

    /// A provider's scorecard.
    func provider(_ index: WorkbookIndex, _ p: WorkbookIndex.Provider) -> String {
        var d = start("provider", p.id)
        d.add(digest: group)
        d.add("contracts")
        for c in index.contractsByProvider[p.id] ?? [] { Self.add(c, to: &d) }
        d.add("rows")
        for r in index.measures(.provider, p.id) { Self.add(r, to: &d) }
        let facilities = index.facilitiesByProvider[p.id] ?? []
        for f in facilities {
            d.add(f.id)
            for r in index.measures(.facility, f.id) { Self.add(r, to: &d) }
            d.add("audits")
            for a in index.latestAuditsByFacility[f.id] ?? [] { Self.add(a, to: &d) }
        }
        d.add("municipalities")
        let teryts = Set(facilities.map(\.teryt) + (index.contractsByProvider[p.id] ?? []).map(\.teryt)).sorted()
        for t in teryts {
            d.add(t)
            d.add(digest: rows(index, .municipality, t))
        }
        return d.finish()
    }

    /// The ministry submission.
    func ministry(_ index: WorkbookIndex) -> String {
        var d = start("ministry", "")
        for m in index.municipalities {
            d.add(m.teryt)
            d.add(digest: rows(index, .municipality, m.teryt))
        }
        return d.finish()
    }

    /// The benchmark workbook.
    func benchmark(_ index: WorkbookIndex) -> String {
        var d = start("benchmark", "")
        for b in index.ctx.benchmark { Self.add(b, to: &d) }
        // The plan counts read which measures each municipality's plans cover, and their state.
        d.add("plans")
        for p in index.ctx.planRecords { d.add(p.teryt); d.add(p.measure); d.add(p.state) }
        return d.finish()
    }

    private func start(_ kind: String, _ unit: String) -> InputDigest {
        var d = InputDigest(Self.format + "/" + kind)
        d.add(digest: shared)
        d.add(unit)
        return d
    }

    // MARK: Rows, field by field

    /// The number of stored properties each `add` below writes (checked by a test).
    static let measureRowFields = 13, benchmarkRowFields = 14, coverageRowFields = 8
    static let providerFields = 3, facilityFields = 8, contractFields = 10, auditFields = 5, hudFields = 6, timelinessFields = 3

    static func add(_ p: ProviderRecord, to d: inout InputDigest) {
        d.add(p.id); d.add(p.name); d.add(p.legalForm)
    }

    static func add(_ f: FacilityRecord, to d: inout InputDigest) {
        d.add(f.id); d.add(f.providerID); d.add(f.teryt); d.add(f.type); d.add(f.places); d.add(f.floorArea); d.add(f.opened)
        d.add(f.closed)
    }

    static func add(_ c: ContractRecord, to d: inout InputDigest) {
        d.add(c.id); d.add(c.teryt); d.add(c.providerID); d.add(c.facilityID); d.add(c.service); d.add(c.start); d.add(c.end)
        d.add(c.amount); d.add(c.unitPrice); d.add(c.contractedUnits)
    }

    static func add(_ a: AuditRecord, to d: inout InputDigest) {
        d.add(a.facilityID); d.add(a.date); d.add(a.criterion); d.add(a.result); d.add(a.note)
    }

    static func add(_ r: MeasureRow, to d: inout InputDigest) {
        d.add(r.measure.raw); d.add(r.period.text); d.add(r.grain.rawValue); d.add(r.unitID); d.add(r.facilityType)
        d.add(r.dimension); d.add(r.value); d.add(r.numerator); d.add(r.denominator); d.add(r.n); d.add(r.unit)
        add(r.flags, to: &d)
        d.add(r.sd)
    }

    static func add(_ b: BenchmarkRow, to d: inout InputDigest) {
        d.add(b.measure.raw); d.add(b.period.text); d.add(b.teryt); d.add(b.value); d.add(b.mean); d.add(b.median)
        d.add(b.q1); d.add(b.q3); d.add(b.min); d.add(b.max); d.add(b.deviation); d.add(b.rank); d.add(b.deltaPrev)
        add(b.flags, to: &d)
    }

    static func add(_ c: CoverageRow, to d: inout InputDigest) {
        d.add(c.month); d.add(c.teryt); d.add(c.providerID); d.add(c.facilityID); d.add(c.facilityType)
        d.add(c.costRows); d.add(c.activityRows); d.add(c.status.rawValue)
    }

    private static func add(_ flags: Set<MeasureFlag>, to d: inout InputDigest) {
        d.add(flags.count)
        for f in flags.sorted() { d.add(f.rawValue) }
    }
}
