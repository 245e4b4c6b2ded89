import MiaraValues

/// A configuration error: a bad pipeline, standard, survey map or catalogue file, or a bad flag.
/// Names the file, line and key; commands exit with status 2.
public struct ConfigError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let key: String
    /// The message in English.
    public let message: String
    /// The message in Polish, when the site that threw gave one (`text` falls back to English).
    public let messagePL: String?

    public init(file: String, line: Int = 0, key: String = "", _ message: String) {
        self.file = PersonalData.masked(file); self.line = line; self.key = key; self.message = PersonalData.masked(message)
        messagePL = nil
    }

    /// An error with its message in both languages (`miara` prints the one of `lang`).
    public init(file: String, line: Int = 0, key: String = "", pl: String, en: String) {
        self.file = PersonalData.masked(file); self.line = line; self.key = key; self.message = PersonalData.masked(en)
        messagePL = PersonalData.masked(pl)
    }

    /// The same error with a message in both languages.
    public func with(pl: String, en: String) -> ConfigError { ConfigError(file: file, line: line, key: key, pl: pl, en: en) }

    public var description: String { text(.en) }

    /// `file:line: key: message` in `language`.
    public func text(_ language: Language) -> String {
        let m = language == .pl ? messagePL ?? message : message
        if file.isEmpty && key.isEmpty { return m }   // not about one file or flag (decisions.md 118)
        var s = file
        if line > 0 { s += ":\(line)" }
        if !key.isEmpty { s += ": \(key)" }
        return s + ": " + m
    }
}
