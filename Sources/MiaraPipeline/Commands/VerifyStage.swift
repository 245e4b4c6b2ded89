import Foundation
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara verify`: re-hash a run folder's outputs (and, given the inbox, its inputs) against its
/// manifest.json, and the manifest itself against the SHA-256 the store recorded for the run; one
/// line per mismatch. `recompute` reruns the run from the manifest's inputs and compares every
/// output; `measures` checks every measure row of a store against the records behind it.
public struct VerifyStage {
    /// The run folder (e.g. Outputs/latest).
    public var runFolder: String?
    /// The inbox the run read: its files are re-hashed too.
    public var inbox: String?
    /// The store the run was recorded in.
    public var store: String?
    /// The pipeline file: its inbox and store unless `inbox`/`store` say otherwise.
    public var config: PipelineConfig?
    public var recompute = false
    public var measures = false
    /// The as-of date of `measures` (overrides `as_of`).
    public var asOf: String?
    /// The language of the lines.
    public var language: Language

    public init(config: PipelineConfig?, language: Language) {
        self.config = config; self.language = language
    }

    /// What verify prints and whether everything matched (exit 0) or not (exit 1).
    public struct Output {
        public var lines: [String] = []
        public var ok = true
    }

    public func run() throws -> Output {
        var out = Output()
        let language = self.language
        func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }
        if measures {
            try verifyMeasures(config ?? PipelineConfig(), t, into: &out)
            if !out.ok { return out }
        }
        guard let runFolder else {
            if measures { return out }
            throw MiaraError(.usage, VerifyText.giveRunFolder)
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
        // An unreadable manifest is already a problem of `Verifier.verify` above; here it only skips the store's record.
        if let storePath, let digest, let m = try? Manifest.load(dir.appendingPathComponent(RunFolder.manifestName)) {
            let s = try PrivateFiles.openStoreForReading(storePath, missing: MiaraError.configuration(
                file: store != nil ? "--store" : (config?.file ?? "--store"), key: "store", ConfigText.noStore(storePath)))
            switch try s.read({ try RunLog.manifestSHA256($0, runID: m.runID) }) {
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
        out.lines += problems.map { $0.text(language) }
        if recompute {
            guard let inboxPath else { throw MiaraError(.usage, VerifyText.recomputeNeedsInbox) }
            let differences = try Recompute.run(runFolder: dir, inbox: URL(fileURLWithPath: inboxPath), config: config ?? PipelineConfig())
            out.lines += differences.map { $0.text(language) }
            if !problems.isEmpty || !differences.isEmpty { out.ok = false; return out }
            out.lines.append(t("ok: każdy plik wynikowy \(runFolder) przeliczony z plików wejściowych manifestu jest identyczny bajt po bajcie",
                               "ok: every output of \(runFolder) is recomputed byte for byte from the manifest's inputs"))
            return out
        }
        if !problems.isEmpty { out.ok = false; return out }
        let m = try Manifest.load(dir.appendingPathComponent(RunFolder.manifestName))
        out.lines.append(t("ok: pliki wynikowe (\(m.outputs.count))" + (inboxPath != nil ? " i wejściowe (\(m.inputs.count))" : "") + " zgodne z manifestem przebiegu \(m.runID)",
                           "ok: \(m.outputs.count) outputs" + (inboxPath != nil ? ", \(m.inputs.count) inputs" : "") + " match the manifest of run \(m.runID)"))
        if let l = recordedLine { out.lines.append(l) }
        return out
    }

    /// Every measure row of the store against the records behind it, in one measures scope.
    func verifyMeasures(_ base: PipelineConfig, _ t: (String, String) -> String, into out: inout Output) throws {
        var config = base
        if let v = asOf { config.asOfText = v }
        if let v = store { config.store = v }
        let context = try RunContext(config: config, command: "verify", console: Printer(mode: .quiet, language: language), storeUse: .read)
        _ = try context.store(missing: MiaraError.configuration(file: config.file ?? "--pipeline", key: "store", ConfigText.noStore(config.store)))
        let report = try context.measures(readers: 0) { m in
            try MeasureConsistency.check(db: m.connections[0], catalogue: context.catalogue, standard: context.standard,
                                         periods: context.periods, asOf: context.asOf, costLagDays: config.costLagDays)
        }
        out.lines += report.mismatches.map(\.description)
        let catalogue = context.catalogue
        out.lines.append(t("\(report.mismatches.isEmpty ? "ok" : "niezgodność"): wiersze miar (\(report.rowsChecked)) \(catalogue.definitions.count) miar sprawdzone z wkładami rekordów (\(report.contributions)), niezgodności: \(report.mismatches.count)",
                           "\(report.mismatches.isEmpty ? "ok" : "mismatch"): \(report.rowsChecked) measure rows of \(catalogue.definitions.count) measures checked against \(report.contributions) contributions, \(report.mismatches.count) mismatches"))
        if !report.mismatches.isEmpty { out.ok = false }
    }
}
