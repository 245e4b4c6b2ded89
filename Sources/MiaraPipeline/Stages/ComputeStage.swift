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
    /// The most connections `--jobs` may ask for.
    public static let maxJobs = 16
    public init(config: PipelineConfig) { self.config = config }

    /// What the stage produced: rows for others, benchmark rows, and the municipality's own view.
    public struct Result {
        public var periods: [Period]
        public var measures: [MeasureRow]
        public var benchmark: [BenchmarkRow]
        public var ownView: [MeasureRow]
        /// The facility-months of the run's periods and their status (coverage.csv).
        public var coverage: [CoverageRow]
        public var catalogue: MeasureCatalogue
        public var standard: Standard
        public var seconds: Double
    }

    /// Runs the stage on a store connection with the configuration resolved now (`miara compute`, tests).
    public func run(db: SQLiteDatabase, snapshot: StoreSnapshot? = nil) throws -> Result {
        try run(context: RunContext(config: config, command: "compute", console: Printer(mode: .quiet)), db: db, snapshot: snapshot)
    }

    /// Runs the stage for a run: its as-of, periods, catalogue and standard; on `db`, or on the run's store.
    /// With `snapshot`, the measures run on its connections (one read snapshot of the store).
    public func run(context: RunContext, db given: SQLiteDatabase? = nil, snapshot: StoreSnapshot? = nil) throws -> Result {
        let started = Date()
        let db = try given ?? context.db()
        let asOf = context.asOf, periods = context.periods, catalogue = context.catalogue, standard = context.standard
        var withPrevious: [Period] = periods
        for p in periods where !withPrevious.contains(p.previous) { withPrevious.append(p.previous) }
        let lag = context.dates.costLagDays
        var rows = try MeasureEngine.compute(db: db, catalogue: catalogue, periods: withPrevious, asOf: asOf, costLagDays: lag,
                                            standard: standard, parallelism: parallelism, snapshot: snapshot, timing: timing)
        let coverage = try Coverage.compute(db: db, periods: periods, asOf: asOf, costLagDays: lag)
        Coverage.flagIncomplete(&rows, coverage: coverage, catalogue: catalogue, asOf: asOf, costLagDays: lag)
        let t1 = Date()
        defer { timing?(MeasureCode("publication"), 0, Date().timeIntervalSince(t1)) }
        var targets: [MeasureCode: Target] = [:]
        for (k, t) in config.targets { targets[MeasureCode(k)] = Target(min: t.min, max: t.max) }
        let published = Publication.publish(rows: consume rows, catalogue: catalogue, standard: standard, targets: targets,
                                            minCell: config.minCell, requestedPeriods: periods,
                                            facilityTypes: try QualityStandardTables.facilityTypes(db))
        return Result(periods: periods, measures: published.measures, benchmark: published.benchmark, ownView: published.ownView,
                      coverage: coverage, catalogue: catalogue, standard: standard, seconds: Date().timeIntervalSince(started))
    }

    /// A read snapshot of the store for computing and reporting: `db` and `parallelism − 1`
    /// readers see the same committed state, whatever an ingest commits meanwhile.
    public func snapshot(of db: SQLiteDatabase) throws -> StoreSnapshot {
        try StoreSnapshot(db: db, readers: parallelism - 1)
    }

    /// Writes measures.csv, benchmark.csv and coverage.csv into `dir`; returns their URLs.
    @discardableResult
    public static func writeCSVs(_ r: Result, to dir: URL) throws -> [URL] {
        let m = dir.appendingPathComponent("measures.csv")
        let b = dir.appendingPathComponent("benchmark.csv")
        let c = dir.appendingPathComponent("coverage.csv")
        try AtomicFile.write(to: m) { write in try MeasuresCSV.measures(r.measures) { try write(Data($0.utf8)) } }
        try AtomicFile.write(Data(MeasuresCSV.benchmark(r.benchmark).utf8), to: b)
        try AtomicFile.write(Data(CoverageCSV.text(r.coverage).utf8), to: c)
        return [m, b, c]
    }
}
