import MiaraValues

/// A configuration error: a bad pipeline, standard, survey map or catalogue file, or a bad flag.
/// Names the file, line and key; commands exit with status 2.
public struct ConfigError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let key: String
    public let message: String

    public init(file: String, line: Int = 0, key: String = "", _ message: String) {
        self.file = PersonalData.masked(file); self.line = line; self.key = key; self.message = PersonalData.masked(message)
    }

    public var description: String {
        if file.isEmpty && key.isEmpty { return message }   // not about one file or flag (decisions.md 118)
        var s = file
        if line > 0 { s += ":\(line)" }
        if !key.isEmpty { s += ": \(key)" }
        return s + ": " + message
    }
}
