import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// The benefits file (`mops/benefits`).
    func writeBenefits() throws {
        let bS = try csv("mops/benefits/\(t)_swiadczenia.csv", d, header(Datasets.benefits))
        let kinds: [(String, Int, ClosedRange<Int>)] = [("zasilek_celowy", 5, 100...800), ("zasilek_okresowy", 3, 300...700),
                                                        ("zasilek_staly", 2, 719...1229), ("posilek", 3, 40...300), ("schronienie", 2, 900...2400),
                                                        ("ubranie", 2, 80...300), ("uslugi_opiekuncze", 1, 200...900), ("inne", 1, 50...500)]
        var firstBenefit: [Cell]?
        for pr in persons where rng.chance(0.6) {
            var day = max(pr.firstSeen, windowStart).adding(days: rng.range(0, 60))
            for _ in 0..<rng.range(1, 6) {
                guard day <= asOf else { break }
                let k = rng.weighted(kinds.map { ($0, $0.1) })
                let to: Cell = rng.chance(0.3) ? .null : .day(day.adding(days: rng.range(0, 92)))
                let cells: [Cell] = [.text(pr.id), .text(t), .code(k.0), .day(day), to, .dec(Double(rng.range(k.2.lowerBound, k.2.upperBound)) + Double(rng.int(100)) / 100)]
                bS.row(cells)
                if firstBenefit == nil { firstBenefit = cells }
                day = day.adding(days: rng.range(20, 200))
            }
        }
        if injectHere, let fb = firstBenefit {
            reject(bS.path, bS.row(fb), "C16")
            reject(bS.path, bS.row([.text(persons[0].id), .text(t), .code("inne"), .day(windowStart.adding(days: 10)), .day(windowStart.adding(days: 5)), .dec(100)]), "C08")
        }
        try finish(bS)
    }
}
