import Foundation
import MiaraCatalogue
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// The report stage: writes one run folder and publishes it atomically (SPEC 9).
///
/// Into `<outputs>/.tmp-<run-id>/` it writes measures.csv, benchmark.csv, coverage.csv, rejects.csv, the
/// workbooks and manifest.json; then the folder is renamed to `<outputs>/<as-of>/<run-id>/` and
/// `<outputs>/latest` is pointed at it (`RunFolder`). When any step throws, the temporary folder
/// is removed and `latest` keeps pointing at the previous run: a failed run publishes nothing.
public struct ReportStage {
    public let config: PipelineConfig
    /// The folder runs are published under (the pipeline's `outputs`, or `--out`).
    public var outputs: URL
    /// Writes the workbooks into a folder (copying those whose inputs did not change, with a
    /// `WorkbookReuse`) and says what it did with each. Tests replace it (e.g. with one that
    /// throws) to check that a failed run publishes nothing.
    public var writeWorkbooks: (ReportContext, URL, WorkbookReuse) throws -> [Workbooks.Written]
    /// Copy the last published run's workbooks whose inputs did not change (`WorkbookReuse`);
    /// false writes every workbook (`miara run --no-reuse`). Their inputs' digests are recorded
    /// in the manifest either way.
    public var reuseWorkbooks = true
    /// Keep the workbooks' data-quality counts as derived state (`QualitySegments`): take the
    /// stored segments whose rows did not change and store the ones counted now, before
    /// publishing (`miara run`). Needs the compute stage's input digests (`keepsResults`).
    public var keepsDerivedState = false
    /// Called with the temporary folder after every file is written, before publishing (test hook).
    public var beforePublish: ((URL) throws -> Void)?

    public init(config: PipelineConfig, outputs: URL? = nil) {
        self.config = config
        self.outputs = outputs ?? URL(fileURLWithPath: config.outputs)
        var targets: [MeasureCode: Target] = [:]
        for (k, t) in config.targets { targets[MeasureCode(k)] = Target(min: t.min, max: t.max) }
        let frozen = targets
        // The workbooks are written by as many threads as there are cores (at most 4); the files
        // do not depend on it.
        let workers = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
        writeWorkbooks = { ctx, dir, reuse in try Workbooks.write(ctx, targets: frozen, to: dir, workers: workers, reuse: reuse) }
    }

    /// What the stage published.
    public struct Result {
        public var runFolder: URL
        public var manifest: Manifest
        /// Workbook paths relative to the run folder.
        public var workbooks: [String]
        public var seconds: Double
        /// Processor time of the stage (every thread, user and system): a figure that does not
        /// depend on what else the machine runs, unlike `seconds`. Not measured (0) when a run
        /// republishes the previous run's files.
        public var cpuSeconds: Double = 0
    }

    /// Writes and publishes the run folder of a run (its as-of, id and store) for its computed
    /// results. `ingestSeconds` goes into the manifest's timings (nil when the command did not ingest).
    public func run(_ context: RunContext, computed c: ComputeStage.Result, ingestSeconds: Double? = nil) throws -> Result {
        try context.read { db in
            try run(db: db, computed: c, runID: context.runID, command: context.command, startedAt: context.startedAt,
                    asOf: context.asOf, ingestSeconds: ingestSeconds) { loaded in
                try context.store().write { try QualitySegments.save($0, fresh: loaded.fresh, keep: loaded.current) }
            }
        }
    }

    /// The settings the data-quality counts kept in the store depend on: the tool (a rebuilt
    /// binary counts them again) and the store's schema.
    static func qualitySettings(schema: Int) -> String {
        "miara-quality \(MiaraVersion.current) \(RunFingerprint.executableIdentity()) schema \(schema)"
    }

    private func run(db: StoreReader, computed c: ComputeStage.Result, runID: String, command: String,
                     startedAt: String, asOf: Day, ingestSeconds: Double?,
                     saveQuality: (QualitySegments.Loaded) throws -> Void) throws -> Result {
        let started = Date(), startedCPU = Self.processCPUSeconds()
        let folder = RunFolder(outputs: outputs, asOf: asOf.iso, runID: runID)
        let dir = try folder.create()
        let settings = RunFingerprint.settingsSHA256(config: config, asOf: asOf, periods: c.periods, catalogue: c.catalogue,
                                                     schema: db.schemaVersion)
        let previous = reuseWorkbooks ? WorkbookReuse.lastPublished(db: db, outputs: outputs, excluding: runID) : nil
        let reuse = WorkbookReuse(settings: settings, previous: previous.map {
            WorkbookReuse.Previous(runID: $0.runID, folder: $0.folder, outputs: $0.manifest.outputs)
        })
        // The measure CSVs need nothing the workbooks do: written by a second thread meanwhile,
        // each copied from the previous run when its rows are the same (`CSVInputs`).
        let csvs = WorkPool.start { try Self.writeCSVs(c, to: dir, reuse: reuse) }
        do {
            try RejectsCSV.write(db: db, to: dir.appendingPathComponent("rejects.csv"))
            try WarningsCSV.write(db: db, to: dir.appendingPathComponent("warnings.csv"))
            var ctx = ReportContext(reader: db, asOf: asOf, periods: c.periods, measures: c.measures, benchmark: c.benchmark,
                                    ownView: c.ownView, catalogue: c.catalogue, standard: c.standard,
                                    language: config.language, author: config.author, minCell: config.minCell, runID: runID,
                                    coverage: c.coverage, headline: config.headline, plans: c.plans, planRecords: c.planRecords)
            let keep = keepsDerivedState ? c.inputDigests.map {
                QualityCountsKeep(reuse: .init(settings: Self.qualitySettings(schema: db.schemaVersion), digests: $0))
            } : nil
            ctx.qualityCounts = keep
            let workbooks = try writeWorkbooks(ctx, dir, reuse)
            if let loaded = keep?.loaded { try saveQuality(loaded) }
            let written = workbooks + (try csvs.wait())
            var manifest = Manifest(
                runID: runID, command: command, asOf: asOf.iso, periods: c.periods.map(\.text), startedAt: startedAt,
                pipeline: try pipelineFile(),
                settings: try config.manifestSettings(asOf: asOf),
                inputs: try Manifest.inputs(db: db), outputs: Manifest.outputs(try Manifest.outputs(in: dir, known: Manifest.copiedDigests(written)),
                                                                              workbooks: written),
                timings: .init(ingest: ingestSeconds.map(Manifest.seconds), compute: Manifest.seconds(c.seconds)))
            manifest.timings.report = Manifest.seconds(Date().timeIntervalSince(started))
            try AtomicFile.write(try manifest.encoded(), to: dir.appendingPathComponent(RunFolder.manifestName))
            try beforePublish?(dir)
            try folder.publish()
            return Result(runFolder: folder.published, manifest: manifest, workbooks: workbooks.map(\.path),
                          seconds: Date().timeIntervalSince(started), cpuSeconds: Self.processCPUSeconds() - startedCPU)
        } catch {
            // Waiting for the CSV writer before the folder is discarded; the report's error is the one thrown.
            _ = try? csvs.wait()
            folder.discard()
            throw error
        }
    }

    /// Writes the compute stage's CSVs into `dir` (`ComputeStage.writeCSVs`), copying each from
    /// the previous run whose manifest recorded the same inputs (`CSVInputs`) and whose file still
    /// holds the bytes it recorded; returns what was done with each, as for the workbooks.
    static func writeCSVs(_ c: ComputeStage.Result, to dir: URL, reuse: WorkbookReuse) throws -> [Workbooks.Written] {
        let inputs: [String: () -> String] = [
            "measures.csv": { CSVInputs.measures(c.measures, settings: reuse.settings) },
            "benchmark.csv": { CSVInputs.benchmark(c.benchmark, settings: reuse.settings) },
            "coverage.csv": { CSVInputs.coverage(c.coverage, settings: reuse.settings) },
            ComputeStage.plansName: { CSVInputs.plans(c.plans, settings: reuse.settings) },
        ]
        var written: [Workbooks.Written] = []
        try ComputeStage.writeCSVs(c, to: dir) { name in
            guard let digest = inputs[name].map({ d in d() }) else { return false }
            let copied = reuse.copy(name, inputs: digest, to: dir.appendingPathComponent(name).path)
            written.append(Workbooks.Written(path: name, inputsSHA256: digest, reusedFrom: copied?.runID, copiedSHA256: copied?.sha256,
                                             copiedBytes: copied?.bytes))
            return copied != nil
        }
        return written
    }

    /// User and system time of the process so far (`getrusage`).
    static func processCPUSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        func sec(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return sec(u.ru_utime) + sec(u.ru_stime)
    }

    /// The pipeline file and its SHA-256, when the run has one.
    func pipelineFile() throws -> Manifest.PipelineFile? {
        guard let f = config.file else { return nil }
        return Manifest.PipelineFile(path: PersonalData.masked(f), sha256: try FileScan(url: URL(fileURLWithPath: f)).sha256)
    }
}

/// `miara report`: compute, then publish a run folder; the run is recorded in the `runs` table
/// with its fingerprint, so a `miara run` with nothing new after it publishes its files again.
public struct ReportCommandStage {
    public var stage: ReportStage
    public init(config: PipelineConfig, outputs: URL? = nil) { stage = ReportStage(config: config, outputs: outputs) }

    public func run(_ context: RunContext) throws -> (ComputeStage.Result, ReportStage.Result) {
        let runID = context.runID
        let path = stage.config.store
        if FileManager.default.fileExists(atPath: path), !Store.isWritable(path: path) {
            throw MiaraError.readOnlyStore(path, StoreText.reportNeedsWritable)
        }
        let store = try context.existingStore()
        try NoCompletedIngest.check(store)
        return try store.withRun(runID, command: "report", asOf: context.asOf.iso, startedAt: context.startedAt) { run in
            // One read snapshot for the measures and everything the report reads from the store.
            let compute = ComputeStage(config: context.config)
            let (c, r, fingerprint) = try context.inOneSnapshot(readers: compute.readers) {
                let c = try compute.run(context)
                let r = try stage.run(context, computed: c)
                // Taken before the snapshot ends: the fingerprint of the files this report read.
                return (c, r, try context.read { try RunFingerprint(context: context, db: $0).sha256 })
            }
            try store.autocommit { try RunFingerprints.record($0, runID: runID, fingerprint: fingerprint) }
            try run.done(manifest: String(decoding: try r.manifest.encoded(), as: UTF8.self))
            return (c, r)
        }
    }
}

extension PipelineConfig {
    /// The settings a run's manifest records (SPEC 9.3): those that reach the outputs, with the
    /// settled date `cost_lag_days` gives on `asOf`.
    func manifestSettings(asOf: Day) throws -> Manifest.Settings {
        .init(minCell: minCell, maxRejectShare: maxRejectShare, lang: language.rawValue, costLagDays: costLagDays,
              settledDate: ClipDates(asOf: asOf, costLagDays: costLagDays).settled.iso, headline: headline.description,
              targets: targets.mapValues { .init(min: $0.min, max: $0.max) },
              pseudonymKeySHA256: try pseudonymKeySHA256(), catalogues: catalogueDigests)
    }
}

extension PipelineConfig {
    /// The SHA-256s of the catalogues in use (`Manifest.Settings.Catalogues`).
    var catalogueDigests: Manifest.Settings.Catalogues {
        func digest(_ text: String?) -> String { FileScan.sha256(Data((text ?? "").utf8)) }
        let maps = (CatalogueFiles.list(surveys) ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { "\($0) \(digest(CatalogueFiles.read(surveys + "/" + $0)))\n" }.joined()
        return .init(measures: digest(CatalogueFiles.read(measures)), standard: digest(CatalogueFiles.read(standard)),
                     surveys: digest(maps))
    }
}
