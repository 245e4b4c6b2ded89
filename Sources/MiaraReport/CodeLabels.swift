import MiaraStore
import MiaraValues

/// The readable names of the codes only reports show (measure units, survey dimensions,
/// coverage statuses, whose names are `CoverageStatus.names`), Polish and English. The codes of the input datasets (facility types,
/// legal forms, audit results, …) take their names from `CodeLabels` of MiaraValues, the one
/// dictionary of code lists. A code listed in neither (a dimension of a user's own
/// questionnaire) is shown as written.
public enum ReportCodeLabels {
    /// The measures' units (the catalogue's `unit`).
    public static let units = CodeList([
        ("PLN", "zł", "PLN"), ("share", "odsetek", "share"), ("ratio", "relacja", "ratio"), ("days", "dni", "days"),
        ("persons", "osoby", "persons"), ("per 10k", "na 10 tys. mieszkańców", "per 10,000 inhabitants"),
        ("per 100k", "na 100 tys. mieszkańców", "per 100,000 inhabitants"), ("score 1–5", "ocena 1–5", "score 1–5"),
        ("alpha", "alfa", "alpha"), ("persons per FTE", "osoby na etat", "persons per FTE"), ("m²", "m² na miejsce", "m² per place"),
    ])
    /// The survey dimensions of the shipped questionnaire maps.
    public static let dimensions = CodeList([
        ("access", "dostępność", "access"), ("acceptance", "akceptacja", "acceptance"), ("attitudes", "postawy", "attitudes"),
        ("conditions", "warunki", "conditions"), ("cooperation", "współpraca", "cooperation"),
        ("coordination", "koordynacja", "coordination"), ("effectiveness", "skuteczność", "effectiveness"),
        ("information", "informacja", "information"), ("knowledge", "wiedza", "knowledge"), ("offer", "oferta", "offer"),
        ("resources", "zasoby", "resources"), ("safety", "bezpieczeństwo", "safety"), ("staff", "personel", "staff"),
        ("support", "wsparcie", "support"), ("trust", "zaufanie", "trust"),
    ])

    /// Kind of code → code → (Polish, English).
    public static let table: [Kind: [String: (pl: String, en: String)]] = [
        .unit: names(units),
        .dimension: names(dimensions),
        .coverage: Dictionary(uniqueKeysWithValues: CoverageStatus.allCases.map { ($0.rawValue, $0.names) }),
    ]

    private static func names(_ list: CodeList) -> [String: (pl: String, en: String)] {
        Dictionary(uniqueKeysWithValues: list.entries.map { ($0.code, (pl: $0.pl, en: $0.en)) })
    }

    public enum Kind: String, CaseIterable, Sendable { case unit, dimension, coverage }

    /// The label of `code` in `lang`; the code itself when the dictionary has none.
    public static func label(_ kind: Kind, _ code: String, _ lang: Language) -> String {
        guard let t = table[kind]?[code] else { return code }
        return lang == .pl ? t.pl : t.en
    }
}
