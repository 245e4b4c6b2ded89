import Foundation
import MiaraReport
import MiaraValues

/// Which run folders to keep (the pipeline's `keep: {nights: 14, month_ends: 24}`): the last
/// `nights` run folders and the last run of each of the last `month_ends` months. The folder
/// `latest` points at and every folder listed in `<outputs>/submissions.txt` (one
/// `<as-of>/<run-id>` or run id a line: runs sent to the ministry) are never removed.
public struct Retention: Equatable, Sendable {
    public var nights: Int
    public var monthEnds: Int
    public init(nights: Int, monthEnds: Int) { self.nights = nights; self.monthEnds = monthEnds }

    /// The file that lists the run folders sent in a ministry submission.
    public static let submissionsName = "submissions.txt"

    /// A published run folder: `<outputs>/<as-of>/<run-id>/` holding a manifest.
    public struct RunFolderRef: Equatable, Sendable {
        public var asOf: String
        public var runID: String
        public var relative: String { "\(asOf)/\(runID)" }
    }

    /// The published run folders under `outputs`, oldest first (as-of, then run id).
    public static func runFolders(in outputs: URL) -> [RunFolderRef] {
        let fm = FileManager.default
        var out: [RunFolderRef] = []
        // A folder that cannot be listed holds no run folder to keep or prune.
        for day in (try? fm.contentsOfDirectory(atPath: outputs.path)) ?? [] where isDay(day) {
            for run in (try? fm.contentsOfDirectory(atPath: outputs.appendingPathComponent(day).path)) ?? [] where !run.hasPrefix(".") {
                let manifest = outputs.appendingPathComponent(day).appendingPathComponent(run).appendingPathComponent(RunFolder.manifestName)
                if fm.fileExists(atPath: manifest.path) { out.append(RunFolderRef(asOf: day, runID: run)) }
            }
        }
        return out.sorted { ($0.asOf, $0.runID) < ($1.asOf, $1.runID) }
    }

    static func isDay(_ s: String) -> Bool {
        s.utf8.count == 10 && s.utf8.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == 45 : (48...57).contains(c) }
    }

    /// The run folders to remove from `folders` (oldest first), given what must be protected.
    public func toRemove(_ folders: [RunFolderRef], protected: Set<String>) -> [RunFolderRef] {
        var keep = Set(folders.suffix(nights).map(\.relative))
        var lastOfMonth: [String: RunFolderRef] = [:]
        for f in folders { lastOfMonth[String(f.asOf.prefix(7))] = f }
        for month in lastOfMonth.keys.sorted().suffix(monthEnds) { keep.insert(lastOfMonth[month]!.relative) }
        return folders.filter { !keep.contains($0.relative) && !protected.contains($0.relative) && !protected.contains($0.runID) }
    }

    /// What `latest` points at and what submissions.txt lists (run ids or `<as-of>/<run-id>`).
    /// A submissions.txt that exists but cannot be read throws: pruning without it could remove
    /// a submitted run.
    public static func protectedFolders(in outputs: URL) throws -> Set<String> {
        var out = Set<String>()
        // No `latest` link (a first run, or one removed by hand): nothing more to protect.
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: outputs.appendingPathComponent(RunFolder.latestName).path) {
            out.insert(target.hasSuffix("/") ? String(target.dropLast()) : target)
        }
        let submissions = outputs.appendingPathComponent(submissionsName)
        if FileManager.default.fileExists(atPath: submissions.path) {
            let text: String
            do { text = try String(contentsOf: submissions, encoding: .utf8) } catch {
                throw MiaraError(.runFolder, FileText.cannotRead(submissions.path), cause: error)
            }
            for line in text.split(whereSeparator: \.isNewline) {
                let t = line.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty && !t.hasPrefix("#") { out.insert(t.hasSuffix("/") ? String(t.dropLast()) : t) }
            }
        }
        return out
    }

    /// Removes the run folders this retention does not keep; returns what was removed. Empty
    /// as-of folders go too.
    @discardableResult
    public func prune(outputs: URL, dryRun: Bool = false) throws -> [RunFolderRef] {
        let removed = toRemove(Self.runFolders(in: outputs), protected: try Self.protectedFolders(in: outputs))
        guard !dryRun else { return removed }
        let fm = FileManager.default
        for r in removed {
            try fm.removeItem(at: outputs.appendingPathComponent(r.asOf).appendingPathComponent(r.runID))
            let day = outputs.appendingPathComponent(r.asOf)
            // The day folder goes only when empty; one that cannot be listed or removed stays (harmless).
            if ((try? fm.contentsOfDirectory(atPath: day.path)) ?? ["?"]).isEmpty { try? fm.removeItem(at: day) }
        }
        return removed
    }
}
