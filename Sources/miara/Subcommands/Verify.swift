import ArgumentParser
import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara verify`: re-hash a run folder's outputs (and, given the inbox, its inputs) against
/// its manifest.json, and the manifest itself against the SHA-256 the store recorded for the run;
/// one line per mismatch; exit 0 when everything matches, 1 otherwise. `--recompute` reruns the
/// run from the manifest's inputs and compares every output; `--measures` checks every measure row
/// of a store against the records behind it.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a run folder against its manifest.json (outputs, inputs with --inbox, the manifest with --store).",
        discussion: """
            Prints one line per mismatch (missing, changed or extra file, an edited manifest). With --recompute (needs the \
            inbox), the manifest's inputs are read into a temporary store and the run is repeated with its as-of and \
            settings; every output that differs is listed. With --measures (and no run folder), every measure of the \
            catalogue is run over the pipeline's store and periods and the records `explain` lists for each row must \
            aggregate to its numerator, denominator and n. Exit status: 0 all match, 1 otherwise.
            """)
    @Argument(help: "The run folder (e.g. Outputs/latest or Outputs/2026-10-31/<run-id>).")
    var runFolder: String?
    @Option(help: "The inbox the run read: its files are re-hashed too.")
    var inbox: String?
    @Option(help: "The store the run was recorded in: the manifest's SHA-256 is compared with the one recorded.")
    var store: String?
    @Option(help: "Pipeline file: its inbox and store are used unless --inbox/--store say otherwise (and its catalogues, targets and key with --recompute or --measures).")
    var pipeline: String?
    @Flag(help: "Re-read the manifest's inputs from the inbox into a temporary store, rerun with the run's as-of and settings, and compare every output byte for byte.")
    var recompute = false
    @Flag(help: "Check every measure row of the store against the records behind it (no run folder needed).")
    var measures = false
    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD for --measures (overrides `as_of`).")
    var asOf: String?
    @Option(help: "Language of the lines printed: pl or en (overrides the pipeline's `lang`; default pl).")
    var lang: Language?

    func run() throws {
        let config = try pipeline.map { try PipelineConfig.load(path: $0) }
        var language = config?.language ?? .pl
        if let l = lang { language = l }
        Miara.language = language
        func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }
        if measures { try verifyMeasures(config ?? PipelineConfig(), t) }
        guard let runFolder else {
            if measures { return }
            throw ValidationError("give a run folder, or --measures")
        }
        let dir = URL(fileURLWithPath: runFolder)
        let inboxPath = inbox ?? config?.inbox
        // The pipeline's store is compared with only when it exists: `--recompute` never reads
        // it, and a reviewer's copy of the pipeline file need not come with the store.
        let pipelineStore = config.map(\.store).flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        let storePath = store ?? pipelineStore
        var problems = Verifier.verify(runFolder: dir, inbox: inboxPath.map { URL(fileURLWithPath: $0) })
        let digest = Verifier.manifestDigest(runFolder: dir)
        var recordedLine: String? = nil
        if let storePath, let digest, let m = try? Manifest.load(dir.appendingPathComponent(RunFolder.manifestName)) {
            let s = try PrivateFiles.openStoreForReading(storePath, missing: MiaraError.configuration(
                file: store != nil ? "--store" : (config?.file ?? "--store"), key: "store", ConfigText.noStore(storePath)))
            switch try RunLog.manifestSHA256(s.db, runID: m.runID) {
            case nil:
                problems.append(.init(kind: .changedManifest, path: RunFolder.manifestName, detail: t("przebiegu \(m.runID) nie ma w magazynie", "run \(m.runID) is not in the store")))
            case .some(nil):
                recordedLine = t("manifest sha256 \(digest); magazyn nie zapisał żadnego dla przebiegu \(m.runID)",
                                 "manifest sha256 \(digest); the store recorded none for run \(m.runID)")
            case .some(.some(let recorded)):
                recordedLine = t("manifest sha256 \(digest); zapisany w magazynie \(recorded)", "manifest sha256 \(digest); recorded in the store \(recorded)")
                if recorded != digest {
                    problems.append(.init(kind: .changedManifest, path: RunFolder.manifestName,
                                          detail: t("sha256 \(digest), zapisany w magazynie \(recorded)", "sha256 \(digest), recorded in the store \(recorded)")))
                }
            }
        } else if let digest {
            recordedLine = t("manifest sha256 \(digest) (podaj --store, by porównać go z zapisanym)",
                             "manifest sha256 \(digest) (give --store to compare it with the one recorded)")
            if store == nil, let c = config, pipelineStore == nil {
                recordedLine = t("manifest sha256 \(digest) (magazynu potoku \(c.store) nie ma: nie porównano z zapisanym)",
                                 "manifest sha256 \(digest) (the pipeline's store \(c.store) does not exist: not compared with a recorded one)")
            }
        }
        for p in problems { print(p.text(language)) }
        if recompute {
            guard let inboxPath else { throw ValidationError("--recompute needs --inbox (or a pipeline file with `inbox`)") }
            let differences = try Recompute.run(runFolder: dir, inbox: URL(fileURLWithPath: inboxPath), config: config ?? PipelineConfig())
            for d in differences { print(d.text(language)) }
            if !problems.isEmpty || !differences.isEmpty { throw ExitCode(1) }
            print(t("ok: każdy plik wynikowy \(runFolder) przeliczony z plików wejściowych manifestu jest identyczny bajt po bajcie",
                    "ok: every output of \(runFolder) is recomputed byte for byte from the manifest's inputs"))
            return
        }
        if !problems.isEmpty { throw ExitCode(1) }
        let m = try Manifest.load(dir.appendingPathComponent(RunFolder.manifestName))
        print(t("ok: pliki wynikowe (\(m.outputs.count))" + (inboxPath != nil ? " i wejściowe (\(m.inputs.count))" : "") + " zgodne z manifestem przebiegu \(m.runID)",
                "ok: \(m.outputs.count) outputs" + (inboxPath != nil ? ", \(m.inputs.count) inputs" : "") + " match the manifest of run \(m.runID)"))
        if let l = recordedLine { print(l) }
    }

    func verifyMeasures(_ base: PipelineConfig, _ t: (String, String) -> String) throws {
        var config = base
        if let v = asOf { config.asOfText = v }
        if let v = store { config.store = v }
        let s = try PrivateFiles.openStoreForReading(config.store, missing: MiaraError.configuration(
            file: config.file ?? "--pipeline", key: "store", ConfigText.noStore(config.store)))
        let catalogue: MeasureCatalogue
        catalogue = try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures))
        let day = try config.asOf()
        let report = try MeasureConsistency.check(db: s.db, catalogue: catalogue, standard: try Standard.load(path: config.standard),
                                                  periods: try config.resolvedPeriods(asOf: day), asOf: day,
                                                  costLagDays: config.costLagDays)
        for m in report.mismatches { print(m.description) }
        print(t("\(report.mismatches.isEmpty ? "ok" : "niezgodność"): wiersze miar (\(report.rowsChecked)) \(catalogue.definitions.count) miar sprawdzone z wkładami rekordów (\(report.contributions)), niezgodności: \(report.mismatches.count)",
                "\(report.mismatches.isEmpty ? "ok" : "mismatch"): \(report.rowsChecked) measure rows of \(catalogue.definitions.count) measures checked against \(report.contributions) contributions, \(report.mismatches.count) mismatches"))
        if !report.mismatches.isEmpty { throw ExitCode(1) }
    }
}
