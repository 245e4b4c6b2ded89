import Foundation
/// What a column of a dataset means to the person who fills it in: its Polish name, a sentence in
/// Polish and English, and an example value. The fillable templates and `validate` read these.
public struct ColumnLabel: Sendable {
    public let polishName: String
    public let polish: String
    public let english: String
    /// A value that passes every check (the examples of one dataset form a valid row, and the
    /// examples of all datasets refer to each other).
    public let example: String

    public func text(_ lang: Language) -> String { lang == .pl ? polish : english }
}

/// The labels of every column of the thirteen datasets, next to the catalogue (`Datasets`).
public enum ColumnLabels {
    /// The label of `column` in `dataset` (e.g. `ngo/stays`, `admitted`).
    public static func of(_ dataset: String, _ column: String) -> ColumnLabel? { table[dataset]?[column] }

    private static func l(_ name: String, _ pl: String, _ en: String, _ example: String) -> ColumnLabel {
        ColumnLabel(polishName: name, polish: pl, english: en, example: example)
    }

    static let table: [String: [String: ColumnLabel]] = [
        "mops/municipalities": [
            "teryt": l("kod TERYT", "Kod TERYT gminy (7 cyfr).", "The municipality's TERYT code (7 digits).", "2464011"),
            "name": l("nazwa", "Nazwa gminy.", "The municipality's name.", "Częstochowa"),
            "year": l("rok", "Rok, którego dotyczy liczba mieszkańców.", "The year the population refers to.", "2026"),
            "population": l("liczba mieszkańców", "Liczba mieszkańców gminy (> 0).", "The municipality's population (> 0).", "214342"),
            "county": l("powiat", "Powiat.", "The county.", "Częstochowa"),
            "kind": l("rodzaj gminy", "Rodzaj gminy.", "The kind of municipality.", "urban"),
        ],
        "ngo/providers": [
            "provider_id": l("identyfikator podmiotu", "KRS, NIP lub REGON podmiotu, z przedrostkiem: KRS:0000184388, NIP:8621573340, REGON:432699340.",
                             "The provider's KRS, NIP or REGON with its prefix: KRS:0000184388, NIP:8621573340, REGON:432699340.", "KRS:0000184388"),
            "name": l("nazwa", "Nazwa podmiotu.", "The provider's name.", "Fundacja Przykładowa"),
            "legal_form": l("forma prawna", "Forma prawna podmiotu.", "The provider's legal form.", "foundation"),
        ],
        "mops/persons": [
            "person_id": l("identyfikator osoby", "Pseudonim osoby (6–64 znaków: litery, cyfry, _ i -); nigdy imię i nazwisko.",
                           "The person's pseudonym (6–64 characters: letters, digits, _ and -); never a name.", "osoba_0001"),
            "sex": l("płeć", "Płeć: f (kobieta) lub m (mężczyzna); K i M też są przyjmowane.", "Sex: f or m; K and M are accepted too.", "m"),
            "birth_year": l("rok urodzenia", "Rok urodzenia (od 1900).", "The year of birth (from 1900).", "1968"),
            "teryt": l("gmina", "Kod TERYT gminy, która prowadzi sprawę (7 cyfr).", "The TERYT code of the municipality in charge (7 digits).", "2464011"),
            "first_seen": l("pierwszy kontakt", "Data pierwszego kontaktu z ośrodkiem.", "The date of the first contact.", "2026-01-15"),
            "ethos": l("kategoria ETHOS", "Kategoria ETHOS Light (1–6).", "The ETHOS Light category (1–6).", "2"),
            "income_at_entry": l("dochód na wejściu", "Źródło dochodu przy pierwszym kontakcie.", "The source of income at the first contact.", "benefit"),
            "disability": l("niepełnosprawność", "Czy osoba ma orzeczoną niepełnosprawność (tak/nie).", "Whether the person has a certified disability (yes/no).", "nie"),
        ],
        "ngo/facilities": [
            "facility_id": l("identyfikator placówki", "Identyfikator placówki nadany przez podmiot.", "The provider's own id of the facility.", "F-CZ-01"),
            "provider_id": l("podmiot", "Podmiot prowadzący placówkę (KRS:, NIP: lub REGON:).", "The provider running the facility (KRS:, NIP: or REGON:).", "KRS:0000184388"),
            "teryt": l("gmina", "Kod TERYT gminy położenia placówki (7 cyfr).", "The TERYT code of the facility's municipality (7 digits).", "2464011"),
            "type": l("typ placówki", "Typ placówki.", "The type of facility.", "night_shelter"),
            "places": l("liczba miejsc", "Liczba miejsc noclegowych.", "The number of beds.", "40"),
            "floor_area_m2": l("powierzchnia m²", "Powierzchnia sypialni w m².", "The bedrooms' floor area in m².", "120.5"),
            "opened": l("data otwarcia", "Data otwarcia placówki.", "The date the facility opened.", "2015-03-01"),
            "closed": l("data zamknięcia", "Data zamknięcia; puste, gdy placówka działa.", "The date the facility closed; empty while open.", ""),
        ],
        "ngo/contracts": [
            "contract_id": l("numer umowy", "Numer umowy z gminą.", "The contract's number.", "U-2026-01"),
            "teryt": l("gmina", "Kod TERYT gminy zlecającej (7 cyfr).", "The TERYT code of the contracting municipality (7 digits).", "2464011"),
            "provider_id": l("podmiot", "Podmiot realizujący umowę (KRS:, NIP: lub REGON:).", "The contracted provider (KRS:, NIP: or REGON:).", "KRS:0000184388"),
            "facility_id": l("placówka", "Placówka, w której usługa jest świadczona.", "The facility where the service is delivered.", "F-CZ-01"),
            "service": l("usługa", "Rodzaj zleconej usługi (typ placówki).", "The contracted service (a facility type).", "night_shelter"),
            "start": l("początek umowy", "Pierwszy dzień umowy.", "The contract's first day.", "2026-01-01"),
            "end": l("koniec umowy", "Ostatni dzień umowy.", "The contract's last day.", "2026-12-31"),
            "amount_pln": l("kwota umowy", "Kwota umowy w zł.", "The contracted amount in PLN.", "480000"),
            "unit_price_pln": l("cena jednostkowa", "Cena za jednostkę usługi w zł.", "The price per unit of service in PLN.", "45.5"),
            "contracted_units": l("liczba jednostek", "Zakontraktowana liczba jednostek usługi.", "The contracted number of units.", "10000"),
        ],
        "ngo/stays": [
            "stay_id": l("identyfikator pobytu", "Identyfikator pobytu nadany przez podmiot.", "The provider's own id of the stay.", "P-2026-0001"),
            "person_id": l("identyfikator osoby", "Pseudonim osoby z ośrodka pomocy społecznej.", "The person's pseudonym from the welfare centre.", "osoba_0001"),
            "facility_id": l("placówka", "Placówka z miejscami noclegowymi.", "A facility with beds.", "F-CZ-01"),
            "admitted": l("data przyjęcia", "Data przyjęcia do placówki.", "The date of admission.", "2026-02-03"),
            "discharged": l("data wypisu", "Data wypisu; puste, gdy pobyt trwa.", "The date of discharge; empty while the stay goes on.", "2026-05-20"),
            "destination": l("miejsce po wypisie", "Dokąd osoba odeszła.", "Where the person went.", "social_flat"),
        ],
        "ngo/services": [
            "facility_id": l("placówka", "Placówka, która świadczyła usługę.", "The facility that delivered the service.", "F-CZ-01"),
            "date": l("data", "Dzień (RRRR-MM-DD) albo cały miesiąc (RRRR-MM).", "A day (YYYY-MM-DD) or a whole month (YYYY-MM).", "2026-03-05"),
            "service": l("usługa", "Rodzaj usługi.", "The kind of service.", "bed_night"),
            "quantity": l("liczba", "Liczba usług (liczba całkowita ≥ 0).", "The number of services (a whole number ≥ 0).", "1"),
            "person_id": l("identyfikator osoby", "Pseudonim osoby, gdy usługa jest imienna.", "The person's pseudonym when known.", "osoba_0001"),
        ],
        "ngo/costs": [
            "contract_id": l("numer umowy", "Numer umowy, której dotyczy koszt.", "The contract the cost belongs to.", "U-2026-01"),
            "month": l("miesiąc", "Miesiąc sprawozdawczy.", "The reporting month.", "2026-03"),
            "category": l("kategoria kosztu", "Kategoria kosztu.", "The cost category.", "staff"),
            "amount_pln": l("kwota", "Kwota w zł.", "The amount in PLN.", "25000"),
            "funding": l("źródło finansowania", "Źródło finansowania.", "The source of funding.", "municipal"),
        ],
        "ngo/audits": [
            "facility_id": l("placówka", "Placówka, którą oceniono.", "The facility audited.", "F-CZ-01"),
            "date": l("data oceny", "Data oceny.", "The date of the audit.", "2026-06-10"),
            "criterion": l("kryterium", "Kod kryterium standardu usług.", "The code of the standard's criterion.", "H01"),
            "result": l("wynik", "Wynik oceny kryterium.", "The criterion's result.", "met"),
            "note": l("uwagi", "Uwagi.", "A note.", "bez uwag"),
        ],
        "mops/benefits": [
            "person_id": l("identyfikator osoby", "Pseudonim osoby.", "The person's pseudonym.", "osoba_0001"),
            "teryt": l("gmina", "Kod TERYT gminy przyznającej (7 cyfr).", "The TERYT code of the granting municipality (7 digits).", "2464011"),
            "benefit": l("świadczenie", "Rodzaj świadczenia.", "The kind of benefit.", "zasilek_celowy"),
            "date_from": l("od", "Pierwszy dzień świadczenia.", "The benefit's first day.", "2026-03-01"),
            "date_to": l("do", "Ostatni dzień świadczenia.", "The benefit's last day.", "2026-03-31"),
            "amount_pln": l("kwota", "Kwota świadczenia w zł.", "The amount in PLN.", "350"),
        ],
        "mops/programmes": [
            "programme_id": l("identyfikator programu", "Identyfikator programu lub kontraktu.", "The programme's id.", "IPWZB-0001"),
            "person_id": l("identyfikator osoby", "Pseudonim osoby.", "The person's pseudonym.", "osoba_0001"),
            "kind": l("rodzaj", "Rodzaj programu.", "The kind of programme.", "ipwzb"),
            "start": l("początek", "Data rozpoczęcia.", "The start date.", "2026-02-10"),
            "planned_end": l("planowany koniec", "Planowana data zakończenia.", "The planned end date.", "2026-12-31"),
            "end": l("koniec", "Data zakończenia; wymagana, chyba że program trwa (ongoing).", "The end date; required unless ongoing.", ""),
            "outcome": l("wynik", "Stan lub wynik programu.", "The programme's state or outcome.", "ongoing"),
        ],
        "mops/staff": [
            "teryt": l("gmina", "Kod TERYT gminy (7 cyfr).", "The municipality's TERYT code (7 digits).", "2464011"),
            "period": l("okres", "Rok (RRRR) albo miesiąc (RRRR-MM).", "A year (YYYY) or a month (YYYY-MM).", "2026"),
            "role": l("stanowisko", "Stanowisko.", "The role.", "social_worker"),
            "fte": l("etaty", "Liczba etatów (≥ 0).", "Full-time equivalents (≥ 0).", "12.5"),
        ],
        "mops/plans": [
            "teryt": l("gmina", "Kod TERYT gminy, której plan dotyczy (7 cyfr).", "The TERYT code of the municipality whose plan it is (7 digits).", "2464011"),
            "measure": l("miara", "Kod miary porównywanej w grupie (np. S01), którą działanie ma poprawić.",
                         "The code of a benchmarked measure (e.g. S01) the action is to improve.", "S01"),
            "action_no": l("nr działania", "Numer działania naprawczego dla tej miary (1, 2, …).", "The number of the corrective action for this measure (1, 2, …).", "1"),
            "action": l("działanie naprawcze", "Co gmina zrobi, by poprawić wynik.", "What the municipality will do to improve the result.",
                        "Umowa z TBS na 10 mieszkań treningowych"),
            "owner": l("odpowiedzialny", "Kto odpowiada za działanie (komórka lub osoba na stanowisku).", "Who is responsible for the action.",
                       "Dział Pomocy Osobom Bezdomnym"),
            "start": l("początek", "Data rozpoczęcia działania (może być w przyszłości).", "The action's start date (may be in the future).", "2026-01-01"),
            "deadline": l("termin", "Termin realizacji (nie wcześniej niż początek).", "The deadline (not before the start).", "2026-12-31"),
            "baseline_period": l("okres bazowy", "Okres wartości wyjściowej: rok RRRR albo półrocze RRRRH1/RRRRH2.",
                                 "The baseline period: a year YYYY or a half-year YYYYH1/YYYYH2.", "2025"),
            "target": l("wartość docelowa", "Wartość do osiągnięcia, w jednostce miary jak w measures.csv (udziały jako ułamki: 0.3 = 30%).",
                        "The value to reach, in the measure's unit as measures.csv writes it (shares as fractions: 0.3 = 30%).", "0.3"),
            "state": l("stan", "Stan działania.", "The action's state.", "in_progress"),
            "note": l("uwagi", "Uwagi.", "A note.", ""),
        ],
    ]
}
