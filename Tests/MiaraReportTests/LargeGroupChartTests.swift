import Foundation
import MiaraMeasures
import MiaraPipeline
@testable import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// Benchmark charts of a group larger than one chart page (more than `BenchmarkCharts.window`
/// municipalities and more bars than a page holds: about 51 on a municipal workbook's landscape
/// page, 83 on the benchmark workbook's portrait one): the benchmark workbook splits each chart
/// into parts, and every municipal workbook draws the 30 positions around its own bar taken from
/// the whole group. A national run (300 municipalities) once died writing the municipal
/// workbooks with an index out of range, when the window was taken from a page part.
final class LargeGroupChartTests: XCTestCase {
    /// Municipalities added to the tiny fixture's two: 90 in all, two page parts of bars on either page.
    static let added = 88
    static func teryt(_ i: Int) -> String { "32" + String(format: "%04d", i) + "1" }

    /// The tiny fixture's store with `added` more municipalities (named rows of the store, so
    /// each gets its own workbook and its name on its bar), and benchmark rows giving each of
    /// them a distinct value of every benchmarked measure the fixture has values of; the group
    /// mean is the mean of the group's complete values. Returns the context and teryt → name.
    private func bigGroup() throws -> (WorkbookFixture, ReportContext, [String: String]) {
        let fx = try WorkbookFixture()
        addTeardownBlock { try? FileManager.default.removeItem(at: fx.dir) }
        var names = Dictionary(try fx.db.query("SELECT teryt, name FROM municipalities ORDER BY teryt, year").map { ($0[0].text!, $0[1].text!) },
                               uniquingKeysWith: { $1 })
        let model = try XCTUnwrap(names.keys.sorted().first)
        for i in 1...Self.added {
            let teryt = Self.teryt(i), name = "Gmina Testowa \(i)"
            try fx.db.execute("""
                INSERT INTO staged_municipalities (file_id, line, raw, teryt, name, year, population, county, kind, held)
                SELECT file_id, line, raw, ?, ?, year, population, county, kind, NULL FROM staged_municipalities
                WHERE teryt = ? AND held IS NULL
                """, [.text(teryt), .text(name), .text(model)])
            names[teryt] = name
        }
        var ctx = fx.context(.pl)
        var byGroup: [String: [BenchmarkRow]] = [:]
        for b in ctx.benchmark { byGroup["\(b.measure.raw) \(b.period.text)", default: []].append(b) }
        var rows: [BenchmarkRow] = []
        for key in byGroup.keys.sorted() {
            var group = byGroup[key]!
            let top = group.compactMap(\.value).map(abs).max() ?? 0, scale = top > 0 ? top : 1
            for i in 1...Self.added {
                group.append(BenchmarkRow(measure: group[0].measure, period: group[0].period, teryt: Self.teryt(i),
                                          value: scale * 2 * Double(i) / Double(Self.added)))
            }
            let complete = group.filter { !$0.flags.contains(.incomplete) }.compactMap(\.value)
            let mean = complete.isEmpty ? nil : complete.reduce(0, +) / Double(complete.count)
            for j in group.indices { group[j].mean = mean }
            rows += group
        }
        ctx.benchmark = rows
        return (fx, ctx, names)
    }

    func testEveryMunicipalWorkbookOfAGroupLargerThanAChartPageShowsItsOwnBar() throws {
        let start = Date()
        let (fx, ctx, names) = try bigGroup()
        XCTAssertGreaterThan(names.count, 85, "more municipalities than a chart page's bars")
        let out = fx.dir.appendingPathComponent("big-group")
        let files = try Workbooks.writeAll(ctx, targets: [:], to: out, workers: 2)
        XCTAssertEqual(Set(files.filter { $0.hasPrefix("gmina-") }), Set(names.keys.map { "gmina-\($0).xlsx" }), "every municipal workbook written")
        XCTAssertTrue(files.contains("benchmark.xlsx"))

        print("LargeGroupChartTests: \(files.count) workbooks written in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        let teryts = names.keys.sorted()
        let written = Date()
        let wbs = try BarChartReadBack.load(teryts.map { out.appendingPathComponent("gmina-\($0).xlsx") } + [out.appendingPathComponent("benchmark.xlsx")])
        print("LargeGroupChartTests: read back in \(String(format: "%.1f", Date().timeIntervalSince(written))) s")
        for t in teryts {
            let bars = try XCTUnwrap(wbs["gmina-\(t).xlsx"])
            XCTAssertFalse(bars.isEmpty, "gmina-\(t).xlsx has benchmark charts")
            for c in bars {
                let own = c.points.filter { $0.value == "C55A11" }.map { Int($0.key)! }
                // Its own bar wherever it has a value of the chart's measure and period.
                let code = String(c.title.prefix { $0 != " " })
                let hasValue = ctx.benchmark.contains {
                    $0.teryt == t && $0.measure.raw == code && $0.value != nil
                        && (c.title.contains("(\($0.period.text))") || c.title.contains("(\($0.period.text),"))
                }
                XCTAssertEqual(own.count, hasValue ? 1 : 0, "own bar in \(t): \(c.title)")
                if let at = own.first { XCTAssertEqual(c.categories[at], names[t], "\(t): \(c.title)") }
                // The window around its own bar: 30 municipalities and the group mean at most.
                // Without a value: the best 30 and the mean, not the whole group (a chart taller than a page).
                XCTAssertLessThanOrEqual(c.categories.count, BenchmarkCharts.window + 1, "\(t): \(c.title)")
            }
        }
        // The benchmark workbook's charts, split into parts, together draw every municipality of
        // the group once per measure.
        var drawn: [String: [String]] = [:]
        let groupCharts = try XCTUnwrap(wbs["benchmark.xlsx"])
        for c in groupCharts {
            let code = String(c.title.prefix { $0 != " " })
            drawn[code, default: []] += c.categories.filter { $0 != "średnia grupy" }
        }
        XCTAssertFalse(drawn.isEmpty)
        XCTAssertGreaterThan(groupCharts.count, drawn.count, "the group's charts are split into page parts")
        for (code, cats) in drawn {
            XCTAssertEqual(cats.count, Set(cats).count, "\(code): a municipality drawn twice")
            let added = (1...Self.added).map { names[Self.teryt($0)]! }
            XCTAssertTrue(Set(added).isSubset(of: cats), "\(code): the whole group drawn, \(cats.count) bars")
        }
    }
}

/// The horizontal bar charts of workbooks, read from the chart XML and the cells of their
/// category ranges with Python's standard library only (openpyxl loads each whole workbook: a
/// second a file here). `points`: bar index → fill colour of the bars drawn in their own colour.
struct BarChartReadBack: Decodable {
    let title: String
    let points: [String: String]
    let categories: [String]

    static let script = #"""
import json, re, sys, zipfile
from xml.sax.saxutils import unescape
out = {}
for path in sys.argv[1:]:
    z = zipfile.ZipFile(path)
    names = z.namelist()
    sst = []
    if 'xl/sharedStrings.xml' in names:
        for si in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode('utf-8'), re.S):
            sst.append(unescape(''.join(re.findall(r'<t[^>]*>(.*?)</t>', si, re.S)), {'&quot;': '"', '&apos;': "'"}))
    rels = dict(re.findall(r'<Relationship Id="(\w+)" Type="[^"]*" Target="([^"]+)"', z.read('xl/_rels/workbook.xml.rels').decode('utf-8')))
    sheets = {unescape(n, {'&quot;': '"', '&apos;': "'"}): 'xl/' + rels[r] for n, r in re.findall(r'<sheet name="([^"]*)" sheetId="\d+"(?: state="\w+")? r:id="(\w+)"', z.read('xl/workbook.xml').decode('utf-8'))}
    cache = {}
    def column_a(sheet):
        if sheet not in cache:
            x = z.read(sheets[sheet]).decode('utf-8')
            col = {}
            for m in re.finditer(r'<c r="A(\d+)"([^>]*)>', x):
                if m.group(2).endswith('/'): continue
                body = x[m.end():x.index('</c>', m.end())]
                if 't="inlineStr"' in m.group(2):
                    col[int(m.group(1))] = unescape(''.join(re.findall(r'<t[^>]*>(.*?)</t>', body, re.S)), {'&quot;': '"', '&apos;': "'"})
                elif (v := re.search(r'<v>(.*?)</v>', body)):
                    col[int(m.group(1))] = sst[int(v.group(1))] if 't="s"' in m.group(2) else v.group(1)
            cache[sheet] = col
        return cache[sheet]
    charts = []
    for name in sorted((n for n in names if re.match(r'xl/charts/chart\d+\.xml$', n)), key=lambda n: int(re.search(r'(\d+)\.xml$', n).group(1))):
        x = z.read(name).decode('utf-8')
        if '<c:barDir val="bar"/>' not in x: continue
        s = re.search(r'<c:ser>(.*?)</c:ser>', x, re.S).group(1)
        points = {i: c for i, c in re.findall(r'<c:dPt><c:idx val="(\d+)"/>.*?<a:srgbClr val="(\w+)"', s, re.S)}
        ref = unescape(re.search(r'<c:cat>.*?<c:f>(.*?)</c:f>', s, re.S).group(1), {'&apos;': "'"})
        sheet, rng = ref.rsplit('!', 1)
        sheet = sheet.strip("'").replace("''", "'")
        a, b = re.match(r'\$A\$(\d+)(?::\$A\$(\d+))?$', rng).groups()
        col = column_a(sheet)
        cats = [col.get(r, '') for r in range(int(a), int(b or a) + 1)]
        title = unescape(''.join(re.findall(r'<a:t>(.*?)</a:t>', x.split('<c:plotArea>')[0])))
        charts.append({'title': title, 'points': points, 'categories': cats})
    out[path.rsplit('/', 1)[-1]] = charts
print(json.dumps(out))
"""#

    /// File name → its bar charts, in the workbook's chart order.
    static func load(_ paths: [URL]) throws -> [String: [BarChartReadBack]] {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { throw XCTSkip("no /usr/bin/python3") }
        let r = try Subprocess.run(URL(fileURLWithPath: python), ["-c", script] + paths.map(\.path))
        guard r.status == 0 else { throw ReadBack.ReadBackFailure(message: "could not read the charts: " + r.err) }
        return try JSONDecoder().decode([String: [BarChartReadBack]].self, from: r.outData)
    }
}
