import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// Staff: yearly rows, and monthly streetworker rows in the first municipality.
    func writeStaff() throws {
        let sfS = try csv("mops/staff/\(t)_etaty.csv", d, header(Datasets.staff))
        let sw = Double(m.population) / 100_000 * 2 * rng.uniform(0.3, 1.5)
        for y in years {
            sfS.row([.text(t), .text(String(y)), .code("social_worker"), .dec((Double(m.population) / 2000 * rng.uniform(0.6, 1.3) * 4).rounded() / 4)])
            sfS.row([.text(t), .text(String(y)), .code("streetworker"), .dec((sw * 4).rounded() / 4)])
            sfS.row([.text(t), .text(String(y)), .code("assistant"), .dec(max(0.5, (Double(ipwzbPersons) / 30 * rng.uniform(0.6, 1.4) * 2).rounded() / 2))])
        }
        if m.index == 0 {
            for mo in 1...asOf.components.month {
                sfS.row([.text(t), .month(Month(year: asOf.year, month: mo)!), .code("streetworker"), .dec((sw * rng.uniform(0.8, 1.2) * 4).rounded() / 4 + 0.25)])
            }
        }
        try finish(sfS)
    }
}
