import Foundation
import MiaraMeasures
import MiaraStore

/// The console's summary of coverage gaps: per municipality, the months in which a facility
/// under contract lacked costs or activity, and how many facilities lacked what
/// (`Konin (3062011): 2026-03…2026-04 — brak kosztów w 2 placówkach`).
struct CoverageSummary {
    let rows: [CoverageRow]
    let console: Printer

    /// One line per municipality with a gap, in teryt order; `names` maps teryt to a name.
    func lines(names: [String: String]) -> [String] {
        let c = console
        var byTeryt: [String: [CoverageRow]] = [:]
        for r in rows where r.status.isGap { byTeryt[r.teryt, default: []].append(r) }
        return byTeryt.keys.sorted().map { teryt in
            let gaps = byTeryt[teryt]!
            let months = Self.ranges(Array(Set(gaps.map(\.month))).sorted())
            var parts: [String] = []
            for status in [CoverageStatus.no_costs, .no_activity, .no_data] {
                let (pl, en) = status.names
                let n = Set(gaps.filter { $0.status == status }.map(\.facilityID)).count
                if n > 0 { parts.append(c.t("\(pl) w \(n) \(n == 1 ? "placówce" : "placówkach")", "\(en) in \(n) \(n == 1 ? "facility" : "facilities")")) }
            }
            let name = names[teryt].map { "\($0) (\(teryt))" } ?? teryt
            return c.t("luki w danych: ", "coverage gaps: ") + "\(name): \(months.joined(separator: ", ")) — \(parts.joined(separator: ", "))"
        }
    }

    /// Consecutive months joined into ranges: `2026-01…2026-03, 2026-06`.
    static func ranges(_ months: [String]) -> [String] {
        func index(_ m: String) -> Int { (Int(m.prefix(4)) ?? 0) * 12 + (Int(m.suffix(2)) ?? 1) }
        var out: [String] = []
        var start: String?, prev: String?
        for m in months {
            if let p = prev, index(m) == index(p) + 1 { prev = m; continue }
            if let s = start, let p = prev { out.append(s == p ? s : "\(s)…\(p)") }
            start = m; prev = m
        }
        if let s = start, let p = prev { out.append(s == p ? s : "\(s)…\(p)") }
        return out
    }

    /// The municipalities' names by teryt (the latest year's name).
    static func names(_ db: StoreReader) throws -> [String: String] { try StoreRecords.municipalityNames(db) }
}
