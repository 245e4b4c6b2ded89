import Foundation
import MiaraReport
import MiaraValues

/// `miara verify RUNDIR --inbox DIR --recompute`: a reviewer re-derives a published run.
///
/// The input files the run's manifest lists are copied from the inbox into a temporary folder
/// (files added to the inbox since are left out), read into a new temporary store, and the run is
/// repeated with the manifest's as-of, periods, min_cell, max_reject_share, language, cost_lag_days,
/// headline, targets and run id and the pipeline file's catalogues and pseudonym key; a key or
/// catalogue whose SHA-256 differs from the manifest's is named first. Every output of the two run
/// folders is compared (manifest.json excepted, since it records times); a CSV that differs is
/// named by its first differing row and column. The temporary folder is removed afterwards.
public enum Recompute {
    /// One way the recomputed run differs from the published one.
    public struct Difference: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var detail: Phrase
        /// `detail: path` in `lang`.
        public func text(_ lang: Language) -> String { PersonalData.masked("\(detail(lang)): \(path)") }
        public var description: String { text(.en) }
    }

    public static func run(runFolder: URL, inbox: URL, config: PipelineConfig) throws -> [Difference] {
        let manifest = try Manifest.load(runFolder.appendingPathComponent(RunFolder.manifestName))
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("miara-recompute-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A temporary folder of recomputed CSVs (no personal data) left behind is the system's to clear.
        defer { try? fm.removeItem(at: tmp) }
        var out: [Difference] = []
        let copy = tmp.appendingPathComponent("inbox")
        for input in manifest.inputs {
            let from = inbox.appendingPathComponent(input.path), to = copy.appendingPathComponent(input.path)
            guard fm.fileExists(atPath: from.path) else { out.append(Difference(path: input.path, detail: VerifyText.missingInputCopy)); continue }
            try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: from, to: to)
        }
        var c = config
        c.inbox = copy.path
        c.store = tmp.appendingPathComponent("miara.sqlite").path
        c.outputs = tmp.appendingPathComponent("out").path
        c.asOfText = manifest.asOf
        c.periods = manifest.periods
        c.minCell = manifest.settings.minCell
        c.maxRejectShare = manifest.settings.maxRejectShare
        if let l = Language(rawValue: manifest.settings.lang) { c.language = l }
        // The settings the manifest records are the run's: used as they are (decisions.md 122).
        let m = manifest.settings
        if let v = m.costLagDays { c.costLagDays = v }
        if let v = m.headline, let h = HeadlineChoice(v) { c.headline = h }
        if let t = m.targets { c.targets = t.mapValues { .init(min: $0.min, max: $0.max) } }
        // What the manifest can only fingerprint — the key, the catalogues — comes from the pipeline
        // file; each that differs from the run's is named before the outputs are compared.
        out += try settingDifferences(manifest: m, config: c)
        let result = try RunStage(config: c).run(RunContext(config: c, runID: manifest.runID, console: Printer(mode: .quiet)))
        guard let again = result.runFolder else {
            return out + [Difference(path: runFolder.path, detail: VerifyText.publishedNothing("\(result.status)"))]
        }
        let published = Set(try RunFolder.files(in: runFolder)).subtracting([RunFolder.manifestName])
        let recomputed = Set(try RunFolder.files(in: again)).subtracting([RunFolder.manifestName])
        for path in published.union(recomputed).sortedBytewise() {
            if !recomputed.contains(path) { out.append(Difference(path: path, detail: VerifyText.notRecomputed)); continue }
            if !published.contains(path) { out.append(Difference(path: path, detail: VerifyText.onlyRecomputed)); continue }
            let a = try Data(contentsOf: runFolder.appendingPathComponent(path))
            let b = try Data(contentsOf: again.appendingPathComponent(path))
            if a != b {
                let row = path.hasSuffix(".csv") ? CSVDifference.first(published: a, recomputed: b) : nil
                out.append(Difference(path: path, detail: VerifyText.differs.joined(row.map { $0.map { " (\($0))" } } ?? firstDifference(a, b), separator: "")))
            }
        }
        return out
    }

    /// The recorded settings the recompute cannot take from the manifest and that differ in
    /// `config`: the pseudonym key, the measure catalogue, the standard, the questionnaire maps.
    static func settingDifferences(manifest m: Manifest.Settings, config c: PipelineConfig) throws -> [Difference] {
        var out: [Difference] = []
        func short(_ s: String?) -> Phrase { s.map { Phrase(verbatim: String($0.prefix(12))) } ?? VerifyText.none }
        // A manifest that records the catalogues records the key too (absent: no key).
        if m.catalogues != nil {
            let now = try c.pseudonymKeySHA256()
            if m.pseudonymKeySHA256 != now {
                out.append(Difference(path: "pseudonym_key_file", detail: Phrase(pl: VerifyText.keyDiffers(short(m.pseudonymKeySHA256).pl, short(now).pl).pl,
                                                     en: VerifyText.keyDiffers(short(m.pseudonymKeySHA256).en, short(now).en).en)))
            }
        }
        if let recorded = m.catalogues {
            let now = c.catalogueDigests
            for (name, a, b) in [("measures", recorded.measures, now.measures), ("standard", recorded.standard, now.standard),
                                 ("surveys", recorded.surveys, now.surveys)] where a != b {
                out.append(Difference(path: name, detail: Phrase(pl: VerifyText.catalogueDiffers(name, short(a).pl, short(b).pl).pl,
                                                                      en: VerifyText.catalogueDiffers(name, short(a).en, short(b).en).en)))
            }
        }
        return out
    }

    /// ` (first at line N)` for text files, empty otherwise.
    static func firstDifference(_ a: Data, _ b: Data) -> Phrase {
        guard let i = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? (a.count != b.count ? min(a.count, b.count) : nil)
        else { return Phrase(verbatim: "") }
        let line = a.prefix(i).filter { $0 == 10 }.count + 1
        return VerifyText.firstAt(byte: i + 1, line: line)
    }
}
