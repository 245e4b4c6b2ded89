/// The words of `miara explain … --action N` (a plans.csv row recomputed): part of the one
/// dictionary (`Wording`). Column codes of plans.csv and measures.csv (`baseline`, `value`,
/// `numerator`) stay beside the Polish word in parentheses, as in `explain`.
public enum PlanExplainText {
    public static func notPlanMeasure(_ code: String, _ codes: String) -> Phrase {
        Phrase(pl: "\(code) nie jest miarą porównywaną, którą może wskazać plan (\(codes))",
               en: "\(code) is not a benchmarked measure a plan can name (\(codes))")
    }
    public static let halfYears = Phrase(pl: "plan jest monitorowany co pół roku: podaj --period RRRRH1 albo RRRRH2",
                                         en: "a plan is monitored by half-years: give --period YYYYH1 or YYYYH2")
    public static func noPlanRow(_ teryt: String, _ measure: String, _ no: Int) -> Phrase {
        Phrase(pl: "brak przyjętego wiersza planu (teryt \(teryt), miara \(measure), action_no \(no)) w magazynie",
               en: "no accepted plan row (teryt \(teryt), measure \(measure), action_no \(no)) in the store")
    }
    public static func noRow(_ period: String, dropped: Bool) -> Phrase {
        dropped ? Phrase(pl: "brak wiersza dla \(period) (działanie zaniechane)", en: "no row for \(period) (the action is dropped)")
                : Phrase(pl: "brak wiersza dla \(period) (półrocze nie jest monitorowane)", en: "no row for \(period) (the half-year is not monitored)")
    }
    public static let planRow = Phrase(pl: "wiersz planu", en: "plan row")
    public static let measureWord = Phrase(pl: "miara", en: "measure")
    public static let ownerWord = Phrase(pl: "odpowiedzialny (owner)", en: "owner")
    public static let startWord = Phrase(pl: "początek (start)", en: "start")
    public static let deadlineWord = Phrase(pl: "termin (deadline)", en: "deadline")
    public static let baselinePeriodWord = Phrase(pl: "okres bazowy (baseline_period)", en: "baseline_period")
    public static let targetWord = Phrase(pl: "cel (target)", en: "target")
    public static let stateWord = Phrase(pl: "stan (state)", en: "state")
    public static let baseline = Phrase(pl: "wartość bazowa (baseline)", en: "baseline")
    public static let value = Phrase(pl: "wartość (value)", en: "value")
    public static let noPeriod = Phrase(pl: "brak okresu", en: "no period")
    public static let municipalityWord = Phrase(pl: "gmina", en: "municipality")
    public static let formula = Phrase(pl: "wartość (value) %@ = licznik (numerator) %@ ÷ mianownik (denominator) %@",
                                       en: "value %@ = numerator %@ ÷ denominator %@")
    public static let suppressed = Phrase(pl: " (ukryta w plans.csv: poniżej min_cell)", en: " (suppressed in plans.csv: below min_cell)")
    public static let noMeasureRow = Phrase(pl: "brak wiersza (okres zaczyna się po dacie stanu)", en: "no row (the period starts after the as-of date)")
    public static let recordsWord = Phrase(pl: "rekordy", en: "records")
    public static let progressFormula = Phrase(pl: "postęp (progress) = (wartość − bazowa) ÷ (cel − bazowa)", en: "progress = (value − baseline) ÷ (target − baseline)")
    public static let noProgress = Phrase(pl: "postęp (progress): brak (brak wartości albo wartości bazowej, albo cel równy wartości bazowej)",
                                          en: "progress: none (no value or no baseline, or the target equals the baseline)")
    public static let elapsed = Phrase(pl: "upływ czasu (elapsed) = dni", en: "elapsed = days")
    public static let daysWord = Phrase(pl: "dni", en: "days")
    public static let within01 = Phrase(pl: "w przedziale [0, 1]", en: "within [0, 1]")
    public static let assessment = Phrase(pl: "ocena (assessment)", en: "assessment")
    public static let firstThatHolds = Phrase(pl: "pierwsza spełniona z: met, no_value, overdue, on_track, behind",
                                              en: "the first that holds: met, no_value, overdue, on_track, behind")
}
