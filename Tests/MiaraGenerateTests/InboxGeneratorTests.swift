import Foundation
import MiaraPipeline
import MiaraValues
import XCTest
@testable import MiaraGenerate

final class InboxGeneratorTests: XCTestCase {
    static let asOf = Day(year: 2024, month: 6, day: 30)!
    /// The standard and questionnaire maps of `Pipelines/`, as compiled into the binary.
    static let catalogues = try! GeneratorCatalogues.builtIn()
    static let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Pipelines")

    func tmp(_ name: String) -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("miara-gen-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: u)
        return u
    }

    func gen(_ name: String, corrupt: Bool = false, seed: UInt64 = 7,
             catalogues: GeneratorCatalogues = InboxGeneratorTests.catalogues) throws -> (URL, GenerationSummary) {
        let dir = tmp(name)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let s = try InboxGenerator.generate(GeneratorOptions(scale: .tiny, seed: seed, outDir: dir, asOf: Self.asOf, corrupt: corrupt,
                                                             catalogues: catalogues))
        return (dir, s)
    }

    /// Decoded text of a CSV file (UTF-8 with optional BOM, else Windows-1250).
    func text(_ url: URL) throws -> String {
        var b = [UInt8](try Data(contentsOf: url))
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        if let s = String(validatingUTF8: b.map { CChar(bitPattern: $0) } + [0]) { return s }
        return Windows1250.decode(b) ?? ""
    }

    /// Minimal RFC 4180 reader for the generated CSVs.
    func records(_ url: URL) throws -> [[String]] {
        let s = Array(try text(url).unicodeScalars)
        let firstLine = String(String.UnicodeScalarView(s.prefix { $0 != "\n" }))
        let delim: Unicode.Scalar = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var out: [[String]] = [], row: [String] = [], field = String.UnicodeScalarView()
        var i = 0, quoted = false
        while i < s.count {
            let c = s[i]
            if quoted {
                if c == "\"" { if i + 1 < s.count && s[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == delim { row.append(String(field)); field = .init() }
            else if c == "\r" {}
            else if c == "\n" { row.append(String(field)); field = .init(); out.append(row); row = [] }
            else { field.append(c) }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(field)); out.append(row) }
        return out
    }

    func csvFiles(_ dir: URL, _ s: GenerationSummary, under: String) -> [URL] {
        s.files.filter { $0.path.hasPrefix(under + "/") && $0.path.hasSuffix(".csv") }.map { dir.appendingPathComponent($0.path) }
    }

    func day(_ s: String) -> Day? { Day(input: s) }

    func testDeterminism() throws {
        let (a, sa) = try gen("det-a", corrupt: true)
        let (b, sb) = try gen("det-b", corrupt: true)
        XCTAssertEqual(sa.files, sb.files)
        for f in sa.files {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(f.path)), try Data(contentsOf: b.appendingPathComponent(f.path)), f.path)
        }
        XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("expected-rejects.tsv")),
                       try Data(contentsOf: b.appendingPathComponent("expected-rejects.tsv")))
        XCTAssertGreaterThan(sa.files.count, 20)
        // Equal because of the seed, not because the output ignores it: seed 8 writes other bytes.
        let (c, sc) = try gen("det-c", seed: 8)
        let common = sa.files.map(\.path).filter { p in sc.files.contains { $0.path == p } }
        XCTAssertGreaterThan(common.count, 10)
        let differing = try common.filter { try Data(contentsOf: a.appendingPathComponent($0)) != Data(contentsOf: c.appendingPathComponent($0)) }
        XCTAssertGreaterThan(differing.count, common.count / 2, "seed 8 and seed 7 give mostly other files")
    }

    func testTinyCoversDatasetsAndFacilityTypes() throws {
        let (dir, s) = try gen("cover")
        XCTAssertGreaterThanOrEqual(s.persons, 50)
        XCTAssertLessThanOrEqual(s.persons, 70)
        for ds in Datasets.all { XCTAssertTrue(s.files.contains { $0.path.hasPrefix(ds.name + "/") && $0.rows > 0 }, ds.name) }
        for q in Self.catalogues.questionnaires { XCTAssertTrue(s.files.contains { $0.path.hasPrefix("surveys/\(q.name)/") && $0.rows > 0 }, q.name) }
        XCTAssertTrue(s.files.contains { $0.path.hasSuffix(".xlsx") })
        var types = Set<String>()
        for f in csvFiles(dir, s, under: "ngo/facilities") { for r in try records(f).dropFirst() { types.insert(r[3].lowercased()) } }
        // The XLSX facilities file is not read here; the CSV ones plus the contracts' services cover the types.
        for f in csvFiles(dir, s, under: "ngo/contracts") { for r in try records(f).dropFirst() { types.insert(r[4].lowercased()) } }
        // Every facility type of SPEC 2 (ngo/facilities), listed here rather than taken from miara's code list.
        XCTAssertEqual(types, ["warming_centre", "night_shelter", "shelter", "shelter_care", "training_flat", "supported_flat",
                               "soup_kitchen", "day_centre", "streetwork", "bathhouse"])
        // Every file's path is within a known dataset folder or a survey map folder.
        for f in s.files {
            XCTAssertTrue(Datasets.all.contains { f.path.hasPrefix($0.name + "/") } || f.path.hasPrefix("surveys/"), f.path)
        }
    }

    func testStaysNeverOverlap() throws {
        let (dir, s) = try gen("overlap")
        // Files in path order; a later file's row replaces by stay_id.
        var byID: [String: (String, Day, Day?, String)] = [:]
        for f in csvFiles(dir, s, under: "ngo/stays") {
            for r in try records(f).dropFirst() {
                byID[r[0]] = (r[1], day(r[3])!, r[4].isEmpty ? nil : day(r[4])!, r[0])
            }
        }
        XCTAssertEqual(byID.count, s.stays)
        let byPerson = Dictionary(grouping: byID.values, by: { $0.0 })
        for (p, xs) in byPerson {
            // SPEC C13: stays are taken in order of (admitted, stay_id).
            let sorted = xs.sorted { ($0.1, $0.3) < ($1.1, $1.3) }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                XCTAssertNotNil(a.2, "ongoing stay followed by another for \(p)")
                if let e = a.2 { XCTAssertLessThanOrEqual(e, b.1, "overlap for \(p)") }
            }
            for x in xs {
                XCTAssertLessThanOrEqual(x.1, Self.asOf)
                if let e = x.2 { XCTAssertLessThanOrEqual(e, Self.asOf); XCTAssertLessThanOrEqual(x.1, e) }
            }
        }
    }

    func testProviderIDsAndTeryts() throws {
        let (dir, s) = try gen("ids", corrupt: false)
        var n = 0
        for under in ["ngo/providers", "ngo/facilities", "ngo/contracts"] {
            for f in csvFiles(dir, s, under: under) {
                let rows = try records(f)
                let col = rows[0].firstIndex(of: "provider_id")!
                for r in rows.dropFirst() { XCTAssertNotNil(ProviderID(r[col]), "\(f.lastPathComponent): \(r[col])"); n += 1 }
                if let tc = rows[0].firstIndex(of: "teryt") {
                    for r in rows.dropFirst() { XCTAssertNotNil(Teryt(r[tc]), r[tc]) }
                }
            }
        }
        XCTAssertGreaterThan(n, 10)
        for f in csvFiles(dir, s, under: "mops") {
            let rows = try records(f)
            guard let tc = rows[0].firstIndex(of: "teryt") else { continue }
            for r in rows.dropFirst() { XCTAssertNotNil(Teryt(r[tc]), "\(f.lastPathComponent): \(r[tc])") }
        }
    }

    func testPESELCityUsesValidPESELs() throws {
        let (dir, s) = try gen("pesel")
        let f = csvFiles(dir, s, under: "mops/persons").first { $0.lastPathComponent.hasPrefix("2264011") }!
        let rows = try records(f).dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for r in rows { XCTAssertTrue(Self.validPESEL(r[0]), r[0]) }
    }

    /// A PESEL's check digit, computed here from its definition (weights 1 3 7 9 1 3 7 9 1 3 on the
    /// first ten digits; the check digit is (10 − sum mod 10) mod 10), not with miara's code.
    static func validPESEL(_ s: String) -> Bool {
        let d = s.utf8.map { Int($0) - 48 }
        guard d.count == 11, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        let sum = zip(d.prefix(10), [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]).reduce(0) { $0 + $1.0 * $1.1 }
        return (10 - sum % 10) % 10 == d[10]
    }

    func testCorruptListsEveryCheck() throws {
        let (dir, s) = try gen("corrupt", corrupt: true)
        let tsv = try String(contentsOf: dir.appendingPathComponent("expected-rejects.tsv"), encoding: .utf8)
        let lines = tsv.split(separator: "\n").dropFirst()
        XCTAssertEqual(lines.count, s.expectedRejects)
        let codes = Set(lines.map { String($0.split(separator: "\t")[2]) })
        // Every check of SPEC 2 (Checks) the generator can plant: C01–C21, W01 and W02 (listed here, not
        // taken from miara's enum, which may grow checks the generator does not plant).
        XCTAssertEqual(codes, Set((1...21).map { String(format: "C%02d", $0) } + ["W01", "W02"]))
        // Row-level entries point at the line where the record starts.
        for l in lines {
            let p = l.split(separator: "\t").map(String.init)
            guard let line = Int(p[1]), line > 0, p[0].hasSuffix(".csv") else { continue }
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(p[0])))
            let physical = bytes.split(separator: 10, omittingEmptySubsequences: false)
            XCTAssertGreaterThanOrEqual(physical.count, line, l.description)
        }
    }

    func testWindows1250Files() throws {
        let (dir, s) = try gen("cp1250")
        var found = 0
        for f in s.files where f.path.hasSuffix(".csv") {
            let b = [UInt8](try Data(contentsOf: dir.appendingPathComponent(f.path)))
            if String(validatingUTF8: b.map { CChar(bitPattern: $0) } + [0]) == nil {
                found += 1
                let t = Windows1250.decode(b)
                XCTAssertNotNil(t, f.path)
                XCTAssertTrue(t!.unicodeScalars.contains { "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".unicodeScalars.contains($0) }, f.path)
            }
        }
        XCTAssertGreaterThan(found, 0)
    }

    func testMixedFormats() throws {
        let (dir, s) = try gen("formats")
        var bom = false, crlf = false, semicolon = false, polishDate = false, quotedNewline = false
        for f in s.files where f.path.hasSuffix(".csv") {
            let b = [UInt8](try Data(contentsOf: dir.appendingPathComponent(f.path)))
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { bom = true }
            if b.contains(13) { crlf = true }
            let t = try text(dir.appendingPathComponent(f.path))
            if t.prefix(while: { $0 != "\n" && $0 != "\r\n" }).contains(";") { semicolon = true }
            if t.range(of: #"\d\d\.\d\d\.\d{4}"#, options: .regularExpression) != nil { polishDate = true }
            if t.contains("Uwagi zespołu:\nbrak") { quotedNewline = true }
        }
        XCTAssertTrue(bom && crlf && semicolon && polishDate && quotedNewline)
    }

    /// The built-in catalogues are the files of `Pipelines/` (compiled in by scripts/embed-catalogues):
    /// four questionnaire maps, one per survey group of SPEC 3, in group order, and the standard.
    func testBuiltInCataloguesAreThePipelinesFiles() throws {
        let fromDisk = try GeneratorCatalogues.load(standard: Self.pipelines.appendingPathComponent("standard.yaml").path,
                                                    surveys: Self.pipelines.appendingPathComponent("surveys").path)
        XCTAssertEqual(fromDisk.standard, Self.catalogues.standard)
        XCTAssertEqual(fromDisk.questionnaires, Self.catalogues.questionnaires)
        XCTAssertEqual(Self.catalogues.questionnaires.map(\.name), ["uzytkownicy", "mieszkancy", "profesjonalisci", "wspolpraca"])
        XCTAssertEqual(Self.catalogues.questionnaires.map(\.group), [.users, .residents, .professionals, .cooperation])
        let codes = Self.catalogues.standard.criteria.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count)
        XCTAssertTrue((24...28).contains(codes.count))
    }

    /// The generator writes what the catalogue files say, not a copy of its own: a criterion added
    /// to a standard file is audited, one removed is not, and a question renamed in a map heads its
    /// column of the survey export.
    func testTheInboxFollowsEditedCatalogueFiles() throws {
        let folder = tmp("edited-catalogues")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("surveys"), withIntermediateDirectories: true)
        var standard = try String(contentsOf: Self.pipelines.appendingPathComponent("standard.yaml"), encoding: .utf8)
        let h01 = try XCTUnwrap(standard.split(separator: "\n").first { $0.contains("code: H01,") })
        standard = standard.replacingOccurrences(of: h01 + "\n", with: "  - { code: X99, name: \"Kryterium dopisane\", weight: 1 }\n")
        try standard.write(to: folder.appendingPathComponent("standard.yaml"), atomically: true, encoding: .utf8)
        for name in ["mieszkancy", "profesjonalisci", "uzytkownicy", "wspolpraca"] {
            var map = try String(contentsOf: Self.pipelines.appendingPathComponent("surveys/\(name).yaml"), encoding: .utf8)
            map = map.replacingOccurrences(of: "\"Łatwo było mi uzyskać miejsce w placówce\"", with: "\"Czy łatwo było o miejsce?\"")
            try map.write(to: folder.appendingPathComponent("surveys/\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let edited = try GeneratorCatalogues.load(standard: folder.appendingPathComponent("standard.yaml").path,
                                                  surveys: folder.appendingPathComponent("surveys").path)
        let (dir, s) = try gen("edited", catalogues: edited)
        var audited = Set<String>()
        for f in csvFiles(dir, s, under: "ngo/audits") { for r in try records(f).dropFirst() { audited.insert(r[2].uppercased()) } }
        XCTAssertTrue(audited.contains("X99"))
        XCTAssertFalse(audited.contains("H01"))
        let export = try XCTUnwrap(csvFiles(dir, s, under: "surveys/uzytkownicy").first)
        XCTAssertEqual(try records(export).first?[2], "Czy łatwo było o miejsce?")
    }
}
