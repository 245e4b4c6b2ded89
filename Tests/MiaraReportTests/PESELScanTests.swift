import Foundation
import MiaraValues
import MiaraXLSX
import XCTest
import ZIPFoundation

/// Plants valid PESELs everywhere an input can hold one — every column of every dataset, free
/// text, header names, a file name, survey cells, XLSX number cells (one with its leading zero
/// lost) — runs every command through the built binary, and scans every byte miara wrote or
/// printed: the store (and its WAL), rejects.csv, the run folder's CSVs, every workbook member
/// decompressed, the manifest, stdout and stderr. Expected: not one PESEL.
final class PESELScanTests: XCTestCase {
    /// A valid PESEL from 10 digits, with the check digit computed here (not by miara's code).
    static func pesel(_ i: Int) -> String {
        let body = String(format: "%02d%02d%02d%04d", 50 + i % 40, 1 + i % 12, 1 + i % 28, 1000 + i)
        let w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(body.utf8, w).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return body + String((10 - sum % 10) % 10)
    }

    /// One valid row per dataset, in the dataset's column order.
    static let base: [String: [String]] = [
        "mops/municipalities": ["2464011", "Częstochowa", "2024", "214342", "częstochowski", "urban"],
        "ngo/providers": ["KRS:0000184388", "Fundacja", "foundation"],
        "mops/persons": ["person01", "m", "1970", "2464011", "2024-01-10", "2", "none", "N"],
        "ngo/facilities": ["F1", "KRS:0000184388", "2464011", "night_shelter", "20", "60", "2020-01-01", ""],
        "ngo/contracts": ["C1", "2464011", "KRS:0000184388", "F1", "night_shelter", "2024-01-01", "2024-12-31", "100000", "50", "2000"],
        "ngo/stays": ["S1", "person01", "F1", "2024-02-01", "2024-03-01", "rented"],
        "ngo/services": ["F1", "2024-02-10", "meal", "1", "person01"],
        "ngo/costs": ["C1", "2024-02", "staff", "5000", "municipal"],
        "ngo/audits": ["F1", "2024-05-01", "B01", "met", "ok"],
        "mops/benefits": ["person01", "2464011", "posilek", "2024-03-01", "", "100"],
        "mops/programmes": ["PR1", "person01", "ipwzb", "2024-01-15", "", "", "ongoing"],
        "mops/staff": ["2464011", "2024", "social_worker", "3"],
        "mops/plans": ["2464011", "S01", "1", "Umowa z TBS", "Dział", "2024-01-01", "2024-12-31", "2023", "0.3", "in_progress", "uwagi"],
    ]

    func testNoPESELReachesAnyByteMiaraWritesOrPrints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-pesel-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let inbox = dir.appendingPathComponent("inbox")
        var planted: [String] = []
        func next() -> String { let p = Self.pesel(planted.count); planted.append(p); return p }
        func write(_ rel: String, _ text: String) throws {
            let url = inbox.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        // Every column of every dataset, a header name, free text; the stays file named by a PESEL.
        for spec in Datasets.all {
            let row = Self.base[spec.name]!
            var lines = [(spec.columns.map(\.name) + ["uwagi \(next())"]).joined(separator: ",")]
            lines.append((row + [""]).joined(separator: ","))
            for c in spec.columns.indices {
                var r = row
                r[c] = next()
                lines.append((r + [""]).joined(separator: ","))
            }
            for c in spec.columns.indices where spec.columns[c].type == .freeText {
                var r = row
                r[c] = "tekst \(next()) w środku"
                lines.append((r + ["x\(next())y"]).joined(separator: ","))
            }
            let name = spec.name == "ngo/stays" ? "\(next()).csv" : "data.csv"
            try write("\(spec.name)/\(name)", lines.joined(separator: "\n") + "\n")
        }
        // A survey: PESELs as the unit, the date, an answer and a header name.
        let maps = dir.appendingPathComponent("surveys")
        try FileManager.default.createDirectory(at: maps, withIntermediateDirectories: true)
        try """
            name: ankieta
            group: users
            unit: { column: "Placówka", kind: facility }
            answers: { "tak": 5, "nie": 1 }
            items:
              - { column: "Pytanie", code: U01, dimension: staff }
            date_column: "Data"
            """.write(to: maps.appendingPathComponent("ankieta.yaml"), atomically: true, encoding: .utf8)
        try write("surveys/ankieta/a.csv", """
            Placówka,Data,Pytanie,Pytanie \(next())
            F1,2024-03-01,tak,
            \(next()),2024-03-01,tak,
            F1,\(next()),tak,
            F1,2024-03-01,\(next()),
            """ + "\n")
        // XLSX persons: a PESEL as an 11-digit number, one whose leading zero was lost (10 digits),
        // and as numbers in text and number columns.
        let zeroLost = "02070803628"
        planted.append(zeroLost)
        let eleven = next(), year = next()
        let xlsxPath = inbox.appendingPathComponent("mops/persons/extra.xlsx")
        let wb = try XLSXWorkbook(path: xlsxPath.path)
        let ws = try wb.addWorksheet("Arkusz1")
        for (c, h) in ["person_id", "sex", "birth_year", "teryt", "first_seen", "ethos"].enumerated() { ws.write(0, c, string: h) }
        let rows: [(Double, Double)] = [(2070803628, 1970), (Double(eleven)!, 1971), (123456, Double(year)!)]
        for (i, r) in rows.enumerated() {
            ws.write(i + 1, 0, number: r.0)
            ws.write(i + 1, 1, string: "f")
            ws.write(i + 1, 2, number: r.1)
            ws.write(i + 1, 3, string: "2464011")
            ws.write(i + 1, 4, string: "2024-01-10")
            ws.write(i + 1, 5, number: 2)
        }
        try wb.close()

        let key = dir.appendingPathComponent("key")
        try "test-key".write(to: key, atomically: true, encoding: .utf8)
        chmod(key.path, 0o600)
        let pipeline = dir.appendingPathComponent("p.yaml")
        try """
            inbox: inbox
            store: state/miara.sqlite
            outputs: out
            as_of: 2024-12-31
            periods: [2024]
            pseudonym_key_file: key
            surveys: surveys
            standard: \(ReportHarness.pipelines.appendingPathComponent("standard.yaml").path)
            measures: \(ReportHarness.pipelines.appendingPathComponent("measures.yaml").path)
            """.write(to: pipeline, atomically: true, encoding: .utf8)

        // Every command, through the binary.
        var console = ""
        func miara(_ args: [String]) throws -> Int32 {
            let r = try ReportHarness.miara(args, cwd: dir)
            console += r.out + r.err
            return r.status
        }
        let p = ["--pipeline", pipeline.path]
        XCTAssertNotEqual(try miara(["ingest"] + p), 2)
        XCTAssertEqual(try miara(["compute"] + p), 0, console)
        XCTAssertEqual(try miara(["report"] + p), 0, console)
        XCTAssertNotEqual(try miara(["run"] + p), 2, console)
        let stays = try FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent("ngo/stays").path)
        _ = try miara(["validate", "--dataset", "ngo/stays"] + p + [inbox.appendingPathComponent("ngo/stays/\(stays[0])").path])
        _ = try miara(["validate", "--dataset", "mops/persons"] + p + [xlsxPath.path])
        _ = try miara(["validate", "--dataset", "ngo/stays", "--as-of", "2024-12-31", inbox.appendingPathComponent("ngo/stays/\(stays[0])").path]) // no key: C15
        _ = try miara(["explain", "E01", "--unit", "F1", "--period", "2024"] + p)
        _ = try miara(["explain", "S05", "--unit", "all", "--period", "2024"] + p)
        _ = try miara(["status"] + p)
        let latest = dir.appendingPathComponent("out/latest")
        XCTAssertEqual(try miara(["verify", latest.path, "--pipeline", pipeline.path]), 0, console)
        XCTAssertTrue(console.contains("[PESEL]"), "the fixture should make miara mention a masked PESEL")

        // Scan every byte: the console, every file below state/ and out/ (XLSX members decompressed).
        var scanned: [(String, Data)] = [("console", Data(console.utf8))]
        for folder in ["state", "out"] {
            let root = dir.appendingPathComponent(folder)
            let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
            for case let url as URL in e {
                // Every file and folder miara made is private to its owner (0600 / 0700).
                if let mode = PrivateFiles.mode(url.path) { XCTAssertEqual(mode & 0o077, 0, "\(url.path) mode \(String(mode, radix: 8))") }
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let data = try Data(contentsOf: url)
                scanned.append((url.path, data))
                if url.pathExtension == "xlsx" {
                    let archive = try Archive(url: url, accessMode: .read)
                    for entry in archive {
                        var member = Data()
                        _ = try archive.extract(entry) { member.append($0) }
                        scanned.append(("\(url.lastPathComponent)!\(entry.path)", member))
                    }
                }
            }
        }
        XCTAssertGreaterThan(scanned.count, 10)
        XCTAssertTrue(scanned.contains { $0.0.hasSuffix("miara.sqlite") })
        var found: [String] = []
        let needles = planted + ["2070803628"]
        for (name, data) in scanned {
            for n in needles where data.range(of: Data(n.utf8)) != nil { found.append("\(name): \(n)") }
        }
        print("PESEL scan: \(planted.count) PESELs planted, \(scanned.count) outputs scanned, \(found.count) occurrences")
        XCTAssertEqual(found, [])
    }
}
