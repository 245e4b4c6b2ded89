import Foundation
import MiaraValues

/// `miara verify`: checks a published run folder against its manifest.
///
/// Every output the manifest lists is re-hashed (missing or changed), every other file in the
/// folder is reported as extra, and — given the inbox — every input file is re-hashed too.
public enum Verifier {
    public struct Mismatch: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case missingOutput = "missing output"
            case changedOutput = "changed output"
            case extraOutput = "extra file"
            case missingInput = "missing input"
            case changedInput = "changed input"
            case badManifest = "bad manifest"
        }
        public var kind: Kind
        public var path: String
        public var detail: String
        public var description: String { "\(kind.rawValue): \(path)" + (detail.isEmpty ? "" : " (\(detail))") }
    }

    /// All mismatches, outputs first (in manifest order), then extra files, then inputs.
    public static func verify(runFolder: URL, inbox: URL? = nil) -> [Mismatch] {
        let manifestURL = runFolder.appendingPathComponent(RunFolder.manifestName)
        let manifest: Manifest
        do { manifest = try Manifest.load(manifestURL) } catch {
            return [Mismatch(kind: .badManifest, path: manifestURL.path, detail: "\(error)")]
        }
        var out: [Mismatch] = []
        for o in manifest.outputs {
            out += check(runFolder.appendingPathComponent(o.path), shown: o.path, sha256: o.sha256,
                         missing: .missingOutput, changed: .changedOutput)
        }
        let listed = Set(manifest.outputs.map(\.path)).union([RunFolder.manifestName])
        if let present = try? RunFolder.files(in: runFolder) {
            for p in present where !listed.contains(p) {
                out.append(Mismatch(kind: .extraOutput, path: p, detail: "not in the manifest"))
            }
        }
        if let inbox {
            for i in manifest.inputs {
                out += check(inbox.appendingPathComponent(i.path), shown: i.path, sha256: i.sha256,
                             missing: .missingInput, changed: .changedInput)
            }
        }
        return out
    }

    static func check(_ url: URL, shown: String, sha256: String, missing: Mismatch.Kind, changed: Mismatch.Kind) -> [Mismatch] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return [Mismatch(kind: missing, path: shown, detail: "")]
        }
        guard let scan = try? FileScan(url: url) else {
            return [Mismatch(kind: missing, path: shown, detail: "unreadable")]
        }
        if scan.sha256 != sha256 {
            return [Mismatch(kind: changed, path: shown, detail: "sha256 \(scan.sha256), manifest \(sha256)")]
        }
        return []
    }
}
