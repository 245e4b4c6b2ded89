import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// The persons the MOPS knows and their paths through the facilities (stays).
    func makePersonsAndStays() {
        let incomes = [("none", 5), ("benefit", 4), ("work", 2), ("pension", 2), ("other", 1)]
        for i in 0..<p {
            let female = rng.chance(0.17)
            let by = rng.range(asOf.year - 80, asOf.year - 19)
            let bm = rng.range(1, 12), bd = rng.range(1, 28)
            let id = usesPESEL ? SynthID.pesel(&rng, year: by, month: bm, day: bd, female: female)
                               : "OS\(t)-" + Day.pad5(i + 1)
            let ethos = rng.weighted([(1, 3), (2, 3), (3, 4), (4, 1), (5, 1), (6, 1)])
            let fs = rng.chance(0.45) ? windowStart.adding(days: -rng.range(30, 2000)) : windowStart.adding(days: rng.range(-30, asOf - windowStart - 5))
            persons.append(PersonRec(id: id, sex: female ? "f" : "m", birthYear: by, birth: (bm, bd), ethos: ethos,
                                     income: rng.weighted(incomes), disability: rng.chance(0.1) ? nil : rng.chance(0.2), firstSeen: fs))
            if rng.chance(0.08) { continue } // known only from services and benefits
            g.path(i, persons[i], &rng, &stays, facilityOf)
        }
        g.staysTotal += stays.count
        g.personsTotal += persons.count
    }

    /// The persons file (`mops/persons`; XLSX in one municipality).
    func writePersons() throws {
        let perHeader = header(Datasets.persons)
        let perS: RowSink = xlsxPersons ? try XLSXSink(root: root, path: "mops/persons/\(t)_osoby.xlsx", header: perHeader, created: asOf)
                                        : try csv("mops/persons/\(t)_osoby.csv", d, perHeader)
        for pr in persons {
            perS.row([.text(pr.id), .sex(pr.sex), .int(pr.birthYear), .text(t), .day(pr.firstSeen), .int(pr.ethos),
                      .code(pr.income), pr.disability.map { .flag($0) } ?? .null])
        }
        if o.corrupt, m.index < 2, !g.personsInjected, let s = perS as? CSVSink {
            g.personsInjected = true
            let fs = Cell.day(windowStart)
            reject(s.path, s.row([.text("OS\(t)-X0001"), .null, .int(1970), .text(t), fs, .int(2), .code("none"), .null]), "C02")
            reject(s.path, s.row([.text("OS\(t)-X0002"), .sex("m"), .int(1970), .text(t), fs, .text("trzy"), .null, .null]), "C04")
            reject(s.path, s.row([.text("OS\(t)-X0003"), .sex("m"), .int(1970), .text(t), fs, .int(7), .null, .null]), "C19")
            reject(s.path, s.row([.text("AB!"), .sex("f"), .int(1980), .text(t), fs, .int(1), .null, .null]), "C18")
        }
        try finish(perS)
    }
}
