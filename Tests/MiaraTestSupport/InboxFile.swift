import Foundation

/// Writes small hand-made inbox files for tests.
public enum InboxFile {
    /// Writes `lines` (each ended by `\n`) to `rel` below `inbox`, creating its folders.
    public static func write(_ rel: String, _ lines: [String], in inbox: URL) throws {
        let url = inbox.appendingPathComponent(rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    /// Writes a private pseudonym key `key` and the pipeline `p.yaml` into `dir` (inbox `inbox`,
    /// outputs `out`, as-of 2024-12-31, periods [2024], the standard and measures of `pipelines`),
    /// with the store at `store` and the `extra` lines; returns the pipeline's URL.
    @discardableResult
    public static func pipeline(in dir: URL, store: String, extra: [String] = [], pipelines: URL) throws -> URL {
        let key = dir.appendingPathComponent("key")
        try "test-key".write(to: key, atomically: true, encoding: .utf8)
        chmod(key.path, 0o600)
        let url = dir.appendingPathComponent("p.yaml")
        try (["inbox: inbox", "store: \(store)", "outputs: out", "as_of: 2024-12-31", "periods: [2024]", "pseudonym_key_file: key"] + extra + [
            "standard: \(pipelines.appendingPathComponent("standard.yaml").path)",
            "measures: \(pipelines.appendingPathComponent("measures.yaml").path)",
        ]).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
