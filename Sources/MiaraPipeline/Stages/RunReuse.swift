import Foundation
import MiaraReport
import MiaraStore
import MiaraValues

/// Fast nights: when nothing a run's outputs depend on changed since the last published run
/// (equal `RunFingerprint`s) and that run's folder still verifies, the run publishes a new run
/// folder holding copies of its files instead of computing them again. The copies are the bytes a
/// recompute would write; the new manifest says `reused_from: <run-id>`.
public struct RunReuse {
    public let outputs: URL

    public init(outputs: URL) { self.outputs = outputs }

    /// The previous run whose folder can be published again: the last published run of the store,
    /// when its fingerprint is `fingerprint`, its folder under `outputs` verifies (every output's
    /// SHA-256 matches its manifest, no extra file) and the manifest is the one the store recorded.
    public func candidate(db: StoreReader, runID: String, fingerprint: String) throws -> (runID: String, folder: URL, manifest: Manifest)? {
        guard let prev = WorkbookReuse.lastPublished(db: db, outputs: outputs, excluding: runID), prev.fingerprint == fingerprint,
              Verifier.verify(runFolder: prev.folder).isEmpty else { return nil }
        return (prev.runID, prev.folder, prev.manifest)
    }

    /// Publishes `<outputs>/<as-of>/<run-id>/` with copies of the previous run folder's outputs
    /// and a manifest of this run (its inputs, settings and timings) naming the run reused.
    public func publish(context: RunContext, from previous: (runID: String, folder: URL, manifest: Manifest),
                        ingestSeconds: Double?) throws -> ReportStage.Result {
        let started = Date()
        let config = context.config
        let folder = RunFolder(outputs: outputs, asOf: context.asOf.iso, runID: context.runID)
        let dir = try folder.create()
        do {
            for o in previous.manifest.outputs {
                try AtomicFile.write(try Data(contentsOf: previous.folder.appendingPathComponent(o.path)),
                                     to: dir.appendingPathComponent(o.path), private: RejectsCSV.isPrivate(o.path))
            }
            let inputs = try context.read { try Manifest.inputs(db: $0) }
            var manifest = Manifest(
                runID: context.runID, command: context.command, asOf: context.asOf.iso, periods: context.periods.map(\.text),
                startedAt: context.startedAt, pipeline: try ReportStage(config: config).pipelineFile(),
                settings: try config.manifestSettings(asOf: context.asOf),
                inputs: inputs, outputs: previous.manifest.outputs.map { o in
                    var o = o
                    o.reusedFrom = previous.runID
                    return o
                },
                timings: .init(ingest: ingestSeconds.map(Manifest.seconds)))
            manifest.reusedFrom = previous.runID
            manifest.timings.report = Manifest.seconds(Date().timeIntervalSince(started))
            try AtomicFile.write(try manifest.encoded(), to: dir.appendingPathComponent(RunFolder.manifestName))
            try folder.publish()
            let workbooks = previous.manifest.outputs.map(\.path).filter { $0.hasSuffix(".xlsx") }
            return ReportStage.Result(runFolder: folder.published, manifest: manifest, workbooks: workbooks,
                                      seconds: Date().timeIntervalSince(started))
        } catch {
            folder.discard()
            throw error
        }
    }
}
