import Foundation
import MiaraCatalogue
import MiaraGenerate
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara generate` and the demo's data: a deterministic synthetic inbox.
public enum GenerateStage {
    public static func run(scale: String, seed: UInt64, out: String, asOf: Day, corrupt: Bool) throws -> GenerationSummary {
        guard let s = GeneratorScale(rawValue: scale) else {
            throw MiaraError.configuration(file: "--scale", ConfigText.expectedScale(scale))
        }
        return try InboxGenerator.generate(GeneratorOptions(scale: s, seed: seed, outDir: URL(fileURLWithPath: out), asOf: asOf, corrupt: corrupt,
                                                            catalogues: try .builtIn()))
    }
}

/// `miara demo`: the city inbox in `Outputs/demo/inbox` (generated if absent) run through every
/// stage that exists, with `Pipelines/demo.yaml`. Its lines go through the run's `Printer`, in the
/// language of `--lang` or the pipeline's `lang`.
public struct DemoStage {
    public let pipeline: String
    /// The console language (`--lang`); nil: the pipeline file's `lang`.
    public var language: Language?
    /// How much the console prints (`--quiet`, `--verbose`).
    public var mode: ConsoleMode = .normal
    public static let defaultPipeline = "Pipelines/demo.yaml"
    /// Where the built-in demo pipeline is written when the folder has no `Pipelines/demo.yaml`.
    public static let standaloneFolder = "miara-demo"
    public init(pipeline: String = DemoStage.defaultPipeline) { self.pipeline = pipeline }

    /// The demo pipeline file: the given one, or, run outside the project with the default path,
    /// the built-in one written to `miara-demo/Pipelines/demo.yaml` (outputs in `miara-demo/Outputs`).
    func pipelineFile() throws -> String {
        let fm = FileManager.default
        guard pipeline == Self.defaultPipeline, !fm.fileExists(atPath: pipeline),
              let text = CatalogueFiles.read(CatalogueFiles.builtIn("demo.yaml")) else { return pipeline }
        let path = Self.standaloneFolder + "/" + Self.defaultPipeline
        if !fm.fileExists(atPath: path) {
            try fm.createDirectory(atPath: Self.standaloneFolder + "/Pipelines", withIntermediateDirectories: true)
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
            let c = Printer(mode: mode, language: language ?? .pl)
            c.info(c.t("brak \(Self.defaultPipeline) w tym folderze: wbudowany potok demonstracyjny zapisano w \(path)",
                       "no \(Self.defaultPipeline) here: the built-in demo pipeline is in \(path)"))
        }
        return path
    }

    /// The demo's run options: its pipeline file (the built-in one written out when needed), its
    /// language and verbosity; the command starts the run with them (`RunContext.make`).
    public func options() throws -> RunOptions {
        var o = RunOptions()
        o.pipeline = try pipelineFile()
        o.lang = language
        o.console = mode
        return o
    }

    /// Generates the inbox when absent, then ingests, computes and publishes it in one run.
    public func run(_ context: RunContext) throws {
        let config = context.config, c = context.console, asOf = context.asOf
        let fm = FileManager.default
        if !fm.fileExists(atPath: config.inbox) {
            c.info(c.t("tworzenie danych demonstracyjnych (siedem miast grupy GWD) w \(config.inbox) …",
                       "generating the demo inbox (seven cities of the GWD group) in \(config.inbox) …"))
            let s = try GenerateStage.run(scale: "city", seed: 2024, out: config.inbox, asOf: asOf, corrupt: true)
            c.info(c.t("  " + [CountedNoun.file(s.files.count, .pl), CountedNoun.person(s.persons, .pl), CountedNoun.stay(s.stays, .pl),
                              CountedNoun.serviceRow(s.serviceRows, .pl)].joined(separator: ", "),
                       "  \(s.files.count) files, \(s.persons) persons, \(s.stays) stays, \(s.serviceRows) service rows"))
        }
        if let key = config.pseudonymKeyFile, !fm.fileExists(atPath: key) {
            try fm.createDirectory(atPath: (key as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var bytes = [UInt8](repeating: 0, count: 32)
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
            let text = Hex.encode(bytes) + "\n"
            guard fm.createFile(atPath: key, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw MiaraError.configuration(file: key, ConfigText.cannotCreateDemoKey)
            }
            c.info(c.t("utworzono klucz pseudonimizacji dla demonstracji: \(key)", "created a pseudonym key for the demo: \(key)"))
        }
        // The inbox and the key sit beside the store: what exists now is what the run starts from.
        context.takeStorePresence()
        let runID = context.runID
        let r = try IngestStage().run(context)
        let read = r.reports.reduce(0) { $0 + $1.rowsRead }
        let rejected = r.reports.reduce(0) { $0 + $1.rowsRejected }
        let secs = String(format: "%.1f", r.seconds)
        c.info("")
        c.info(c.t("wczytano \(CountedNoun.file(r.reports.count, .pl)); wiersze odczytane: \(read), przyjęte: \(read - rejected), odrzucone: \(rejected) (\(secs) s)",
                   "ingested \(r.reports.count) files: \(read) rows read, \(read - rejected) accepted, \(rejected) rejected (\(secs) s)"))
        c.info(c.t("magazyn: \(config.store)", "store: \(config.store)"))
        c.info(c.t("odrzucone wiersze: \(r.rejectsCSV.path)", "rejected rows: \(r.rejectsCSV.path)"))
        let store = try context.store()
        try store.withRun(runID, command: "demo", asOf: context.asOf.iso, startedAt: context.startedAt) { run in
            let cm = try ComputeStage(config: config).run(context)
            let periods = cm.periods.map(\.text).joined(separator: ", "), csecs = String(format: "%.1f", cm.seconds)
            c.info(c.t("obliczenia: \(cm.measures.count) wierszy miar, \(cm.benchmark.count) wierszy porównań, okresy \(periods) (\(csecs) s)",
                       "computed \(cm.measures.count) measure rows and \(cm.benchmark.count) benchmark rows for \(periods) (\(csecs) s)"))
            let rep = try ReportStage(config: config).run(context, computed: cm, ingestSeconds: r.seconds)
            try run.done(manifest: String(decoding: try rep.manifest.encoded(), as: UTF8.self))
            c.info("")
            c.info(c.t("folder wyników: \(rep.runFolder.path)  (wskazuje go \(config.outputs)/latest)",
                       "run folder: \(rep.runFolder.path)  (\(config.outputs)/latest points at it)"))
            for name in ["measures.csv", "benchmark.csv", "coverage.csv", ComputeStage.plansName, "rejects.csv", RunFolder.manifestName] {
                c.info("  \(rep.runFolder.appendingPathComponent(name).path)")
            }
            c.info(c.t("skoroszyty:", "workbooks:"))
            for w in rep.workbooks { c.info("  \(rep.runFolder.appendingPathComponent(w).path)") }
        }
    }
}
