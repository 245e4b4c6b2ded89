import Foundation
import MiaraStore
import MiaraValues

/// Workbooks only where something changed: a workbook whose inputs (`WorkbookInputs`) are those
/// of the same workbook in the last published run is copied from that run's folder instead of
/// being written again; so is a compute CSV (measures.csv, benchmark.csv, coverage.csv,
/// plans.csv: `CSVInputs`).
///
/// A file is copied only when the previous manifest recorded the same `inputs_sha256` for it and
/// the file still holds the bytes that manifest recorded (its SHA-256 is checked on the bytes
/// copied); anything else — no previous run, a manifest the store did not record, a file edited
/// or removed — writes the workbook. The copy is a file of its own, not a link: deleting or
/// editing an old run folder never touches a newer one, and every run folder stays whole.
public struct WorkbookReuse: Sendable {
    /// The digest of the tool and settings every workbook depends on (the caller's; see
    /// `WorkbookInputs`).
    public let settings: String
    /// The run whose files may be copied, when there is one.
    public let previous: Previous?

    /// A published run: its id, folder and outputs by path.
    public struct Previous: Sendable {
        public let runID: String
        public let folder: URL
        public let outputs: [String: Manifest.Output]
        public init(runID: String, folder: URL, outputs: [Manifest.Output]) {
            self.runID = runID; self.folder = folder
            self.outputs = Dictionary(outputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public init(settings: String, previous: Previous?) {
        self.settings = settings; self.previous = previous
    }

    /// The last run the store recorded as published, other than `runID`, when its folder under
    /// `outputs` holds the manifest the store recorded (the digests in it are the ones that run
    /// wrote). Nil when there is none.
    public static func lastPublished(db: StoreReader, outputs: URL, excluding runID: String)
        -> (runID: String, fingerprint: String?, folder: URL, manifest: Manifest)? {
        guard let prev = try? RunFingerprints.lastPublished(db, excluding: runID) else { return nil }
        let folder = RunFolder(outputs: outputs, asOf: prev.asOf, runID: prev.runID).published
        guard let digest = Verifier.manifestDigest(runFolder: folder), digest == prev.manifestSHA256,
              // An unreadable earlier manifest only means nothing is reused: every workbook is written afresh.
              let manifest = try? Manifest.load(folder.appendingPathComponent(RunFolder.manifestName)) else { return nil }
        return (prev.runID, prev.fingerprint, folder, manifest)
    }

    /// Copies the previous run's `name` to `path` when its inputs were `inputs` and its bytes are
    /// the ones recorded; returns the run copied from and the SHA-256 and length of the bytes
    /// copied, or nil (nothing written) otherwise.
    public func copy(_ name: String, inputs: String, to path: String) -> (runID: String, sha256: String, bytes: Int)? {
        guard let p = previous, let o = p.outputs[name], o.inputsSHA256 == inputs else { return nil }
        guard let data = try? Data(contentsOf: p.folder.appendingPathComponent(name)), data.count == o.bytes,
              FileScan.sha256(data) == o.sha256 else { return nil }
        // A copy that cannot be written is written afresh instead (nil: not reused), the partial file removed.
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        return (p.runID, o.sha256, o.bytes)
    }
}
