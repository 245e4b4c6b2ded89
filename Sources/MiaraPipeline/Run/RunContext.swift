import Foundation
import Logging
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// One run resolved once and handed to every stage: the as-of date, the periods, the catalogues,
/// the standard, the questionnaire maps, the run id, the console, and the store it opens once.
/// A run that crosses midnight keeps the as-of date it started with.
public final class RunContext {
    public let config: PipelineConfig
    public let runID: String
    /// The command that started the run (`run`, `report`, `ingest`, …), written into the runs data.
    public let command: String
    public let asOf: Day
    /// The as-of date and the settled date of `cost_lag_days` (SPEC 5): where periods are clipped.
    public let dates: ClipDates
    /// The `headline` key (SPEC 9.2): the year the workbooks put first is `headline.year(asOf:)`.
    public var headline: HeadlineChoice { config.headline }
    public let periods: [Period]
    public let catalogue: MeasureCatalogue
    public let standard: Standard
    public let questionnaires: [String: Questionnaire]
    /// Where every line for people goes.
    public let console: Printer
    /// The run's logger (swift-log), writing through `console`.
    public let log: Logger
    /// When the run started (`UTCTimestamp` form).
    public let startedAt: String
    /// Stages record their start, end, rows and outcome in the store's `run_stages` (`miara run`).
    public var recordStages = false
    private var openedStore: Store?
    /// The store and its folder as they were before the run took the lock beside them.
    private var storePresence: StorePresence
    /// How the command uses the store.
    public let storeUse: StoreUse

    /// How a command uses the store: `write` creates and migrates it (`run`, `ingest`, `report`,
    /// `demo`); `read` opens the existing store read-only and never creates one (`status`,
    /// `explain`, `compute`, `verify`, `plan`, `template`; decisions.md 110).
    public enum StoreUse: Sendable { case write, read }

    /// Resolves the configuration; every configuration problem surfaces here, before any stage runs.
    public init(config: PipelineConfig, runID: String = RunID.make(), command: String = "run", console: Printer = .standard,
                today: Day = Day.today, store: Store? = nil, storeUse: StoreUse = .write) throws {
        self.config = config
        self.storeUse = storeUse
        self.runID = runID
        self.command = command
        self.console = console
        log = console.logger("miara.\(command)")
        asOf = try config.asOf(today: today)
        dates = ClipDates(asOf: asOf, costLagDays: config.costLagDays)
        periods = try config.resolvedPeriods(asOf: asOf)
        catalogue = try config.measureCatalogue()
        for code in config.targets.keys.sorted() where catalogue.definition(MeasureCode(code)) == nil {
            throw config.origins["targets.\(code)"].map { MiaraError.configuration(file: $0.file, line: $0.line, key: "targets.\(code)", ConfigText.unknownMeasure) }
                ?? MiaraError.configuration(file: config.file ?? "pipeline", key: "targets.\(code)", ConfigText.unknownMeasure)
        }
        standard = try Standard.load(path: config.standard)
        questionnaires = try Questionnaire.loadAll(folder: config.surveys)
        startedAt = UTCTimestamp.string()
        openedStore = store
        storePresence = StorePresence(config.store)
    }

    /// The run's store, opened on first use (read-write and migrated, or read-only: `storeUse`)
    /// and kept for the rest of the run. `missing`: the error of a read-only run when there is no
    /// store (default: `PipelineConfig.missingStore`).
    public func store(missing: MiaraError? = nil) throws -> Store {
        if let s = openedStore { return s }
        let console = self.console
        let s = storeUse == .read
            ? try PrivateFiles.openStoreForReading(config.store, missing: missing ?? config.missingStore(), warn: { console.warning($0) })
            : try PrivateFiles.openStore(config.store, before: storePresence, warn: { console.warning($0) })
        openedStore = s
        return s
    }

    /// The measures scope a command holds open around several stages (`inOneSnapshot`).
    private var openMeasures: MeasureConnections?

    /// Runs `body` with a reader of the run's store: the open snapshot's (`inOneSnapshot`), else
    /// the store's own connection.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        if let m = openMeasures { return try body(m.reader) }
        return try store().read(body)
    }

    /// Runs `body` in the store's measures scope (`Store.measures`): the open snapshot's
    /// (`inOneSnapshot`), else a new one with `readers` read-only readers.
    public func measures<T>(readers: Int, _ body: (MeasureConnections) throws -> T) throws -> T {
        if let m = openMeasures { return try body(m) }
        return try store().measures(readers: readers, body)
    }

    /// Runs `body` with one measures scope open: every stage inside it (compute, report) reads
    /// the same snapshot of the store, whatever an ingest commits meanwhile.
    public func inOneSnapshot<T>(readers: Int, _ body: () throws -> T) throws -> T {
        try store().measures(readers: readers) { m in
            openMeasures = m
            defer { openMeasures = nil }
            return try body()
        }
    }

    /// Takes the store's presence again (the demo writes its inbox beside the store before the
    /// run opens it).
    func takeStorePresence() { storePresence = StorePresence(config.store) }

    /// The store when it exists already (read-only commands must not create one).
    public func existingStore() throws -> Store {
        if openedStore == nil, !FileManager.default.fileExists(atPath: config.store) {
            throw MiaraError.configuration(file: config.file ?? "--store", key: "store", ConfigText.noStoreRunIngest(config.store))
        }
        return try store()
    }
}
