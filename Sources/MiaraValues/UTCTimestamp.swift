import Foundation

/// A UTC ISO 8601 timestamp (`2026-11-23T18:45:12Z`): how the store and manifests write clock times
/// (`files.ingested_at`, `runs`, `run_stages`, the console's `--timestamps`); the one definition.
public enum UTCTimestamp {
    public static func string(_ d: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }
}
