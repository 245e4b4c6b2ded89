import Foundation
import MiaraValues

/// Where a report run writes and how it is published.
///
/// A run writes everything into `<outputs>/.tmp-<run-id>/`; publishing renames that folder to
/// `<outputs>/<as-of>/<run-id>/` (one `rename(2)`, so a reader sees the whole folder or none) and
/// then points `<outputs>/latest` at it: a relative symlink (`<as-of>/<run-id>`), replaced
/// atomically by creating `<outputs>/.latest-<run-id>` and renaming it over `latest`.
/// A run that fails calls `discard()`: the temporary folder is removed and `latest` is untouched.
public struct RunFolder: Sendable {
    public static let manifestName = "manifest.json"
    public static let latestName = "latest"

    public let outputs: URL
    /// The as-of date as `YYYY-MM-DD`.
    public let asOf: String
    public let runID: String

    public init(outputs: URL, asOf: String, runID: String) {
        self.outputs = outputs.standardizedFileURL; self.asOf = asOf; self.runID = runID
    }

    /// `<outputs>/.tmp-<run-id>`: where the run writes.
    public var temporary: URL { outputs.appendingPathComponent(".tmp-\(runID)", isDirectory: true) }
    /// `<outputs>/<as-of>/<run-id>`: the published run folder.
    public var published: URL { outputs.appendingPathComponent(asOf, isDirectory: true).appendingPathComponent(runID, isDirectory: true) }
    /// `<outputs>/latest`.
    public var latest: URL { outputs.appendingPathComponent(Self.latestName) }
    /// The symlink's text: relative to `outputs`.
    public var latestTarget: String { "\(asOf)/\(runID)" }

    /// Creates the (empty) temporary folder, replacing a leftover one of the same run id.
    @discardableResult
    public func create() throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: outputs, withIntermediateDirectories: true)
        if fm.fileExists(atPath: temporary.path) { try fm.removeItem(at: temporary) }
        try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
        return temporary
    }

    /// Renames the temporary folder into place and points `latest` at it. When `latest` cannot be
    /// replaced, the folder is moved back and removed, so a failed publish leaves nothing behind.
    public func publish() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: published.deletingLastPathComponent(), withIntermediateDirectories: true)
        if fm.fileExists(atPath: published.path) {
            throw MiaraError(.runFolder, FileText.runFolderExists(published.path))
        }
        try posix(rename(temporary.path, published.path), "rename \(temporary.path) to \(published.path)")
        do {
            try pointLatest()
        } catch {
            _ = rename(published.path, temporary.path)
            // Best effort while failing: the publishing error below is the one thrown.
            try? fm.removeItem(at: published)
            throw error
        }
    }

    /// Replaces `latest` by a symlink to this run, atomically.
    func pointLatest() throws {
        let tmp = outputs.appendingPathComponent(".latest-\(runID)")
        unlink(tmp.path)
        try posix(symlink(latestTarget, tmp.path), "symlink \(tmp.path)")
        do {
            try posix(rename(tmp.path, latest.path), "rename \(tmp.path) to \(latest.path)")
        } catch {
            unlink(tmp.path)
            throw error
        }
    }

    /// Removes what killed runs left in `outputs`: `.tmp-<run-id>` folders and `.latest-<run-id>`
    /// links. Call it only while holding the run lock (no live run is writing there).
    public static func removeLeftovers(in outputs: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: outputs.path) else { return }
        for n in names where n.hasPrefix(".tmp-") || n.hasPrefix(".latest-") {
            // A killed run's leftover that cannot be removed now is tried again by the next run.
            try? FileManager.default.removeItem(at: outputs.appendingPathComponent(n))
        }
    }

    /// Removes the temporary folder (after a failure).
    public func discard() {
        try? FileManager.default.removeItem(at: temporary)
    }

    /// The run folder `latest` points at, if any.
    public static func latest(in outputs: URL) -> URL? {
        let link = outputs.appendingPathComponent(latestName)
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path) else { return nil }
        return target.hasPrefix("/") ? URL(fileURLWithPath: target) : outputs.appendingPathComponent(target)
    }

    /// Regular files below `dir`, as paths relative to it, sorted bytewise.
    public static func files(in dir: URL) throws -> [String] {
        let base = dir.standardizedFileURL.resolvingSymlinksInPath().path
        guard let e = FileManager.default.enumerator(atPath: base) else {
            throw MiaraError(.runFolder, FileText.cannotList(dir.path))
        }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out.append(rel)
            }
        }
        return out.sortedBytewise()
    }

    private func posix(_ rc: Int32, _ what: String) throws {
        if rc != 0 { throw MiaraError(.runFolder, Phrase(verbatim: what), cause: SystemError(what, errno: errno, reason: String(cString: strerror(errno)))) }
    }
}
