import Foundation

/// Run identifiers: the UTC start time, sortable, e.g. `20261123T184512Z-4821`.
public enum RunID {
    public static func make(now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: now) + "-\(getpid())"
    }
}
