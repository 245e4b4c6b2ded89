import ArgumentParser
import Foundation
import MiaraReport

/// `miara verify`: re-hash a run folder's outputs (and, given the inbox, its inputs) against
/// its manifest.json; one line per mismatch; exit 0 when everything matches, 1 otherwise.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a run folder against its manifest.json (outputs, and inputs with --inbox).",
        discussion: "Prints one line per mismatch (missing, changed or extra file). Exit status: 0 all match, 1 otherwise.")
    @Argument(help: "The run folder (e.g. Outputs/latest or Outputs/2026-10-31/<run-id>).")
    var runFolder: String
    @Option(help: "The inbox the run read: its files are re-hashed too.")
    var inbox: String?

    func run() throws {
        let dir = URL(fileURLWithPath: runFolder)
        let problems = Verifier.verify(runFolder: dir, inbox: inbox.map { URL(fileURLWithPath: $0) })
        for p in problems { print(p.description) }
        if !problems.isEmpty { throw ExitCode(1) }
        let m = try Manifest.load(dir.appendingPathComponent(RunFolder.manifestName))
        print("ok: \(m.outputs.count) outputs" + (inbox != nil ? ", \(m.inputs.count) inputs" : "") + " match the manifest of run \(m.runID)")
    }
}
