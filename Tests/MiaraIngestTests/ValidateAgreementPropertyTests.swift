import Foundation
import MiaraIngest
import MiaraPipeline
@testable import MiaraStore
import MiaraValues
import MiaraXLSX
import XCTest

/// `validate` tells the same truth as `ingest`: a property over generated nights. Each case ingests
/// a first night into a store, writes a second night of files (CSV and XLSX, with and without a
/// pseudonym key) with planted faults — bad values, references to nothing, a stay in a soup kitchen,
/// overlapping stays, repeated keys, wrong widths, PESELs, a missing column, a re-sent key, a
/// re-sent file — validates every file of the second night against the store and the inbox, then
/// ingests the night and compares, file by file, with what the store says about the file's bytes.
final class ValidateAgreementPropertyTests: XCTestCase {
    /// What one side said about a file: the check at line 0 (file rejected whole), else the
    /// checks per rejected line.
    struct Verdict: Equatable, CustomStringConvertible {
        var fileChecks: Set<String> = []
        var lines: [Int: Set<String>] = [:]
        var description: String {
            (fileChecks.isEmpty ? "" : "file \(fileChecks.sorted()) ") + lines.keys.sorted().map { "\($0):\(lines[$0]!.sorted().joined(separator: "/"))" }.joined(separator: " ")
        }
    }

    /// Fresh seed each run, printed; `MIARA_SEED` replays.
    func testValidateCleanFilesAreAcceptedAndRejectedLinesAgreeWithIngest() throws {
        let env = ProcessInfo.processInfo.environment["MIARA_SEED"].flatMap { UInt64($0) }
        let seed = env ?? UInt64.random(in: 0...UInt64.max)
        print("property seed ValidateAgreementPropertyTests: \(seed) (\(env == nil ? "fresh" : "MIARA_SEED"); replay with MIARA_SEED=\(seed))")
        var rng = AgreementRNG(seed: seed)
        var files = 0, agreeing = 0, clean = 0, rejectedLines = 0, xlsx = 0
        var failures: [String] = []
        for c in 0..<24 {
            let night = try Night(case: c, rng: &rng)
            for f in night.second {
                files += 1
                if f.url.pathExtension == "xlsx" { xlsx += 1 }
                let v = night.validated[f.url.path]!
                let i = try night.ingested(f)
                if v.fileChecks.isEmpty && v.lines.isEmpty { clean += 1 }
                rejectedLines += i.lines.count
                if Self.agree(validate: v, ingest: i) { agreeing += 1 } else {
                    failures.append("case \(c) \(f.path): validate \(v) — ingest \(i)\n\(night.story)")
                }
            }
            XCTAssertEqual(night.storeUntouched, true, "case \(c): validate changed the store; MIARA_SEED=\(seed)")
        }
        print("validate/ingest agreement: \(agreeing)/\(files) files (\(clean) called clean, \(xlsx) XLSX, \(rejectedLines) rejected lines); seed \(seed)")
        XCTAssertEqual(agreeing, files, "replay with MIARA_SEED=\(seed)\n" + failures.prefix(3).joined(separator: "\n"))
        XCTAssertGreaterThan(clean, 0, "some files should be clean")
        XCTAssertGreaterThan(rejectedLines, 0, "some rows should be rejected")
    }

    /// Ingest rejected the file whole with a check validate names at line 0; or validate's rows
    /// with problems are exactly ingest's rejected rows, each with ingest's check among validate's.
    static func agree(validate v: Verdict, ingest i: Verdict) -> Bool {
        if !i.fileChecks.isEmpty { return i.fileChecks.isSubset(of: v.fileChecks) }
        guard v.fileChecks.isEmpty, Set(v.lines.keys) == Set(i.lines.keys) else { return false }
        return i.lines.allSatisfy { line, codes in codes.isSubset(of: v.lines[line]!) }
    }

    func testAgreementFailsWhenValidateMissesARejectedLine() {
        // The comparison itself can fail: a line ingest rejects and validate calls clean.
        XCTAssertFalse(Self.agree(validate: Verdict(), ingest: Verdict(lines: [3: ["C13"]])))
        XCTAssertFalse(Self.agree(validate: Verdict(lines: [3: ["C11"]]), ingest: Verdict(lines: [3: ["C13"]])))
        XCTAssertTrue(Self.agree(validate: Verdict(lines: [3: ["C11", "C13"]]), ingest: Verdict(lines: [3: ["C13"]])))
        XCTAssertFalse(Self.agree(validate: Verdict(), ingest: Verdict(fileChecks: ["C15"])))
    }
}

/// One generated case: a first night ingested, a second night written to the inbox, every file of
/// it validated; `ingested` ingests the second night (once) and reads the store's verdict.
private final class Night {
    let h: IngestHarness
    var second: [InboxFile] = []
    var validated: [String: ValidateAgreementPropertyTests.Verdict] = [:]
    var storeUntouched = true
    var story = ""
    private var store: Store?
    let keyed: Bool

    static let persons = (1...8).map { "person0\($0)" }

    init(case c: Int, rng: inout AgreementRNG) throws {
        h = try IngestHarness()
        keyed = rng.chance(0.7)
        h.key = keyed ? Array("test-key".utf8) : nil
        try h.baseline()
        try h.file("mops/persons/more.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\n"
                   + Self.persons.dropFirst(2).map { "\($0),f,1980,2464011,2024-01-05,3\n" }.joined())
        try h.file("ngo/contracts/c.csv", "contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln\nU1,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2024-12-31,120000\n")
        var firstStays = "stay_id,person_id,facility_id,admitted,discharged,destination\n"
        for i in 0..<rng.int(0...4) {
            let a = rng.day(in: 2024, months: 1...6)
            firstStays += "S0\(i),\(Self.persons.randomElement(using: &rng)!),F1,\(a.iso),\(a.adding(days: rng.int(1...20)).iso),family\n"
        }
        try h.file("ngo/stays/night1.csv", firstStays)
        let first = try Inbox.discover(h.inbox).files
        _ = try h.ingest(runID: "night1")
        story += "keyed \(keyed); night 1 stays:\n\(firstStays)"
        let firstBytes = try first.map { ($0, try Data(contentsOf: $0.url)) }
        if rng.chance(0.5) {
            // The inbox emptied after the night (files kept elsewhere): only the store knows them.
            for f in first { try FileManager.default.removeItem(at: f.url) }
        }
        var g = FileGenerator(rng: rng, keyed: keyed)
        for n in 0..<rng.int(2...4) {
            let (path, text) = try g.file(n, in: h.inbox, firstNight: firstBytes)
            story += "--- \(path)\n\(text)\n"
        }
        rng = g.rng
        second = try Inbox.discover(h.inbox).files.filter { f in !first.contains { $0.path == f.path } }
        try validateAll()
    }

    /// Validates every file of the second night as a sender would (with the inbox and the store).
    private func validateAll() throws {
        var config = PipelineConfig()
        config.asOfText = h.asOf.iso
        config.language = .en
        if keyed {
            let key = h.root.appendingPathComponent("key")
            try Data("test-key\n".utf8).write(to: key)
            chmod(key.path, 0o600)
            config.pseudonymKeyFile = key.path
        }
        let before = try storeState()
        for f in second {
            let r = try ValidateStage(dataset: f.dataset, paths: [f.url.path], inbox: h.inbox.path, store: h.storePath).run(RunContext(config: config, command: "validate", console: Printer(mode: .quiet), storeUse: .read))
            var v = ValidateAgreementPropertyTests.Verdict()
            for p in r.problems where p.code.check.severity != .warning {
                if p.line == 0 { v.fileChecks.insert(p.code.rawValue) } else { v.lines[p.line, default: []].insert(p.code.rawValue) }
            }
            validated[f.url.path] = v
        }
        storeUntouched = try storeState() == before
    }

    private func storeState() throws -> [String] {
        let s = try Store.open(h.storePath, .readWrite)
        return try ["files", "rejects", "staged_stays", "warnings"].map { "\($0) \(try s.count($0))" }
            + StoreRecords.rejects(s.db.writer).map { "\($0.file):\($0.line):\($0.check)" }
    }

    /// The store's verdict on the file's bytes after the second night is ingested.
    func ingested(_ f: InboxFile) throws -> ValidateAgreementPropertyTests.Verdict {
        if store == nil { store = try h.ingest(runID: "night2").0 }
        let sha = try FileScan(url: f.url).sha256
        var v = ValidateAgreementPropertyTests.Verdict()
        for r in try StoreRecords.rejects(store!.db.reader, sha256: sha) {
            if r.line == 0 { v.fileChecks.insert(r.check) } else { v.lines[r.line, default: []].insert(r.check) }
        }
        return v
    }
}

/// A cell of a generated file: text, a date (a date cell in XLSX) or a number.
private enum GenCell {
    case text(String), date(Day), number(Double)
    var csv: String {
        switch self {
        case .text(let s): return s.contains(",") ? "\"\(s)\"" : s
        case .date(let d): return d.iso
        case .number(let v): return v == v.rounded() ? String(Int(v)) : String(v)
        }
    }
}

/// Writes the second night's files: rows of a dataset, each with a fault now and then.
private struct FileGenerator {
    var rng: AgreementRNG
    let keyed: Bool
    var stayNo = 0

    /// A valid PESEL (11 digits, right check digit) that no other rule refuses.
    mutating func pesel() -> String {
        let d = (0..<10).map { _ in rng.int(0...9) }
        let w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(d, w).map { $0 * $1 }.reduce(0, +)
        return d.map(String.init).joined() + String((10 - sum % 10) % 10)
    }

    mutating func file(_ n: Int, in inbox: URL, firstNight: [(InboxFile, Data)]) throws -> (String, String) {
        if n > 0 && rng.chance(0.08), let (old, bytes) = firstNight.randomElement(using: &rng) {
            // The same bytes sent again under another name: skipped by ingest.
            let path = "\(old.dataset)/again\(n).csv"
            let url = inbox.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: url)
            return (path, "(a copy of \(old.path))")
        }
        let kinds = ["ngo/stays", "ngo/stays", "ngo/services", "ngo/costs", "mops/persons", "ngo/facilities"]
        let dataset = kinds.randomElement(using: &rng)!
        let spec = Datasets.named(dataset)!
        var header = spec.columns.map(\.name)
        var rows: [[GenCell?]] = []
        for i in 0..<rng.int(1...7) { rows.append(row(dataset, i, previous: rows)) }
        if rng.chance(0.05) {
            // A required column missing: the file is rejected whole (C01).
            let drop = spec.requiredColumns.randomElement(using: &rng)!.name
            let at = header.firstIndex(of: drop)!
            header.remove(at: at)
            rows = rows.map { var r = $0; if r.count > at { r.remove(at: at) }; return r }
        }
        let xlsx = rng.chance(0.35)
        let path = "\(dataset)/n2-\(n).\(xlsx ? "xlsx" : "csv")"
        let url = inbox.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if xlsx { try writeXLSX(url, header, rows) } else {
            let text = ([header.joined(separator: ",")] + rows.map { $0.map { $0?.csv ?? "" }.joined(separator: ",") }).joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: url)
        }
        return (path, ([header.joined(separator: ",")] + rows.map { $0.map { $0?.csv ?? "" }.joined(separator: ",") }).joined(separator: "\n"))
    }

    func writeXLSX(_ url: URL, _ header: [String], _ rows: [[GenCell?]]) throws {
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("dane")
        let dateFormat = wb.addFormat(XLSXFormatSpec(numFormat: "yyyy-mm-dd"))
        for (c, name) in header.enumerated() { ws.write(0, c, string: name) }
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                switch cell {
                case .text(let s): ws.write(r + 1, c, string: s)
                case .date(let d): let p = d.components; ws.writeDate(r + 1, c, year: p.year, month: p.month, day: p.day, dateFormat)
                case .number(let v): ws.write(r + 1, c, number: v)
                case nil: continue
                }
            }
        }
        try wb.close()
    }

    /// One row of `dataset` in its column order; a fault in about a third of the rows. A row may
    /// be one cell longer than the header (C14).
    mutating func row(_ dataset: String, _ i: Int, previous: [[GenCell?]]) -> [GenCell?] {
        var r: [GenCell?]
        let fault = rng.chance(0.35) ? rng.int(0...9) : -1
        switch dataset {
        case "ngo/stays":
            stayNo += 1
            let a = rng.day(in: 2024, months: 1...11)
            let discharged: Day? = rng.chance(0.6) ? a.adding(days: rng.int(0...40)) : nil
            let person = rng.chance(0.1) ? (keyed ? pesel() : Night.persons[0]) : Night.persons.randomElement(using: &rng)!
            r = [.text("S\(stayNo)x\(rng.int(0...999))"), .text(person), .text("F1"), .date(a),
                 discharged.map { .date(min($0, Day(iso: "2024-12-31")!)) }, discharged.map { _ in .text("family") }]
            switch fault {
            case 0: r[3] = .text("2024/13/01")                                 // C03
            case 1: r[2] = .text("F99")                                        // C11
            case 2: r[2] = .text("F2")                                         // C12
            case 3: r[1] = .text(Night.persons[0]); r[4] = nil; r[5] = nil     // ongoing: overlaps (C13)
            case 4: if let p = previous.last { r[0] = p[0] }                   // C16
            case 5: r[3] = .date(Day(iso: "2025-02-01")!)                       // C10
            case 6: r[1] = .text(pesel())                                      // C15 without a key, C11 with one
            case 7: r[0] = .text("S0\(rng.int(0...4))")                         // a key of the first night: replaced
            case 8: r[4] = .date(a.adding(days: -3)); r[5] = .text("family")    // C08
            case 9: r.append(.text("extra"))                                   // C14
            default: break
            }
        case "ngo/services":
            r = [.text("F1"), .date(rng.day(in: 2024, months: 1...11)), .text(["meal", "bed_night", "bath"].randomElement(using: &rng)!),
                 .number(Double(rng.int(0...30))), nil]
            switch fault {
            case 0: r[3] = .text("x")                                          // C04
            case 1: r[3] = .number(-3)                                         // C09
            case 2: r[2] = .text("mealz")                                      // C05
            case 3: r[0] = .text("F99")                                        // C11
            case 4: r[1] = .date(Day(iso: "2025-01-10")!)                       // C10
            case 5: r[4] = .text("ghost01")                                    // C11 (person)
            case 6: if let p = previous.last { r = Array(p.prefix(5)) }        // C16
            default: break
            }
        case "ngo/costs":
            r = [.text("U1"), .text("2024-\(String(format: "%02d", rng.int(1...11)))"), .text(["staff", "food"].randomElement(using: &rng)!),
                 .number(Double(rng.int(100...9000))), .text("municipal")]
            switch fault {
            case 0: r[0] = .text("U99")                                        // C11
            case 1: r[1] = .text("2024-13")                                    // C03
            case 2: r[3] = .text("abc")                                        // C04
            case 3: r[3] = .number(-5)                                         // C09
            case 4: r[2] = .text("stuff")                                      // C05
            case 5: if let p = previous.last { r = p }                         // C16
            default: break
            }
        case "mops/persons":
            let id = keyed && rng.chance(0.3) ? pesel() : "newp\(rng.int(100...999))"
            r = [.text(id), .text("m"), .number(Double(rng.int(1940...2000))), .text("2464011"), .date(rng.day(in: 2024, months: 1...11)),
                 .number(Double(rng.int(1...6))), nil, nil]
            switch fault {
            case 0: r[2] = .number(1800)                                       // C19
            case 1: r[5] = .number(9)                                          // C19
            case 2: r[3] = .text("12")                                         // C07
            case 3: r[3] = .text("9999999")                                    // C11
            case 4: r[1] = .text("x")                                          // C05
            case 5: r[0] = .text("ab")                                         // C18
            case 6: if !keyed { r[0] = .text(pesel()) }                        // C15
            default: break
            }
        default: // ngo/facilities
            r = [.text("F\(rng.int(3...9))"), .text("KRS:0000184388"), .text("2464011"), .text("night_shelter"),
                 .number(Double(rng.int(1...40))), nil, .date(rng.day(in: 2023, months: 1...12)), nil]
            switch fault {
            case 0: r[1] = .text("NIP:123")                                    // C06
            case 1: r[4] = nil                                                 // C02 (places of a bed facility)
            case 2: r[1] = .text("KRS:0000000099")                             // C11
            case 3: r[3] = .text("soup_kitchen"); r[4] = nil                   // stays there become C12
            case 4: r[0] = .text("F1"); r[3] = .text("soup_kitchen"); r[4] = nil // replaces F1: its stays become C12
            default: break
            }
        }
        return r
    }
}

/// SplitMix64: the same seed gives the same cases on every machine.
private struct AgreementRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func day(in year: Int, months: ClosedRange<Int>) -> Day { Day(year: year, month: int(months), day: int(1...28))! }
}
