/// The stable check codes of SPEC 2: `C` checks quarantine a row (or a whole file), `W` checks warn.
public enum CheckCode: String, CaseIterable, Sendable, Comparable {
    case C01, C02, C03, C04, C05, C06, C07, C08, C09, C10
    case C11, C12, C13, C14, C15, C16, C17, C18, C19, C20, C21
    case W01, W02

    public static func < (a: CheckCode, b: CheckCode) -> Bool { a.rawValue < b.rawValue }

    /// The check's entry in the checks table.
    public var check: Check { Check.table[self]! }
}

/// How a check treats what it finds.
public enum Severity: String, Sendable {
    /// The row is quarantined (stored in `rejects`).
    case row
    /// The whole file is quarantined (one `rejects` row with line 0).
    case file
    /// The row is kept and a warning is logged.
    case warning
}

/// Output language of messages and workbook labels.
public enum Language: String, Sendable, CaseIterable {
    case pl, en
}

/// One check of SPEC 2 as data: its code, severity and a message in Polish and English.
public struct Check: Sendable {
    public let code: CheckCode
    public let severity: Severity
    public let polish: String
    public let english: String

    public func message(_ lang: Language) -> String { lang == .pl ? polish : english }

    /// The one place where checks are defined; parsers refer to them by code only.
    public static let table: [CheckCode: Check] = {
        let rows: [(CheckCode, Severity, String, String)] = [
            (.C01, .file, "brak wymaganej kolumny", "a required column is missing"),
            (.C02, .row, "brak wymaganej wartości", "a required value is empty"),
            (.C03, .row, "nieczytelna data lub miesiąc", "a date or month cannot be read"),
            (.C04, .row, "nieczytelna liczba", "a number cannot be read"),
            (.C05, .row, "kod spoza listy", "a code is not in its list"),
            (.C06, .row, "błędny identyfikator podmiotu (KRS, NIP lub REGON)", "an invalid provider id (KRS, NIP or REGON)"),
            (.C07, .row, "kod TERYT nie ma 7 cyfr", "a TERYT code is not 7 digits"),
            (.C08, .row, "daty w złej kolejności", "dates out of order"),
            (.C09, .row, "wartość ujemna", "a negative value"),
            (.C10, .row, "data po dacie stanu", "a date after the as-of date"),
            (.C11, .row, "odwołanie do nieistniejącego rekordu", "refers to a record that does not exist"),
            (.C12, .row, "placówka pobytu nie jest placówką z miejscami noclegowymi", "the stay's facility is not a bed facility"),
            (.C13, .row, "pobyt nakłada się na inny pobyt tej osoby", "the stay overlaps another stay of the same person"),
            (.C14, .row, "liczba pól inna niż w nagłówku", "a row has more or fewer fields than the header"),
            (.C15, .file, "plik zawiera numery PESEL, a nie skonfigurowano klucza pseudonimizacji (pseudonym_key_file w pliku potoku lub --pseudonym-key)",
                   "the file holds PESEL numbers and no pseudonym key is configured (set pseudonym_key_file in the pipeline or pass --pseudonym-key)"),
            (.C16, .row, "klucz powtarza się w pliku", "a key repeats within the file"),
            (.C17, .row, "odpowiedź spoza kafeterii ankiety", "a survey answer is not in the questionnaire's answers"),
            (.C18, .row, "person_id nie jest pseudonimem ani numerem PESEL", "person_id is neither a pseudonym nor a PESEL"),
            (.C19, .row, "wartość poza zakresem", "a value out of range"),
            (.C20, .file, "plik nieczytelny", "the file cannot be read"),
            (.C21, .file, "folder ankiety bez mapy kwestionariusza", "a survey folder with no questionnaire map"),
            (.W01, .warning, "pominięto nieznane kolumny", "unknown columns ignored"),
            (.W02, .warning, "numer PESEL w polu tekstowym zastąpiono [PESEL]", "a PESEL in a free-text column was replaced by [PESEL]"),
        ]
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, Check(code: $0.0, severity: $0.1, polish: $0.2, english: $0.3)) })
    }()
}
