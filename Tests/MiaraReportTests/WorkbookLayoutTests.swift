import Foundation
import MiaraMeasures
import MiaraReport
@testable import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraStore

/// What openpyxl (and the chart XML) say about a workbook's page setup, hidden columns and charts.
struct LayoutReadBack: Decodable {
    struct Sheet: Decodable {
        let name: String
        let state: String
        let orientation: String?
        let paper: Int?
        let fitWidth: Int?
        let fitHeight: Int?
        let fitToPage: Bool
        let titleRows: String?
        let footer: String
        let hiddenCols: [String]
        let maxCol: Int
    }
    struct Series: Decodable {
        let fill: String?
        let points: [String: String]
        let categories: [String]
        let labels: Bool
    }
    struct Chart: Decodable {
        let kind: String        // bar (horizontal), col, line
        let series: [Series]
        let plotVisibleOnly: Bool
        let title: String
    }
    let sheets: [Sheet]
    let charts: [Chart]

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    static let script = #"""
import json, re, sys, zipfile, openpyxl
from openpyxl.utils import get_column_letter, column_index_from_string
out = {}
def text_of(hf):
    return ''.join((getattr(hf, p).text or '') for p in ('left', 'center', 'right'))
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        sheets.append({'name': ws.title, 'state': ws.sheet_state, 'orientation': ps.orientation, 'paper': ps.paperSize,
                       # absent attributes take the file format's default, 1
                       'fitWidth': 1 if ps.fitToWidth is None else ps.fitToWidth,
                       'fitHeight': 1 if ps.fitToHeight is None else ps.fitToHeight,
                       'fitToPage': bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                       'titleRows': ws.print_title_rows, 'footer': text_of(ws.oddFooter),
                       'hiddenCols': sorted(get_column_letter(i) for k, d in ws.column_dimensions.items() if d.hidden
                                            for i in range(d.min or column_index_from_string(k), (d.max or column_index_from_string(k)) + 1)),
                       'maxCol': ws.max_column})
    charts = []
    z = zipfile.ZipFile(path)
    for name in sorted(n for n in z.namelist() if re.match(r'xl/charts/chart\d+\.xml$', n)):
        x = z.read(name).decode('utf-8')
        kind = 'line' if '<c:lineChart>' in x else re.search(r'<c:barDir val="(\w+)"', x).group(1)
        series = []
        for s in re.findall(r'<c:ser>(.*?)</c:ser>', x, re.S):
            sp = re.search(r'</c:tx><c:spPr>.*?<a:srgbClr val="(\w+)"', s, re.S) or re.search(r'<c:order val="\d+"/>(?:<c:tx>.*?</c:tx>)?<c:spPr>.*?<a:srgbClr val="(\w+)"', s, re.S)
            points = {i: c for i, c in re.findall(r'<c:dPt><c:idx val="(\d+)"/>.*?<a:srgbClr val="(\w+)"', s, re.S)}
            cats = []
            m = re.search(r'<c:cat>.*?<c:f>(.*?)</c:f>', s, re.S)
            if m:
                ref = m.group(1).replace('&apos;', "'")
                sheet, rng = ref.rsplit('!', 1)
                sheet = sheet.strip("'").replace("''", "'")
                rows = wb[sheet][rng.replace('$', '')]
                if not isinstance(rows, tuple): rows = ((rows,),)    # a one-cell range is a Cell
                for row in rows:
                    for c in row: cats.append('' if c.value is None else str(c.value))
            series.append({'fill': sp.group(1) if sp else None, 'points': points, 'categories': cats,
                           'labels': '<c:dLbls>' in s and '<c:showVal val="1"/>' in s})
        title = ''.join(re.findall(r'<a:t>(.*?)</a:t>', x.split('<c:plotArea>')[0]))
        charts.append({'kind': kind, 'series': series, 'plotVisibleOnly': '<c:plotVisOnly val="1"/>' in x, 'title': title})
    out[path] = {'sheets': sheets, 'charts': charts}
print(json.dumps(out))
"""#

    static func load(_ paths: [URL]) throws -> [String: LayoutReadBack] {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { throw XCTSkip("no /usr/bin/python3") }
        let r = try Subprocess.run(URL(fileURLWithPath: python), ["-c", script] + paths.map(\.path))
        if r.err.contains("No module named 'openpyxl'") { throw XCTSkip("python3-openpyxl is not installed") }
        guard r.status == 0 else { throw ReadBack.ReadBackFailure(message: "openpyxl could not read the workbooks: " + r.err) }
        let data = r.outData
        let raw = try JSONDecoder().decode([String: LayoutReadBack].self, from: data)
        var out: [String: LayoutReadBack] = [:]
        for (k, v) in raw { out[URL(fileURLWithPath: k).lastPathComponent] = v }
        return out
    }
}

final class WorkbookLayoutTests: XCTestCase {
    var fx: WorkbookFixture!
    override func setUpWithError() throws { fx = try WorkbookFixture.shared.get() }

    private func load(_ lang: Language, _ pick: ([String]) -> [String]) throws -> ([String: LayoutReadBack], [String]) {
        let (dir, files) = try fx.written(lang)
        let chosen = pick(files)
        return (try LayoutReadBack.load(chosen.map { dir.appendingPathComponent($0) }), chosen)
    }

    /// Every visible sheet of every kind of workbook: A4, fit to one page wide, a footer with
    /// the unit, the period, the as-of date and "Strona &P z &N"; table sheets repeat their
    /// header row; the Summary and the scorecard fit on one page, the Summary landscape.
    func testEverySheetIsSetUpForPrinting() throws {
        let (wbs, files) = try load(.pl) { fs in
            [fs.first { $0.hasPrefix("gmina-") }!, fs.first { $0.hasPrefix("podmiot-") }!, "ministerstwo.xlsx", "benchmark.xlsx"]
        }
        XCTAssertEqual(wbs.count, 4)
        for f in files {
            let wb = try XCTUnwrap(wbs[f], f)
            for s in wb.sheets where s.state == "visible" {
                XCTAssertEqual(s.paper, 9, "\(f) \(s.name): A4")
                XCTAssertEqual(s.fitWidth, 1, "\(f) \(s.name): one page wide")
                XCTAssertTrue(s.fitToPage, "\(f) \(s.name)")
                XCTAssertNotNil(s.orientation, "\(f) \(s.name)")
                XCTAssertTrue(s.footer.contains("Strona &P z &N"), "\(f) \(s.name): \(s.footer)")
                XCTAssertTrue(s.footer.contains("Stan na dzień 2026-10-31"), "\(f) \(s.name): \(s.footer)")
                XCTAssertTrue(s.footer.contains("Okres 2026"), "\(f) \(s.name): \(s.footer)")
            }
        }
        let gmina = wbs[files[0]]!
        let summary = try XCTUnwrap(gmina.sheet("Podsumowanie"))
        XCTAssertEqual(summary.orientation, "landscape")
        XCTAssertEqual(summary.fitHeight, 1, "the Summary prints on one page")
        let teryt = String(files[0].dropFirst("gmina-".count).prefix(7))
        XCTAssertTrue(summary.footer.contains(teryt), summary.footer)
        for name in ["Ekonomiczne", "Społeczne", "Jakość"] { XCTAssertEqual(gmina.sheet(name)?.titleRows, "$6:$6", name) }
        for name in ["Porównanie", "Kompletność", "Jakość danych", "Źródła", "Definicje"] { XCTAssertNotNil(gmina.sheet(name)?.titleRows, name) }
        XCTAssertEqual(gmina.sheet("Dane wykresów")?.state, "hidden")
        XCTAssertEqual(wbs[files[1]]!.sheets.first?.fitHeight, 1, "the scorecard prints on one page")
        XCTAssertEqual(wbs["ministerstwo.xlsx"]!.sheet("Zestawienie")?.titleRows, "$1:$1")
        XCTAssertEqual(wbs["benchmark.xlsx"]!.sheet("Zestawienie gmin")?.titleRows, "$1:$1")
    }

    /// Summary: previous period, change, position "n z m"; the trend charts' numbers only in
    /// hidden columns; the coverage line; one sentence each for provisional, suppressed, incomplete.
    func testSummaryReadsAtAGlance() throws {
        let (dir, files) = try fx.written(.pl)
        let gmina = files.first { $0.hasPrefix("gmina-") }!
        let cells = try ReadBack.load([dir.appendingPathComponent(gmina)])[gmina]!.sheet("Podsumowanie")!
        let layout = try LayoutReadBack.load([dir.appendingPathComponent(gmina)])[gmina]!.sheet("Podsumowanie")!
        let rows = cells.rows
        let header = (rows[4] ?? [:]).sorted { $0.key < $1.key }.map(\.value.v)
        XCTAssertEqual(Array(header.prefix(14)), ["Kod", "Wskaźnik", "Typ placówki / Wymiar", "Wartość", "Poprzedni okres", "Zmiana",
                                                  "Średnia grupy", "Mediana", "Pozycja", "Norma", "Cel", "Ocena", "Jednostka miary", "Oznaczenia"])
        let positions = rows.values.compactMap { $0[9]?.v }.filter { $0 != "Pozycja" }
        XCTAssertFalse(positions.isEmpty)
        for p in positions { XCTAssertNotNil(p.range(of: #"^\d+ z \d+$"#, options: .regularExpression), p) }
        let changes = rows.values.compactMap { $0[6] }.filter { $0.t == "n" }
        XCTAssertFalse(changes.isEmpty, "a change on the previous period")
        for c in changes { XCTAssertTrue(c.f.contains("▲") && c.f.contains("▼"), c.f) }
        // The traffic lights are numbers 1–3 shown through their number format, no helper column.
        let lights = rows.values.compactMap { $0[12] }.filter { $0.t == "n" }
        XCTAssertFalse(lights.isEmpty)
        for l in lights { XCTAssertTrue(["1", "2", "3"].contains(l.v), l.v); XCTAssertTrue(l.f.contains("dobrze"), l.f) }
        XCTAssertFalse(cells.cells.contains { $0.v.hasPrefix("Sygnał") }, "no visible helper column")
        // Everything right of column N is chart data in hidden columns.
        let used = Set(cells.cells.filter { $0.c > 14 }.map { openpyxlColumn($0.c) })
        XCTAssertFalse(used.isEmpty)
        XCTAssertTrue(used.isSubset(of: Set(layout.hiddenCols)), "\(used) ⊄ hidden \(layout.hiddenCols)")
        XCTAssertTrue(rows[3]?[1]?.v.hasPrefix("Kompletność danych: ") ?? false, rows[3]?[1]?.v ?? "no coverage line")
        // The coverage line names where the rest is, in words: no "+3 — Kompletność".
        let coverage = rows[3]?[1]?.v ?? ""
        XCTAssertFalse(coverage.contains("+"), coverage)
        if coverage.contains("brakuje") { XCTAssertTrue(coverage.hasSuffix("zob. arkusz Kompletność"), coverage) }
        // A share's change is in percentage points: the cell holds (value − previous) × 100; its
        // target is a percentage like the value (S01 target min 0.25 → "≥ 25%").
        let s01 = try XCTUnwrap(rows.values.first { $0[1]?.v == "S01" })
        XCTAssertEqual(s01[11]?.v, "≥ 25%")
        if let v = s01[4].flatMap({ Double($0.v) }), let prev = s01[5].flatMap({ Double($0.v) }), let change = s01[6] {
            XCTAssertTrue(change.f.contains("p.p.") && !change.f.contains("%"), change.f)
            XCTAssertEqual(Double(change.v) ?? .nan, (v - prev) * 100, accuracy: 1e-6)
        } else { XCTFail("S01 has a value, a previous value and a change: \(s01)") }
        let texts = cells.cells.map(\.v)
        for start in ["Wstępne:", "Utajnione:", "Niekompletne:"] { XCTAssertTrue(texts.contains { $0.hasPrefix(start) }, start) }
        XCTAssertGreaterThanOrEqual(cells.charts, 5, "a small chart per benchmarked headline measure")
    }

    /// Benchmark charts show bars (a fill, data labels), sorted best first, the group mean as a
    /// grey bar; in a municipal workbook the own bar is highlighted and is the own municipality.
    func testBenchmarkChartsShowBarsAndTheOwnMunicipality() throws {
        let (dir, files) = try fx.written(.pl)
        let gmina = files.first { $0.hasPrefix("gmina-") }!
        let teryt = String(gmina.dropFirst("gmina-".count).prefix(7))
        let ownName = try fx.db.scalar("SELECT name FROM municipalities WHERE teryt = ? ORDER BY year DESC LIMIT 1", [.text(teryt)])!.text!
        let wbs = try LayoutReadBack.load([dir.appendingPathComponent(gmina), dir.appendingPathComponent("benchmark.xlsx")])
        let group = wbs["benchmark.xlsx"]!.charts
        XCTAssertGreaterThanOrEqual(group.count, 5)
        for c in group {
            XCTAssertEqual(c.kind, "bar", c.title)
            let s = try XCTUnwrap(c.series.first)
            XCTAssertNotNil(s.fill, "bars are filled: \(c.title)")
            XCTAssertTrue(s.labels, "each bar labelled with its value: \(c.title)")
            // The group mean is a grey bar where the group has one: SPEC 7 (v1.4) leaves incomplete
            // rows out of the statistics, so a group whose every row is incomplete has none.
            let code = String(c.title.prefix { $0 != " " })
            let period = try XCTUnwrap(c.title.range(of: #"\(\d{4}[^)]*\)"#, options: .regularExpression).map {
                String(c.title[$0].dropFirst().dropLast().prefix { $0 != "," }) }, c.title)  // "(2026, wstępne)" → 2026
            let groupMean = fx.compute.benchmark.first { $0.measure.raw == code && $0.period.text == period }?.mean
            XCTAssertEqual(c.title.contains("średnia grupy"), groupMean != nil, c.title)
            if groupMean != nil {
                let meanAt = try XCTUnwrap(s.points.first { $0.value == "7F7F7F" }?.key, c.title)
                XCTAssertEqual(s.categories[Int(meanAt)!], "średnia grupy")
            } else {
                XCTAssertNil(s.points.first { $0.value == "7F7F7F" }, c.title)
            }
        }
        let own = wbs[gmina]!.charts.filter { $0.kind == "bar" }
        XCTAssertGreaterThanOrEqual(own.count, 5)
        for c in own {
            let s = try XCTUnwrap(c.series.first)
            let at = try XCTUnwrap(s.points.first { $0.value == "C55A11" }?.key, "own bar highlighted: \(c.title)")
            XCTAssertEqual(s.categories[Int(at)!], ownName, c.title)
        }
        // The Summary's trend charts: two filled column series, dark and light (readable in grey),
        // plotted from hidden cells.
        let trends = wbs[gmina]!.charts.filter { $0.kind == "col" }
        XCTAssertGreaterThanOrEqual(trends.count, 5)
        for c in trends {
            XCTAssertEqual(c.series.map(\.fill), ["1F4E79", "BFBFBF"], c.title)
            XCTAssertFalse(c.plotVisibleOnly, "hidden chart data is plotted: \(c.title)")
            XCTAssertFalse(c.series[0].categories.isEmpty)
        }
    }

    /// A municipal workbook lists only the files of its own municipality (the generator names
    /// each municipality's files with its TERYT code): none of another's, every one of its own.
    func testMunicipalWorkbookListsOnlyItsOwnFiles() throws {
        let (dir, files) = try fx.written(.pl)
        let teryts = try fx.db.query("SELECT DISTINCT teryt FROM municipalities ORDER BY teryt").map { $0[0].text! }
        XCTAssertGreaterThanOrEqual(teryts.count, 2)
        let books = teryts.map { "gmina-\($0).xlsx" }
        XCTAssertTrue(books.allSatisfy(files.contains))
        let wbs = try ReadBack.load(books.map { dir.appendingPathComponent($0) })
        let accepted = Set(try fx.db.query("SELECT path FROM files WHERE rows_accepted > 0").map { $0[0].text! })
        for t in teryts {
            let sources = wbs["gmina-\(t).xlsx"]!.sheet("Źródła")!.rows
            let listed = Set(sources.filter { $0.key > 1 }.compactMap { $0.value[1]?.v })
            XCTAssertFalse(listed.isEmpty)
            for other in teryts where other != t {
                XCTAssertTrue(listed.filter { ($0 as NSString).lastPathComponent.contains(other) }.isEmpty, "\(t) lists files of \(other)")
            }
            for path in accepted where (path as NSString).lastPathComponent.hasPrefix(t) {
                XCTAssertTrue(listed.contains(path), "\(t) misses its file \(path)")
            }
            // Data quality: the same files, and rejects only of them.
            let dq = wbs["gmina-\(t).xlsx"]!.sheet("Jakość danych")!.rows
            var r = 3
            var dqFiles: Set<String> = []
            while let p = dq[r]?[1]?.v { dqFiles.insert(p); r += 1 }
            XCTAssertEqual(dqFiles, listed)
        }
    }

    /// Polish workbooks carry no English label of the tool's own: every string cell is checked
    /// against the English side of both dictionaries (labels and code lists) and the raw codes.
    func testPolishWorkbooksHaveNoEnglishLabels() throws {
        let (dir, files) = try fx.written(.pl)
        var english: Set<String> = []
        for (_, t) in Label.table where t.en != t.pl { english.insert(t.en) }
        for (_, codes) in ReportCodeLabels.table { for (code, t) in codes where t.en != t.pl { english.insert(t.en); english.insert(code) } }
        let dataCodes = Array(Codes.facilityLevels.keys) + ["foundation", "association", "church", "cooperative", "met", "partial", "not_met", "n_a"]
        for code in dataCodes {
            english.insert(code)
            if let en = CodeLabels.name(code, .en), en != CodeLabels.name(code, .pl) { english.insert(en) }
        }
        for f in MeasureFlag.allCases { english.insert(f.rawValue) }
        for g in ["facility", "provider", "municipality", "all"] { english.insert(g) }
        let picked = files.filter { $0.hasPrefix("gmina-") || $0 == "benchmark.xlsx" } + [files.first { $0.hasPrefix("podmiot-") }!]
        let wbs = try ReadBack.load(picked.map { dir.appendingPathComponent($0) })
        var checked = 0
        for (name, wb) in wbs {
            for s in wb.sheets {
                XCTAssertFalse(english.contains(s.name), "\(name): sheet \(s.name)")
                for c in s.cells where c.t == "s" {
                    XCTAssertFalse(english.contains(c.v), "\(name) \(s.name) \(openpyxlColumn(c.c))\(c.r): English label \"\(c.v)\"")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
        // And the check can fail: the English workbook of the same run has these labels.
        let (dirEN, filesEN) = try fx.written(.en)
        let en = filesEN.first { $0.hasPrefix("municipality-") }!
        let enCells = try ReadBack.load([dirEN.appendingPathComponent(en)])[en]!.sheets.flatMap(\.cells).map(\.v)
        XCTAssertTrue(enCells.contains { english.contains($0) })
    }

    /// The provider scorecard: its file is named after the provider, its first sheet compares its
    /// measures with its municipalities and the whole group, with traffic lights, compliance by
    /// criterion and the survey results with their interval.
    func testProviderScorecard() throws {
        let (dir, files) = try fx.written(.pl)
        let id = try fx.db.scalar("""
            SELECT c.provider_id FROM contracts c JOIN audits a ON a.facility_id = c.facility_id
            WHERE c.provider_id <> ? GROUP BY c.provider_id ORDER BY count(*) DESC LIMIT 1
            """, [.text(fx.trickyProvider)])!.text!
        let file = try XCTUnwrap(files.first { $0.hasPrefix("podmiot-") && $0.hasSuffix("-" + id.replacingOccurrences(of: ":", with: "-") + ".xlsx") })
        let name = try fx.db.scalar("SELECT name FROM providers WHERE provider_id = ?", [.text(id)])!.text!
        XCTAssertEqual(file, "podmiot-\(expectedSlug(name))-\(id.replacingOccurrences(of: ":", with: "-")).xlsx")
        let sheet = try ReadBack.load([dir.appendingPathComponent(file)])[file]!.sheets[0]
        let texts = sheet.cells.map(\.v)
        XCTAssertTrue(texts.contains { $0.contains(name) })
        for h in ["Podmiot", "Gminy podmiotu (średnia)", "Cała grupa", "Ocena", "Spełnione", "Zgodność", "95% przedział: od"] {
            XCTAssertTrue(texts.contains(h), h)
        }
        XCTAssertTrue(sheet.cells.contains { $0.c == 7 && $0.t == "n" && $0.f.contains("dobrze") }, "traffic lights")
        XCTAssertGreaterThanOrEqual(sheet.cf, 3)
        XCTAssertTrue(sheet.cells.contains { $0.f == "0.0%" && $0.c == 7 }, "compliance share by criterion")
    }

    /// Ministry: provisional marked by the status column and a style, suppressed cells grey and
    /// empty, the legend in Metryczka, the always-empty columns explained in Słownik.
    func testMinistryMarksStatusSuppressedAndEmptyColumns() throws {
        let (dir, _) = try fx.written(.pl)
        let script = #"""
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Zestawienie']
out = {'cells': [[c.value, (c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None), c.font.color.rgb if c.font and c.font.color else None]
                 for row in ws.iter_rows(min_row=2) for c in row],
       'width': ws.max_column, 'head': [c.value for c in ws[1]],
       'dict': [[c.value for c in row] for row in wb['Słownik'].iter_rows()],
       'meta': [[c.value for c in row] for row in wb['Metryczka'].iter_rows()]}
print(json.dumps(out, default=str))
"""#
        let r = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, dir.appendingPathComponent("ministerstwo.xlsx").path])
        if r.err.contains("No module named 'openpyxl'") { throw XCTSkip("python3-openpyxl is not installed") }
        // openpyxl is there: a ministry workbook it cannot read is a failure, not a skip.
        guard r.status == 0 else { throw ReadBack.ReadBackFailure(message: "openpyxl could not read the ministry workbook: " + r.err) }
        let data = r.outData
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let width = json["width"] as! Int
        let head = json["head"] as! [String?]
        XCTAssertEqual(head.last ?? nil, "status")
        let cells = (json["cells"] as! [[Any?]])
        let rows = stride(from: 0, to: cells.count, by: width).map { Array(cells[$0..<min($0 + width, cells.count)]) }
        for row in rows { XCTAssertEqual(row.last?[0] as? String, "wstępne", "the 2026 year is provisional at 2026-10-31") }
        // Provisional numbers are blue; suppressed ones are empty and grey.
        let numbers = rows.flatMap { $0 }.filter { ($0[0] as? Double) != nil && !($0[0] is String) }
        XCTAssertFalse(numbers.isEmpty)
        for n in numbers { XCTAssertEqual(n[2] as? String, "FF1F4E79") }
        let suppressed = fx.compute.measures.filter { $0.grain == .municipality && $0.period.text == "2026" && $0.flags.contains(.suppressed)
            && $0.facilityType.isEmpty && $0.dimension.isEmpty }
        XCTAssertFalse(suppressed.isEmpty)
        let codes = head.compactMap { $0 }
        let teryts = rows.map { $0[0][0] as? String ?? "" }
        for s in suppressed {
            guard let c = codes.firstIndex(of: s.measure.raw), let r = teryts.firstIndex(of: s.unitID) else { XCTFail("\(s)"); continue }
            XCTAssertNil(rows[r][c][0] as? Double, "suppressed is empty")
            XCTAssertEqual(rows[r][c][1] as? String, "FFD9D9D9", "suppressed is grey: \(s.measure.raw) \(s.unitID)")
        }
        let dict = json["dict"] as! [[Any?]]
        for code in ["E05", "S05", "Q03", "Q08"] {
            let row = try XCTUnwrap(dict.first { $0[0] as? String == code }, code)
            XCTAssertTrue((row[5] as? String ?? "").hasPrefix("zawsze puste"), "\(code): \(row)")
        }
        XCTAssertNil(dict.first { $0[0] as? String == "E01" }?[5] as? String, "E01 can hold values")
        let meta = (json["meta"] as! [[Any?]]).compactMap { $0.count > 1 ? $0[1] as? String : nil }
        for word in ["wstępna", "utajniona", "niekompletne", "brak wartości"] {
            XCTAssertTrue(meta.contains { $0.contains(word) }, word)
        }
    }
}

/// openpyxl's column letters for a 1-based column number.
func openpyxlColumn(_ c: Int) -> String {
    var n = c, s = ""
    while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(65 + r)!) + s; n = (n - 1) / 26 }
    return s
}
