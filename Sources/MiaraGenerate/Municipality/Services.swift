import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// Services: one file per provider; monthly aggregates of monthly soup kitchens and services-only facilities.
    func writeServices() throws {
        let svHeader = header(Datasets.services)
        var svSinks: [Int: CSVSink] = [:]
        func svSink(_ f: Int) throws -> CSVSink {
            let pr = fac[f].provider
            if let s = svSinks[pr] { return s }
            let s = try csv("ngo/services/\(t)_uslugi_podmiot\(pr + 1).csv", d, svHeader)
            svSinks[pr] = s
            return s
        }
        var svCount = 0
        for (i, pr) in persons.enumerated() {
            let start = max(pr.firstSeen, windowStart)
            guard start <= asOf else { continue }
            func series(_ f: Int, _ service: String, count: Int, gap: ClosedRange<Int>, qty: ClosedRange<Int>) throws {
                let sink = try svSink(f)
                var day = start.adding(days: rng.range(0, 20))
                var n = 0
                while n < count && day <= asOf {
                    sink.row([.text(fac[f].id), .day(day), .code(service), .int(rng.range(qty.lowerBound, qty.upperBound)), .text(pr.id)])
                    n += 1
                    day = day.adding(days: rng.range(gap.lowerBound, gap.upperBound))
                }
                svCount += n
            }
            let rough = pr.ethos <= 2
            if !soup.isEmpty { try series(soup[i % soup.count], "meal", count: rng.range(rough ? 40 : 12, rough ? 160 : 80), gap: 1...8, qty: 1...2) }
            if !bath.isEmpty { try series(bath[i % bath.count], "bath", count: rng.range(2, 20), gap: 3...30, qty: 1...1) }
            if !dayCentre.isEmpty {
                try series(dayCentre[i % dayCentre.count], "clothing", count: rng.range(0, 4), gap: 30...150, qty: 1...3)
                try series(dayCentre[i % dayCentre.count], "counselling", count: rng.range(1, 9), gap: 7...60, qty: 1...1)
                try series(dayCentre[i % dayCentre.count], "medical", count: rng.range(0, 3), gap: 30...200, qty: 1...1)
            }
            if rough && !street.isEmpty { try series(street[0], "streetwork_contact", count: rng.range(3, 25), gap: 5...40, qty: 1...1) }
        }
        // Monthly aggregates: meals of monthly soup kitchens, bed-nights of services-only facilities.
        for f in fac.indices where fac[f].monthly || fac[f].servicesOnly {
            let sink = try svSink(f)
            var mo = Month(year: years[0], month: 1)!
            while mo.firstDay <= asOf {
                if fac[f].monthly {
                    sink.row([.text(fac[f].id), .month(mo), .code("meal"), .int(rng.range(400, 2500) * max(1, p / 100)), .null])
                    svCount += 1
                } else if mo.month >= 11 || mo.month <= 3 {
                    let days = Day.daysIn(month: mo.month, year: mo.year)
                    sink.row([.text(fac[f].id), .month(mo), .code("bed_night"), .int(Int(Double(fac[f].places * days) * rng.uniform(0.5, 0.95))), .null])
                    svCount += 1
                }
                mo = mo.month == 12 ? Month(year: mo.year + 1, month: 1)! : Month(year: mo.year, month: mo.month + 1)!
            }
        }
        if injectHere, !soup.isEmpty {
            let s = try svSink(soup[0])
            reject(s.path, s.row([.text(fac[soup[0]].id), .day(asOf.adding(days: 3)), .code("meal"), .int(1), .text(persons[1].id)]), "C10")
            let dl = String(UnicodeScalar(d.delimiter))
            reject(s.path, s.raw([fac[soup[0]].id, asOf.iso, "meal", "1", persons[2].id, "extra"].joined(separator: dl)), "C14")
        }
        g.servicesTotal += svCount
        for k in svSinks.keys.sorted() { try finish(svSinks[k]!) }
    }
}
