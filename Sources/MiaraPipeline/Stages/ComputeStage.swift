import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// The compute stage: every measure of the catalogue for the run's periods (and the periods just
/// before them, for `delta_prev`), then norms, targets, benchmarking and disclosure control.
public struct ComputeStage {
    public let config: PipelineConfig
    /// Called after each measure with its code, rows and seconds (`miara compute --timings`).
    public var timing: ((MeasureCode, Int, Double) -> Void)?
    /// Connections that run measure queries at once (the cores, at most 4; 1 runs on the caller's
    /// connection alone). The output does not depend on it.
    public var parallelism = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// Keeps each measure's rows per period in the store as derived state and takes the stored
    /// rows of an (entry, period) whose inputs did not change (`MeasureResultCache`); the nightly
    /// `run` does, `compute` and `report` compute everything.
    public var keepsResults = false
    /// The most connections `--jobs` may ask for.
    public static let maxJobs = 16
    public init(config: PipelineConfig) { self.config = config }

    /// What the stage produced: rows for others, benchmark rows, and the municipality's own view.
    public struct Result: Sendable {
        public var periods: [Period]
        public var measures: [MeasureRow]
        public var benchmark: [BenchmarkRow]
        public var ownView: [MeasureRow]
        /// The facility-months of the run's periods and their status (coverage.csv).
        public var coverage: [CoverageRow]
        public var catalogue: MeasureCatalogue
        public var standard: Standard
        public var seconds: Double
        /// plans.csv: each action of the accepted plans per half-year (SPEC 12).
        public var plans: [PlanProgressRow] = []
        /// The accepted plan rows (the workbooks' "Plan doskonalenia" sheet).
        public var planRecords: [PlanRecord] = []
        /// With `keepsResults`: the (measure, period) results taken from the store and computed,
        /// and the (measure, period) pairs whose rows differ from the stored ones.
        public var reusedResults = 0
        public var computedResults = 0
        public var changed: Set<MeasureResultCache.MeasurePeriod>?
        /// With `keepsResults`: the coverage months queried (the others were taken from the store).
        public var coverageMonthsQueried: [String]?
        /// With `keepsResults`: the store's input digests the results were fingerprinted by (the
        /// report's data-quality counts are fingerprinted by them too, `QualitySegments`).
        public var inputDigests: MeasureInputDigests?
    }

    /// Runs the stage for a run: its as-of, periods, catalogue and standard, on the run's store in
    /// one measures scope (`RunContext.measures`: one read snapshot, `parallelism` connections).
    /// With `keepsResults`, the results computed are stored once the measures scope has ended.
    public func run(_ context: RunContext) throws -> Result {
        let started = Date()
        var kept: MeasureResultCache?
        var coverage: Coverage.Kept?
        var r = try context.measures(readers: parallelism - 1) { m in
            let settings = keepsResults ? MeasureResultSettings.text(context: context, schemaVersion: m.reader.schemaVersion) : nil
            kept = try settings.map { try MeasureResultCache(settings: $0, asOf: context.asOf, measures: m) }
            return try run(context, on: m, started: started, results: kept, coverageSettings: settings, coverageKept: &coverage)
        }
        if let kept {
            try context.store().write { w in
                try kept.save(w)
                try coverage?.save(w)
            }
            r.reusedResults = kept.reused; r.computedResults = kept.computed
            r.changed = kept.changed
            r.coverageMonthsQueried = coverage?.queriedMonths
            r.inputDigests = kept.inputs
            r.seconds = Date().timeIntervalSince(started)
        }
        return r
    }

    private func run(_ context: RunContext, on measures: MeasureConnections, started: Date,
                     results: MeasureResultCache?, coverageSettings: String?, coverageKept: inout Coverage.Kept?) throws -> Result {
        let db = measures.reader
        let asOf = context.asOf, periods = context.periods, catalogue = context.catalogue, standard = context.standard
        var withPrevious: [Period] = periods
        for p in periods where !withPrevious.contains(p.previous) { withPrevious.append(p.previous) }
        let lag = context.dates.costLagDays
        // The plans' baselines and half-years are computed with them, like the periods of `delta_prev`.
        let planRecords = try StoreRecords.plans(db)
        let planNeeds = PlanValues.needs(planRecords, asOf: asOf)
        for p in planNeeds.periods where !withPrevious.contains(p) { withPrevious.append(p) }
        var rows = try MeasureEngine.compute(measures, catalogue: catalogue, periods: withPrevious, asOf: asOf, costLagDays: lag,
                                            standard: standard, results: results, everyGrain: Set(periods), timing: timing)
        let planRows = PlanValues.collect(rows, keys: planNeeds.keys)
        // The run's coverage and the plans' (their own periods), each month queried once.
        // With `keepsResults`, the months whose inputs did not change are taken from the store.
        let coverageLists = [periods, planRecords.isEmpty ? [] : planNeeds.periods]
        let coverages: [[CoverageRow]]
        if let coverageSettings {
            let inputs = try results?.inputs ?? MeasureInputDigests.read(measures)
            let c = try Coverage.compute(on: measures, periodLists: coverageLists, asOf: asOf, costLagDays: lag,
                                         settings: coverageSettings, inputs: inputs)
            coverages = c.rows
            coverageKept = c.kept
        } else {
            coverages = try Coverage.compute(on: measures, periodLists: coverageLists, asOf: asOf, costLagDays: lag)
        }
        let coverage = coverages[0]
        // What the queries held goes before publication holds the rows twice (national: the
        // readers' page caches filled by the coverage months, and the measures' work arrays).
        try measures.releaseCaches()
        FreedMemory.release()
        Coverage.flagIncomplete(&rows, coverage: coverage, catalogue: catalogue, asOf: asOf, costLagDays: lag)
        let t1 = Date()
        defer { timing?(MeasureCode("publication"), 0, Date().timeIntervalSince(t1)) }
        var targets: [MeasureCode: Target] = [:]
        for (k, t) in config.targets { targets[MeasureCode(k)] = Target(min: t.min, max: t.max) }
        let published = Publication.publish(rows: consume rows, catalogue: catalogue, standard: standard, targets: targets,
                                            minCell: config.minCell, requestedPeriods: periods,
                                            facilityTypes: try QualityStandardTables.facilityTypes(db))
        let plans = Self.plans(planRecords, rows: planRows, coverage: coverages[1], context: context)
        return Result(periods: periods, measures: published.measures, benchmark: published.benchmark, ownView: published.ownView,
                      coverage: coverage, catalogue: catalogue, standard: standard, seconds: Date().timeIntervalSince(started),
                      plans: plans, planRecords: planRecords)
    }

    /// plans.csv's rows: the plans' values with the coverage of their own periods and disclosure control.
    static func plans(_ records: [PlanRecord], rows: [MeasureRow], coverage: [CoverageRow], context: RunContext) -> [PlanProgressRow] {
        guard !records.isEmpty else { return [] }
        let lag = context.dates.costLagDays
        let values = PlanValues(rows: rows, catalogue: context.catalogue, minCell: context.config.minCell, coverage: coverage,
                                asOf: context.asOf, costLagDays: lag)
        var directions: [MeasureCode: Direction] = [:]
        for d in context.catalogue.planMeasures { directions[d.code] = d.direction }
        return PlanProgress.rows(records, values: values, directions: directions, asOf: context.asOf)
    }

    /// The read-only readers of the measures scope beside the store's own connection.
    public var readers: Int { parallelism - 1 }

    /// The improvement plans' file of a run folder (SPEC 12).
    public static let plansName = "plans.csv"

    /// Writes measures.csv, benchmark.csv, coverage.csv and plans.csv into `dir`; returns their URLs.
    /// `copied`: called with a file's name before it is written; true when it has put the file
    /// there itself (a copy of the previous run's, `ReportStage`), which is then not written.
    @discardableResult
    public static func writeCSVs(_ r: Result, to dir: URL, copied: (String) -> Bool = { _ in false }) throws -> [URL] {
        let m = dir.appendingPathComponent("measures.csv")
        let b = dir.appendingPathComponent("benchmark.csv")
        let c = dir.appendingPathComponent("coverage.csv")
        let p = dir.appendingPathComponent(plansName)
        if !copied(m.lastPathComponent) {
            try AtomicFile.write(to: m) { write in try MeasuresCSV.measures(r.measures) { try write(Data($0.utf8)) } }
        }
        if !copied(b.lastPathComponent) {
            try AtomicFile.write(Data(MeasuresCSV.benchmark(r.benchmark).utf8), to: b)
        }
        if !copied(c.lastPathComponent) {
            try AtomicFile.write(Data(CoverageCSV.text(r.coverage).utf8), to: c)
        }
        if !copied(p.lastPathComponent) { try AtomicFile.write(Data(PlansCSV.text(r.plans).utf8), to: p) }
        return [m, b, c, p]
    }
}
