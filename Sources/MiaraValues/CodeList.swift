import Foundation

/// One code list of SPEC 2: the stored codes in the order they are shown, each with its Polish
/// and English name, and the spellings a file may use for them. The datasets' columns, the
/// templates' drop-downs, the labels of the reports and the SQL's code tables all read the lists
/// in `Codes`, the one place a code is written.
public struct CodeList: Sendable, Equatable {
    /// A code and its names.
    public struct Code: Sendable, Equatable {
        public let code: String
        public let pl: String
        public let en: String
    }

    /// The codes, in the order they are shown.
    public let entries: [Code]
    /// Accepted spellings (lower case) → stored code: every code itself and its synonyms.
    public let spellings: [String: String]

    /// `entries`: (code, Polish name, English name); `synonyms`: other spellings → code.
    public init(_ entries: [(String, String, String)], synonyms: [String: String] = [:]) {
        self.entries = entries.map { Code(code: $0.0, pl: $0.1, en: $0.2) }
        self.spellings = Dictionary(entries.map { ($0.0, $0.0) }, uniquingKeysWith: { a, _ in a })
            .merging(synonyms, uniquingKeysWith: { a, _ in a })
    }

    /// The stored codes, in order.
    public var codes: [String] { entries.map(\.code) }
    /// The entry of `code`, or nil.
    public subscript(code: String) -> Code? { entries.first { $0.code == code } }
    public func contains(_ code: String) -> Bool { spellings[code] == code }
}

/// The code lists of SPEC 2 (and the ETHOS categories), each written once.
public enum Codes {
    /// Facility types with their level in the hierarchy (nil: a type without a level); a
    /// levelled type's names end in its level, `[1]`.
    private static let facilityTypeLevels: [(code: String, level: Int?, pl: String, en: String)] = [
        ("warming_centre", 1, "ogrzewalnia", "warming centre"), ("night_shelter", 2, "noclegownia", "night shelter"),
        ("shelter", 3, "schronisko", "shelter"), ("shelter_care", 3, "schronisko z usługami opiekuńczymi", "shelter with care services"),
        ("training_flat", 4, "mieszkanie treningowe", "training flat"), ("supported_flat", 5, "mieszkanie wspierane", "supported flat"),
        ("soup_kitchen", nil, "jadłodajnia", "soup kitchen"), ("day_centre", nil, "dzienny ośrodek wsparcia", "day centre"),
        ("streetwork", nil, "streetworking", "streetwork"), ("bathhouse", nil, "łaźnia", "bathhouse"),
    ]
    public static let facilityTypes = CodeList(facilityTypeLevels.map { t in
        let level = t.level.map { " [\($0)]" } ?? ""
        return (t.code, t.pl + level, t.en + level)
    })
    /// Facility type → its level; nil for types without a level.
    public static let facilityLevels: [String: Int?] =
        Dictionary(uniqueKeysWithValues: facilityTypeLevels.map { ($0.code, $0.level) })
    /// Levelled ("bed") facility types.
    public static let bedFacilityTypes: Set<String> = Set(facilityTypeLevels.filter { $0.level != nil }.map(\.code))

    /// Where a stay ended; the housing destinations first (`housingDestinations`).
    public static let destinations = CodeList([
        ("own_flat", "własne mieszkanie", "own flat"), ("social_flat", "mieszkanie socjalne", "social flat"),
        ("rented", "wynajęte mieszkanie", "rented flat"),
        facilityType("supported_flat"), facilityType("training_flat"),
        ("family", "rodzina", "family"), ("other_facility", "inna placówka", "another facility"),
        ("institution", "instytucja (szpital, DPS, zakład karny)", "an institution"),
        ("street", "ulica", "street"), ("died", "zgon", "died"), ("expelled", "usunięcie z placówki", "expelled"),
        ("unknown", "nieznane", "unknown"),
    ])
    /// The destinations that count as housing (SPEC 5, S01).
    public static let housingDestinations: Set<String> = Set(destinations.codes.prefix(4))

    public static let services = CodeList([
        ("bed_night", "nocleg", "bed-night"), ("meal", "posiłek", "meal"), ("bath", "kąpiel", "bath"),
        ("clothing", "odzież", "clothing"), ("counselling", "poradnictwo", "counselling"),
        ("streetwork_contact", "kontakt streetworkera", "streetwork contact"), ("medical", "pomoc medyczna", "medical help"),
    ])
    public static let costCategories = CodeList([
        ("staff", "wynagrodzenia", "staff"), ("food", "żywność", "food"), ("utilities", "media", "utilities"),
        ("rent", "czynsz", "rent"), ("maintenance", "utrzymanie i remonty", "maintenance"), ("admin", "administracja", "administration"),
        other,
    ])
    public static let funding = CodeList([
        ("municipal", "gmina", "municipality"), ("own", "środki własne", "own funds"), ("eu", "fundusze UE", "EU funds"),
        ("donations", "darowizny", "donations"), other,
    ])
    public static let auditResults = CodeList([
        ("met", "spełnione", "met"), ("partial", "częściowo spełnione", "partly met"), ("not_met", "niespełnione", "not met"),
        ("n_a", "nie dotyczy", "not applicable"),
    ])
    public static let programmeKinds = CodeList([
        ("ipwzb", "indywidualny program wychodzenia z bezdomności", "individual programme of exiting homelessness"),
        ("kontrakt", "kontrakt socjalny", "social contract"),
    ])
    public static let programmeOutcomes = CodeList([
        ("ongoing", "trwa", "ongoing"), ("completed", "zrealizowany", "completed"), ("broken", "przerwany", "broken off"),
        ("transferred", "przekazany", "transferred"),
    ])
    public static let benefits = CodeList([
        ("zasilek_celowy", "zasiłek celowy", "purpose benefit"), ("zasilek_okresowy", "zasiłek okresowy", "periodic benefit"),
        ("zasilek_staly", "zasiłek stały", "permanent benefit"), ("posilek", "posiłek", "meal"), ("schronienie", "schronienie", "shelter"),
        ("ubranie", "ubranie", "clothing"), ("uslugi_opiekuncze", "usługi opiekuńcze", "care services"), ("inne", "inne", "other"),
    ])
    public static let staffRoles = CodeList([
        ("social_worker", "pracownik socjalny", "social worker"), ("streetworker", "streetworker", "streetworker"),
        ("assistant", "asystent osoby bezdomnej", "assistant"),
    ])
    /// The states of an improvement plan's action (`plans.state`).
    public static let planStates = CodeList([
        ("planned", "zaplanowane", "planned"), ("in_progress", "w realizacji", "in progress"), ("done", "zrealizowane", "done"),
        ("dropped", "zaniechane", "dropped"),
    ])
    public static let municipalityKinds = CodeList([
        ("urban", "miejska", "urban"), ("rural", "wiejska", "rural"), ("urban_rural", "miejsko-wiejska", "urban-rural"),
    ])
    public static let legalForms = CodeList([
        ("foundation", "fundacja", "foundation"), ("association", "stowarzyszenie", "association"), ("church", "kościelna osoba prawna", "church"),
        ("cooperative", "spółdzielnia socjalna", "cooperative"), other,
    ])
    public static let incomes = CodeList([
        ("none", "brak", "none"), ("work", "praca", "work"), ("benefit", "świadczenie", "benefit"), ("pension", "emerytura lub renta", "pension"),
        other,
    ])
    public static let sex = CodeList([("f", "kobieta", "female"), ("m", "mężczyzna", "male")],
                                     synonyms: ["k": "f", "kobieta": "f", "mężczyzna": "m"])
    /// The ETHOS Light categories of `persons.ethos` (an integer column: named, not a code list).
    public static let ethos = CodeList([
        ("1", "1 — bez dachu nad głową (ulica)", "1 — living rough"), ("2", "2 — noclegownia, ogrzewalnia", "2 — emergency accommodation"),
        ("3", "3 — placówka dla bezdomnych", "3 — accommodation for the homeless"),
        ("4", "4 — opuszczający instytucje bez mieszkania", "4 — leaving institutions with no home"),
        ("5", "5 — nietypowe miejsca zamieszkania", "5 — non-conventional dwellings"),
        ("6", "6 — tymczasowo u rodziny lub znajomych", "6 — temporarily with family or friends"),
    ])

    /// Every list, in the order `CodeLabels` looks a code up.
    public static let all: [CodeList] = [
        facilityTypes, destinations, services, costCategories, funding, auditResults, programmeKinds, programmeOutcomes,
        benefits, staffRoles, planStates, municipalityKinds, legalForms, incomes, sex, ethos,
    ]

    /// `other`, the last code of several lists.
    private static let other = ("other", "inne", "other")
    private static func facilityType(_ code: String) -> (String, String, String) {
        let t = facilityTypes[code]!
        return (t.code, t.pl, t.en)
    }
}

/// The Polish and English names of the codes of every code list (and the ETHOS categories),
/// looked up by the code alone (a code in several lists has the same names in each).
public enum CodeLabels {
    /// The name of `code` in `lang`, or nil.
    public static func name(_ code: String, _ lang: Language) -> String? {
        guard let e = table[code] else { return nil }
        return lang == .pl ? e.pl : e.en
    }

    /// What a template's drop-down offers for `code`: its name with the code in brackets
    /// (`mieszkanie socjalne (social_flat)`), or the code alone when it has no name.
    public static func entry(_ code: String, _ lang: Language) -> String {
        name(code, lang).map { "\($0) (\(code))" } ?? code
    }

    /// The code of a drop-down entry of a code column (`map`: accepted spelling → code):
    /// `name (code)` where the code is one of the column's and the name is its Polish or English
    /// name (case-insensitive, trimmed); nil for anything else.
    public static func code(ofEntry text: String, map: [String: String]) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasSuffix(")"), let open = t.range(of: " (", options: .backwards) else { return nil }
        let code = String(t[open.upperBound..<t.index(before: t.endIndex)]).lowercased()
        guard map[code] == code else { return nil }
        let given = t[..<open.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
        return Language.allCases.contains { name(code, $0)?.lowercased() == given } ? code : nil
    }

    /// Codes ordered as the lists of `Codes.all` list them (unknown codes last, alphabetically).
    public static func ordered(_ codes: some Collection<String>) -> [String] {
        codes.sorted { a, b in
            let ia = order[a] ?? Int.max, ib = order[b] ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }

    private static let entries = Codes.all.flatMap(\.entries)
    private static let table: [String: (pl: String, en: String)] =
        Dictionary(entries.map { ($0.code, (pl: $0.pl, en: $0.en)) }, uniquingKeysWith: { a, _ in a })
    private static let order: [String: Int] =
        Dictionary(entries.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { a, _ in a })
}
