/// Every text the workbooks write of their own (sheet names, headers, value labels), in Polish
/// and English: one table, looked up by key. Texts from inputs and the catalogue are not here.
public enum Label: String, CaseIterable, Sendable {
    // Sheets
    case sheetSummary, sheetEconomic, sheetSocial, sheetQuality, sheetBenchmark, sheetDataQuality, sheetSources
    case sheetDefinitions, sheetProvider, sheetContracts, sheetFacilities, sheetMeasures, sheetAudits
    case sheetComparison, sheetQuartiles, sheetCharts
    // Titles and section headings
    case titleMunicipal, titleProvider, titleBenchmark, titleMinistry
    case sectionFiles, sectionReasons, sectionHUD, sectionTimeliness, sectionWarnings, sectionOverShare, overShareSince
    case runLabel, asOfLabel, periodLabel, generatedBy, minCellLabel
    // Column headers
    case code, measure, period, grain, unitID, unitName, facilityType, dimension, value, numerator, denominator, n
    case unit, flags, sd, ciLow, ciHigh, mean, median, q1, q3, min, max, deviation, rank, deltaPrev, norm, target
    case teryt, municipality, file, dataset, format, encoding, bytes, sha256, rowsRead, rowsAccepted, rowsRejected
    case rejectShare, fileCheck, ingestedAt, check, reason, count, column, missing, invalid, errorShare, emptyOptional
    case event, days0, days1to3, days4to6, days7to10, days11plus, total, direction, grains, split, formula
    case providerID, name, legalForm, contractID, facilityID, service, start, end, amount, unitPrice, contractedUnits
    case type, places, floorArea, opened, closed, criterion, criterionName, weight, date, result, note, municipalitiesN
    case warning, message, line, legend, contracts, facilitiesCount
    // Values
    case flagProvisional, flagSuppressed, flagBelowNorm, flagBelowTarget, flagBelowAverage, flagNoDenominator,
         flagIncomplete
    case ownViewNote, waitingNote
    case grainFacility, grainProvider, grainMunicipality, grainAll
    case dirHigher, dirLower
    case overall, seriesValue, seriesMean
    case chartsNote, comparisonNote, percentagePoints, seeSheet, andWord
    // Print, summary, legends
    case pageWord, pageOf, coverageLabel, coverageComplete, coverageGaps, coverageNone, previousValue, change, light, outOf
    case legendLight, meaningProvisional, meaningSuppressed, meaningIncomplete, seriesOwn, notes
    case legendOwnOnly, legendIncomplete, legendBelowNorm, legendEmpty
    case trendNote, trendQuarters, trendHalves, trendYears, trendMarks, chartIncompleteNote
    case bannerRejected, bannerFix, coverageRejectedFile, gapsTitle, incompleteCellNote
    case sheetCoverage, coverageNote, month
    case chartMeanTitle, chartOwnNote, sheetChartData
    // Provider scorecard
    case scorecardHeadline, municipalValue, groupValue, providerValue, sectionCompliance, sectionSurveys, sectionIdentity
    case metCount, partialCount, notMetCount, compliance

    public static let table: [Label: (pl: String, en: String)] = [
        .waitingNote: ("oczekuje: sprawdzane ponownie przy każdym wczytaniu danych",
                       "waiting: checked again by every ingest"),
        .sheetSummary: ("Podsumowanie", "Summary"),
        .sheetEconomic: ("Ekonomiczne", "Economic"),
        .sheetSocial: ("Społeczne", "Social"),
        .sheetQuality: ("Jakość", "Quality"),
        .sheetBenchmark: ("Porównanie", "Benchmark"),
        .sheetDataQuality: ("Jakość danych", "Data quality"),
        .sheetSources: ("Źródła", "Sources"),
        .sheetDefinitions: ("Definicje", "Definitions"),
        .sheetProvider: ("Podmiot", "Provider"),
        .sheetContracts: ("Umowy", "Contracts"),
        .sheetFacilities: ("Placówki", "Facilities"),
        .sheetMeasures: ("Wskaźniki", "Measures"),
        .sheetAudits: ("Audyty", "Audits"),
        .sheetComparison: ("Zestawienie gmin", "Municipalities"),
        .sheetQuartiles: ("Kwartyle", "Quartiles"),
        .sheetCharts: ("Wykresy", "Charts"),

        .titleMunicipal: ("Wskaźniki usług dla osób bezdomnych — gmina", "Services for homeless people — municipality"),
        .titleProvider: ("Karta wyników podmiotu", "Provider scorecard"),
        .titleBenchmark: ("Porównanie gmin (metoda GWD)", "Benchmarking of municipalities (GWD method)"),
        .titleMinistry: ("Sprawozdanie dla ministerstwa", "Ministry submission"),
        .sectionFiles: ("Pliki: wiersze wczytane, przyjęte, odrzucone", "Files: rows read, accepted, rejected"),
        .sectionReasons: ("Powody odrzucenia wierszy (wg pliku i kontroli)", "Reasons rows were rejected (by file and check)"),
        .sectionHUD: ("Kompletność i poprawność (wg zbioru i kolumny)", "Completeness and validity (by dataset and column)"),
        .sectionTimeliness: ("Terminowość: dni od zdarzenia do wczytania pliku", "Timeliness: days from the event to the file's ingestion"),
        .sectionWarnings: ("Ostrzeżenia (wg pliku i kodu)", "Warnings (by file and code)"),
        .sectionOverShare: ("Pliki powyżej progu odrzuceń (max_reject_share): nadal oczekują na poprawiony plik",
                            "Files over the reject share (max_reject_share): still waiting for a corrected file"),
        .overShareSince: ("Od (data stanu)", "Since (as-of date)"),
        .runLabel: ("Przebieg", "Run"),
        .asOfLabel: ("Stan na dzień", "As of"),
        .periodLabel: ("Okres", "Period"),
        .generatedBy: ("Autor", "Author"),
        .minCellLabel: ("Próg ujawniania (min_cell)", "Disclosure threshold (min_cell)"),

        .code: ("Kod", "Code"),
        .measure: ("Wskaźnik", "Measure"),
        .period: ("Okres", "Period"),
        .grain: ("Poziom", "Grain"),
        .unitID: ("Identyfikator jednostki", "Unit id"),
        .unitName: ("Nazwa jednostki", "Unit name"),
        .facilityType: ("Typ placówki", "Facility type"),
        .dimension: ("Wymiar", "Dimension"),
        .value: ("Wartość", "Value"),
        .numerator: ("Licznik", "Numerator"),
        .denominator: ("Mianownik", "Denominator"),
        .n: ("n", "n"),
        .unit: ("Jednostka miary", "Unit"),
        .flags: ("Oznaczenia", "Flags"),
        .sd: ("Odchylenie standardowe", "Standard deviation"),
        .ciLow: ("95% przedział: od", "95% interval: low"),
        .ciHigh: ("95% przedział: do", "95% interval: high"),
        .mean: ("Średnia grupy", "Group mean"),
        .median: ("Mediana", "Median"),
        .q1: ("Kwartyl 1", "First quartile"),
        .q3: ("Kwartyl 3", "Third quartile"),
        .min: ("Minimum", "Minimum"),
        .max: ("Maksimum", "Maximum"),
        .deviation: ("Odchylenie od średniej", "Deviation from mean"),
        .rank: ("Pozycja", "Rank"),
        .deltaPrev: ("Zmiana wobec poprzedniego okresu", "Change on previous period"),
        .norm: ("Norma", "Norm"),
        .target: ("Cel", "Target"),
        .teryt: ("TERYT", "TERYT"),
        .municipality: ("Gmina", "Municipality"),
        .file: ("Plik", "File"),
        .dataset: ("Zbiór", "Dataset"),
        .format: ("Format", "Format"),
        .encoding: ("Kodowanie", "Encoding"),
        .bytes: ("Bajty", "Bytes"),
        .sha256: ("SHA-256", "SHA-256"),
        .rowsRead: ("Wiersze wczytane", "Rows read"),
        .rowsAccepted: ("Przyjęte", "Accepted"),
        .rowsRejected: ("Odrzucone", "Rejected"),
        .rejectShare: ("Udział odrzuconych", "Rejected share"),
        .fileCheck: ("Odrzucenie całego pliku", "Whole-file reject"),
        .ingestedAt: ("Wczytano", "Ingested"),
        .check: ("Kontrola", "Check"),
        .reason: ("Powód", "Reason"),
        .count: ("Liczba", "Count"),
        .column: ("Kolumna", "Column"),
        .missing: ("Brak wartości", "Missing"),
        .invalid: ("Wartość błędna", "Invalid"),
        .errorShare: ("Udział błędów", "Error share"),
        .emptyOptional: ("Puste (kolumna nieobowiązkowa)", "Empty (optional column)"),
        .event: ("Data zdarzenia", "Event date"),
        .days0: ("0 dni", "0 days"),
        .days1to3: ("1–3 dni", "1–3 days"),
        .days4to6: ("4–6 dni", "4–6 days"),
        .days7to10: ("7–10 dni", "7–10 days"),
        .days11plus: ("11+ dni", "11+ days"),
        .total: ("Razem", "Total"),
        .direction: ("Kierunek", "Direction"),
        .grains: ("Poziomy", "Grains"),
        .split: ("Podział", "Split"),
        .formula: ("Wzór", "Formula"),
        .providerID: ("Identyfikator podmiotu", "Provider id"),
        .name: ("Nazwa", "Name"),
        .legalForm: ("Forma prawna", "Legal form"),
        .contractID: ("Umowa", "Contract"),
        .facilityID: ("Placówka", "Facility"),
        .service: ("Usługa", "Service"),
        .start: ("Początek", "Start"),
        .end: ("Koniec", "End"),
        .amount: ("Kwota umowy", "Contract amount"),
        .unitPrice: ("Cena jednostkowa", "Unit price"),
        .contractedUnits: ("Jednostki w umowie", "Contracted units"),
        .type: ("Typ", "Type"),
        .places: ("Miejsca", "Places"),
        .floorArea: ("Powierzchnia m²", "Floor area m²"),
        .opened: ("Otwarta", "Opened"),
        .closed: ("Zamknięta", "Closed"),
        .criterion: ("Kryterium", "Criterion"),
        .criterionName: ("Nazwa kryterium", "Criterion name"),
        .weight: ("Waga", "Weight"),
        .date: ("Data", "Date"),
        .result: ("Wynik", "Result"),
        .note: ("Uwagi", "Note"),
        .municipalitiesN: ("Liczba gmin z wartością", "Municipalities with a value"),
        .warning: ("Ostrzeżenie", "Warning"),
        .message: ("Komunikat", "Message"),
        .line: ("Wiersz", "Line"),
        .legend: ("Legenda", "Legend"),
        .contracts: ("Liczba umów", "Contracts"),
        .facilitiesCount: ("Liczba placówek", "Facilities"),

        .flagProvisional: ("wstępne", "provisional"),
        .flagSuppressed: ("utajnione (mała liczebność)", "suppressed (small count)"),
        .flagBelowNorm: ("poniżej normy", "below norm"),
        .flagBelowTarget: ("poza celem", "misses target"),
        .flagBelowAverage: ("gorzej niż średnia", "worse than average"),
        .flagNoDenominator: ("brak mianownika", "no denominator"),
        .flagIncomplete: ("dane niekompletne", "incomplete data"),
        .ownViewNote: ("Wartości kursywą są utajniane w zestawieniach dla innych (mała liczebność) — tylko do użytku własnego gminy.",
                       "Values in italics are suppressed in outputs for others (small counts) — for the municipality's own use only."),
        .grainFacility: ("placówka", "facility"),
        .grainProvider: ("podmiot", "provider"),
        .grainMunicipality: ("gmina", "municipality"),
        .grainAll: ("wszystkie", "all"),
        .dirHigher: ("+ (więcej = lepiej)", "+ (higher is better)"),
        .dirLower: ("− (mniej = lepiej)", "− (lower is better)"),
        .overall: ("ogółem", "overall"),
        .seriesValue: ("Wartość", "Value"),
        .seriesMean: ("Średnia", "Mean"),
        .chartsNote: ("Wykresy: wartości gmin od najlepszej (słupki), średnia grupy w tytule i jako słupek; okres", "Charts: municipal values best first (bars), the group mean in the title and as a bar; period"),
        .pageWord: ("Strona", "Page"),
        .pageOf: ("z", "of"),
        .coverageLabel: ("Kompletność danych", "Data coverage"),
        .coverageComplete: ("dane kompletne: każda placówka z umową złożyła koszty i dane o działalności za każdy miesiąc",
                            "data complete: every contracted facility reported costs and activity for every month"),
        .coverageGaps: ("brakuje danych za", "data missing for"),
        .coverageNone: ("brak placówek z umową w okresie", "no contracted facility in the period"),
        .previousValue: ("Poprzedni okres", "Previous period"),
        .change: ("Zmiana", "Change"),
        .light: ("Ocena", "Status"),
        .outOf: ("z", "of"),
        .legendLight: ("Ocena: zielona — norma i cel spełnione, nie gorzej niż średnia grupy; żółta — gorzej niż średnia; czerwona — poniżej normy lub poza celem. ▲▼ zielone = zmiana na lepsze, czerwone = na gorsze.",
                       "Status: green — meets norm and target, not worse than the group mean; amber — worse than the mean; red — below norm or misses the target. ▲▼ green = better, red = worse."),
        .meaningProvisional: ("Wstępne: okres jeszcze trwa (kończy się po dacie stanu), wartość może się zmienić.",
                              "Provisional: the period is not over yet (it ends after the as-of date); the value may change."),
        .meaningSuppressed: ("Utajnione: wartość dotyczy mniej niż min_cell osób — w zestawieniach dla innych jest pusta, tu pokazana kursywą.",
                             "Suppressed: the value concerns fewer than min_cell persons — empty in outputs for others, shown here in italics."),
        .meaningIncomplete: ("Niekompletne: w okresie brakuje miesięcznych kosztów lub danych o działalności placówki z umową, więc wartość może być zawyżona lub zaniżona.",
                             "Incomplete: a contracted facility lacks costs or activity for some month of the period, so the value may be too high or too low."),
        .seriesOwn: ("Gmina", "Municipality"),
        .notes: ("Uwagi (oznaczenia wg okresu)", "Notes (flags by period)"),
        .legendOwnOnly: ("kursywa: utajnione w zestawieniach dla innych (mała liczebność)", "italics: suppressed in outputs for others (small count)"),
        .legendIncomplete: ("żółte tło: dane niekompletne (brak miesięcznych sprawozdań)", "yellow: incomplete data (missing monthly reports)"),
        .legendBelowNorm: ("czerwone: poniżej normy lub poza celem", "red: below norm or misses the target"),
        .legendEmpty: ("puste: brak wartości (zerowy lub nieznany mianownik); „(wstępne)” przy okresie: okres jeszcze trwa",
                       "empty: no value (zero or unknown denominator); \"(provisional)\" by a period: the period is not over"),
        .sheetCoverage: ("Kompletność", "Coverage"),
        .coverageNote: ("Placówki z umową × miesiące: czy złożono koszty i dane o działalności", "Contracted facilities × months: were costs and activity reported"),
        .month: ("Miesiąc", "Month"),
        .chartMeanTitle: ("średnia grupy", "group mean"),
        .chartOwnNote: ("słupek wyróżniony = ta gmina", "highlighted bar = this municipality"),
        .sheetChartData: ("Dane wykresów", "Chart data"),
        .scorecardHeadline: ("Wskaźniki podmiotu na tle gmin i całej grupy", "The provider's measures against its municipalities and the group"),
        .municipalValue: ("Gminy podmiotu (średnia)", "Its municipalities (mean)"),
        .groupValue: ("Cała grupa", "Whole group"),
        .providerValue: ("Podmiot", "Provider"),
        .sectionCompliance: ("Zgodność ze standardem wg kryterium (ostatni audyt każdej placówki)", "Compliance with the standard by criterion (latest audit of each facility)"),
        .sectionSurveys: ("Ankiety użytkowników (indeks satysfakcji, 95% przedział)", "User surveys (satisfaction index, 95% interval)"),
        .sectionIdentity: ("Podmiot", "Provider"),
        .metCount: ("Spełnione", "Met"),
        .partialCount: ("Częściowo", "Partial"),
        .notMetCount: ("Niespełnione", "Not met"),
        .compliance: ("Zgodność", "Compliance"),
        .trendNote: ("Wykresy trendu: gmina (ciemne słupki) i średnia grupy (szare) —", "Trend charts: the municipality (dark bars) and the group mean (grey) —"),
        .trendQuarters: ("kwartały", "quarters"),
        .trendHalves: ("półrocza", "halves"),
        .trendYears: ("lata", "years"),
        .trendMarks: ("Jaśniejszy słupek: okres jeszcze trwa (wartość wstępna); słupek kreskowany: dane niekompletne.",
                      "Lighter bar: the period is not over (provisional); hatched bar: incomplete data."),
        .chartIncompleteNote: ("kreskowane: dane niekompletne, poza średnią", "hatched: incomplete data, not in the mean"),
        .bannerRejected: ("PLIK ODRZUCONY W CAŁOŚCI — wskaźniki gminy mogą być błędne", "FILE REJECTED WHOLE — the municipality's figures may be wrong"),
        .bannerFix: ("co zrobić", "what to do"),
        .coverageRejectedFile: ("brak pliku / plik odrzucony", "no file / file rejected"),
        .gapsTitle: ("Brakujące sprawozdania (placówka: miesiące) w okresie", "Missing reports (facility: months) in the period"),
        .incompleteCellNote: ("Niekompletne — brakuje sprawozdań:", "Incomplete — reports missing:"),
        .percentagePoints: ("p.p.", "pp"),
        .seeSheet: ("zob. arkusz", "see sheet"),
        .andWord: ("i", "and"),
        .comparisonNote: ("Jeden wiersz na wskaźnik × okres × gminę; puste = brak wartości lub utajniona", "One row per measure × period × municipality; empty = no value or suppressed"),
    ]
}

extension Label {
    /// The label as a dictionary entry.
    public var phrase: Phrase {
        guard let t = Label.table[self] else { return Phrase(verbatim: rawValue) }
        return Phrase(pl: t.pl, en: t.en)
    }
}
