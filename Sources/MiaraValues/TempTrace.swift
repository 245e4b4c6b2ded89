import Foundation

/// TEMPORARY: timing marks on stderr when MIARA_TRACE is set (profiling the report stage).
public enum TempTrace {
    nonisolated(unsafe) static let on = ProcessInfo.processInfo.environment["MIARA_TRACE"] != nil
    public static func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        guard on else { return try body() }
        let t = Date()
        defer { FileHandle.standardError.write(Data(String(format: "TRACE %@ %.3f\n", label, Date().timeIntervalSince(t)).utf8)) }
        return try body()
    }
}
