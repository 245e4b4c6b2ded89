import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// Audits: every criterion of the standard per facility per year.
    func writeAudits() throws {
        let auS = try csv("ngo/audits/\(t)_audyty.csv", d, header(Datasets.audits))
        let notes = ["Brak drugiej łazienki; zalecenie modernizacji.", "Temperatura w sypialni 18°C, zgłoszono naprawę ogrzewania.",
                     "Regulamin wywieszony, ale nieaktualny, \"do poprawy\"", "Kontrola sanepidu bez uwag.",
                     "Uwagi zespołu:\nbrak dokumentacji szkoleń personelu"]
        for (fi, f) in fac.enumerated() {
            let quality = rng.uniform(0.45, 0.95)
            for y in years {
                var day = Day(year: y, month: rng.range(3, 11), day: rng.range(1, 28))!
                if day > asOf { day = asOf.adding(days: -rng.range(0, 20)) }
                if day.year != y || day < f.opened { continue }
                if let c = f.closed, day >= c { continue }
                for (ci, c) in o.catalogues.standard.criteria.enumerated() {
                    let na = (c.code == "H05" && !f.isBed) || (c.code.hasPrefix("L0") && c.code <= "L02" && f.type != "streetwork" && rng.chance(0.5))
                    let u = rng.unit()
                    let result = na ? "n_a" : u < quality ? "met" : u < quality + 0.15 ? "partial" : "not_met"
                    var note: Cell = .null
                    if result != "met" && result != "n_a" && rng.chance(0.25) { note = .text(notes[(fi + ci) % 4]) }
                    if fi == 0 && ci == 0 && y == years[0] { note = .text(notes[4]) }
                    auS.row([.text(f.id), .day(day), .text(ci % 7 == 3 ? c.code.lowercased() : c.code), .code(result), note])
                }
            }
        }
        if injectHere {
            var r2 = RNG(o.seed, "w02")
            let pesel = SynthID.pesel(&r2, year: 1975, month: 4, day: 12, female: false)
            let l = auS.row([.text(fac[0].id), .day(windowStart.adding(days: 40)), .text("K01"), .code("partial"),
                             .text("Program IPWzB mieszkańca PESEL \(pesel) niekompletny")])
            reject(auS.path, l, "W02")
        }
        try finish(auS)
    }
}
