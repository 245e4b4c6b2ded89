import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// The programmes file (`mops/programmes`): IPWzB for stays at level 3 and above, and social contracts.
    func writeProgrammes() throws {
        let prS = try csv("mops/programmes/\(t)_programy.csv", d, header(Datasets.programmes))
        var pn = 0
        for s in stays where fac[s.facility].level >= 3 && rng.chance(0.45) {
            let st = s.admitted.adding(days: rng.range(5, 40))
            guard st <= asOf else { continue }
            pn += 1; ipwzbPersons += 1
            prS.row(g.programmeCells("PR/\(t)/\(Day.pad5(pn))", persons[s.person].id, "ipwzb", st, &rng))
        }
        for pr in persons where rng.chance(0.15) {
            let st = max(pr.firstSeen, windowStart).adding(days: rng.range(0, 120))
            guard st <= asOf else { continue }
            pn += 1
            prS.row(g.programmeCells("KS/\(t)/\(Day.pad5(pn))", pr.id, "kontrakt", st, &rng))
        }
        if injectHere {
            reject(prS.path, prS.row([.text("PR/\(t)/X1"), .text(persons[0].id), .code("ipwzb"), .day(windowStart), .null, .null, .code("completed")]), "C19")
        }
        try finish(prS)
    }
}
