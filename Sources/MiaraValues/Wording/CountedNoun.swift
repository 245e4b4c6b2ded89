/// A noun that follows a count, in the grammatical forms Polish and English need: "1 miesiąc",
/// "24 miesiące", "5 miesięcy"; "1 month", "24 months". The one rule for every text where a
/// count meets a noun.
public struct CountedNoun: Sendable, Equatable {
    /// Polish: after 1; after 2–4, 22–24, 32–34… (not 12–14); after every other count.
    public let one: String, few: String, many: String
    /// English: after 1; after every other count.
    public let enOne: String, enMany: String

    public init(one: String, few: String, many: String, enOne: String, enMany: String) {
        self.one = one; self.few = few; self.many = many; self.enOne = enOne; self.enMany = enMany
    }

    /// The form of the noun after `n` in `lang` (without the number).
    public func form(_ n: Int, _ lang: Language) -> String {
        if lang == .en { return n == 1 ? enOne : enMany }
        return Self.polishForm(n, one: one, few: few, many: many)
    }

    /// The count and the noun: `24 miesiące`.
    public func callAsFunction(_ n: Int, _ lang: Language) -> String { "\(n) \(form(n, lang))" }

    /// Polish plural rule: `one` for 1, `few` for counts ending in 2–4 except 12–14, else `many`.
    public static func polishForm(_ n: Int, one: String, few: String, many: String) -> String {
        let a = abs(n)
        if a == 1 { return one }
        let last = a % 10, lastTwo = a % 100
        return (2...4).contains(last) && !(12...14).contains(lastTwo) ? few : many
    }
}

extension CountedNoun {
    public static let month = CountedNoun(one: "miesiąc", few: "miesiące", many: "miesięcy", enOne: "month", enMany: "months")
    /// A facility's month (the unit of coverage).
    public static let facilityMonth = CountedNoun(one: "miesiąc placówki", few: "miesiące placówek", many: "miesięcy placówek",
                                                  enOne: "facility-month", enMany: "facility-months")
    public static let facility = CountedNoun(one: "placówka", few: "placówki", many: "placówek", enOne: "facility", enMany: "facilities")
    /// "i 3 inne placówki": facilities besides those named.
    public static let otherFacility = CountedNoun(one: "inna placówka", few: "inne placówki", many: "innych placówek",
                                                  enOne: "other facility", enMany: "other facilities")
    public static let otherFile = CountedNoun(one: "inny plik", few: "inne pliki", many: "innych plików",
                                              enOne: "other file", enMany: "other files")
    public static let file = CountedNoun(one: "plik", few: "pliki", many: "plików", enOne: "file", enMany: "files")
    public static let row = CountedNoun(one: "wiersz", few: "wiersze", many: "wierszy", enOne: "row", enMany: "rows")
    public static let person = CountedNoun(one: "osoba", few: "osoby", many: "osób", enOne: "person", enMany: "persons")
    public static let municipality = CountedNoun(one: "gmina", few: "gminy", many: "gmin", enOne: "municipality", enMany: "municipalities")
    public static let stay = CountedNoun(one: "pobyt", few: "pobyty", many: "pobytów", enOne: "stay", enMany: "stays")
    public static let serviceRow = CountedNoun(one: "wiersz usług", few: "wiersze usług", many: "wierszy usług",
                                               enOne: "service row", enMany: "service rows")
    /// A file with the bytes of another file under another path (decisions.md 121).
    public static let duplicateOfOther = CountedNoun(one: "duplikat innego pliku", few: "duplikaty innych plików", many: "duplikatów innych plików",
                                                     enOne: "duplicate of another file", enMany: "duplicates of other files")
    public static let unchangedFile = CountedNoun(one: "plik bez zmian", few: "pliki bez zmian", many: "plików bez zmian",
                                                  enOne: "unchanged file", enMany: "unchanged files")
    public static let unchangedFileReadBefore = CountedNoun(one: "plik bez zmian (wczytany wcześniej)", few: "pliki bez zmian (wczytane wcześniej)",
                                                            many: "plików bez zmian (wczytanych wcześniej)",
                                                            enOne: "unchanged file (ingested before)", enMany: "unchanged files (ingested before)")
}
