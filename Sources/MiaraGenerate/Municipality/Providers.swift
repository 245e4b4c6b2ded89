import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// The providers running the facilities, each with the written forms of its identifier.
    func makeProviders() {
        let nProv = o.scale == .tiny ? 3 : max(1, min(4, m.persons / 150 + 1))
        let pnames = ["Fundacja Pomocy Bezdomnym „Przystań”", "Towarzystwo Pomocy im. św. Brata Alberta, Koło \(m.name)",
                      "Stowarzyszenie \"Otwarte Drzwi\"", "Caritas – Dzieło Pomocy w \(m.name)", "Spółdzielnia Socjalna „Razem”"]
        let forms = ["foundation", "association", "association", "church", "cooperative"]
        for i in 0..<nProv {
            let k = (i + m.index) % 5
            let kind = (i + m.index) % 4
            let canonical: String
            var written: [String]
            switch kind {
            case 0:
                let x = SynthID.krs(&rng); canonical = "KRS:" + x; written = ["KRS:" + x, x, "krs:" + x]
            case 1:
                let x = SynthID.nip(&rng); canonical = "NIP:" + x; written = ["NIP:" + x, "nip:" + x]
            case 2:
                let x = SynthID.regon9(&rng); canonical = "REGON:" + x; written = ["REGON:" + x, "Regon:" + x]
            default:
                let x = SynthID.regon14(&rng); canonical = "REGON:" + x; written = ["REGON:" + x, "regon:" + x]
            }
            providers.append(Provider(canonical: canonical, written: written, name: pnames[k], legalForm: forms[k]))
        }
    }

    /// Provider `p` as a file writes it: one of its written forms, by `variant`.
    func pw(_ p: Int, _ variant: Int) -> String { let w = providers[p].written; return w[variant % w.count] }

    /// The providers file (`ngo/providers`).
    func writeProviders() throws {
        let provS = try csv("ngo/providers/\(t)_podmioty.csv", d, header(Datasets.providers))
        for (i, pr) in providers.enumerated() { provS.row([.text(pw(i, m.index + 1)), .text(pr.name), .code(pr.legalForm)]) }
        if injectHere {
            var r2 = RNG(o.seed, "bad-nip")
            let l = provS.row([.text("NIP:" + SynthID.badNIP(&r2)), .text("Fundacja z błędnym NIP"), .code("foundation")])
            reject(provS.path, l, "C06")
        }
        try finish(provS)
    }
}
