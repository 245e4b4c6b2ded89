/// The standard's criteria and the questionnaire maps, defined once as Swift data.
///
/// `Pipelines/standard.yaml` and `Pipelines/surveys/*.yaml` are rendered from this data (a test
/// asserts the committed files equal the rendering), and the generator uses the same data for
/// audits and survey exports, so the two cannot drift.

/// One criterion of the standard of services for homeless people.
public struct StandardCriterion: Sendable, Equatable {
    public let code: String
    public let name: String
    public let weight: Int
    /// The standard's thematic area (Polish).
    public let area: String
}

/// The standard file (SPEC 2, "The standard file").
public enum StandardCatalogue {
    public static let name = "Standard usług dla osób bezdomnych (gminny standard wychodzenia z bezdomności)"
    public static let version = 1

    static let housing = "Mieszkalnictwo i pomoc doraźna"
    static let health = "Zdrowie"
    static let work = "Zatrudnienie i edukacja"
    static let social = "Praca socjalna"
    static let street = "Komunikacja społeczna i streetworking"

    public static let criteria: [StandardCriterion] = [
        .init(code: "H01", name: "Temperatura w pomieszczeniach mieszkalnych co najmniej 20°C", weight: 2, area: housing),
        .init(code: "H02", name: "Jedna umywalka na 10 osób i jeden natrysk na 15 osób", weight: 2, area: housing),
        .init(code: "H03", name: "Jedna toaleta na 15 osób", weight: 2, area: housing),
        .init(code: "H04", name: "Dostęp do ciepłej wody przez całą dobę", weight: 2, area: housing),
        .init(code: "H05", name: "Powierzchnia sypialni zgodna z normą na jedno miejsce", weight: 2, area: housing),
        .init(code: "H06", name: "Możliwość wyprania i wysuszenia odzieży", weight: 1, area: housing),
        .init(code: "H07", name: "Co najmniej jeden gorący posiłek dziennie", weight: 2, area: housing),
        .init(code: "H08", name: "Przyjęcie w trybie interwencyjnym przez całą dobę w okresie zimowym", weight: 2, area: housing),
        .init(code: "H09", name: "Regulamin placówki wywieszony i dostępny dla mieszkańców", weight: 1, area: housing),
        .init(code: "Z01", name: "Pomoc w dostępie do podstawowej opieki zdrowotnej i ubezpieczenia zdrowotnego", weight: 2, area: health),
        .init(code: "Z02", name: "Apteczka pierwszej pomocy i personel przeszkolony w pierwszej pomocy", weight: 1, area: health),
        .init(code: "Z03", name: "Motywowanie do leczenia uzależnień i współpraca z poradnią terapii", weight: 2, area: health),
        .init(code: "Z04", name: "Warunki sanitarne i dezynsekcja przy przyjęciu", weight: 1, area: health),
        .init(code: "P01", name: "Doradztwo zawodowe i pomoc w poszukiwaniu pracy", weight: 2, area: work),
        .init(code: "P02", name: "Współpraca z CIS, KIS i powiatowym urzędem pracy", weight: 2, area: work),
        .init(code: "P03", name: "Dostęp do kursów, szkoleń i zajęć edukacyjnych", weight: 1, area: work),
        .init(code: "P04", name: "Zatrudnienie socjalne lub prace społecznie użyteczne", weight: 1, area: work),
        .init(code: "K01", name: "Indywidualny program wychodzenia z bezdomności zawarty w ciągu 30 dni od przyjęcia", weight: 3, area: social),
        .init(code: "K02", name: "Pracownik socjalny z kwalifikacjami zawodowymi zatrudniony w placówce", weight: 2, area: social),
        .init(code: "K03", name: "Asystent prowadzi nie więcej niż 10 osób", weight: 2, area: social),
        .init(code: "K04", name: "Superwizja i szkolenia personelu co najmniej raz w roku", weight: 1, area: social),
        .init(code: "K05", name: "Pomoc w uzyskaniu dokumentów i świadczeń", weight: 1, area: social),
        .init(code: "L01", name: "Streetworking: regularne dyżury w miejscach niemieszkalnych", weight: 2, area: street),
        .init(code: "L02", name: "Aktualizowana mapa miejsc niemieszkalnych", weight: 1, area: street),
        .init(code: "L03", name: "Informator o placówkach dostępny dla osób bezdomnych", weight: 1, area: street),
        .init(code: "L04", name: "Udział w lokalnej koalicji i wymianie informacji z innymi podmiotami", weight: 1, area: street),
        .init(code: "L05", name: "Badanie satysfakcji użytkowników co najmniej raz w roku", weight: 1, area: street),
    ]

    /// Floor area per place (m²) by facility type; types without a norm are absent.
    public static let floorAreaPerPlace: [(type: String, m2: Double)] = [
        ("warming_centre", 2), ("night_shelter", 3), ("shelter", 4), ("shelter_care", 5),
        ("training_flat", 8), ("supported_flat", 10),
    ]

    public static func norm(_ type: String) -> Double? { floorAreaPerPlace.first { $0.type == type }?.m2 }

    /// The YAML text of `Pipelines/standard.yaml`.
    public static func yaml() -> String {
        var s = "# Generated from Sources/MiaraGenerate/Catalogue.swift (StandardCatalogue); do not edit by hand.\n"
        s += "name: \(YAMLText.quote(name))\n"
        s += "version: \(version)\n"
        s += "criteria:\n"
        for c in criteria {
            s += "  - { code: \(c.code), name: \(YAMLText.quote(c.name)), weight: \(c.weight), area: \(YAMLText.quote(c.area)) }\n"
        }
        s += "floor_area_per_place_m2: { "
        s += floorAreaPerPlace.map { "\($0.type): \(YAMLText.number($0.m2))" }.joined(separator: ", ")
        s += " }\n"
        return s
    }
}

/// One question of a questionnaire map.
public struct SurveyItem: Sendable, Equatable {
    public let column: String
    public let code: String
    public let dimension: String
    public let reverse: Bool
    init(_ code: String, _ dimension: String, _ column: String, reverse: Bool = false) {
        self.code = code; self.dimension = dimension; self.column = column; self.reverse = reverse
    }
}

/// A questionnaire map (SPEC 3).
public struct Questionnaire: Sendable {
    public let name: String
    /// users | residents | professionals | cooperation
    public let group: String
    public let unitColumn: String
    /// facility | provider | municipality
    public let unitKind: String
    /// Text answers to scores, in order; nil = no answer.
    public let answers: [(text: String, score: Int?)]
    public let items: [SurveyItem]
    public let dateColumn: String

    /// The YAML text of `Pipelines/surveys/<name>.yaml`.
    public func yaml() -> String {
        var s = "# Generated from Sources/MiaraGenerate/Catalogue.swift (Questionnaires); do not edit by hand.\n"
        s += "name: \(name)\n"
        s += "group: \(group)\n"
        s += "unit: { column: \(YAMLText.quote(unitColumn)), kind: \(unitKind) }\n"
        s += "answers:\n"
        for a in answers { s += "  \(YAMLText.quote(a.text)): \(a.score.map(String.init) ?? "null")\n" }
        s += "items:\n"
        for i in items {
            s += "  - { column: \(YAMLText.quote(i.column)), code: \(i.code), dimension: \(i.dimension)"
            s += i.reverse ? ", reverse: true }\n" : " }\n"
        }
        s += "date_column: \(YAMLText.quote(dateColumn))\n"
        return s
    }
}

public enum Questionnaires {
    static let agree: [(text: String, score: Int?)] = [
        ("Zdecydowanie się nie zgadzam", 1), ("Raczej się nie zgadzam", 2), ("Ani tak, ani nie", 3),
        ("Raczej się zgadzam", 4), ("Zdecydowanie się zgadzam", 5), ("Trudno powiedzieć", nil),
    ]

    public static let users = Questionnaire(
        name: "uzytkownicy", group: "users", unitColumn: "Placówka", unitKind: "facility", answers: agree,
        items: [
            SurveyItem("U01", "access", "Łatwo było mi uzyskać miejsce w placówce"),
            SurveyItem("U02", "access", "Godziny przyjęć odpowiadają moim potrzebom"),
            SurveyItem("U03", "access", "Wiem, do kogo zwrócić się o pomoc"),
            SurveyItem("U04", "staff", "Personel traktuje mnie z szacunkiem"),
            SurveyItem("U05", "staff", "Pracownik socjalny ma dla mnie czas"),
            SurveyItem("U06", "staff", "Personel nie interesuje się moimi sprawami", reverse: true),
            SurveyItem("U07", "conditions", "W sypialni jest ciepło"),
            SurveyItem("U08", "conditions", "Łazienki i toalety są czyste"),
            SurveyItem("U09", "conditions", "Posiłki są wystarczające"),
            SurveyItem("U10", "conditions", "W placówce jest zbyt ciasno", reverse: true),
            SurveyItem("U11", "safety", "Czuję się tu bezpiecznie"),
            SurveyItem("U12", "safety", "Moje rzeczy są tu bezpieczne"),
            SurveyItem("U13", "safety", "Boję się innych mieszkańców", reverse: true),
            SurveyItem("U14", "support", "Placówka pomaga mi wyjść z bezdomności"),
            SurveyItem("U15", "support", "Otrzymałem pomoc w sprawach zdrowia, pracy lub dokumentów"),
            SurveyItem("U16", "support", "Mój indywidualny program wychodzenia z bezdomności jest dla mnie realny"),
        ], dateColumn: "Data wypełnienia")

    public static let residents = Questionnaire(
        name: "mieszkancy", group: "residents", unitColumn: "Gmina (TERYT)", unitKind: "municipality", answers: agree,
        items: [
            SurveyItem("R01", "attitudes", "Osoby bezdomne zasługują na pomoc ze strony miasta"),
            SurveyItem("R02", "attitudes", "Bezdomność może dotknąć każdego"),
            SurveyItem("R03", "attitudes", "Osoby bezdomne same są winne swojej sytuacji", reverse: true),
            SurveyItem("R04", "acceptance", "Zgodziłbym się na mieszkanie treningowe w moim sąsiedztwie"),
            SurveyItem("R05", "acceptance", "Noclegownia nie powinna działać w pobliżu mojego domu", reverse: true),
            SurveyItem("R06", "knowledge", "Wiem, gdzie skierować osobę bezdomną potrzebującą pomocy"),
            SurveyItem("R07", "knowledge", "Wiem, jak miasto pomaga osobom bezdomnym"),
        ], dateColumn: "Data ankiety")

    public static let professionals = Questionnaire(
        name: "profesjonalisci", group: "professionals", unitColumn: "Gmina", unitKind: "municipality", answers: agree,
        items: [
            SurveyItem("F01", "offer", "Oferta placówek w gminie odpowiada potrzebom osób bezdomnych"),
            SurveyItem("F02", "offer", "Brakuje miejsc w noclegowniach i schroniskach", reverse: true),
            SurveyItem("F03", "offer", "Mieszkania treningowe są dostępne dla osób gotowych do usamodzielnienia"),
            SurveyItem("F04", "effectiveness", "Indywidualne programy wychodzenia z bezdomności są skuteczne"),
            SurveyItem("F05", "effectiveness", "Streetworking dociera do osób przebywających w miejscach niemieszkalnych"),
            SurveyItem("F06", "resources", "Mam wystarczające szkolenia i superwizję"),
            SurveyItem("F07", "resources", "Obciążenie pracą uniemożliwia mi rzetelną pracę socjalną", reverse: true),
            SurveyItem("F08", "cooperation", "Współpraca ośrodka pomocy społecznej z organizacjami pozarządowymi jest dobra"),
        ], dateColumn: "Data")

    public static let cooperation = Questionnaire(
        name: "wspolpraca", group: "cooperation", unitColumn: "Gmina instytucji (TERYT)", unitKind: "municipality", answers: agree,
        items: [
            SurveyItem("W01", "information", "Otrzymuję od innych instytucji informacje potrzebne w mojej pracy"),
            SurveyItem("W02", "information", "Wymiana informacji o osobach bezdomnych przebiega sprawnie"),
            SurveyItem("W03", "coordination", "Zadania poszczególnych instytucji są jasno podzielone"),
            SurveyItem("W04", "coordination", "Spotkania robocze koalicji odbywają się regularnie"),
            SurveyItem("W05", "coordination", "Instytucje działają w pojedynkę, bez uzgodnień", reverse: true),
            SurveyItem("W06", "trust", "Ufam partnerom z innych instytucji"),
            SurveyItem("W07", "trust", "Współpraca ze służbą zdrowia i policją jest skuteczna"),
        ], dateColumn: "Data wypełnienia")

    public static let all: [Questionnaire] = [users, residents, professionals, cooperation]
}

enum YAMLText {
    /// A double-quoted YAML scalar.
    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
