import Foundation

/// The one error shape of miara (issue 20), in the manner of swift-nio's `FileSystemError` and
/// GRDB's `DatabaseError`: an extensible `code`, a `message` from the dictionary (Polish and
/// English, rendered in the run's language), a `location` (file, line, key, column or cell) and
/// the underlying `cause`. Values bound to a failed statement are kept in `arguments` for a
/// debugger and never printed: they hold pseudonyms.
public struct MiaraError: Error, LocalizedError, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var code: Code
    public var message: Phrase
    public var location: Location
    /// The error this one wraps (an SQLite result, a POSIX error, a ZIP reader's error), printed
    /// after the message.
    public var cause: (any Error)?
    /// Values bound to the statement or call that failed: never part of any text miara prints.
    public var arguments: [String]

    /// Every text is masked (`PersonalData`): an error never carries a PESEL.
    public init(_ code: Code, _ message: Phrase, at location: Location = Location(), cause: (any Error)? = nil,
                arguments: [String] = []) {
        self.code = code
        self.message = message.map(PersonalData.masked)
        self.location = location
        self.cause = cause
        self.arguments = arguments
    }

    /// `file:line: key: message[: cause]` in `lang` (the key or the cell after the position).
    public func text(_ lang: Language) -> String {
        let prefix = location.text
        var s = prefix.isEmpty ? message(lang) : prefix + ": " + message(lang)
        if let cause { s += ": " + PersonalData.masked(Self.describe(cause, lang)) }
        return s
    }

    /// The English text (developers' logs; the CLI prints `text(lang)`).
    public var description: String { text(.en) }
    /// The English text, for Foundation's `localizedDescription`.
    public var errorDescription: String? { text(.en) }

    /// The error as a small tree, the cause below the message (swift-nio's `FileSystemError`):
    /// for `--verbose` and test failures. Bound arguments are not shown.
    public func tree(_ lang: Language) -> String {
        var lines = ["\(code): " + (location.text.isEmpty ? message(lang) : location.text + ": " + message(lang))]
        if let cause { lines.append("└─ " + PersonalData.masked(Self.describe(cause, lang))) }
        return lines.joined(separator: "\n")
    }

    /// The tree in English: what `debugPrint`, `String(reflecting:)` and XCTest show — never the
    /// bound arguments.
    public var debugDescription: String { tree(.en) }

    /// `dump` and mirrors see code, message, location and cause only: the bound arguments stay out
    /// of every text built by reflection.
    public var customMirror: Mirror {
        Mirror(self, children: ["code": code, "message": message, "location": location, "cause": cause as Any],
               displayStyle: .struct)
    }

    static func describe(_ error: any Error, _ lang: Language) -> String {
        if let e = error as? MiaraError { return e.text(lang) }
        // Foundation's errors (a file operation refused) in their own sentence, not their dump.
        let ns = error as NSError
        if [NSCocoaErrorDomain, NSPOSIXErrorDomain, NSURLErrorDomain].contains(ns.domain) { return ns.localizedDescription }
        return "\(error)"
    }

    /// `error` as the one shape: itself when it is a `MiaraError`, else an `.unexpected` error
    /// whose cause it is (a Foundation file operation that failed; the command's last word).
    public static func wrapping(_ error: any Error) -> MiaraError {
        (error as? MiaraError) ?? MiaraError(.unexpected, FileText.commandFailed, cause: error)
    }

    /// The exit status of a command that stops on this error: 2 for what the user must fix
    /// before running again (configuration, store of a newer miara), 75 when another process
    /// holds the store (try again later), 1 otherwise.
    public var exitStatus: Int32 { code.exitStatus }
}

extension MiaraError {
    /// What kind of error: a stable name (tests and callers match on it) and its exit status.
    /// Extensible like swift-nio's `FileSystemError.Code`: a module adds its own as a static.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public let exitStatus: Int32
        public init(_ name: String, exitStatus: Int32 = 1) { self.name = name; self.exitStatus = exitStatus }
        public var description: String { name }
        public static func == (a: Code, b: Code) -> Bool { a.name == b.name }
        public func hash(into h: inout Hasher) { h.combine(name) }

        /// A bad pipeline, standard, survey map, catalogue, key or flag (exit 2).
        public static let configuration = Code("configuration", exitStatus: 2)
        /// The inbox is missing or not a folder (exit 2).
        public static let inbox = Code("inbox", exitStatus: 2)
        /// The store was written by a newer miara (exit 2).
        public static let newerStore = Code("newer-store", exitStatus: 2)
        /// A read-only store a command cannot use as it is (exit 2).
        public static let readOnlyStore = Code("read-only-store", exitStatus: 2)
        /// A read-only store whose schema is older than this miara's (exit 2 unless it can be migrated).
        public static let readOnlyOlderStore = Code("read-only-older-store", exitStatus: 2)
        /// The store has no completed ingest and none is running (exit 2).
        public static let noCompletedIngest = Code("no-completed-ingest", exitStatus: 2)
        /// The store's first ingest is still running (exit 75: try again later).
        public static let ingestRunning = Code("ingest-running", exitStatus: 75)
        /// The store's lock file could not be used.
        public static let lock = Code("lock")
        /// An SQLite call failed (`cause` holds the result code).
        public static let database = Code("database")
        /// A run folder could not be created or published.
        public static let runFolder = Code("run-folder")
        /// An input file could not be read at all because of its bytes (C20: not a zip, a broken
        /// header, malformed XML): rejected whole.
        public static let unreadableFile = Code("unreadable-file")
        /// An input file could not be read for a reason outside its bytes (permissions, temporary
        /// space): C20 in the run's report, not recorded, tried again on the next run.
        public static let fileUnavailable = Code("file-unavailable")
        /// An XLSX workbook could not be written (libxlsxwriter's error or a limit of the format).
        public static let xlsx = Code("xlsx")
        /// Another miara process holds the store's writer lock (exit 75: try again later).
        public static let lockHeld = Code("lock-held", exitStatus: 75)
        /// A file archived in the store cannot be unpacked (a damaged store).
        public static let archive = Code("archive")
        /// An all-integer SQL sum overflowed (as SQLite's `sum` raises it).
        public static let integerOverflow = Code("integer-overflow")
        /// A measure file's SQL or parameters failed.
        public static let measure = Code("measure")
        /// `explain` cannot explain what it was asked (an unknown measure, a period after the as-of
        /// date): bad usage, exit 2.
        public static let explain = Code("explain", exitStatus: 2)
        /// A command asked for something it cannot do as asked (bad usage, exit 2).
        public static let usage = Code("usage", exitStatus: 2)
        /// The test-data generator cannot write its inbox.
        public static let generator = Code("generator")
        /// A failure no code of miara names (a Foundation file operation): its words are the cause.
        public static let unexpected = Code("unexpected")
    }

    /// Where the error is: any of file, line, key (a pipeline key or a flag), column, cell.
    public struct Location: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var key: String
        public var column: String
        public var cell: String

        public init(file: String = "", line: Int = 0, key: String = "", column: String = "", cell: String = "") {
            self.file = PersonalData.masked(file); self.line = line; self.key = PersonalData.masked(key)
            self.column = PersonalData.masked(column); self.cell = PersonalData.masked(cell)
        }

        /// `file:line: key` (or `file:cell`, `file:line: column`); empty when nowhere in particular.
        public var text: String {
            var s = file
            if !cell.isEmpty { s += (s.isEmpty ? "" : ":") + cell }
            else if line > 0 { s += ":\(line)" }
            for part in [key, column] where !part.isEmpty { s += (s.isEmpty ? "" : ": ") + part }
            return s
        }
    }
}

extension MiaraError {
    /// A configuration error (exit 2) about `file` (line, key), in both languages.
    public static func configuration(file: String = "", line: Int = 0, key: String = "", _ message: Phrase) -> MiaraError {
        MiaraError(.configuration, message, at: Location(file: file, line: line, key: key))
    }

    /// An input file that cannot be read (C20): `.fileUnavailable` when the cause lies outside its
    /// bytes (`environmental`), `.unreadableFile` otherwise. `message` is the reason's tail.
    public static func unreadable(_ message: Phrase, file: String = "", cell: String = "", environmental: Bool = false,
                                  cause: (any Error)? = nil) -> MiaraError {
        MiaraError(environmental ? .fileUnavailable : .unreadableFile, message, at: Location(file: file, cell: cell), cause: cause)
    }

    /// Whether the file-level failure lies outside the file's bytes (tried again next run).
    public var isEnvironmental: Bool { code == .fileUnavailable }

    /// Whether this is a configuration error (exit 2 with the "configuration error" prefix).
    public var isConfiguration: Bool { code == .configuration }

    /// The same error with another message (a site that knows better words for it).
    public func with(_ message: Phrase) -> MiaraError {
        var e = self; e.message = message.map(PersonalData.masked); return e
    }
}
