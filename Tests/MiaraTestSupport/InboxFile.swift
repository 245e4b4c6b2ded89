import Foundation

/// Writes small hand-made inbox files for tests.
public enum InboxFile {
    /// Writes `lines` (each ended by `\n`) to `rel` below `inbox`, creating its folders.
    public static func write(_ rel: String, _ lines: [String], in inbox: URL) throws {
        let url = inbox.appendingPathComponent(rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }
}
