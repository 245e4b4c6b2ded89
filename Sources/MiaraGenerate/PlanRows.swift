import MiaraValues

/// The improvement plans of the generated inbox (`mops/plans`, SPEC 12): the first two
/// municipalities of the scale each send one plan file. The rows follow from the as-of date alone
/// (no random draws, so adding them changes no other generated file): actions monitored over three
/// half-years, one started this year, one overdue, one dropped, one starting next year.
extension Generation {
    func plans(_ ms: [Muni]) throws {
        let a = asOf.components
        let half = a.month <= 6 ? 1 : 2
        // The half-year two before the as-of date's: the first of three monitored half-years.
        let (startYear, startHalf) = half == 2 ? (a.year - 1, 2) : (a.year - 1, 1)
        let start = Day(year: startYear, month: startHalf == 1 ? 1 : 7, day: 1)!
        let baseline = startHalf == 1 ? "\(startYear - 1)H2" : "\(startYear)H1"
        let yearStart = Day(year: a.year, month: 1, day: 1)!
        func row(_ s: RowSink, _ t: String, _ measure: String, _ no: Int, _ action: String, _ owner: String, _ from: Day, _ to: Day,
                 _ base: String, _ target: Double, _ state: String, _ note: String? = nil) {
            s.row([.text(t), .text(measure), .int(no), .text(action), .text(owner), .day(from), .day(to), .text(base), .dec(target),
                   .code(state), note.map { .text($0) } ?? .null])
        }
        for (i, m) in ms.prefix(2).enumerated() {
            let s = try csv("mops/plans/\(m.teryt)_plan_doskonalenia.csv", .plain, header(Datasets.plans))
            let t = m.teryt
            if i == 0 {
                row(s, t, "S01", 1, "Umowa z TBS na mieszkania treningowe i wspierane", "Dział Pomocy Osobom Bezdomnym",
                    start, Day(year: a.year + 1, month: 6, day: 30)!, baseline, 0.3, "in_progress")
                row(s, t, "S01", 2, "Asystent usamodzielnienia w każdym schronisku", "Zespół asystentów", yearStart,
                    Day(year: a.year, month: 12, day: 31)!, String(a.year - 1), 0.28, "in_progress")
                row(s, t, "S04", 1, "Superwizja kontraktów socjalnych co kwartał", "Kierownik Działu Pracy Socjalnej", start,
                    Day(year: a.year, month: a.month <= 6 ? 1 : 6, day: 30)!, baseline, 0.65, "in_progress")
                row(s, t, "E02", 1, "Wspólne zamówienia żywności dla placówek", "Dział Zamówień Publicznych", yearStart,
                    Day(year: a.year, month: 12, day: 31)!, String(a.year - 1), 15_000, "dropped", "zastąpione umową ramową")
            } else {
                row(s, t, "S06", 1, "Wsparcie po wyjściu do mieszkania przez 12 miesięcy", "Dział Pomocy Osobom Bezdomnym", start,
                    Day(year: a.year + 1, month: 12, day: 31)!, baseline, 0.1, "in_progress")
                row(s, t, "Q05", 1, "Dwa etaty streetworkerów w budżecie na przyszły rok", "Dyrektor MOPS",
                    Day(year: a.year + 1, month: 1, day: 1)!, Day(year: a.year + 1, month: 12, day: 31)!, String(a.year), 2, "planned")
            }
            try finish(s)
        }
    }
}
