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
        try MunicipalityWriter(self, m, ms).write()
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
