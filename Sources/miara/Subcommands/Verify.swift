import ArgumentParser
import Foundation
import MiaraPipeline
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara verify`: re-hash a run folder's outputs (and, given the inbox, its inputs) against
/// its manifest.json, and the manifest itself against the SHA-256 the store recorded for the run;
/// one line per mismatch; exit 0 when everything matches, 1 otherwise.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a run folder against its manifest.json (outputs, inputs with --inbox, the manifest with --store).",
        discussion: "Prints one line per mismatch (missing, changed or extra file, an edited manifest). Exit status: 0 all match, 1 otherwise.")
    @Argument(help: "The run folder (e.g. Outputs/latest or Outputs/2026-10-31/<run-id>).")
    var runFolder: String
    @Option(help: "The inbox the run read: its files are re-hashed too.")
    var inbox: String?
    @Option(help: "The store the run was recorded in: the manifest's SHA-256 is compared with the one recorded.")
    var store: String?
    @Option(help: "Pipeline file: its inbox and store are used unless --inbox/--store say otherwise.")
    var pipeline: String?

    func run() throws {
        let dir = URL(fileURLWithPath: runFolder)
        let config = try pipeline.map { try PipelineConfig.load(path: $0) }
        let inboxPath = inbox ?? config?.inbox
        let storePath = store ?? config?.store
        var problems = Verifier.verify(runFolder: dir, inbox: inboxPath.map { URL(fileURLWithPath: $0) })
        let digest = Verifier.manifestDigest(runFolder: dir)
        var recordedLine: String? = nil
        if let storePath, let digest, let m = try? Manifest.load(dir.appendingPathComponent(RunFolder.manifestName)) {
            guard FileManager.default.fileExists(atPath: storePath) else {
                throw ConfigError(file: store != nil ? "--store" : (config?.file ?? "--store"), key: "store", "no store at \(storePath)")
            }
            let s = try PrivateFiles.openStore(storePath)
            switch try RunLog.manifestSHA256(s.db, runID: m.runID) {
            case nil:
                problems.append(.init(kind: .changedManifest, path: RunFolder.manifestName, detail: "run \(m.runID) is not in the store"))
            case .some(nil):
                recordedLine = "manifest sha256 \(digest); the store recorded none for run \(m.runID)"
            case .some(.some(let recorded)):
                recordedLine = "manifest sha256 \(digest); recorded in the store \(recorded)"
                if recorded != digest {
                    problems.append(.init(kind: .changedManifest, path: RunFolder.manifestName,
                                          detail: "sha256 \(digest), recorded in the store \(recorded)"))
                }
            }
        } else if let digest {
            recordedLine = "manifest sha256 \(digest) (give --store to compare it with the one recorded)"
        }
        for p in problems { print(p.description) }
        if !problems.isEmpty { throw ExitCode(1) }
        let m = try Manifest.load(dir.appendingPathComponent(RunFolder.manifestName))
        print("ok: \(m.outputs.count) outputs" + (inboxPath != nil ? ", \(m.inputs.count) inputs" : "") + " match the manifest of run \(m.runID)")
        if let l = recordedLine { print(l) }
    }
}
