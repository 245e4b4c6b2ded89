import Foundation
@testable import MiaraStore
import MiaraTestSupport
import MiaraValues
import MiaraXLSX
import XCTest
import ZIPFoundation

/// Plants valid PESELs everywhere an input can hold one — every column of every dataset, free
/// text, header names, a file name, survey cells, XLSX number cells (one with its leading zero
/// lost) — runs every command through the built binary, and scans every byte miara wrote or
/// printed: the store (and its WAL), rejects.csv, the run folder's CSVs, every workbook member
/// decompressed, the manifest, stdout and stderr — and every number SQLite holds in any column
/// of any table (a PESEL stored as an integer has no digits among the file's bytes). Expected:
/// not one PESEL. Every command must end with the exit status it owes this fixture.
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

        let pipeline = try InboxFile.pipeline(in: dir, store: "state/miara.sqlite", extra: ["surveys: surveys"], pipelines: ReportHarness.pipelines)

        // Every command, through the binary.
        var console = ""
        func miara(_ args: [String]) throws -> Int32 {
            let r = try ReportHarness.miara(args, cwd: dir)
            console += r.out + r.err
            return r.status
        }
        let p = ["--pipeline", pipeline.path]
        // Rows with a PESEL where none belongs are rejected, far above max_reject_share: the first
        // read of those file versions exits 3 (SPEC 10); `run` reads no new version, so 0.
        XCTAssertEqual(try miara(["ingest"] + p), 3, console)
        XCTAssertEqual(try miara(["compute"] + p), 0, console)
        XCTAssertEqual(try miara(["report"] + p), 0, console)
        XCTAssertEqual(try miara(["run"] + p), 0, console)
        let stays = try FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent("ngo/stays").path)
        XCTAssertEqual(stays.count, 1)
        // validate: 3 when it finds problems (each of these files has rejected rows; without a key, C15).
        XCTAssertEqual(try miara(["validate", "--dataset", "ngo/stays"] + p + [inbox.appendingPathComponent("ngo/stays/\(stays[0])").path]), 3, console)
        XCTAssertEqual(try miara(["validate", "--dataset", "mops/persons"] + p + [xlsxPath.path]), 3, console)
        XCTAssertEqual(try miara(["validate", "--dataset", "ngo/stays", "--as-of", "2024-12-31",
                                  inbox.appendingPathComponent("ngo/stays/\(stays[0])").path]), 3, console) // no key: C15
        XCTAssertEqual(try miara(["explain", "E01", "--unit", "F1", "--period", "2024"] + p), 0, console)
        XCTAssertEqual(try miara(["explain", "S05", "--unit", "all", "--period", "2024"] + p), 0, console)
        XCTAssertEqual(try miara(["status"] + p), 0, console)
        let latest = dir.appendingPathComponent("out/latest")
        XCTAssertEqual(try miara(["verify", latest.path, "--pipeline", pipeline.path]), 0, console)
        XCTAssertTrue(console.contains("[PESEL]"), "the fixture should make miara mention a masked PESEL")

        // Scan every byte: the console, every file below state/ and out/ (XLSX members decompressed).
        var scanned: [(String, Data)] = [("console", Data(console.utf8))]
        for folder in ["state", "out"] {
            let root = dir.appendingPathComponent(folder)
            let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
            for case let url as URL in e {
                // The files with rows of the inbox are private to their owner whatever the umask; the
                // other outputs follow it (decisions.md 119).
                let holdsRows = url.lastPathComponent == "rejects.csv" || url.lastPathComponent.hasPrefix("miara.sqlite")
                if holdsRows, let mode = PrivateFiles.mode(url.path) { XCTAssertEqual(mode & 0o077, 0, "\(url.path) mode \(String(mode, radix: 8))") }
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let data = try Data(contentsOf: url)
                scanned.append((url.path, data))
                if url.pathExtension == "xlsx" {
                    let archive = try Archive(url: url, accessMode: .read)
                    for entry in archive {
                        var member = Data()
                        _ = try archive.extract(entry) { member.append($0) }
                        scanned.append(("\(url.path)!\(entry.path)", member))
                    }
                }
            }
        }
        // Exactly the files miara should have written: the store, and two published run folders
        // (`report`, then `run`), each with its CSVs, manifest and workbooks (run ids replaced by RUN1, RUN2).
        var runs: [String: String] = [:]
        let written = scanned.dropFirst().map { entry -> String in
            var rel = String(entry.0.dropFirst(dir.path.count + 1))
            let parts = rel.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count > 3, parts[0] == "out", parts[1] == "2024-12-31" {
                let run = runs[parts[2]] ?? "RUN\(runs.count + 1)"
                runs[parts[2]] = run
                rel = (["out", "2024-12-31", run] + parts[3...]).joined(separator: "/")
            }
            return rel
        }
        let run = ["benchmark.csv", "benchmark.xlsx", "coverage.csv", "gmina-2464011.xlsx", "manifest.json", "measures.csv",
                   "ministerstwo.xlsx", "plans.csv", "podmiot-fundacja-KRS-0000184388.xlsx", "rejects.csv", "warnings.csv"]
        let expected: Set<String> = Set(["state/miara.sqlite", "state/miara.sqlite.lock", "state/miara.sqlite.commit", "state/rejects.csv",
                                         "out/.miara.lock", "out/measures.csv", "out/benchmark.csv", "out/coverage.csv", "out/plans.csv"]
                                        + run.map { "out/2024-12-31/RUN1/" + $0 } + run.map { "out/2024-12-31/RUN2/" + $0 })
        // A command that only reads the store opens it read-only, and a read-only connection
        // cannot remove SQLite's WAL and its index when it closes (decisions.md 110): they may stay
        // beside the store, scanned like every other file.
        let walFiles: Set<String> = ["state/miara.sqlite-wal", "state/miara.sqlite-shm"]
        XCTAssertEqual(Set(written.filter { !$0.contains("!") }).subtracting(walFiles), expected)
        XCTAssertEqual(written.count, Set(written).count)
        // Every workbook was decompressed and its members scanned.
        for book in expected where book.hasSuffix(".xlsx") {
            for member in ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "docProps/core.xml"] {
                XCTAssertTrue(written.contains(book + "!" + member), book + "!" + member)
            }
        }

        // Numbers in the store: every integer or real of every column of every table, as its digits
        // (a PESEL whose leading zero was lost is the same number).
        let numbers = try storedNumbers(dir.appendingPathComponent("state/miara.sqlite"))
        XCTAssertGreaterThan(numbers.count, 100, "the store holds numbers: years, places, amounts")
        let peselNumbers = Set((planted + ["2070803628"]).compactMap { Int64($0) })
        let numeric = numbers.filter { peselNumbers.contains($0.value) }.map { "\($0.place) = \($0.value)" }
        XCTAssertEqual(numeric, [], "a PESEL stored as a number")

        var found: [String] = []
        let needles = planted + ["2070803628"]
        for (name, data) in scanned {
            for n in needles where data.range(of: Data(n.utf8)) != nil { found.append("\(name): \(n)") }
        }
        print("PESEL scan: \(planted.count) PESELs planted, \(scanned.count) outputs scanned, \(found.count) occurrences")
        XCTAssertEqual(found, [])
    }

    /// Every number SQLite holds in `path`: (table.column, value) for each integer, and each real
    /// that is a whole number, in any column of any table (read through SQLite, so the WAL counts).
    func storedNumbers(_ path: URL) throws -> [(place: String, value: Int64)] {
        let db = try SQLiteDatabase(path: path.path)
        var out: [(String, Int64)] = []
        for t in try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap({ $0[0].text }) {
            for c in try db.query("SELECT name FROM pragma_table_info(?)", [.text(t)]).compactMap({ $0[0].text }) {
                for v in try db.query("SELECT \"\(c)\" FROM \"\(t)\" WHERE typeof(\"\(c)\") IN ('integer', 'real')") {
                    switch v[0] {
                    case .integer(let i): out.append(("\(t).\(c)", i))
                    case .real(let r) where r == r.rounded() && abs(r) < 1e15: out.append(("\(t).\(c)", Int64(r)))
                    default: break
                    }
                }
            }
        }
        return out
    }

    /// The number scan finds a PESEL stored as an integer or a real, which a byte scan of the file
    /// cannot (SQLite writes numbers in binary).
    func testStoredNumberScanFindsAPESELStoredAsANumber() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-pesel-num-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite")
        let db = try SQLiteDatabase(path: path.path)
        try db.execute("CREATE TABLE t (a TEXT, b)")
        let pesel = Self.pesel(3)
        try db.execute("INSERT INTO t VALUES ('x', ?), ('y', ?), ('z', 'text')", [.integer(Int64(pesel)!), .real(2070803628)])
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        XCTAssertNil(try Data(contentsOf: path).range(of: Data(pesel.utf8)), "the digits are not among the bytes")
        let found = try storedNumbers(path).filter { $0.value == Int64(pesel)! || $0.value == 2070803628 }.map(\.place)
        XCTAssertEqual(found, ["t.b", "t.b"])
    }
}
