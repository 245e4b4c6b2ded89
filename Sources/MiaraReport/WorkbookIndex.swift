import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// What every workbook of a run shares, read from the store once and grouped once: names of
/// units, facilities and contracts by provider and municipality, measure rows by unit, and the
/// data-quality tables. Building it is one pass over `ctx.measures` and `ctx.ownView`; the groups
/// hold positions into those arrays, not copies of the rows.
// @unchecked proof: `Workbooks.write` sets `targets` and forces every lazy table before the pool starts; `dataQuality`, `filesByTeryt` and `rejectedByTeryt` are set by its first job (`loadDataQuality`) while their only readers wait for it; then it is only read.
final class WorkbookIndex: @unchecked Sendable {
    typealias Facility = FacilityRecord
    typealias Contract = ContractRecord
    typealias Provider = ProviderRecord
    typealias Audit = AuditRecord

    let ctx: ReportContext
    let labels: Labels
    /// teryt → name (latest year), sorted by teryt.
    let municipalities: [(teryt: String, name: String)]
    let municipalityName: [String: String]
    let providers: [Provider]
    let providerByID: [String: Provider]
    let facilities: [Facility]
    let facilityByID: [String: Facility]
    let facilitiesByTeryt: [String: [Facility]]
    let facilitiesByProvider: [String: [Facility]]
    let contractsByProvider: [String: [Contract]]
    /// Providers with a facility or a contract in the municipality.
    let providersByTeryt: [String: [String]]
    /// A unit of a grain: the key measure rows are grouped by.
    struct UnitKey: Hashable { let grain: Grain; let id: String }
    /// Measure rows (disclosure applied) by grain and unit id, in measures.csv order.
    private let measuresByUnit: RowGroups<UnitKey, MeasureRow>
    /// The own view by grain and unit id.
    private let ownByUnit: RowGroups<UnitKey, MeasureRow>
    private let benchmarkByTeryt: RowGroups<String, BenchmarkRow>
    /// Catalogue position of each code (catalogue order sorts the sheets).
    let order: [MeasureCode: Int]
    let definitions: [MeasureCode: MeasureDefinition]
    /// The period every workbook puts first (SPEC 9.2, `HeadlineChoice`): the year of the as-of
    /// date, or the year the pipeline's `headline` names, when the run has it; else the latest
    /// year of the run; the order of `periods` does not matter.
    let headlinePeriod: Period?
    /// The headline period ends after the as-of date (its values are provisional).
    var headlineProvisional: Bool { headlinePeriod.map { $0.end > ctx.asOf } ?? false }
    /// The headline period's text, with "(wstępne)" while it runs.
    var headlineText: String {
        guard let p = headlinePeriod else { return "" }
        return headlineProvisional ? "\(p.text) (\(labels[.flagProvisional]))" : p.text
    }
    /// The texts of every period of the run's rows, sorted, and each period's rank among them.
    let periodTexts: [String]
    private let periodRanks: [Period: Int]
    /// The pipeline's targets (shown on the municipal summary).
    var targets: [MeasureCode: Target] = [:]
    /// The data-quality tables: empty until `loadDataQuality()`.
    private(set) var dataQuality = DataQualityTables()
    /// teryt → ids of the input files that concern the municipality (`FileOwnership`).
    private(set) var filesByTeryt: [String: Set<Int>] = [:]
    /// teryt → the files of the municipality that stand rejected whole (`RejectedFile`).
    private(set) var rejectedByTeryt: [String: [RejectedFile]] = [:]
    /// The latest audit row per facility × criterion (criterion compared case-insensitively),
    /// read once for all scorecards.
    let latestAuditsByFacility: [String: [Audit]]
    /// The run's facility-months by the facility's municipality, sorted by month and facility.
    private let coverageByTeryt: RowGroups<String, CoverageRow>

    init(_ ctx: ReportContext) throws {
        self.ctx = ctx
        labels = Labels(ctx.language)
        let db = ctx.reader

        let names = try StoreRecords.municipalityNames(db)
        municipalityName = names
        municipalities = names.keys.sorted().map { ($0, names[$0]!) }

        let provs = try StoreRecords.providers(db)
        providers = provs
        providerByID = Dictionary(provs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        let facs = try StoreRecords.facilities(db)
        facilities = facs
        facilityByID = Dictionary(facs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        facilitiesByTeryt = Dictionary(grouping: facs, by: \.teryt)
        facilitiesByProvider = Dictionary(grouping: facs, by: \.providerID)

        let cons = try StoreRecords.contracts(db)
        contractsByProvider = Dictionary(grouping: cons, by: \.providerID)
        var pbt: [String: Set<String>] = [:]
        for f in facs { pbt[f.teryt, default: []].insert(f.providerID) }
        for c in cons { pbt[c.teryt, default: []].insert(c.providerID) }
        providersByTeryt = pbt.mapValues { $0.sorted() }

        measuresByUnit = RowGroups(ctx.measures) { UnitKey(grain: $0.grain, id: $0.unitID) }
        ownByUnit = RowGroups(ctx.ownView) { UnitKey(grain: $0.grain, id: $0.unitID) }
        benchmarkByTeryt = RowGroups(ctx.benchmark, by: \.teryt)
        coverageByTeryt = RowGroups(ctx.coverage, by: \.teryt)
        var ord: [MeasureCode: Int] = [:]
        for (i, d) in ctx.catalogue.definitions.enumerated() { ord[d.code] = i }
        order = ord
        definitions = Dictionary(ctx.catalogue.definitions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set(ctx.periods)
        for r in ctx.measures { seen.insert(r.period) }
        for r in ctx.ownView { seen.insert(r.period) }
        for b in ctx.benchmark { seen.insert(b.period) }
        let texts = seen.map(\.text).sorted()
        periodTexts = texts
        periodRanks = Dictionary(uniqueKeysWithValues: seen.map { ($0, Self.rank(of: $0, among: texts)) })
        headlinePeriod = ctx.headline.period(among: ctx.periods, asOf: ctx.asOf)
        latestAuditsByFacility = try Self.latestAudits(db)
    }

    /// Reads the data-quality tables, the files of each municipality and its standing
    /// rejections (store queries: `Workbooks.write` runs it as its first job, beside the
    /// workbooks that do not read them). A table the store cannot read throws: the report fails
    /// instead of leaving part of a sheet empty.
    func loadDataQuality() throws {
        dataQuality = try DataQualityTables(db: ctx.reader, labels: labels, asOf: ctx.asOf.iso, reuse: ctx.qualityCounts?.reuse)
        ctx.qualityCounts?.loaded = dataQuality.segments
        filesByTeryt = try FileOwnership.filesByTeryt(db: ctx.reader, files: dataQuality.files, owners: dataQuality.segments.owners)
        rejectedByTeryt = try RejectedFile.byTeryt(self)
    }

    /// The published rows of a unit, in measures.csv order.
    func measures(_ grain: Grain, _ id: String) -> RowGroups<UnitKey, MeasureRow>.Group { measuresByUnit[UnitKey(grain: grain, id: id)] }
    /// The own-view rows of a unit, in measures.csv order.
    func own(_ grain: Grain, _ id: String) -> RowGroups<UnitKey, MeasureRow>.Group { ownByUnit[UnitKey(grain: grain, id: id)] }
    /// The benchmark rows of a municipality, in benchmark.csv order.
    func benchmark(teryt: String) -> RowGroups<String, BenchmarkRow>.Group { benchmarkByTeryt[teryt] }
    /// The run's facility-months of a municipality, in coverage.csv order.
    func coverage(teryt: String) -> RowGroups<String, CoverageRow>.Group { coverageByTeryt[teryt] }

    func definition(_ code: MeasureCode) -> MeasureDefinition? { definitions[code] }
    /// The catalogue's headline measures, in catalogue order (the municipal summary, the charts).
    var headlineCodes: [MeasureCode] { order.keys.filter { definitions[$0]?.headline == true }.sorted { order[$0]! < order[$1]! } }

    static func grainRank(_ g: Grain) -> Int {
        switch g { case .municipality: return 0; case .provider: return 1; case .facility: return 2; case .all: return 3 }
    }

    /// Catalogue order, period, grain (municipality, provider, facility, all), then the other keys.
    struct RowOrder: Comparable {
        let order: Int, measure: String, period: Int, grain: Int, unitID: String, facilityType: String, dimension: String
        static func < (a: RowOrder, b: RowOrder) -> Bool {
            if a.order != b.order { return a.order < b.order }
            if a.measure != b.measure { return a.measure < b.measure }
            if a.period != b.period { return a.period < b.period }
            if a.grain != b.grain { return a.grain < b.grain }
            if a.unitID != b.unitID { return a.unitID < b.unitID }
            if a.facilityType != b.facilityType { return a.facilityType < b.facilityType }
            return a.dimension < b.dimension
        }
    }

    func sortKey(_ r: MeasureRow) -> RowOrder {
        RowOrder(order: order[r.measure] ?? Int.max, measure: r.measure.raw, period: periodRank(r.period), grain: Self.grainRank(r.grain),
                 unitID: r.unitID, facilityType: r.facilityType, dimension: r.dimension)
    }

    /// The position of a period's text among the texts of the run's periods (`2026` < `2026-01` <
    /// `2026H1` < `2026Q1`): comparing ranks compares the texts.
    func periodRank(_ p: Period) -> Int { periodRanks[p] ?? Self.rank(of: p, among: periodTexts) }

    static func rank(of p: Period, among texts: [String]) -> Int {
        // A period the run does not have (none in practice): between the texts around it.
        let t = p.text
        let below = texts.filter { $0 < t }.count
        return texts.contains(t) ? 2 * below : 2 * below - 1
    }

    /// The rows in `sortKey` order (each key built once, not at every comparison).
    func sorted(_ rows: [MeasureRow]) -> [MeasureRow] {
        let keys = rows.map(sortKey)
        return rows.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }

    /// A readable name for a unit.
    func unitName(_ grain: Grain, _ id: String) -> String {
        switch grain {
        case .municipality: return municipalityName[id] ?? ""
        case .provider: return providerByID[id]?.name ?? ""
        case .facility:
            guard let f = facilityByID[id] else { return "" }
            let owner = providerByID[f.providerID]?.name ?? f.providerID
            return "\(labels.facilityType(f.type)) — \(owner)"
        case .all: return labels[.grainAll]
        }
    }

    /// The benchmark charts' sorted bars (`BenchmarkCharts.blocks`), the same in every workbook.
    lazy var chartBlocks: [BenchmarkCharts.Block] = BenchmarkCharts.blocks(self)
    /// Per measure, the municipalities with a value in the headline period (the summary's "3 of 7").
    lazy var withValueInHeadlinePeriod: [MeasureCode: Int] = {
        var out: [MeasureCode: Int] = [:]
        guard let period = headlinePeriod else { return out }
        for b in ctx.benchmark where b.period == period && b.value != nil { out[b.measure, default: 0] += 1 }
        return out
    }()

    /// `latestAuditsByFacility` from the store's audits (sorted so the last row of each
    /// facility × criterion is its latest; ties: the later row).
    static func latestAudits(_ db: StoreReader) throws -> [String: [Audit]] {
        var out: [String: [Audit]] = [:]
        var last: [String: Audit] = [:]
        var keys: [String] = []
        for a in try StoreRecords.audits(db) {
            let key = a.facilityID + "\u{1F}" + a.criterion.uppercased()
            if last[key] == nil { keys.append(key) }
            last[key] = a
        }
        for k in keys { let a = last[k]!; out[a.facilityID, default: []].append(a) }
        return out
    }
}
