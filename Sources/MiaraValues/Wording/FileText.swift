/// The words of errors about files and folders miara writes (run folders, locks, generated
/// inboxes) and of measure failures: part of the one dictionary (`Wording`). The system's own
/// reason (`strerror`) follows as the error's cause, as the system gives it.
public enum FileText {
    public static func runFolderExists(_ path: String) -> Phrase {
        Phrase(pl: "folder przebiegu \(path) już istnieje", en: "the run folder \(path) exists already")
    }
    public static func cannotList(_ path: String) -> Phrase { Phrase(pl: "nie można wylistować \(path)", en: "cannot list \(path)") }
    public static func cannotOpenLock(_ path: String) -> Phrase { Phrase(pl: "nie można otworzyć blokady \(path)", en: "cannot open the lock \(path)") }
    public static func cannotLock(_ path: String) -> Phrase { Phrase(pl: "nie można zablokować \(path)", en: "cannot lock \(path)") }
    /// A command stopped by a failure miara's code does not name; the system's words follow.
    public static let commandFailed = Phrase(pl: "polecenie nie powiodło się", en: "the command failed")
    public static func cannotRead(_ path: String) -> Phrase { Phrase(pl: "nie można odczytać \(path)", en: "cannot read \(path)") }
    public static func cannotWrite(_ path: String) -> Phrase { Phrase(pl: "nie można zapisać \(path)", en: "cannot write \(path)") }
    public static func measureFailed(_ code: String) -> Phrase { Phrase(pl: "miary \(code) nie da się obliczyć", en: "measure \(code) cannot be computed") }
    /// An all-integer sum of a measure's roll-up overflowed (SQLite's own words in English).
    public static let integerOverflow = Phrase(pl: "przepełnienie liczby całkowitej", en: "integer overflow")
}

/// An operating-system error as a cause: the call that failed and `strerror`'s words. Only ever
/// the `cause` of a `MiaraError` (which names the file), never thrown alone.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let errno: Int32
    public let description: String
    public init(_ call: String, errno: Int32, reason: String) { self.call = call; self.errno = errno; description = reason }
}
