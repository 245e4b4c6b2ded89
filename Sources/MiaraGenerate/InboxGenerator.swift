import Foundation
import MiaraValues

public enum GeneratorScale: String, CaseIterable, Sendable { case tiny, city, national }

public struct GeneratorOptions: Sendable {
    public var scale: GeneratorScale
    public var seed: UInt64
    public var outDir: URL
    public var asOf: Day
    public var corrupt: Bool
    /// The standard and the questionnaire maps the inbox is written for.
    public var catalogues: GeneratorCatalogues
    public init(scale: GeneratorScale = .tiny, seed: UInt64 = 1, outDir: URL, asOf: Day, corrupt: Bool = false,
                catalogues: GeneratorCatalogues) {
        self.scale = scale; self.seed = seed; self.outDir = outDir; self.asOf = asOf; self.corrupt = corrupt
        self.catalogues = catalogues
    }
}

public struct GeneratedFile: Sendable, Equatable {
    /// Relative to `outDir`.
    public let path: String
    /// Data rows (header excluded; 0 for file-level test files).
    public let rows: Int
}

public struct GenerationSummary: Sendable {
    public var files: [GeneratedFile]
    public var persons: Int
    public var stays: Int
    public var serviceRows: Int
    public var expectedRejects: Int
}

/// Writes a deterministic synthetic inbox (SPEC 1.1 layout).
public enum InboxGenerator {
    public static func generate(_ options: GeneratorOptions) throws -> GenerationSummary {
        let g = Generation(options)
        return try g.run()
    }
}

// MARK: - Model

struct Muni {
    let index: Int
    let teryt: String
    let name: String
    let county: String
    let kind: String
    let population: Int
    let persons: Int
}

struct Provider {
    let canonical: String
    /// Written forms used in files (a mix of bare KRS, lower-case prefixes, …).
    let written: [String]
    let name: String
    let legalForm: String
}

struct Facility {
    let id: String
    let provider: Int
    let type: String
    var places: Int
    var area: Double
    let opened: Day
    let closed: Day?
    /// A bed facility reported only by `bed_night` services (no stays).
    let servicesOnly: Bool
    /// A soup kitchen that reports meals aggregated per month.
    let monthly: Bool
    var isBed: Bool { Codes.bedFacilityTypes.contains(type) }
    var level: Int { (Codes.facilityLevels[type] ?? nil) ?? 0 }
}

struct PersonRec {
    let id: String
    let sex: String
    let birthYear: Int
    let birth: (month: Int, day: Int)
    let ethos: Int
    let income: String
    let disability: Bool?
    let firstSeen: Day
}

struct StayRec {
    let id: String
    let person: Int
    let facility: Int
    let admitted: Day
    var discharged: Day?
    var destination: String?
}

struct Reject { let file: String; let line: Int; let check: String }

// MARK: - Generation

final class Generation {
    let o: GeneratorOptions
    let root: URL
    let asOf: Day
    let windowStart: Day
    let years: [Int]
    var files: [GeneratedFile] = []
    var rejects: [Reject] = []
    var personsTotal = 0
    var staysTotal = 0
    var servicesTotal = 0
    var surveySinks: [CSVSink] = []
    var personsInjected = false

    init(_ o: GeneratorOptions) {
        self.o = o
        root = o.outDir
        asOf = o.asOf
        years = [o.asOf.year - 2, o.asOf.year - 1, o.asOf.year]
        windowStart = Day(year: o.asOf.year - 2, month: 1, day: 1)!
    }

    // MARK: municipalities

    static let gwd: [(String, String, String, String, Int)] = [
        ("2461011", "Bielsko-Biała", "Bielsko-Biała", "urban", 168_300),
        ("2464011", "Częstochowa", "Częstochowa", "urban", 212_700),
        ("0202011", "Dzierżoniów", "dzierżoniowski", "urban", 32_100),
        ("3062011", "Konin", "Konin", "urban", 71_400),
        ("1428011", "Sochaczew", "sochaczewski", "urban", 35_600),
        ("2264011", "Sopot", "Sopot", "urban", 34_900),
        ("3024054", "Szamotuły", "szamotulski", "urban_rural", 29_800),
    ]

    func municipalities() -> [Muni] {
        var rng = RNG(o.seed, "municipalities")
        switch o.scale {
        case .tiny:
            return [Muni(index: 0, teryt: "2464011", name: "Częstochowa", county: "Częstochowa", kind: "urban", population: 212_700, persons: 36),
                    Muni(index: 1, teryt: "2264011", name: "Sopot", county: "Sopot", kind: "urban", population: 34_900, persons: 24)]
        case .city:
            let total = Self.gwd.reduce(0) { $0 + $1.4 }
            return Self.gwd.enumerated().map { i, m in
                Muni(index: i, teryt: m.0, name: m.1, county: m.2, kind: m.3, population: m.4,
                     persons: Int((Double(m.4) * 5000 / Double(total)).rounded()))
            }
        case .national:
            var list: [(String, String, String, String, Int)] = Self.gwd
            var used = Set(list.map { $0.0 })
            let pre = ["Nowa", "Stara", "Wielka", "Mała", "Górna", "Dolna", "Biała", "Zielona", "Czarna", "Złota"]
            let roots = ["Wieś", "Wola", "Góra", "Łąka", "Dąbrowa", "Lipnica", "Olszyna", "Zawada", "Kępa", "Słupia",
                         "Brzezina", "Żabno", "Jeziorna", "Grabowa", "Łęczyca", "Sośnica", "Ćmielów", "Przełęcz"]
            let voiv = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]
            while list.count < 300 {
                let v = rng.pick(voiv), p = rng.range(1, 20), gm = rng.range(1, 15)
                let kindDigit = rng.weighted([(1, 3), (2, 4), (3, 3)])
                let teryt = Day.pad2(v) + Day.pad2(p) + Day.pad2(gm) + String(kindDigit)
                if used.contains(teryt) { continue }
                used.insert(teryt)
                let name = rng.pick(pre) + " " + rng.pick(roots)
                let kind = kindDigit == 1 ? "urban" : kindDigit == 2 ? "rural" : "urban_rural"
                let pop = kindDigit == 1 ? rng.range(15_000, 250_000) : rng.range(3_000, 30_000)
                list.append((teryt, name, "powiat " + rng.pick(roots).lowercased(), kind, pop))
            }
            let total = list.reduce(0) { $0 + $1.4 }
            return list.enumerated().map { i, m in
                Muni(index: i, teryt: m.0, name: m.1, county: m.2, kind: m.3, population: m.4,
                     persons: max(8, Int((Double(m.4) * 40_000 / Double(total)).rounded())))
            }
        }
    }

    func dialect(_ i: Int) -> Dialect {
        switch i % 6 {
        case 1: var d = Dialect.polish; d.encoding = .utf8BOM; d.crlf = true; return d
        case 2: var d = Dialect.polish; d.encoding = .windows1250; d.crlf = true; d.sexStyle = 2; d.codeCase = 2; d.flagStyle = 4; return d
        case 3: return Dialect(encoding: .utf8BOM, crlf: true, flagStyle: 2)
        case 4: return Dialect(flagStyle: 3, codeCase: 1, sexStyle: 1)
        case 5: return Dialect(encoding: .windows1250, flagStyle: 1)
        default: return .plain
        }
    }

    /// The city whose MOPS uses PESELs as person_id.
    func peselCity(_ ms: [Muni]) -> Int { o.scale == .national ? 5 : 1 }

    // MARK: sinks

    func csv(_ path: String, _ d: Dialect, _ header: [String]) throws -> CSVSink {
        try CSVSink(root: root, path: path, dialect: d, header: header)
    }

    func finish(_ s: RowSink) throws {
        try s.close()
        files.append(GeneratedFile(path: s.path, rows: s.rows))
    }

    func header(_ ds: DatasetSpec) -> [String] { ds.columns.map { $0.name } }

    func reject(_ file: String, _ line: Int, _ check: String) { rejects.append(Reject(file: file, line: line, check: check)) }

    // MARK: run

    func run() throws -> GenerationSummary {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let ms = municipalities()

        // Municipalities: one file for all, plus an exact byte copy (idempotency).
        let mf = try csv("mops/municipalities/gminy.csv", .plain, header(Datasets.municipalities))
        for m in ms {
            for (k, y) in years.enumerated() {
                let pop = m.population - (2 - k) * (m.population / 150)
                mf.row([.text(m.teryt), .text(m.name), .int(y), .int(pop), .text(m.county), .code(m.kind)])
            }
        }
        try finish(mf)
        let copyPath = "mops/municipalities/gminy (kopia).csv"
        try FileManager.default.copyItem(at: root.appendingPathComponent(mf.path), to: root.appendingPathComponent(copyPath))
        files.append(GeneratedFile(path: copyPath, rows: mf.rows))

        // Survey exports: one per questionnaire map.
        let surveyDialects: [Dialect] = [Dialect(semicolon: true, encoding: .utf8BOM), Dialect(semicolon: true, polishDates: true, encoding: .windows1250, crlf: true), .plain, Dialect(crlf: true)]
        for (q, d) in zip(o.catalogues.questionnaires, surveyDialects) {
            surveySinks.append(try csv("surveys/\(q.name)/\(q.name)_\(years[0])-\(years[2]).csv", d,
                                       [q.unitColumn, q.dateColumn] + q.items.map { $0.column }))
        }

        for m in ms { try municipality(m, ms) }
        try plans(ms)

        if o.corrupt { try fileLevelProblems(ms) }
        for s in surveySinks { try finish(s) }

        if o.corrupt {
            var t = "file\tline\tcheck\n"
            for r in rejects { t += "\(r.file)\t\(r.line)\t\(r.check)\n" }
            try Data(t.utf8).write(to: root.appendingPathComponent("expected-rejects.tsv"))
        }
        files.sort { $0.path.bytewisePrecedes($1.path) }
        return GenerationSummary(files: files, persons: personsTotal, stays: staysTotal, serviceRows: servicesTotal,
                                 expectedRejects: rejects.count)
    }

    // MARK: one municipality

    func municipality(_ m: Muni, _ ms: [Muni]) throws {
        var rng = RNG(o.seed, "muni-" + m.teryt)
        let d = dialect(m.index)
        let xlsxPersons = m.index == (o.scale == .tiny ? 0 : 3)
        let xlsxFacilities = m.index == (o.scale == .tiny ? 1 : 4)
        let xlsxCosts = m.index == (o.scale == .tiny ? 1 : 2)
        let usesPESEL = m.index == peselCity(ms)
        let t = m.teryt
        let injectHere = o.corrupt && m.index == 0
        let injectHere2 = o.corrupt && m.index == 1

        // Providers.
        var providers: [Provider] = []
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
        func pw(_ p: Int, _ variant: Int) -> String { let w = providers[p].written; return w[variant % w.count] }

        // Facilities.
        var fac: [Facility] = []
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
        let p = m.persons
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
        let byType: [String: [Int]] = Dictionary(grouping: fac.indices.filter { !fac[$0].servicesOnly && fac[$0].closed == nil }, by: { fac[$0].type })
        func facilityOf(_ type: String, _ rng: inout RNG) -> Int {
            let fallback: [String: [String]] = [
                "warming_centre": ["warming_centre", "night_shelter", "shelter"], "night_shelter": ["night_shelter", "shelter"],
                "shelter": ["shelter"], "shelter_care": ["shelter_care", "shelter"],
                "training_flat": ["training_flat", "supported_flat", "shelter"], "supported_flat": ["supported_flat", "training_flat", "shelter"],
            ]
            for ty in fallback[type]! { if let xs = byType[ty] { return rng.pick(xs) } }
            return byType["shelter"]![0]
        }
        let soup = byType["soup_kitchen"]?.filter { !fac[$0].monthly } ?? []
        let dayCentre = byType["day_centre"] ?? []
        let bath = byType["bathhouse"] ?? dayCentre
        let street = byType["streetwork"] ?? []

        // Persons and stays.
        var persons: [PersonRec] = []
        var stays: [StayRec] = []
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
            path(i, persons[i], &rng, &stays, facilityOf)
        }
        staysTotal += stays.count
        personsTotal += persons.count

        // Places from occupancy: bed-nights over the window ÷ days ÷ target occupancy.
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

        // Providers file (per municipality).
        let provS = try csv("ngo/providers/\(t)_podmioty.csv", d, header(Datasets.providers))
        for (i, pr) in providers.enumerated() { provS.row([.text(pw(i, m.index + 1)), .text(pr.name), .code(pr.legalForm)]) }
        if injectHere {
            var r2 = RNG(o.seed, "bad-nip")
            let l = provS.row([.text("NIP:" + SynthID.badNIP(&r2)), .text("Fundacja z błędnym NIP"), .code("foundation")])
            reject(provS.path, l, "C06")
        }
        try finish(provS)

        // Facilities file.
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

        // Persons file.
        let perHeader = header(Datasets.persons)
        let perS: RowSink = xlsxPersons ? try XLSXSink(root: root, path: "mops/persons/\(t)_osoby.xlsx", header: perHeader, created: asOf)
                                        : try csv("mops/persons/\(t)_osoby.csv", d, perHeader)
        for pr in persons {
            perS.row([.text(pr.id), .sex(pr.sex), .int(pr.birthYear), .text(t), .day(pr.firstSeen), .int(pr.ethos),
                      .code(pr.income), pr.disability.map { .flag($0) } ?? .null])
        }
        if o.corrupt, m.index < 2, !personsInjected, let s = perS as? CSVSink {
            personsInjected = true
            let fs = Cell.day(windowStart)
            reject(s.path, s.row([.text("OS\(t)-X0001"), .null, .int(1970), .text(t), fs, .int(2), .code("none"), .null]), "C02")
            reject(s.path, s.row([.text("OS\(t)-X0002"), .sex("m"), .int(1970), .text(t), fs, .text("trzy"), .null, .null]), "C04")
            reject(s.path, s.row([.text("OS\(t)-X0003"), .sex("m"), .int(1970), .text(t), fs, .int(7), .null, .null]), "C19")
            reject(s.path, s.row([.text("AB!"), .sex("f"), .int(1980), .text(t), fs, .int(1), .null, .null]), "C18")
        }
        try finish(perS)

        // Stays: one file per year of admission for the first municipality, else one file.
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
            try staySink(s.admitted.year).row(stayCells(s, persons, fac))
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

        // A later correction file resending a few stays with a corrected discharge.
        if m.index < 2 || m.index % 25 == 0 {
            let cs = try csv("ngo/stays/korekta_\(t)_\(asOf.iso).csv", .plain, stHeader)
            var n = 0
            for i in stays.indices where n < 4 {
                guard let dis = stays[i].discharged, dis - stays[i].admitted >= 3, i % 5 == 2 else { continue }
                stays[i].discharged = dis.adding(days: -1)
                cs.row(stayCells(stays[i], persons, fac))
                n += 1
            }
            try finish(cs)
        }

        // Services: one file per provider.
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
        servicesTotal += svCount
        for k in svSinks.keys.sorted() { try finish(svSinks[k]!) }

        // Benefits.
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

        // Programmes.
        let prS = try csv("mops/programmes/\(t)_programy.csv", d, header(Datasets.programmes))
        var pn = 0
        var ipwzbPersons = 0
        for s in stays where fac[s.facility].level >= 3 && rng.chance(0.45) {
            let st = s.admitted.adding(days: rng.range(5, 40))
            guard st <= asOf else { continue }
            pn += 1; ipwzbPersons += 1
            prS.row(programmeCells("PR/\(t)/\(Day.pad5(pn))", persons[s.person].id, "ipwzb", st, &rng))
        }
        for pr in persons where rng.chance(0.15) {
            let st = max(pr.firstSeen, windowStart).adding(days: rng.range(0, 120))
            guard st <= asOf else { continue }
            pn += 1
            prS.row(programmeCells("KS/\(t)/\(Day.pad5(pn))", pr.id, "kontrakt", st, &rng))
        }
        if injectHere {
            reject(prS.path, prS.row([.text("PR/\(t)/X1"), .text(persons[0].id), .code("ipwzb"), .day(windowStart), .null, .null, .code("completed")]), "C19")
        }
        try finish(prS)

        // Staff: yearly rows, and monthly streetworker rows in the first municipality.
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

        // Contracts and costs.
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
                    let winter = Self.winterContracts(id: id, year: y)
                    for w in winter {
                        let share = Double(w.months.count) / 12
                        let wUnits = f.places * w.months.reduce(0) { $0 + Day.daysIn(month: $1, year: y) }
                        ctS.row([.text(w.id), .text(t), .text(pw(f.provider, y)), .text(f.id), .code(f.type), .day(w.start),
                                 .day(w.end), .dec((amount * share).rounded()), hasPrice ? .dec((price * 100).rounded() / 100) : .null,
                                 hasPrice ? .int(wUnits) : .null])
                    }
                    if firstContract == nil { firstContract = id }
                    try costs(coS, id, y, amount, cats, f.closed, &rng) { mo in winter.first { $0.months.contains(mo) }?.id }
                    continue
                }
                ctS.row([.text(id), .text(t), .text(pw(f.provider, y)), .text(f.id), .code(f.type), .day(Day(year: y, month: 1, day: 1)!),
                         .day(Day(year: y, month: 12, day: 31)!), .dec(amount), hasPrice ? .dec((price * 100).rounded() / 100) : .null,
                         hasPrice ? .int(units) : .null])
                if firstContract == nil { firstContract = id }
                try costs(coS, id, y, amount, cats, f.closed, &rng)
            }
            if m.index % 2 == 0 {
                cn += 1
                let id = "UM/\(t)/\(y)/\(Day.pad3(cn))"
                let amount = Double(rng.range(60, 400)) * 1000
                ctS.row([.text(id), .text(t), .text(pw(0, y + 1)), .null, .code("streetwork"), .day(Day(year: y, month: 1, day: 1)!),
                         .day(Day(year: y, month: 12, day: 31)!), .dec(amount), .null, .null])
                try costs(coS, id, y, amount, cats, nil, &rng)
            }
        }
        if injectHere, let c = coS as? CSVSink, let fc = firstContract {
            reject(c.path, c.row([.text(fc), .month(Month(year: years[0], month: 1)!), .code("other"), .dec(-120.5), .code("other")]), "C09")
        }
        try finish(ctS)
        try finish(coS)

        // Audits: every criterion per facility per year.
        let auS = try csv("ngo/audits/\(t)_audyty.csv", d, header(Datasets.audits))
        let notes = ["Brak drugiej łazienki; zalecenie modernizacji.", "Temperatura w sypialni 18°C, zgłoszono naprawę ogrzewania.",
                     "Regulamin wywieszony, ale nieaktualny, \"do poprawy\"", "Kontrola sanepidu bez uwag.",
                     "Uwagi zespołu:\nbrak dokumentacji szkoleń personelu"]
        for (fi, f) in fac.enumerated() {
            let quality = rng.uniform(0.45, 0.95)
            for y in years {
                var day = Day(year: y, month: rng.range(3, 11), day: rng.range(1, 28))!
                if day > asOf { day = asOf.adding(days: -rng.range(0, 20)) }
                if day.year != y || day < f.opened { continue }
                if let c = f.closed, day >= c { continue }
                for (ci, c) in o.catalogues.standard.criteria.enumerated() {
                    let na = (c.code == "H05" && !f.isBed) || (c.code.hasPrefix("L0") && c.code <= "L02" && f.type != "streetwork" && rng.chance(0.5))
                    let u = rng.unit()
                    let result = na ? "n_a" : u < quality ? "met" : u < quality + 0.15 ? "partial" : "not_met"
                    var note: Cell = .null
                    if result != "met" && result != "n_a" && rng.chance(0.25) { note = .text(notes[(fi + ci) % 4]) }
                    if fi == 0 && ci == 0 && y == years[0] { note = .text(notes[4]) }
                    auS.row([.text(f.id), .day(day), .text(ci % 7 == 3 ? c.code.lowercased() : c.code), .code(result), note])
                }
            }
        }
        if injectHere {
            var r2 = RNG(o.seed, "w02")
            let pesel = SynthID.pesel(&r2, year: 1975, month: 4, day: 12, female: false)
            let l = auS.row([.text(fac[0].id), .day(windowStart.adding(days: 40)), .text("K01"), .code("partial"),
                             .text("Program IPWzB mieszkańca PESEL \(pesel) niekompletny")])
            reject(auS.path, l, "W02")
        }
        try finish(auS)

        // Surveys.
        try surveys(m, fac, &rng)
    }

    func stayCells(_ s: StayRec, _ persons: [PersonRec], _ fac: [Facility]) -> [Cell] {
        [.text(s.id), .text(persons[s.person].id), .text(fac[s.facility].id), .day(s.admitted),
         s.discharged.map { .day($0) } ?? .null, s.destination.map { .code($0) } ?? .null]
    }

    func programmeCells(_ id: String, _ pid: String, _ kind: String, _ st: Day, _ rng: inout RNG) -> [Cell] {
        let planned = st.adding(days: rng.range(180, 365))
        let dur = rng.range(60, 420)
        let end = st.adding(days: dur)
        if end > asOf {
            return [.text(id), .text(pid), .code(kind), .day(st), .day(planned), .null, .code("ongoing")]
        }
        let outcome = rng.weighted([("completed", 45), ("broken", 35), ("transferred", 20)])
        return [.text(id), .text(pid), .code(kind), .day(st), rng.chance(0.9) ? .day(planned) : .null, .day(end), .code(outcome)]
    }

    /// The winter contracts of a seasonal warming centre in year `y`: `id` for January–March and
    /// `id` + `-Z` for November–December.
    static func winterContracts(id: String, year y: Int) -> [(id: String, start: Day, end: Day, months: [Int])] {
        [(id, Day(year: y, month: 1, day: 1)!, Day(year: y, month: 3, day: 31)!, [1, 2, 3]),
         (id + "-Z", Day(year: y, month: 11, day: 1)!, Day(year: y, month: 12, day: 31)!, [11, 12])]
    }

    /// The cost rows of a contract for the months of year `y` up to the as-of date (and before
    /// `closed`); `contractOf` names the contract of a month (nil: no cost row that month — the
    /// random draws are made all the same, so the rest of the inbox does not depend on it).
    func costs(_ s: RowSink, _ id: String, _ y: Int, _ amount: Double, _ cats: [(String, Double)], _ closed: Day?, _ rng: inout RNG,
               contractOf: ((Int) -> String?)? = nil) throws {
        for mo in 1...12 {
            let month = Month(year: y, month: mo)!
            if month.firstDay > asOf { break }
            if let c = closed, month.firstDay >= c { break }
            let cid = contractOf.map { $0(mo) } ?? id
            let write: ([Cell]) -> Void = { row in if cid != nil { s.row(row) } }
            let id = cid ?? id
            let monthly = amount / 12 * rng.uniform(0.85, 1.1)
            for (c, share) in cats {
                if c == "other" && rng.chance(0.6) { continue }
                var v = monthly * share
                if c == "staff" && rng.chance(0.15) {
                    let extra = v * rng.uniform(0.1, 0.3)
                    v -= extra
                    write([.text(id), .month(month), .code(c), .dec(extra), .code(rng.pick(["own", "eu", "donations"]))])
                }
                write([.text(id), .month(month), .code(c), .dec(v), .code("municipal")])
            }
        }
    }

    // MARK: paths through the hierarchy

    func path(_ pi: Int, _ pr: PersonRec, _ rng: inout RNG, _ stays: inout [StayRec], _ facilityOf: (String, inout RNG) -> Int) {
        var day = max(pr.firstSeen, windowStart.adding(days: -90)).adding(days: rng.range(0, 30))
        let old = asOf.year - pr.birthYear >= 65 || pr.disability == true
        var type: String = {
            switch pr.ethos {
            case 1: return rng.chance(0.4) ? "warming_centre" : "night_shelter"
            case 2: return "night_shelter"
            case 3: return old ? "shelter_care" : "shelter"
            case 4: return old ? "shelter_care" : "shelter"
            default: return rng.chance(0.5) ? "night_shelter" : "shelter"
            }
        }()
        var guardN = 0
        while day <= asOf && guardN < 40 {
            guardN += 1
            let f = facilityOf(type, &rng)
            let sid = "ST-\(pr.id.hasPrefix("OS") ? String(pr.id.dropFirst(2)) : String(pr.id.suffix(6)) + "-" + String(pi))-\(Day.pad5(stays.count + 1))"
            let dur: Int = {
                switch type {
                case "warming_centre": return rng.chance(0.15) ? 0 : rng.range(1, 14)
                case "night_shelter": return rng.range(3, 30) + (rng.chance(0.4) ? rng.range(0, 150) : 0)
                case "shelter": return rng.range(30, 200) + (rng.chance(0.4) ? rng.range(0, 300) : 0)
                case "shelter_care": return rng.range(90, 700)
                case "training_flat": return rng.range(90, 420)
                default: return rng.range(180, 900)
                }
            }()
            let dis = day.adding(days: dur)
            if dis > asOf {
                stays.append(StayRec(id: sid, person: pi, facility: f, admitted: day, discharged: nil, destination: nil))
                return
            }
            let next: [String: String] = ["warming_centre": "night_shelter", "night_shelter": "shelter", "shelter": "training_flat",
                                          "shelter_care": "training_flat", "training_flat": "supported_flat", "supported_flat": ""]
            let (up, housing): (Double, Double) = {
                switch type {
                case "warming_centre": return (0.5, 0.0)
                case "night_shelter": return (0.4, 0.05)
                case "shelter": return (0.2, 0.12)
                case "shelter_care": return (0.05, 0.1)
                case "training_flat": return (0.3, 0.5)
                default: return (0.0, 0.7)
                }
            }()
            let u = rng.unit()
            var dest: String
            var gap: Int?
            var nextType = type
            if u < up, let nt = next[type], !nt.isEmpty {
                nextType = nt
                dest = nt == "training_flat" ? "training_flat" : nt == "supported_flat" ? "supported_flat" : "other_facility"
                gap = rng.weighted([(0, 40), (1, 15), (2, 10), (3, 8), (5, 6), (7, 5), (8, 4), (rng.range(9, 60), 6)])
            } else if u < up + housing {
                dest = rng.weighted([("own_flat", 2), ("social_flat", 4), ("rented", 3)])
                if rng.chance(0.35) {
                    gap = rng.chance(0.5) ? rng.range(30, 365) : rng.range(366, 900)
                    nextType = rng.chance(0.6) ? "night_shelter" : "shelter"
                }
            } else if u < up + housing + 0.12 {
                dest = "other_facility"
                nextType = type == "warming_centre" ? "night_shelter" : rng.chance(0.5) ? "night_shelter" : "shelter"
                gap = rng.range(0, 7)
            } else {
                dest = rng.weighted([("street", 5), ("unknown", 4), ("expelled", 2), ("family", 2), ("institution", 1), ("died", 1)])
                if dest != "died" && rng.chance(dest == "institution" ? 0.4 : 0.9) {
                    gap = rng.chance(0.75) ? rng.range(1, 45) : rng.range(46, 300)
                    nextType = rng.chance(0.3) ? "warming_centre" : rng.chance(0.6) ? "night_shelter" : "shelter"
                }
            }
            stays.append(StayRec(id: sid, person: pi, facility: f, admitted: day, discharged: dis, destination: dest))
            guard let g = gap else { return }
            day = dis.adding(days: g)
            type = nextType
        }
    }

    // MARK: surveys

    func surveys(_ m: Muni, _ fac: [Facility], _ rng: inout RNG) throws {
        let perYear = o.scale == .tiny ? 1 : o.scale == .city ? 3 : 1
        for (qi, q) in o.catalogues.questionnaires.enumerated() {
            let sink = surveySinks[qi]
            let noAnswer = q.answerText(scoring: nil)!
            var units: [(String, Int)] = []
            switch q.unitKind {
            case .facility: units = fac.filter { $0.closed == nil }.map { ($0.id, 3 * perYear + rng.int(3)) }
            default:
                let n = q.group == .residents ? 20 : q.group == .professionals ? 8 : 6
                units = [(m.teryt, (o.scale == .tiny ? n / 2 : n) * perYear)]
            }
            for (unit, n) in units {
                let mean = rng.uniform(2.4, 4.6)
                for y in years {
                    for _ in 0..<n {
                        var day = Day(year: y, month: rng.range(1, 12), day: rng.range(1, 28))!
                        if day > asOf { day = asOf.adding(days: -rng.range(0, 30)) }
                        var cells: [Cell] = [.text(unit), .day(day)]
                        for it in q.items {
                            var v = Int((mean + rng.uniform(-1.6, 1.6)).rounded())
                            v = min(5, max(1, v))
                            if it.reverse { v = 6 - v }
                            let u = rng.unit()
                            if u < 0.05 { cells.append(.null) }
                            else if u < 0.08 { cells.append(.text(noAnswer)) }
                            else if u < 0.2 { cells.append(.int(v)) }
                            else if u < 0.23 { cells.append(.text(q.answerText(scoring: Double(v))!.lowercased())) }
                            else { cells.append(.text(q.answerText(scoring: Double(v))!)) }
                        }
                        sink.row(cells)
                    }
                }
            }
            if o.corrupt && m.index == 0 && qi == 0 {
                var cells: [Cell] = [.text(units[0].0), .day(windowStart.adding(days: 100))]
                for (k, _) in q.items.enumerated() { cells.append(k == 2 ? .text("Bardzo dobrze") : .int(4)) }
                reject(sink.path, sink.row(cells), "C17")
            }
        }
    }

    // MARK: file-level problems (corrupt)

    func fileLevelProblems(_ ms: [Muni]) throws {
        let t = ms[0].teryt
        // C01: a stays file without `admitted`.
        let c01 = try csv("ngo/stays/\(t)_pobyty_bez_daty.csv", .plain, ["stay_id", "person_id", "facility_id", "discharged", "destination"])
        c01.row([.text("\(t)-ST-C01"), .text("OS\(t)-00001"), .text("\(t)-SCH1"), .day(windowStart), .code("street")])
        try finish(c01); reject(c01.path, 0, "C01")
        // C15: persons identified by PESEL (rejected whole when no pseudonym key is configured).
        var r = RNG(o.seed, "c15")
        let c15 = try csv("mops/persons/\(t)_osoby_pesel.csv", .plain, header(Datasets.persons))
        for i in 0..<3 {
            c15.row([.text(SynthID.pesel(&r, year: 1960 + i, month: 3, day: 10 + i, female: false)), .sex("m"), .int(1960 + i), .text(t),
                     .day(windowStart), .int(3), .code("none"), .null])
        }
        try finish(c15); reject(c15.path, 0, "C15")
        // C20: a broken XLSX archive, and a CSV with bytes undefined in Windows-1250.
        let c20 = "ngo/costs/\(t)_koszty_uszkodzony.xlsx"
        try Data([0x50, 0x4B, 0x03, 0x04] + Array("to nie jest archiwum".utf8)).write(to: root.appendingPathComponent(c20))
        files.append(GeneratedFile(path: c20, rows: 0)); reject(c20, 0, "C20")
        let c20b = "ngo/services/\(t)_uslugi_zly_zapis.csv"
        try Data(Array("facility_id,date,service,quantity,person_id\n".utf8) + [0x98, 0x81] + Array(",2024-01-01,meal,1,\n".utf8))
            .write(to: root.appendingPathComponent(c20b))
        files.append(GeneratedFile(path: c20b, rows: 1)); reject(c20b, 0, "C20")
        // C21: a survey folder without a questionnaire map.
        let c21 = try csv("surveys/ankieta-bez-mapy/odpowiedzi.csv", .plain, ["Placówka", "Data", "Ocena"])
        c21.row([.text("\(t)-SCH1"), .day(windowStart), .int(4)])
        try finish(c21); reject(c21.path, 0, "C21")
        // W01: a providers file with an unknown column.
        var r2 = RNG(o.seed, "w01")
        let w01 = try csv("ngo/providers/\(t)_podmioty_dodatkowe.csv", .plain, ["provider_id", "name", "legal_form", "strona_www"])
        w01.row([.text("NIP:" + SynthID.nip(&r2)), .text("Fundacja Dom Ubogich"), .code("foundation"), .text("https://example.org")])
        try finish(w01); reject(w01.path, 0, "W01")
    }
}

extension Day {
    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func pad3(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }
    static func pad5(_ v: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, 5 - s.count)) + s }
}
