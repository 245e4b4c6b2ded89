import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// Contracts per facility and year, and the monthly costs of each.
    func writeContractsAndCosts() throws {
        let ctS = try csv("ngo/contracts/\(t)_umowy.csv", d, header(Datasets.contracts))
        let costHeader = header(Datasets.costs)
        let coS: RowSink = xlsxCosts ? try XLSXSink(root: root, path: "ngo/costs/\(t)_koszty.xlsx", header: costHeader, created: asOf)
                                     : try csv("ngo/costs/\(t)_koszty.csv", d, costHeader)
        var cn = 0
        let cats: [(String, Double)] = [("staff", 0.45), ("food", 0.18), ("utilities", 0.12), ("rent", 0.08), ("maintenance", 0.07), ("admin", 0.07), ("other", 0.03)]
        var firstContract: String?
        for y in years {
            for (fi, f) in fac.enumerated() {
                if f.opened > Day(year: y, month: 12, day: 31)! { continue }
                if let c = f.closed, c < Day(year: y, month: 1, day: 1)! { continue }
                if f.type == "streetwork" && m.index % 2 == 0 { continue } // contracted without a facility below
                cn += 1
                let id = "UM/\(t)/\(y)/\(Day.pad3(cn))"
                let (units, price): (Int, Double) = {
                    if f.isBed { return (f.places * 365, ["warming_centre": 35, "night_shelter": 45, "shelter": 62, "shelter_care": 95, "training_flat": 40, "supported_flat": 30][f.type]! * rng.uniform(0.85, 1.2)) }
                    if f.type == "soup_kitchen" { return (max(5000, p * 120), rng.uniform(7, 14)) }
                    return (rng.range(300, 3000), rng.uniform(20, 80))
                }()
                let amount = (Double(units) * price).rounded()
                let hasPrice = !(f.type == "bathhouse" || (f.type == "day_centre" && fi % 2 == 0))
                if f.servicesOnly {
                    // A seasonal warming centre is contracted for the winter only (January–March and
                    // November–December of each year), as it is open then: a contract over the whole
                    // year would make every summer month a coverage gap (no activity).
                    let winter = Generation.winterContracts(id: id, year: y)
                    for w in winter {
                        let share = Double(w.months.count) / 12
                        let wUnits = f.places * w.months.reduce(0) { $0 + Day.daysIn(month: $1, year: y) }
                        ctS.row([.text(w.id), .text(t), .text(pw(f.provider, y)), .text(f.id), .code(f.type), .day(w.start),
                                 .day(w.end), .dec((amount * share).rounded()), hasPrice ? .dec((price * 100).rounded() / 100) : .null,
                                 hasPrice ? .int(wUnits) : .null])
                    }
                    if firstContract == nil { firstContract = id }
                    try g.costs(coS, id, y, amount, cats, f.closed, &rng) { mo in winter.first { $0.months.contains(mo) }?.id }
                    continue
                }
                ctS.row([.text(id), .text(t), .text(pw(f.provider, y)), .text(f.id), .code(f.type), .day(Day(year: y, month: 1, day: 1)!),
                         .day(Day(year: y, month: 12, day: 31)!), .dec(amount), hasPrice ? .dec((price * 100).rounded() / 100) : .null,
                         hasPrice ? .int(units) : .null])
                if firstContract == nil { firstContract = id }
                try g.costs(coS, id, y, amount, cats, f.closed, &rng)
            }
            if m.index % 2 == 0 {
                cn += 1
                let id = "UM/\(t)/\(y)/\(Day.pad3(cn))"
                let amount = Double(rng.range(60, 400)) * 1000
                ctS.row([.text(id), .text(t), .text(pw(0, y + 1)), .null, .code("streetwork"), .day(Day(year: y, month: 1, day: 1)!),
                         .day(Day(year: y, month: 12, day: 31)!), .dec(amount), .null, .null])
                try g.costs(coS, id, y, amount, cats, nil, &rng)
            }
        }
        if injectHere, let c = coS as? CSVSink, let fc = firstContract {
            reject(c.path, c.row([.text(fc), .month(Month(year: years[0], month: 1)!), .code("other"), .dec(-120.5), .code("other")]), "C09")
        }
        try finish(ctS)
        try finish(coS)
    }
}
