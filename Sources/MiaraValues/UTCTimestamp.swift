import Foundation

/// A UTC ISO 8601 timestamp (`2026-11-23T18:45:12Z`): how the store and manifests write clock times
/// (`files.ingested_at`, `runs`, `run_stages`, the console's `--timestamps`); the one definition.
public enum UTCTimestamp {
    /// The second of `d` as `ISO8601DateFormatter` shows it (the instant rounded to the
    /// millisecond, then the fraction dropped), formatted from the C library's broken-down UTC
    /// time: no formatter is made per call (an ingest stamps every file it reads).
    public static func string(_ d: Date = Date()) -> String {
        let ms = (d.timeIntervalSince1970 * 1000).rounded()
        var t = time_t((ms / 1000).rounded(.down))
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = Int(tm.tm_year) + 1900
        let y = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(y)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }
}
