/// The words of configuration errors (pipeline file, standard, survey maps, flags): part of the
/// one dictionary (`Wording`). Keys, flags, codes and paths stay as written; the rest is Polish
/// and English.
public enum ConfigText {
    public static let prefix = Phrase(pl: "błąd konfiguracji", en: "configuration error")
    public static let unknownMeasure = Phrase(pl: "nieznany kod miary", en: "unknown measure code")
    public static func noStoreRunIngest(_ path: String) -> Phrase {
        Phrase(pl: "nie ma magazynu \(path); najpierw uruchom miara ingest", en: "no store at \(path); run miara ingest first")
    }
    public static func noStore(_ path: String) -> Phrase { Phrase(pl: "nie ma magazynu \(path)", en: "no store at \(path)") }
    public static let expectedMapping = Phrase(pl: "oczekiwano mapy (klucz: wartość)", en: "expected a mapping")
    public static let expectedList = Phrase(pl: "oczekiwano listy", en: "expected a list")
    public static let expectedText = Phrase(pl: "oczekiwano tekstu", en: "expected a text value")
    public static let expectedWholeNumber = Phrase(pl: "oczekiwano liczby całkowitej", en: "expected a whole number")
    public static let expectedNumber = Phrase(pl: "oczekiwano liczby", en: "expected a number")
    public static let expectedBool = Phrase(pl: "oczekiwano true albo false", en: "expected true or false")
    public static func nullPath(_ v: String) -> Phrase {
        Phrase(pl: "brak wartości (\(v)): podaj ścieżkę albo pomiń klucz", en: "no value (\(v)): name a path, or leave the key out")
    }
    public static let emptyPath = Phrase(pl: "pusta wartość: podaj ścieżkę", en: "empty: name a path")
    public static func expectedAsOf(_ found: String) -> Phrase {
        Phrase(pl: "oczekiwano yesterday albo daty RRRR-MM-DD, jest \(found)", en: "expected yesterday or a date YYYY-MM-DD, found \(found)")
    }
    public static func asOfInFuture(_ asOf: String, today: String) -> Phrase {
        Phrase(pl: "\(asOf) jest po dzisiejszej dacie (\(today)): nie da się raportować danych z przyszłości",
               en: "\(asOf) is after today (\(today)): data of the future cannot be reported")
    }
    public static func notPeriod(_ keywords: String, _ found: String) -> Phrase {
        Phrase(pl: "to nie okres ani słowo kluczowe (\(keywords)): \(found)", en: "not a period or keyword (\(keywords)): \(found)")
    }
    public static let emptyPeriodList = Phrase(pl: "pusta lista: podaj co najmniej jeden okres lub słowo kluczowe (albo pomiń klucz)",
                                               en: "an empty list: name at least one period or keyword (or leave the key out)")
    public static func atLeast(_ n: Int) -> Phrase { Phrase(pl: "musi wynosić co najmniej \(n)", en: "must be at least \(n)") }
    public static let between0And1 = Phrase(pl: "musi być między 0 a 1", en: "must be between 0 and 1")
    public static func noFolder(_ path: String) -> Phrase { Phrase(pl: "folder \(path) nie istnieje", en: "the folder \(path) does not exist") }
    public static func minAboveMax(_ lo: String, _ hi: String) -> Phrase {
        Phrase(pl: "min \(lo) jest większe niż max \(hi)", en: "min \(lo) is above max \(hi)")
    }
    public static let costLagNotNegative = Phrase(pl: "musi wynosić 0 lub więcej (dni po końcu miesiąca, w których spływają jego koszty)",
                                                  en: "must be 0 or more (days after a month's end by which its costs are reported)")
    public static func expectedHeadline(_ found: String) -> Phrase {
        Phrase(pl: "oczekiwano year, previous_year albo roku RRRR, jest \(found)", en: "expected year, previous_year or a year YYYY, found \(found)")
    }
    public static let expectedLang = Phrase(pl: "oczekiwano pl albo en", en: "expected pl or en")
    public static let keepNights = Phrase(pl: "musi wynosić co najmniej 1 (najnowszy przebieg zostaje zawsze)",
                                          en: "must be at least 1 (the newest run is always kept)")
    public static let notNegative = Phrase(pl: "musi wynosić 0 lub więcej", en: "must be 0 or more")
    public static let missing = Phrase(pl: "brak wartości", en: "missing")
    public static let weightPositive = Phrase(pl: "musi być większa od 0", en: "must be greater than 0")
    public static func codeRepeats(_ c: String) -> Phrase { Phrase(pl: "kod \(c) się powtarza", en: "the code \(c) repeats") }
    public static let notFacilityType = Phrase(pl: "to nie typ placówki", en: "not a facility type")
    public static let expectedGroup = Phrase(pl: "oczekiwano users, residents, professionals albo cooperation",
                                             en: "expected users, residents, professionals or cooperation")
    public static let expectedUnitKind = Phrase(pl: "oczekiwano facility, provider albo municipality", en: "expected facility, provider or municipality")
    public static let scoreRange = Phrase(pl: "punktacja musi wynosić od 1 do 5", en: "a score must be 1 to 5")
    public static let itemFields = Phrase(pl: "wymagane są column, code i dimension", en: "column, code and dimension are required")
    public static let unitFields = Phrase(pl: "wymagane są column i kind", en: "column and kind are required")
    public static let atLeastOneItem = Phrase(pl: "wymagana jest co najmniej jedna pozycja", en: "at least one item is required")
    public static func unknownDataset(_ d: String, _ list: String) -> Phrase {
        Phrase(pl: "nieznany zbiór \(d); jeden z: \(list)", en: "unknown dataset \(d); one of: \(list)")
    }
    public static func expectedMonth(_ found: String) -> Phrase { Phrase(pl: "oczekiwano RRRR-MM, jest \(found)", en: "expected YYYY-MM, found \(found)") }
    public static func noReportingMonth(_ d: String) -> Phrase {
        Phrase(pl: "\(d) nie ma miesiąca sprawozdania (mają go tylko ngo/costs i ngo/services)",
               en: "\(d) has no reporting month (only ngo/costs and ngo/services have one)")
    }
    public static func notProviderID(_ p: String) -> Phrase {
        Phrase(pl: "\(p) to nie identyfikator podmiotu (KRS:0000184388, NIP:8621573340 albo REGON:432699340)",
               en: "\(p) is not a provider id (KRS:0000184388, NIP:8621573340 or REGON:432699340)")
    }
    public static func expectedTeryt(_ found: String) -> Phrase { Phrase(pl: "oczekiwano 7 cyfr, jest \(found)", en: "expected 7 digits, found \(found)") }
    public static func expectedHalfYear(_ found: String) -> Phrase {
        Phrase(pl: "oczekiwano roku RRRR albo półrocza RRRRH1 lub RRRRH2, jest \(found)",
               en: "expected a year YYYY or a half-year YYYYH1 or YYYYH2, found \(found)")
    }
    public static func noMunicipality(_ teryt: String) -> Phrase {
        Phrase(pl: "brak gminy \(teryt) wśród przyjętych wierszy mops/municipalities", en: "no municipality \(teryt) among the accepted rows of mops/municipalities")
    }
    public static func expectedScale(_ found: String) -> Phrase {
        Phrase(pl: "oczekiwano tiny, city albo national, jest \(found)", en: "expected tiny, city or national, found \(found)")
    }
    public static let cannotCreateDemoKey = Phrase(pl: "nie można utworzyć klucza pseudonimizacji demonstracji", en: "cannot create the demo pseudonym key")
    public static func atMost(_ n: Int, found: Int) -> Phrase { Phrase(pl: "co najwyżej \(n) (jest \(found))", en: "at most \(n) (found \(found))") }
    public static func emptyInbox(_ path: String) -> Phrase {
        Phrase(pl: "skrzynka \(path) nie zawiera żadnego pliku .csv ani .xlsx w folderze zbioru, a magazyn nigdy żadnego nie wczytał: czy to właściwy folder?",
               en: "the inbox \(path) holds no .csv or .xlsx file in a dataset folder, and the store has never read one: is it the right folder?")
    }
    public static func noInbox(_ path: String) -> Phrase { Phrase(pl: "skrzynka \(path) nie istnieje", en: "the inbox \(path) does not exist") }
    public static func inboxNotFolder(_ path: String) -> Phrase {
        Phrase(pl: "skrzynka \(path) nie jest folderem", en: "the inbox \(path) is not a folder")
    }
    public static func noStoreForProvider(_ path: String) -> Phrase {
        Phrase(pl: "nie ma magazynu \(path): identyfikatory placówek i umów podmiotu pochodzą z magazynu (podaj --store PLIK)",
               en: "no store at \(path): the provider's facility and contract ids come from a store (give --store FILE)")
    }
}
