/// The words of the improvement-plan sheets (SPEC 12), Polish and English: part of the one
/// dictionary (`Wording`). Assessments and flags are named by their codes (`PlanAssessment`,
/// `PlanFlag` of MiaraMeasures).
public enum PlanText {
    public static func sheet(_ l: Language) -> String { l == .pl ? "Plan doskonalenia" : "Improvement plan" }
    public static func countsSheet(_ l: Language) -> String { l == .pl ? "Plany doskonalenia" : "Improvement plans" }
    public static func title(_ l: Language) -> String { l == .pl ? "Plan doskonalenia usług" : "Service improvement plan" }
    public static func intro(_ l: Language) -> String {
        l == .pl ? "Działania naprawcze dla miar poniżej średniej grupy, monitorowane co pół roku: wartość wobec wartości bazowej i docelowej, postęp (droga od wartości bazowej do celu) wobec upływu czasu (od początku do terminu)."
                 : "Corrective actions for the measures below the group average, monitored every half year: the value against the baseline and the target, progress (the way from the baseline to the target) against the time elapsed (from the start to the deadline)."
    }
    public static func headers(_ l: Language) -> [String] {
        l == .pl ? ["Kod", "Miara", "Nr", "Działanie", "Odpowiedzialny", "Początek", "Termin", "Stan", "Okres bazowy", "Półrocze",
                    "Wartość bazowa", "Wartość", "Cel", "Postęp", "Upływ czasu", "Ocena", "Uwagi do wartości"]
                 : ["Code", "Measure", "No", "Action", "Owner", "Start", "Deadline", "State", "Baseline period", "Half-year",
                    "Baseline", "Value", "Target", "Progress", "Time elapsed", "Assessment", "Value notes"]
    }
    public static func legendTitle(_ l: Language) -> String { l == .pl ? "Ocena (sygnalizacja świetlna):" : "Assessment (traffic light):" }
    public static func notStarted(_ l: Language) -> String { l == .pl ? "jeszcze nie rozpoczęte" : "not started yet" }

    /// The assessment's label and its meaning (the legend).
    public static func assessment(_ a: String, _ l: Language) -> (label: String, meaning: String) {
        let pl = l == .pl
        switch a {
        case "met": return pl ? ("cel osiągnięty", "wartość osiąga cel") : ("target met", "the value reaches the target")
        case "on_track": return pl ? ("zgodnie z planem", "postęp nie mniejszy niż upływ czasu") : ("on track", "progress at least the time elapsed")
        case "behind": return pl ? ("opóźnienie", "postęp mniejszy niż upływ czasu") : ("behind", "progress below the time elapsed")
        case "overdue": return pl ? ("po terminie", "termin minął, cel nieosiągnięty") : ("overdue", "the deadline has passed, target not met")
        default: return pl ? ("brak wartości", "brak wartości, wartości bazowej albo cel równy wartości bazowej") : ("no value", "no value or no baseline, or the target equals the baseline")
        }
    }

    public static func flag(_ f: String, _ l: Language) -> String {
        let pl = l == .pl
        switch f {
        case "provisional": return pl ? "wstępna (półrocze trwa)" : "provisional (half-year running)"
        case "suppressed": return pl ? "ukryta (mniej osób niż próg)" : "suppressed (fewer persons than the threshold)"
        default: return pl ? "niepełna (brak sprawozdań)" : "incomplete (reports missing)"
        }
    }

    public static func uncoveredTitle(_ period: String, _ l: Language) -> String {
        l == .pl ? "Miary poniżej średniej w \(period), których nie obejmuje żaden plan" : "Measures below average in \(period) that no plan covers"
    }
    public static func uncoveredHeaders(_ l: Language) -> [String] {
        l == .pl ? ["Kod", "Miara", "Wartość", "Średnia grupy", "Mediana grupy", "Różnica do średniej"]
                 : ["Code", "Measure", "Value", "Group mean", "Group median", "Gap to the mean"]
    }
    public static func noneUncovered(_ l: Language) -> String {
        l == .pl ? "Każda miara poniżej średniej ma plan." : "Every measure below average has a plan."
    }
    public static func noPlan(_ l: Language) -> String {
        l == .pl ? "Brak planu doskonalenia w danych (zbiór mops/plans; wzór: miara plan --teryt …)."
                 : "No improvement plan in the data (dataset mops/plans; template: miara plan --teryt …)."
    }
    public static func countsHeaders(_ l: Language) -> [String] {
        l == .pl ? ["TERYT", "Gmina", "Miary poniżej średniej", "z planem", "bez planu", "Miary bez planu"]
                 : ["TERYT", "Municipality", "Measures below average", "with a plan", "without a plan", "Measures without a plan"]
    }
    public static func countsNote(_ period: String, _ l: Language) -> String {
        l == .pl ? "Miary poniżej średniej grupy w \(period) z planem doskonalenia (działanie inne niż zaniechane) i bez niego."
                 : "Measures below the group average in \(period) with an improvement plan (an action not dropped) and without one."
    }
}
