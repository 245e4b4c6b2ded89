import Foundation
import MiaraReport
import MiaraValues

/// `miara verify RUNDIR --inbox DIR --recompute`: a reviewer re-derives a published run.
///
/// The input files the run's manifest lists are copied from the inbox into a temporary folder
/// (files added to the inbox since are left out), read into a new temporary store, and the run is
/// repeated with the manifest's as-of, periods, min_cell, max_reject_share, language and run id and
/// the pipeline file's other settings (standard, surveys, catalogue, targets, pseudonym key). Every
/// output of the two run folders is compared byte for byte (manifest.json excepted, since it
/// records times). The temporary folder is removed afterwards.
public enum Recompute {
    /// One way the recomputed run differs from the published one.
    public struct Difference: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String { "\(detail): \(path)" }
    }

    public static func run(runFolder: URL, inbox: URL, config: PipelineConfig) throws -> [Difference] {
        let manifest = try Manifest.load(runFolder.appendingPathComponent(RunFolder.manifestName))
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("miara-recompute-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? fm.removeItem(at: tmp) }
        var out: [Difference] = []
        let copy = tmp.appendingPathComponent("inbox")
        for input in manifest.inputs {
            let from = inbox.appendingPathComponent(input.path), to = copy.appendingPathComponent(input.path)
            guard fm.fileExists(atPath: from.path) else { out.append(Difference(path: input.path, detail: "missing input")); continue }
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
        var stage = RunStage(config: c)
        stage.console = Printer(mode: .quiet)
        let result = try stage.run(runID: manifest.runID)
        guard let again = result.runFolder else {
            return out + [Difference(path: runFolder.path, detail: "the recomputed run published nothing (status \(result.status))")]
        }
        let published = Set(try RunFolder.files(in: runFolder)).subtracting([RunFolder.manifestName])
        let recomputed = Set(try RunFolder.files(in: again)).subtracting([RunFolder.manifestName])
        for path in published.union(recomputed).sortedBytewise() {
            if !recomputed.contains(path) { out.append(Difference(path: path, detail: "not recomputed")); continue }
            if !published.contains(path) { out.append(Difference(path: path, detail: "recomputed but not published")); continue }
            let a = try Data(contentsOf: runFolder.appendingPathComponent(path))
            let b = try Data(contentsOf: again.appendingPathComponent(path))
            if a != b { out.append(Difference(path: path, detail: "differs when recomputed" + firstDifference(a, b))) }
        }
        return out
    }

    /// ` (first at line N)` for text files, empty otherwise.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        guard let i = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? (a.count != b.count ? min(a.count, b.count) : nil)
        else { return "" }
        let line = a.prefix(i).filter { $0 == 10 }.count + 1
        return " (first at byte \(i + 1), line \(line))"
    }
}
