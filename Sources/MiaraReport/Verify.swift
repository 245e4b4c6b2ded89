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
            case changedManifest = "changed manifest"
            case refusedPath = "refused path"
        }
        public var kind: Kind
        public var path: String
        public var detail: Phrase
        public init(kind: Kind, path: String, detail: Phrase) { self.kind = kind; self.path = path; self.detail = detail }
        /// A detail already in the reader's language (or words that need none: a digest, an error).
        public init(kind: Kind, path: String, detail: String) { self.init(kind: kind, path: path, detail: Phrase(verbatim: detail)) }
        /// `kind: path (detail)` in `lang`.
        public func text(_ lang: Language) -> String {
            let d = detail(lang)
            return PersonalData.masked("\(kind.phrase(lang)): \(path)" + (d.isEmpty ? "" : " (\(d))"))
        }
        public var description: String { text(.en) }
    }

    /// The manifest's own SHA-256 and the one the store recorded for its run (nil: the store does
    /// not know the run; an inner nil: the run was recorded before digests were kept).
    public static func manifestDigest(runFolder: URL) -> String? {
        let url = runFolder.appendingPathComponent(RunFolder.manifestName)
        guard FileScan.isRegularFile(url.path) else { return nil }
        // An unreadable manifest has no digest: `verify` reports the manifest as missing or changed.
        return (try? FileScan(url: url))?.sha256
    }

    /// A path a manifest may name: relative, without `..`, `.` or empty components (a manifest
    /// naming `/etc/passwd` or `../../x` is refused, never read).
    static func isContained(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// All mismatches, outputs first (in manifest order), then extra files, then inputs.
    public static func verify(runFolder: URL, inbox: URL? = nil) -> [Mismatch] {
        let manifestURL = runFolder.appendingPathComponent(RunFolder.manifestName)
        let manifest: Manifest
        guard FileScan.isRegularFile(manifestURL.path) else {
            return [Mismatch(kind: .badManifest, path: manifestURL.path, detail: VerifyText.notRegularManifest)]
        }
        do { manifest = try Manifest.load(manifestURL) } catch {
            return [Mismatch(kind: .badManifest, path: manifestURL.path, detail: "\(error)")]
        }
        var out: [Mismatch] = []
        for o in manifest.outputs {
            guard isContained(o.path) else {
                out.append(Mismatch(kind: .refusedPath, path: o.path, detail: VerifyText.outsideRunFolder)); continue
            }
            out += check(runFolder.appendingPathComponent(o.path), shown: o.path, sha256: o.sha256,
                         missing: .missingOutput, changed: .changedOutput)
        }
        let listed = Set(manifest.outputs.map(\.path)).union([RunFolder.manifestName])
        // A folder that cannot be listed has no extra file to report; each listed output is checked on its own below.
        if let present = try? RunFolder.files(in: runFolder) {
            for p in present where !listed.contains(p) {
                out.append(Mismatch(kind: .extraOutput, path: p, detail: VerifyText.notInManifest))
            }
        }
        if let inbox {
            for i in manifest.inputs {
                guard isContained(i.path) else {
                    out.append(Mismatch(kind: .refusedPath, path: i.path, detail: VerifyText.outsideInbox)); continue
                }
                out += check(inputURL(inbox, i),  shown: i.path, sha256: i.sha256,
                             missing: .missingInput, changed: .changedInput)
            }
        }
        return out
    }

    /// The inbox file of a manifest input. Paths holding a PESEL are shown masked, so a masked path
    /// is matched against the inbox's files by masked path and SHA-256.
    static func inputURL(_ inbox: URL, _ i: Manifest.Input) -> URL {
        let direct = inbox.appendingPathComponent(i.path)
        guard i.path.contains("[PESEL]"), !FileManager.default.fileExists(atPath: direct.path),
              let e = FileManager.default.enumerator(atPath: inbox.path) else { return direct }
        while let rel = e.nextObject() as? String {
            guard PersonalData.masked(rel) == i.path else { continue }
            let url = inbox.appendingPathComponent(rel)
            // A file that cannot be read is not the recorded one: the search goes on (and reports it missing).
            if FileScan.isRegularFile(url.path), (try? FileScan(url: url))?.sha256 == i.sha256 { return url }
        }
        return direct
    }

    static func check(_ url: URL, shown: String, sha256: String, missing: Mismatch.Kind, changed: Mismatch.Kind) -> [Mismatch] {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return [Mismatch(kind: missing, path: shown, detail: "")] }
        // Outputs are plain files of the run folder: a symlink there is never followed. Inputs may
        // be reached through the inbox's own links. A FIFO or device is never opened.
        let plain = st.st_mode & S_IFMT == S_IFREG || (missing == .missingInput && FileScan.isRegularFile(url.path))
        guard plain else { return [Mismatch(kind: changed, path: shown, detail: VerifyText.notRegularFile)] }
        guard let scan = try? FileScan(url: url) else {
            return [Mismatch(kind: missing, path: shown, detail: VerifyText.unreadable)]
        }
        if scan.sha256 != sha256 {
            return [Mismatch(kind: changed, path: shown, detail: VerifyText.digests(scan.sha256, manifest: sha256))]
        }
        return []
    }
}
