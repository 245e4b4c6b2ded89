import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import MiaraXLSX
import XCTest

/// One generated tiny inbox, ingested and computed once for all tests (about 2 s). Read-only
/// once built: tests read its store and its `written` workbooks and write only into folders of
/// their own (`write(_:name:)`, a temporary folder). Its folder is removed when the test process
/// exits, never by a test class, so no class depends on the order classes run in.
final class WorkbookFixture {
    // nonisolated(unsafe) proof: XCTest runs the test methods of this process one at a time, on one thread.
    nonisolated(unsafe) static var shared: Result<WorkbookFixture, Error> = Result {
        let fx = try WorkbookFixture()
        atexit {
            if case .success(let fx) = WorkbookFixture.shared { try? FileManager.default.removeItem(at: fx.dir) }
        }
        return fx
    }

    let dir: URL
    let store: Store
    var db: SQLiteDatabase { store.db }
    let compute: ComputeStage.Result
    let asOf = Day(iso: "2026-10-31")!
    static let hyperlink = #"=HYPERLINK("http://x","y")"#
    /// The provider whose name was replaced by `hyperlink`.
    let trickyProvider: String

    init(scale: String = "tiny") throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("miara-wb-\(scale)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try GenerateStage.run(scale: scale, seed: 7, out: dir.appendingPathComponent("inbox").path, asOf: asOf, corrupt: true)
        let key = dir.appendingPathComponent("key")
        _ = FileManager.default.createFile(atPath: key.path, contents: Data("0123456789abcdef0123456789abcdef\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Pipelines").path
        let yaml = """
            inbox: inbox
            store: miara.sqlite
            outputs: out
            as_of: 2026-10-31
            standard: \(pipelines)/standard.yaml
            surveys: \(pipelines)/surveys
            measures: \(pipelines)/measures.yaml
            pseudonym_key_file: key
            targets: { S05: { max: 120 }, S01: { min: 0.25 } }
            """
        let p = dir.appendingPathComponent("p.yaml")
        try yaml.write(to: p, atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: p.path)
        _ = try IngestStage().run(RunContext(config: config, runID: "test-run", command: "ingest", console: Printer(mode: .quiet)))
        store = try Store.open(config.store, .readWrite)
        // Text from inputs that looks like a formula must arrive as text.
        trickyProvider = try store.db.scalar("SELECT provider_id FROM providers ORDER BY provider_id LIMIT 1")!.text!
        try store.db.execute("UPDATE staged_providers SET name = ? WHERE provider_id = ?", [.text(Self.hyperlink), .text(trickyProvider)])
        compute = try ComputeStage(config: config).run(try RunContext(config: config, command: "compute", console: Printer(mode: .quiet), store: store))
    }

    func context(_ lang: Language) -> ReportContext {
        ReportContext(reader: db.reader, asOf: asOf, periods: compute.periods, measures: compute.measures, benchmark: compute.benchmark,
                      ownView: compute.ownView, catalogue: compute.catalogue, standard: compute.standard, language: lang,
                      author: "MOPS Test", minCell: 5, runID: "test-run", coverage: compute.coverage)
    }

    private var cache: [Language: (URL, [String])] = [:]

    /// Every workbook of `lang`, written once for the tests that only read them.
    func written(_ lang: Language) throws -> (URL, [String]) {
        if let c = cache[lang] { return c }
        let c = try write(lang, name: "shared-\(lang)")
        cache[lang] = c
        return c
    }

    /// Writes every workbook into a fresh folder.
    func write(_ lang: Language, name: String) throws -> (URL, [String]) {
        let out = dir.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: out)
        let files = try Workbooks.writeAll(context(lang), targets: [MeasureCode("S05"): Target(max: 120), MeasureCode("S01"): Target(min: 0.25)], to: out)
        return (out, files)
    }
}

/// A workbook read back with openpyxl (sheet names, every cell's type, value and format,
/// properties, charts, conditional formats).
struct ReadBack: Decodable {
    struct Cell: Decodable { let r: Int; let c: Int; let t: String; let v: String; let f: String; let i: Bool }
    struct Sheet: Decodable { let name: String; let cells: [Cell]; let charts: Int; let cf: Int; let freeze: String?; let filter: String? }
    let sheets: [Sheet]
    let title: String?
    let creator: String?
    let created: String?

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    static let script = #"""
import json, sys, datetime, openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None: continue
                v = c.value
                t = {'n': 'n', 's': 's', 'b': 'b', 'd': 'd', 'f': 'f'}.get(c.data_type, c.data_type)
                if isinstance(v, (datetime.datetime, datetime.date)): t = 'd'; v = v.strftime('%Y-%m-%d')
                cells.append({'r': c.row, 'c': c.column, 't': t, 'v': repr(v) if t == 'n' else str(v),
                              'f': c.number_format, 'i': bool(c.font and c.font.i)})
        sheets.append({'name': ws.title, 'cells': cells, 'charts': len(ws._charts),
                       'cf': sum(len(r.rules) for r in ws.conditional_formatting),
                       'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref})
    p = wb.properties
    out[path] = {'sheets': sheets, 'title': p.title, 'creator': p.creator,
                 'created': p.created.strftime('%Y-%m-%d') if p.created else None}
print(json.dumps(out))
"""#

    struct ReadBackFailure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    static func load(_ paths: [URL]) throws -> [String: ReadBack] {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { throw XCTSkip("no /usr/bin/python3") }
        let check = try Subprocess.run(URL(fileURLWithPath: python), ["-c", "import openpyxl"])
        if check.status != 0 { throw XCTSkip("python3-openpyxl is not installed") }
        let r = try Subprocess.run(URL(fileURLWithPath: python), ["-c", script] + paths.map(\.path))
        // openpyxl is present: failing to read a workbook miara wrote is the regression these
        // tests exist for, never a reason to skip.
        guard r.status == 0 else { throw ReadBackFailure(message: "openpyxl could not read the workbooks: " + r.err) }
        let data = r.outData
        let raw = try JSONDecoder().decode([String: ReadBack].self, from: data)
        var out: [String: ReadBack] = [:]
        for (k, v) in raw { out[URL(fileURLWithPath: k).lastPathComponent] = v }
        return out
    }
}

extension ReadBack.Sheet {
    func cell(_ r: Int, _ c: Int) -> ReadBack.Cell? { cells.first { $0.r == r && $0.c == c } }
    /// 1-based row → column → cell.
    var rows: [Int: [Int: ReadBack.Cell]] {
        var out: [Int: [Int: ReadBack.Cell]] = [:]
        for c in cells { out[c.r, default: [:]][c.c] = c }
        return out
    }
}

/// Reads the first sheet with the project's own reader (no external dependency).
func firstSheet(_ url: URL) throws -> [Int: [Int: XLSXCell]] {
    var out: [Int: [Int: XLSXCell]] = [:]
    try XLSXReader.readFirstSheet(at: url) { row, cells in
        for (c, v) in cells { out[row, default: [:]][c] = v }
    }
    return out
}

final class WorkbookTests: XCTestCase {
    var fx: WorkbookFixture!

    override func setUpWithError() throws {
        fx = try WorkbookFixture.shared.get()
    }

    func testFileNamesPolishAndEnglish() throws {
        let (_, pl) = try fx.written(.pl)
        let (_, en) = try fx.written(.en)
        let teryts = try fx.db.query("SELECT DISTINCT teryt FROM municipalities ORDER BY teryt").map { $0[0].text! }
        let providers = try fx.db.query("SELECT provider_id FROM providers ORDER BY provider_id").map { $0[0].text! }
        let names = Dictionary(uniqueKeysWithValues: try fx.db.query("SELECT provider_id, name FROM providers").map { ($0[0].text!, $0[1].text ?? "") })
        func providerFile(_ prefix: String, _ id: String) -> String {
            let slug = expectedSlug(names[id] ?? "")
            return prefix + (slug.isEmpty ? "" : slug + "-") + id.replacingOccurrences(of: ":", with: "-") + ".xlsx"
        }
        var expectPL = teryts.map { "gmina-\($0).xlsx" } + providers.map { providerFile("podmiot-", $0) }
        expectPL += ["ministerstwo.xlsx", "benchmark.xlsx"]
        var expectEN = teryts.map { "municipality-\($0).xlsx" } + providers.map { providerFile("provider-", $0) }
        expectEN += ["ministry.xlsx", "benchmark.xlsx"]
        // The formula-like name of the fixture's tricky provider becomes plain words.
        XCTAssertTrue(pl.contains("podmiot-hyperlink-http-x-y-\(fx.trickyProvider.replacingOccurrences(of: ":", with: "-")).xlsx"), "\(pl)")
        XCTAssertEqual(pl, expectPL.sorted())
        XCTAssertEqual(en, expectEN.sorted())
        XCTAssertEqual(pl, pl.sorted())
    }

    func testTwoWritesAreByteIdentical() throws {
        let (a, files) = try fx.write(.pl, name: "same-a")
        let (b, _) = try fx.write(.pl, name: "same-b")
        for f in files {
            let x = try Data(contentsOf: a.appendingPathComponent(f)), y = try Data(contentsOf: b.appendingPathComponent(f))
            XCTAssertEqual(x, y, "\(f) differs between two writes")
        }
    }

    /// The ministry submission, read with MiaraXLSX.XLSXReader: header row 1 = teryt, nazwa,
    /// codes in catalogue order; one row per municipality sorted by teryt; each value equals the
    /// published measures.csv value for the year; suppressed = empty.
    func testMinistryLayoutAndDisclosure() throws {
        for lang in Language.allCases {
            let (dir, _) = try fx.written(lang)
            let sheet = try firstSheet(dir.appendingPathComponent(lang == .pl ? "ministerstwo.xlsx" : "ministry.xlsx"))
            let codes = fx.compute.catalogue.definitions.map(\.code.raw)
            let header = (0..<(3 + codes.count)).map { c -> String in if case .text(let s)? = sheet[1]?[c] { return s }; return "?" }
            XCTAssertEqual(header, ["teryt", "nazwa"] + codes + ["status"], "positions of teryt, nazwa and the codes never move; status comes last")
            let teryts = try fx.db.query("SELECT DISTINCT teryt FROM municipalities ORDER BY teryt").map { $0[0].text! }
            XCTAssertEqual((0..<teryts.count).map { i -> String in if case .text(let s)? = sheet[2 + i]?[0] { return s }; return "?" }, teryts)
            let year = Period("2026")!
            var checkedValues = 0, checkedSuppressed = 0
            for (i, t) in teryts.enumerated() {
                for (j, code) in codes.enumerated() {
                    let published = fx.compute.measures.first {
                        $0.measure.raw == code && $0.period == year && $0.grain == .municipality && $0.unitID == t
                            && $0.facilityType.isEmpty && $0.dimension.isEmpty
                    }
                    let cell = sheet[2 + i]?[2 + j]
                    if let v = published?.value {
                        guard case .number(let x, isDate: false)? = cell else { XCTFail("\(t) \(code): expected a number, got \(String(describing: cell))"); continue }
                        XCTAssertEqual(x, v, accuracy: 1e-9 * max(1, abs(v)))
                        checkedValues += 1
                    } else {
                        XCTAssertNil(cell, "\(t) \(code) should be empty")
                        if published?.flags.contains(.suppressed) == true { checkedSuppressed += 1 }
                    }
                }
            }
            XCTAssertGreaterThan(checkedValues, 20)
            XCTAssertGreaterThan(checkedSuppressed, 0, "the fixture should have suppressed municipal values")
        }
    }

    func testSheetNamesPropertiesAndFormats() throws {
        let (dir, files) = try fx.written(.pl)
        let (dirEN, _) = try fx.written(.en)
        let teryt = try fx.db.scalar("SELECT min(teryt) FROM municipalities")!.text!
        let gmina = "gmina-\(teryt).xlsx"
        let provider = files.first { $0.hasPrefix("podmiot-") }!
        let wbs = try ReadBack.load([dir.appendingPathComponent(gmina), dir.appendingPathComponent(provider),
                                     dir.appendingPathComponent("benchmark.xlsx"), dir.appendingPathComponent("ministerstwo.xlsx"),
                                     dirEN.appendingPathComponent("municipality-\(teryt).xlsx"), dirEN.appendingPathComponent("ministry.xlsx")])
        XCTAssertEqual(wbs[gmina]?.sheets.map(\.name),
                       ["Podsumowanie", "Ekonomiczne", "Społeczne", "Jakość", "Porównanie", "Dane wykresów", "Plan doskonalenia",
                        "Kompletność", "Jakość danych", "Źródła", "Definicje"])
        XCTAssertEqual(wbs["municipality-\(teryt).xlsx"]?.sheets.map(\.name),
                       ["Summary", "Economic", "Social", "Quality", "Benchmark", "Chart data", "Improvement plan", "Coverage", "Data quality",
                        "Sources", "Definitions"])
        XCTAssertEqual(wbs[provider]?.sheets.map(\.name), ["Podmiot", "Umowy", "Placówki", "Wskaźniki", "Audyty", "Definicje"])
        XCTAssertEqual(wbs["benchmark.xlsx"]?.sheets.map(\.name), ["Zestawienie gmin", "Kwartyle", "Plany doskonalenia", "Wykresy", "Dane wykresów", "Definicje"])
        // The ministry's layout does not change with the language.
        XCTAssertEqual(wbs["ministerstwo.xlsx"]?.sheets.map(\.name), ["Zestawienie", "Słownik", "Metryczka"])
        XCTAssertEqual(wbs["ministry.xlsx"]?.sheets.map(\.name), ["Zestawienie", "Słownik", "Metryczka"])

        for (name, wb) in wbs {
            XCTAssertEqual(wb.creator, "MOPS Test", name)
            XCTAssertEqual(wb.created, "2026-10-31", name)
            XCTAssertNotNil(wb.title, name)
        }
        let g = wbs[gmina]!
        // Frozen headers and autofilters on the data sheets (header on row 6 under the legend).
        XCTAssertEqual(g.sheet("Ekonomiczne")?.freeze, "A7")
        XCTAssertNotNil(g.sheet("Ekonomiczne")?.filter)
        XCTAssertEqual(g.sheet("Podsumowanie")?.freeze, "A5")
        XCTAssertEqual(g.sheet("Podsumowanie")?.cf, 3, "traffic lights: three cell-value rules, no formula")
        // Number formats by unit (the unit column is in words now); values are numbers.
        let econ = g.sheet("Ekonomiczne")!.rows
        var sawPLN = false, sawShare = false
        for (r, row) in econ where r > 6 {
            guard let unit = row[7]?.v else { continue }
            for c in 8..<(8 + fx.compute.periods.count) {
                guard let value = row[c] else { continue }
                XCTAssertEqual(value.t, "n")
                if unit == "zł" { XCTAssertEqual(value.f, #"#,##0.00 "zł""#); sawPLN = true }
                if unit == "odsetek" { XCTAssertEqual(value.f, "0.0%"); sawShare = true }
            }
        }
        XCTAssertTrue(sawPLN && sawShare)
        let sources = g.sheet("Źródła")!.rows
        XCTAssertEqual(sources[2]?[6]?.v.count, 64, "SHA-256")
        XCTAssertEqual(sources[1]?.count, 10, "no ingestion time: a workbook does not depend on the clock")
        // Definitions list the catalogue.
        XCTAssertEqual(g.sheet("Definicje")!.rows.count - 1, fx.compute.catalogue.definitions.count)
        // Charts: one per headline measure that has benchmark rows (S05 is not benchmarked).
        XCTAssertGreaterThanOrEqual(wbs["benchmark.xlsx"]!.sheet("Wykresy")!.charts, 5)
    }

    /// The municipality's own workbook shows values suppressed for others, in italics; the
    /// benchmark workbook leaves them empty.
    func testSuppressedValuesOwnVersusShared() throws {
        guard let s = fx.compute.ownView.first(where: {
            $0.grain == .municipality && $0.flags.contains(.suppressed) && $0.value != nil && $0.dimension.isEmpty
        }) else {
            return XCTFail("no suppressed municipal value in the fixture")
        }
        let (dir, _) = try fx.written(.pl)
        let gmina = "gmina-\(s.unitID).xlsx"
        let split: String? = s.facilityType.isEmpty
            ? (fx.compute.catalogue.definition(s.measure)?.split == .dimension ? "ogółem" : nil) : Labels_facilityTypePL(s.facilityType)
        let wbs = try ReadBack.load([dir.appendingPathComponent(gmina), dir.appendingPathComponent("benchmark.xlsx")])
        let sheetName = s.measure.raw.hasPrefix("E") ? "Ekonomiczne" : s.measure.raw.hasPrefix("S") ? "Społeczne" : "Jakość"
        let rows = wbs[gmina]!.sheet(sheetName)!.rows
        let column = try XCTUnwrap(rows[6]?.first { $0.value.v.hasPrefix(s.period.text + " ") || $0.value.v == s.period.text }?.key)
        let match = rows.first { r, row in r > 6 && row[1]?.v == s.measure.raw && row[4]?.v == s.unitID && row[6]?.v == split }?.value
        XCTAssertNotNil(match?[column], "the own workbook shows the suppressed value")
        XCTAssertEqual(match?[column]?.i, true, "in italics")
        let shown = try XCTUnwrap(Double(try XCTUnwrap(match?[column]?.v, "the suppressed cell is absent")), "the suppressed cell is not a number")
        let value = try XCTUnwrap(s.value)
        XCTAssertEqual(shown, value, accuracy: 1e-9 * max(1, abs(value)), "the own workbook shows the suppressed value itself")
        XCTAssertTrue(match?.values.contains { $0.v.contains("utajnione") && $0.v.contains(s.period.text) } ?? false, "named in the notes")

        // In the benchmark workbook every published-suppressed value is an empty cell.
        let cmp = wbs["benchmark.xlsx"]!.sheet("Zestawienie gmin")!.rows
        var suppressedSeen = 0
        for b in fx.compute.benchmark where b.flags.contains(.suppressed) {
            let row = cmp.values.first { $0[1]?.v == b.measure.raw && $0[3]?.v == b.period.text && $0[4]?.v == b.teryt }
            XCTAssertNotNil(row)
            XCTAssertNil(row?[6], "suppressed \(b.measure) \(b.period) \(b.teryt) must be empty")
            suppressedSeen += 1
        }
        XCTAssertGreaterThan(suppressedSeen, 0)
        XCTAssertEqual(cmp.count - 1, fx.compute.benchmark.count)
    }

    /// Every municipal row of the own view appears on the municipality's sheets, one line per
    /// measure × split, its value under its period's column.
    func testMunicipalSheetsMatchMeasuresRows() throws {
        let teryt = try fx.db.scalar("SELECT max(teryt) FROM municipalities")!.text!
        let (dir, _) = try fx.written(.en)
        let name = "municipality-\(teryt).xlsx"
        let wb = try ReadBack.load([dir.appendingPathComponent(name)])[name]!
        var cells: [String: ReadBack.Cell?] = [:]
        var lines: [String: Int] = [:]
        for sheet in ["Economic", "Social", "Quality"] {
            let rows = wb.sheet(sheet)!.rows
            var periodColumn: [Int: String] = [:]
            for (c, h) in rows[6] ?? [:] { if let p = Period(String(h.v.prefix { $0 != " " })), c >= 8 { periodColumn[c] = p.text } }
            XCTAssertEqual(Set(periodColumn.values), Set(fx.compute.periods.map(\.text)), "\(sheet): one column per period")
            for (r, row) in rows where r > 6 {
                let line = [row[1]?.v, row[4]?.v, row[6]?.v ?? ""].map { $0 ?? "" }.joined(separator: "|")
                lines[line, default: 0] += 1
                for (c, p) in periodColumn { cells[line + "|" + p] = row[c] }
            }
        }
        XCTAssertTrue(lines.values.allSatisfy { $0 == 1 }, "one line per measure × unit × split")
        var checked = 0
        for m in fx.compute.ownView where m.grain == .municipality && m.unitID == teryt {
            let d = fx.compute.catalogue.definition(m.measure)
            let split = !m.facilityType.isEmpty ? Labels_facilityTypeEN(m.facilityType)
                : !m.dimension.isEmpty ? m.dimension : (d?.split == .dimension ? "overall" : "")
            let key = [m.measure.raw, m.unitID, split, m.period.text].joined(separator: "|")
            guard let cell = cells[key] else { XCTFail("missing row \(key)"); continue }
            if let v = m.value {
                XCTAssertEqual(cell?.t, "n", key)
                XCTAssertEqual(Double(cell?.v ?? "") ?? .nan, v, accuracy: 1e-9 * max(1, abs(v)), key)
                checked += 1
            } else {
                XCTAssertTrue(cell == nil || cell?.v == nil || cell?.t != "n", key)
            }
        }
        XCTAssertGreaterThan(checked, 50)
        // Quality: survey rows carry n, sd and the 95 % interval of the headline year.
        let quality = wb.sheet("Quality")!.rows
        let header = quality[6] ?? [:]
        let lo = try XCTUnwrap(header.first { $0.value.v.hasPrefix("95% interval: low") }?.key)
        let hi = try XCTUnwrap(header.first { $0.value.v.hasPrefix("95% interval: high") }?.key)
        let year = try XCTUnwrap(header.first { $0.value.v.hasPrefix("2026 ") || $0.value.v == "2026" }?.key)
        var intervals = 0, wide = 0
        for r in quality.keys.sorted() where r > 6 {
            guard let q = quality[r], q[1]?.v == "Q01", let v = Double(q[year]?.v ?? ""),
                  let l = Double(q[lo]?.v ?? ""), let h = Double(q[hi]?.v ?? "") else { continue }
            XCTAssertLessThanOrEqual(l, v, "row \(r)"); XCTAssertGreaterThanOrEqual(h, v, "row \(r)")
            intervals += 1
            if l < v && v < h { wide += 1 }
        }
        XCTAssertGreaterThan(intervals, 0, "Q01 rows with the 95% interval")
        XCTAssertGreaterThan(wide, 0)
    }

    /// `=HYPERLINK(...)` in an input (a provider's name) arrives as text, never as a formula.
    func testFormulaLikeInputIsText() throws {
        let (dir, _) = try fx.written(.pl)
        let file = "podmiot-hyperlink-http-x-y-\(fx.trickyProvider.replacingOccurrences(of: ":", with: "-")).xlsx"
        let sheet = try firstSheet(dir.appendingPathComponent(file))
        let texts = sheet.values.flatMap { $0.values }.compactMap { c -> String? in if case .text(let s) = c { return s }; return nil }
        XCTAssertTrue(texts.contains { $0.contains(WorkbookFixture.hyperlink) }, "the name arrives as text")
        // And no cell of any workbook is a formula (openpyxl reports formulas as type "f").
        let wbs = try ReadBack.load([dir.appendingPathComponent(file)])
        for s in wbs[file]!.sheets { XCTAssertFalse(s.cells.contains { $0.t == "f" }, s.name) }
    }

    /// Data quality: each listed file with rows read = accepted + rejected as the store has them,
    /// and the reasons of its rejects.
    func testDataQualitySheet() throws {
        let (dir, _) = try fx.written(.en)
        let teryt = try fx.db.scalar("SELECT min(teryt) FROM municipalities")!.text!
        let name = "municipality-\(teryt).xlsx"
        let s = try ReadBack.load([dir.appendingPathComponent(name)])[name]!.sheet("Data quality")!
        let texts = Set(s.cells.map(\.v))
        for h in ["Files: rows read, accepted, rejected", "Completeness and validity (by dataset and column)",
                  "Timeliness: days from the event to the file's ingestion", "0 days", "11+ days", "Error share"] {
            XCTAssertTrue(texts.contains(h), h)
        }
        var store: [String: (Int, Int, Int)] = [:]
        for f in try fx.db.query("SELECT path, rows_read, rows_accepted, rows_rejected FROM files") {
            store[f[0].text!] = (f[1].int!, f[2].int!, f[3].int!)
        }
        let rows = s.rows
        var listed: [String] = []
        var r = 3
        while let path = rows[r]?[1]?.v {
            let f = try XCTUnwrap(store[path], path)
            XCTAssertEqual(Double(rows[r]?[3]?.v ?? ""), Double(f.0), path)
            XCTAssertEqual(Double(rows[r]?[4]?.v ?? ""), Double(f.1), path)
            XCTAssertEqual(Double(rows[r]?[5]?.v ?? ""), Double(f.2), path)
            listed.append(path)
            r += 1
        }
        XCTAssertGreaterThan(listed.count, 5)
        let reasonTotal = try fx.db.query("SELECT file, check_code, count(*) FROM rejects GROUP BY file, check_code")
        var reasonsOfListed = 0
        for x in reasonTotal where listed.contains(x[0].text!) {
            XCTAssertTrue(rows.values.contains { $0[1]?.v == x[0].text && $0[2]?.v == x[1].text && Double($0[4]?.v ?? "") == Double(x[2].int!) },
                          "reason row \(x)")
            reasonsOfListed += 1
        }
        XCTAssertGreaterThan(reasonsOfListed, 0)
    }

    func testEveryLabelHasBothLanguages() {
        for k in Label.allCases {
            XCTAssertNotNil(Label.table[k], k.rawValue)
            XCTAssertFalse(Label.table[k]?.pl.isEmpty ?? true, k.rawValue)
            XCTAssertFalse(Label.table[k]?.en.isEmpty ?? true, k.rawValue)
        }
    }

}

/// `Workbooks.writeMeasuresSheet` (the Swift side of Benchmarks/xlsx-baseline, `miara
/// bench-xlsx`) on its 1000 synthetic rows, read back: the header and three rows cell by cell,
/// worked out by hand from the row generator's rule (`benchmarkRows`, mirrored by baseline.c).
final class WorkbookMeasuresSheetTests: XCTestCase {
    func testMeasuresSheetHoldsTheGeneratedRowsCellByCell() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-measures-sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.xlsx")
        try Workbooks.writeMeasuresSheet(Workbooks.benchmarkRows(count: 1000), path: path.path)
        let sheet = try firstSheet(path)   // rows numbered from 1
        XCTAssertEqual(sheet.count, 1001, "a header and 1000 rows")
        func row(_ r: Int) -> [String] {
            (0..<12).map { c -> String in
                switch sheet[r]?[c] {
                case .text(let s)?: return s
                case .number(let x, _)?: return String(x)
                default: return ""
                }
            }
        }
        XCTAssertEqual(row(1), ["measure", "period", "grain", "unit_id", "facility_type", "dimension", "value", "numerator",
                                "denominator", "n", "unit", "flags"])
        // i = 0: E01, 2026, facility, unit 2400000; i % 13 == 0 shelter, i % 17 == 0 staff; i % 11 == 0 no value
        // and no denominator; numerator 0 × 3.5; n 0; unit PLN; i % 5 == 0 and no value: both flags (in the flags' order: provisional first).
        XCTAssertEqual(row(2), ["E01", "2026", "facility", "2400000", "shelter", "staff", "", "0.0", "", "0.0", "PLN",
                                "provisional;no_denominator"])
        // i = 1: E02; value 1 × 1.25 + 0.5; numerator 3.5; denominator 1 % 97 + 1; n 1; share; no flags.
        XCTAssertEqual(row(3), ["E02", "2026", "facility", "2400000", "", "", "1.75", "3.5", "2.0", "1.0", "share", ""])
        // i = 999: code 999 % 28 = 19 → Q03; period (999 / 28) % 7 = 0 → 2026; grain (999 / 196) % 4 = 1 → provider;
        // unit 2400000 + 999 / 784; value 999 × 1.25 + 0.5; numerator 3496.5; denominator 999 % 97 + 1 = 30;
        // n 999 % 50 = 49; unit 999 % 7 = 5 → per 10k; 999 % 5 = 4: no flags.
        XCTAssertEqual(row(1001), ["Q03", "2026", "provider", "2400001", "", "", "1249.25", "3496.5", "30.0", "49.0", "per 10k", ""])
    }
}

/// The file-name slug of a provider's name, written out independently of the tool: Polish
/// letters lose their marks, runs of anything but ASCII letters and digits become one `-`,
/// lower case, at most 40 characters, no `-` at either end.
func expectedSlug(_ name: String) -> String {
    let map: [Character: Character] = ["ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z"]
    let letters: [Character] = name.lowercased().map { map[$0] ?? $0 }
    let words: [String] = letters.split(whereSeparator: { (c: Character) -> Bool in !(c.isASCII && (c.isLetter || c.isNumber)) })
        .map { String($0) }
    var out = words.joined(separator: "-")
    if out.count > 40 { out = String(out.prefix(40)) }
    while out.hasSuffix("-") { out.removeLast() }
    return out
}

/// Polish facility-type names as the workbooks write them.
func Labels_facilityTypePL(_ t: String) -> String {
    ["warming_centre": "ogrzewalnia", "night_shelter": "noclegownia", "shelter": "schronisko",
     "shelter_care": "schronisko z usługami opiekuńczymi", "training_flat": "mieszkanie treningowe",
     "supported_flat": "mieszkanie wspierane", "soup_kitchen": "jadłodajnia"][t] ?? t
}

/// English facility-type names as the workbooks write them.
func Labels_facilityTypeEN(_ t: String) -> String {
    ["warming_centre": "warming centre", "night_shelter": "night shelter", "shelter": "shelter",
     "shelter_care": "shelter with care services", "training_flat": "training flat", "supported_flat": "supported flat",
     "soup_kitchen": "soup kitchen"][t] ?? t
}

/// Workbooks written by several threads are the bytes one thread writes.
final class ParallelWorkbookTests: XCTestCase {
    func testTwoWorkersWriteTheSameBytesAsOne() throws {
        let fixture = try WorkbookFixture.shared.get()
        for lang in [Language.pl, .en] {
            let base = fixture.dir.appendingPathComponent("parallel-\(lang.rawValue)")
            try? FileManager.default.removeItem(at: base)
            var written: [[String: Data]] = []
            for workers in [1, 2] {
                let dir = base.appendingPathComponent("w\(workers)")
                let names = try Workbooks.writeAll(fixture.context(lang), targets: [:], to: dir, workers: workers)
                XCTAssertEqual(names, try RunFolder.files(in: dir))
                var files: [String: Data] = [:]
                for n in names { files[n] = try Data(contentsOf: dir.appendingPathComponent(n)) }
                written.append(files)
            }
            XCTAssertGreaterThan(written[0].count, 3)
            XCTAssertEqual(written[0].keys.sorted(), written[1].keys.sorted())
            for (name, data) in written[0] { XCTAssertEqual(data, written[1][name], "\(lang) \(name)") }
        }
    }
}
