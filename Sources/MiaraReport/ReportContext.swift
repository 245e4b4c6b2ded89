import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// Everything a report needs: the store (files, rejects, datasets), the computed and published
/// rows, the catalogue and standard, and the run's settings.
public struct ReportContext {
    public var reader: StoreReader
    public var asOf: Day
    public var periods: [Period]
    /// measures.csv rows: disclosure control applied.
    public var measures: [MeasureRow]
    /// benchmark.csv rows: disclosure control applied.
    public var benchmark: [BenchmarkRow]
    /// The municipality's own view: suppressed values kept and marked.
    public var ownView: [MeasureRow]
    /// The facility-months of the run's periods with their status (coverage.csv).
    public var coverage: [CoverageRow]
    public var catalogue: MeasureCatalogue
    public var standard: Standard
    public var language: Language
    /// Document author (the pipeline's `author`).
    public var author: String
    public var minCell: Int
    public var runID: String
    /// The pipeline's `headline` choice (SPEC 9.2).
    public var headline: HeadlineChoice
    /// plans.csv's rows (SPEC 12): each action of the accepted plans per half-year.
    public var plans: [PlanProgressRow]
    /// The accepted plan rows (action, owner, dates, state).
    public var planRecords: [PlanRecord]
    /// The derived state of the data-quality counts (`QualitySegments`): what may be taken from
    /// the store, and where the report leaves the counts it loaded. Nil: every dataset is counted.
    public var qualityCounts: QualityCountsKeep? = nil

    public init(reader: StoreReader, asOf: Day, periods: [Period], measures: [MeasureRow], benchmark: [BenchmarkRow],
                ownView: [MeasureRow], catalogue: MeasureCatalogue, standard: Standard, language: Language,
                author: String, minCell: Int, runID: String, coverage: [CoverageRow] = [],
                headline: HeadlineChoice = .year, plans: [PlanProgressRow] = [], planRecords: [PlanRecord] = []) {
        self.reader = reader; self.asOf = asOf; self.periods = periods; self.measures = measures; self.benchmark = benchmark
        self.ownView = ownView; self.catalogue = catalogue; self.standard = standard; self.language = language
        self.author = author; self.minCell = minCell; self.runID = runID
        self.coverage = coverage
        self.headline = headline
        self.plans = plans; self.planRecords = planRecords
    }
}

/// The data-quality counts of a report kept for its caller (`ReportContext.qualityCounts`): the
/// segments the report may take from the store and, once it has read the data-quality tables,
/// the segments it counted (which the caller stores, `QualitySegments.save`).
// @unchecked proof: `loaded` is set once, by the workbooks' data-quality job, and read by the caller after `Workbooks.write` has returned (its pool joined).
public final class QualityCountsKeep: @unchecked Sendable {
    public let reuse: QualitySegments.Reuse
    /// The counts as the report loaded them (nil until it has).
    public internal(set) var loaded: QualitySegments.Loaded?
    public init(reuse: QualitySegments.Reuse) { self.reuse = reuse }
}
