/// The stable check codes of SPEC 2: `C` checks quarantine a row (or a whole file), `W` checks warn.
public enum CheckCode: String, CaseIterable, Sendable, Comparable {
    case C01, C02, C03, C04, C05, C06, C07, C08, C09, C10
    case C11, C12, C13, C14, C15, C16, C17, C18, C19, C20, C21
    case W01, W02, W03

    public static func < (a: CheckCode, b: CheckCode) -> Bool { a.rawValue < b.rawValue }

    /// The check's entry in the checks table.
    public var check: Check { Check.table[self]! }

    /// Checks whose rows are pending, not final: a row waiting for the as-of date (C10) or for a
    /// reference (C11–C13) is checked again by every ingest and accepted once that changes.
    public static let pending: Set<CheckCode> = [.C10, .C11, .C12, .C13]

    /// Whether rows rejected by this check are pending (`pending`).
    public var isPending: Bool { Self.pending.contains(self) }

    /// Checks that only files arriving over more than one run can trigger: W03 (within a run,
    /// files arrive in path order, so a replacing row never comes from a file sorting before).
    public static let acrossRuns: Set<CheckCode> = [.W03]
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
            (.W03, .warning, "wiersz zastąpił wiersz tego samego klucza z pliku dalszego w kolejności ścieżek (czy to starsza wersja przesłana po korekcie?)",
                   "the row replaced the row of the same key from a file that sorts after its own (an older version re-sent after a correction?)"),
        ]
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, Check(code: $0.0, severity: $0.1, polish: $0.2, english: $0.3)) })
    }()
}

/// What a problem's reader should know besides the check's message: what is allowed there.
/// `miara validate` prints it after the message; rejects keep the message alone.
public enum Hint: Sendable, Equatable {
    /// The allowed codes of a list.
    case codes([String])
    /// The closest allowed codes to the value given, then the list.
    case closest([String], all: [String])
    case dateFormats, monthFormats, dateOrMonthFormats, yearOrMonthFormats, yearOrHalfFormats
    /// A whole number with optional bounds.
    case wholeNumber(min: Int?, max: Int?)
    /// A decimal number; `commaAllowed` in a `;`-delimited CSV.
    case decimal(commaAllowed: Bool, nonNegative: Bool)
    case flag
    case teryt, providerID, personID
    /// Required because another column holds a value.
    case requiredBecause(String)
    /// Required because another column holds this value.
    case requiredForValue(column: String, value: String)
    /// `end` is required unless the outcome is `ongoing`.
    case requiredUnlessOngoing
    /// `later` must not be before `earlier`.
    case order(earlier: String, later: String)
    /// Not after the as-of date.
    case asOf(String)
    /// A header name that is not a column of the dataset, with the closest column.
    case unknownColumn(String, closest: String?)
    /// The header holds the Polish names of the columns.
    case polishHeader(dataset: String, columns: [String])
    /// A criterion code of the standard (the list of the standard in use).
    case criteria([String])
    /// A benchmarked measure code of the catalogue in use (`plans.measure`).
    case measures([String])
    /// The value must name an accepted row of another dataset (C11).
    case reference(dataset: String, column: String)
    /// A stay's facility must be one of the bed types (C12).
    case bedFacility([String])
    /// A person's stays must not overlap (C13).
    case noOverlap
    /// The key columns that repeat (C16).
    case key([String])
    /// A PESEL in a file an NGO sends: the NGO writes the pseudonym the municipal centre (MOPS) gave.
    case pseudonymFromCentre

    /// The text in Polish or English.
    public func text(_ lang: Language) -> String {
        let pl = lang == .pl
        func list(_ xs: [String]) -> String {
            xs.count <= 16 ? xs.joined(separator: ", ") : xs.prefix(16).joined(separator: ", ") + ", … (\(xs.count))"
        }
        switch self {
        case .codes(let xs): return (pl ? "dozwolone: " : "allowed: ") + list(xs)
        case .closest(let xs, let all):
            let guess = xs.joined(separator: pl ? " lub " : " or ")
            return (pl ? "czy chodziło o \(guess)? dozwolone: " : "did you mean \(guess)? allowed: ") + list(all)
        case .dateFormats: return pl ? "data w postaci RRRR-MM-DD lub DD.MM.RRRR (albo komórka z datą w XLSX)"
                                     : "a date as YYYY-MM-DD or DD.MM.YYYY (or a date cell in XLSX)"
        case .monthFormats: return pl ? "miesiąc w postaci RRRR-MM lub MM.RRRR" : "a month as YYYY-MM or MM.YYYY"
        case .dateOrMonthFormats: return pl ? "dzień RRRR-MM-DD lub DD.MM.RRRR albo cały miesiąc RRRR-MM lub MM.RRRR"
                                            : "a day YYYY-MM-DD or DD.MM.YYYY, or a whole month YYYY-MM or MM.YYYY"
        case .yearOrMonthFormats: return pl ? "rok RRRR albo miesiąc RRRR-MM lub MM.RRRR" : "a year YYYY or a month YYYY-MM or MM.YYYY"
        case .yearOrHalfFormats: return pl ? "rok RRRR albo półrocze RRRRH1 lub RRRRH2" : "a year YYYY or a half-year YYYYH1 or YYYYH2"
        case .wholeNumber(let lo, let hi):
            let what = pl ? "liczba całkowita" : "a whole number"
            switch (lo, hi) {
            case let (l?, h?): return pl ? "\(what) od \(l) do \(h)" : "\(what) from \(l) to \(h)"
            case let (l?, nil): return "\(what) ≥ \(l)"
            case let (nil, h?): return "\(what) ≤ \(h)"
            default: return pl ? "\(what) (same cyfry, bez spacji i przecinka)" : "\(what) (digits only, no spaces or commas)"
            }
        case .decimal(let comma, let nonNegative):
            let sign = nonNegative ? " ≥ 0" : ""
            if pl {
                return "liczba\(sign), np. 1234.5 lub 1 234.50" + (comma ? " albo 1234,5 i 1 234,50" : " (przecinek dziesiętny tylko w pliku CSV rozdzielanym średnikami)")
            }
            return "a number\(sign), e.g. 1234.5 or 1 234.50" + (comma ? " or 1234,5 and 1 234,50" : " (a decimal comma only in a ;-delimited CSV)")
        case .flag: return pl ? "tak/nie, T/N, Y/N, yes/no, 1/0 lub true/false" : "yes/no, T/N, Y/N, tak/nie, 1/0 or true/false"
        case .teryt: return pl ? "7 cyfr, np. 2464011 (w XLSX jako tekst, by zachować zero na początku)"
                               : "7 digits, e.g. 2464011 (in XLSX as text, to keep a leading zero)"
        case .providerID: return pl ? "KRS:0000184388, NIP:8621573340 lub REGON:432699340 (bez spacji i myślników)"
                                    : "KRS:0000184388, NIP:8621573340 or REGON:432699340 (no spaces or dashes)"
        case .personID: return pl ? "pseudonim z 6–64 znaków: litery, cyfry, _ i -" : "a pseudonym of 6–64 characters: letters, digits, _ and -"
        case .requiredBecause(let c): return pl ? "wymagane, bo podano \(c)" : "required because \(c) is given"
        case .requiredForValue(let c, let v): return pl ? "wymagane, bo \(c) to \(v)" : "required because \(c) is \(v)"
        case .requiredUnlessOngoing: return pl ? "wymagane, chyba że outcome to ongoing" : "required unless outcome is ongoing"
        case .order(let a, let b): return pl ? "\(b) nie może być wcześniej niż \(a)" : "\(b) must not be before \(a)"
        case .asOf(let d): return pl ? "najpóźniej \(d) (data stanu)" : "\(d) at the latest (the as-of date)"
        case .unknownColumn(let name, let c):
            guard let c else { return pl ? "\(name) nie jest kolumną tego zbioru" : "\(name) is not a column of this dataset" }
            return "\(name) → \(c)?"
        case .polishHeader(let ds, let cols):
            let command = "miara template --dataset \(ds) --out \(ds.split(separator: "/").last ?? "template").xlsx"
            let names = cols.joined(separator: ", ")
            return pl ? "nagłówek ma polskie nazwy kolumn; nagłówki to nazwy angielskie: \(names). Gotowy wzór: \(command)"
                      : "the header holds Polish column names; headers are the English names: \(names). A ready template: \(command)"
        case .criteria(let xs): return (pl ? "kody kryteriów standardu: " : "the standard's criterion codes: ") + list(xs)
        case .measures(let xs): return (pl ? "kody miar porównywanych w grupie: " : "the benchmarked measure codes: ") + xs.joined(separator: ", ")
        case .reference(let ds, let c):
            return pl ? "\(c) musi istnieć wśród przyjętych wierszy \(ds) (wysłanych wcześniej lub w tej samej skrzynce)"
                      : "\(c) must exist among the accepted rows of \(ds) (sent earlier or in the same inbox)"
        case .bedFacility(let types):
            return (pl ? "pobyt musi być w placówce z miejscami noclegowymi: " : "a stay must be in a facility with beds: ") + list(types)
        case .noOverlap:
            return pl ? "pobyty jednej osoby nie mogą się nakładać; przyjęcie w dniu wypisu jest dozwolone"
                      : "one person's stays must not overlap; admission on the day of a discharge is allowed"
        case .key(let cols):
            return (pl ? "ta sama wartość klucza już wyżej w pliku: " : "the same key earlier in the file: ") + cols.joined(separator: ", ")
        case .pseudonymFromCentre:
            return pl ? "wpisz pseudonim nadany przez ośrodek (MOPS) zamiast numeru PESEL; organizacja nie przesyła numerów PESEL"
                      : "enter the pseudonym the municipal centre (MOPS) gave the person instead of the PESEL; an NGO does not send PESEL numbers"
        }
    }
}
