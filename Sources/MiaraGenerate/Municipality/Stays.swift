import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// Stays: one file per year of admission for the first municipality, else one file.
    func writeStays() throws {
        let stHeader = header(Datasets.stays)
        var staySinks: [Int: CSVSink] = [:]
        func staySink(_ y: Int) throws -> CSVSink {
            let key = m.index == 0 ? y : 0
            if let s = staySinks[key] { return s }
            let name = m.index == 0 ? "ngo/stays/\(t)_pobyty_\(y < years[0] ? "archiwum" : String(y)).csv" : "ngo/stays/\(t)_pobyty.csv"
            let s = try csv(name, d, stHeader)
            staySinks[key] = s
            return s
        }
        for s in stays {
            try staySink(s.admitted.year).row(g.stayCells(s, persons, fac))
        }
        if injectHere || injectHere2 {
            let s = try staySink(years[2])
            let shelterIdx = facilityOf("shelter", &rng)
            let pid = persons[0].id
            let early = windowStart.adding(days: 3)
            if injectHere {
                reject(s.path, s.raw(["\(t)-ST-X1", pid, fac[shelterIdx].id, "\(years[1])-02-31", "", ""].joined(separator: String(UnicodeScalar(d.delimiter)))), "C03")
                reject(s.path, s.row([.text("\(t)-ST-X2"), .text(pid), .text(fac[shelterIdx].id), .day(early), .day(early.adding(days: 2)), .text("hotel")]), "C05")
                reject(s.path, s.row([.text("\(t)-ST-X3"), .text("NIEZNANA-OSOBA-01"), .text(fac[shelterIdx].id), .day(early), .day(early.adding(days: 2)), .code("street")]), "C11")
                let soupIdx = byType["soup_kitchen"]![0]
                reject(s.path, s.row([.text("\(t)-ST-X4"), .text(pid), .text(fac[soupIdx].id), .day(early), .day(early.adding(days: 1)), .code("street")]), "C12")
                reject(s.path, s.row([.text("\(t)-ST-X5"), .text(pid), .text(fac[shelterIdx].id), .day(early.adding(days: 5)), .day(early.adding(days: 1)), .code("street")]), "C08")
            }
            if let a = stays.first(where: { ($0.discharged ?? asOf.adding(days: 10)) - $0.admitted >= 4 && $0.admitted.adding(days: 2) <= asOf }) {
                let l = s.row([.text("\(t)-ST-X6"), .text(persons[a.person].id), .text(fac[a.facility].id), .day(a.admitted.adding(days: 1)),
                               .day(a.admitted.adding(days: 2)), .code("family")])
                reject(s.path, l, "C13")
            }
        }
        for k in staySinks.keys.sorted() { try finish(staySinks[k]!) }
    }

    /// A later correction file resending a few stays with a corrected discharge.
    func writeStayCorrections() throws {
        if m.index < 2 || m.index % 25 == 0 {
            let cs = try csv("ngo/stays/korekta_\(t)_\(asOf.iso).csv", .plain, header(Datasets.stays))
            var n = 0
            for i in stays.indices where n < 4 {
                guard let dis = stays[i].discharged, dis - stays[i].admitted >= 3, i % 5 == 2 else { continue }
                stays[i].discharged = dis.adding(days: -1)
                cs.row(g.stayCells(stays[i], persons, fac))
                n += 1
            }
            try finish(cs)
        }
    }
}
