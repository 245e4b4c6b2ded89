/// The words of `miara explain`'s refusals (a measure, period, dimension or facility type it
/// cannot explain): part of the one dictionary (`Wording`).
public enum ExplainText {
    public static func notAPeriod(_ p: String) -> Phrase {
        Phrase(pl: "to nie okres: \(p) (2024, 2024H1, 2024Q3, 2024-03)", en: "not a period: \(p) (2024, 2024H1, 2024Q3, 2024-03)")
    }
    public static func unknownMeasure(_ code: String, _ known: String) -> Phrase {
        Phrase(pl: "nieznana miara \(code) (znane: \(known))", en: "unknown measure \(code) (known: \(known))")
    }
    public static func afterSettled(_ period: String, _ settled: String, _ code: String) -> Phrase {
        Phrase(pl: "okres \(period) zaczyna się po dacie rozliczenia \(settled) (koszty spływają po końcu miesiąca): \(code) nie ma dla niego wierszy",
               en: "the period \(period) starts after the settled date \(settled) (costs are reported after a month ends): \(code) has no rows for it")
    }
    public static func afterAsOf(_ period: String, _ asOf: String) -> Phrase {
        Phrase(pl: "okres \(period) zaczyna się po dacie stanu \(asOf): nie ma wierszy", en: "the period \(period) starts after the as-of date \(asOf): it has no rows")
    }
    public static func notSplitByDimension(_ code: String) -> Phrase {
        Phrase(pl: "\(code) nie jest dzielona według wymiaru: pomiń --dimension", en: "\(code) is not split by dimension: leave out --dimension")
    }
    public static func unknownDimension(_ d: String, _ code: String, _ known: String) -> Phrase {
        Phrase(pl: "nieznany wymiar \(d) miary \(code) (znane: \(known); none = ogółem)",
               en: "unknown dimension \(d) for \(code) (known: \(known); none = overall)")
    }
    public static func notSplitByType(_ code: String) -> Phrase {
        Phrase(pl: "\(code) nie jest dzielona według typu placówki: pomiń --facility-type", en: "\(code) is not split by facility type: leave out --facility-type")
    }
    public static func unknownFacilityType(_ t: String, _ known: String) -> Phrase {
        Phrase(pl: "nieznany typ placówki \(t) (znane: \(known))", en: "unknown facility type \(t) (known: \(known))")
    }
}
