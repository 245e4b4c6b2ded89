import Foundation
import MiaraValues

extension MunicipalityWriter {
    /// The facilities, by type, as many as the municipality's persons call for.
    func makeFacilities() {
        var counters: [String: Int] = [:]
        func addFacility(_ type: String, servicesOnly: Bool = false, monthly: Bool = false, closed: Day? = nil, opened: Day? = nil) {
            let n = (counters[type] ?? 0) + 1
            counters[type] = n
            let abbr = ["warming_centre": "OG", "night_shelter": "NC", "shelter": "SCH", "shelter_care": "SCHO",
                        "training_flat": "MT", "supported_flat": "MW", "soup_kitchen": "JAD", "day_centre": "DZ",
                        "streetwork": "SW", "bathhouse": "LAZ"][type]!
            let op = opened ?? Day(year: years[0] - rng.range(2, 15), month: rng.range(1, 12), day: rng.range(1, 28))!
            fac.append(Facility(id: "\(t)-\(abbr)\(n)", provider: fac.count % providers.count, type: type, places: 0, area: 0,
                                opened: op, closed: closed, servicesOnly: servicesOnly, monthly: monthly))
        }
        let big = o.scale == .tiny || p >= 150
        if big { addFacility("warming_centre") }
        for _ in 0..<max(1, p / 300) { addFacility("night_shelter") }
        for _ in 0..<max(1, p / 250) { addFacility("shelter") }
        if big || p >= 60 { addFacility("shelter_care") }
        for _ in 0..<max(1, p / 100) { addFacility("training_flat") }
        for _ in 0..<max(1, p / 160) { addFacility("supported_flat") }
        addFacility("soup_kitchen")
        if big { addFacility("soup_kitchen", monthly: true) }
        if big || p >= 80 { addFacility("day_centre") }
        addFacility("streetwork")
        if big { addFacility("bathhouse") }
        // A seasonal warming centre reported only by bed_night services.
        addFacility("warming_centre", servicesOnly: true)
        // A day centre opened in the window and closed later (a few facilities close).
        if big || m.index % 3 == 0 {
            addFacility("day_centre", closed: Day(year: years[1], month: rng.range(6, 12), day: 30),
                        opened: Day(year: years[0], month: rng.range(2, 5), day: rng.range(1, 28))!)
        }
        byType = Dictionary(grouping: fac.indices.filter { !fac[$0].servicesOnly && fac[$0].closed == nil }, by: { fac[$0].type })
        soup = byType["soup_kitchen"]?.filter { !fac[$0].monthly } ?? []
        dayCentre = byType["day_centre"] ?? []
        bath = byType["bathhouse"] ?? dayCentre
        street = byType["streetwork"] ?? []
    }

    /// An open facility of `type` for a stay (a near type where the municipality has none).
    func facilityOf(_ type: String, _ rng: inout RNG) -> Int {
        let fallback: [String: [String]] = [
            "warming_centre": ["warming_centre", "night_shelter", "shelter"], "night_shelter": ["night_shelter", "shelter"],
            "shelter": ["shelter"], "shelter_care": ["shelter_care", "shelter"],
            "training_flat": ["training_flat", "supported_flat", "shelter"], "supported_flat": ["supported_flat", "training_flat", "shelter"],
        ]
        for ty in fallback[type]! { if let xs = byType[ty] { return rng.pick(xs) } }
        return byType["shelter"]![0]
    }

    /// Places from occupancy: bed-nights over the window ÷ days ÷ target occupancy; floor areas from the standard's norms.
    func sizeFacilities() {
        let span = Double(asOf - windowStart + 1)
        var nights = [Int](repeating: 0, count: fac.count)
        for s in stays {
            let a = max(s.admitted, windowStart), e = s.discharged ?? asOf.adding(days: 1)
            if e > a { nights[s.facility] += e - a }
        }
        for i in fac.indices where fac[i].isBed {
            let avg = Double(nights[i]) / span
            let minPlaces = ["training_flat": 2, "supported_flat": 1, "warming_centre": 10][fac[i].type] ?? 8
            let pl = fac[i].servicesOnly ? rng.range(15, 40) : max(minPlaces, Int((avg / rng.uniform(0.7, 0.95)).rounded(.up)))
            fac[i].places = pl
            let norm = o.catalogues.floorAreaPerPlace(fac[i].type)
            fac[i].area = Double(pl) * norm * (rng.chance(0.2) ? rng.uniform(0.75, 0.98) : rng.uniform(1.0, 1.6))
        }
        for i in fac.indices where !fac[i].isBed { fac[i].area = Double(rng.range(40, 400)) }
    }

    /// The facilities file (`ngo/facilities`; XLSX in one municipality).
    func writeFacilities() throws {
        let facHeader = header(Datasets.facilities)
        let facS: RowSink = xlsxFacilities ? try XLSXSink(root: root, path: "ngo/facilities/\(t)_placowki.xlsx", header: facHeader, created: asOf)
                                           : try csv("ngo/facilities/\(t)_placowki.csv", d, facHeader)
        for f in fac {
            facS.row([.text(f.id), .text(pw(f.provider, m.index)), .text(t), .code(f.type),
                      f.isBed ? .int(f.places) : (f.type == "day_centre" ? .int(0) : .null),
                      .dec(f.area), .day(f.opened), f.closed.map { .day($0) } ?? .null])
        }
        if injectHere, let s = facS as? CSVSink {
            let l = s.row([.text("\(t)-BAD1"), .text(pw(0, 0)), .text(String(t.prefix(5))), .code("shelter"), .int(10), .dec(40), .day(windowStart), .null])
            reject(s.path, l, "C07")
        }
        try finish(facS)
    }
}
