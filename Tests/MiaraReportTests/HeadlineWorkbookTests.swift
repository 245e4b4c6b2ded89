import Foundation
@testable import MiaraStore
import XCTest

/// SPEC 9.2 through the real binary, read back with openpyxl: the headline period is the as-of
/// year whatever the order of `periods` (or the pipeline's `headline`), the Summary's trend charts
/// put periods of one length side by side, and a municipality with a file rejected whole gets a
/// banner naming it. Each test runs `miara run` on a copy of the harness's tiny inbox (as-of
/// 2026-10-31).
final class HeadlineWorkbookTests: XCTestCase {
    /// Rewrites the workspace's pipeline with `periods` and extra lines, runs `miara run`, and
    /// returns the published folder (`out/latest`).
    private func run(_ ws: ReportHarness.Workspace, periods: String, key: Bool = true, extra: String = "") throws -> URL {
        var yaml = ReportHarness.pipelineYAML(maxRejectShare: 1)
            .replacingOccurrences(of: "periods: [2026, 2026H1, 2026Q1]", with: "periods: \(periods)")
        if !key { yaml = yaml.replacingOccurrences(of: "pseudonym_key_file: key\n", with: "") }
        try (yaml + extra).write(to: ws.pipeline, atomically: true, encoding: .utf8)
        let r = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"])
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        return ws.outputs.appendingPathComponent("latest")
    }

    /// The published E04 value of a municipality in a period (measures.csv): an expectation that
    /// does not come from the workbook writer.
    private func csvValue(_ dir: URL, measure: String, period: String, teryt: String) throws -> Double? {
        let text = try String(contentsOf: dir.appendingPathComponent("measures.csv"), encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f[0] == measure, f[1] == period, f[2] == "municipality", f[3] == teryt, f[4].isEmpty, f[5].isEmpty { return Double(f[6]) }
        }
        return nil
    }

    /// The Summary's value cell (column D) of a measure's row.
    private func summaryValue(_ sheet: ReadBack.Sheet, code: String) -> Double? {
        guard let row = sheet.rows.values.first(where: { $0[1]?.v == code }) else { return nil }
        return row[4].flatMap { Double($0.v) }
    }

    private func gminy(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("gmina-") }.sorted()
    }

    /// `periods: [previous_year, year, halves, quarters]` at 2026-10-31: the Summary, every
    /// footer, the ministry's Metryczka, the benchmark charts and the scorecards show 2026
    /// (provisional), not 2025, the first year of the list; the Summary's figure is 2026's.
    func testHeadlineIsTheAsOfYearWhateverTheOrderOfPeriods() throws {
        let ws = try workspace(ingested: false)
        let dir = try run(ws, periods: "[previous_year, year, halves, quarters]")
        let gmina = try XCTUnwrap(try gminy(dir).first)
        let teryt = String(gmina.dropFirst("gmina-".count).prefix(7))
        let podmiot = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix("podmiot-") })
        let files = [gmina, "ministerstwo.xlsx", "benchmark.xlsx", podmiot]
        let cells = try ReadBack.load(files.map { dir.appendingPathComponent($0) })
        let layout = try LayoutReadBack.load(files.map { dir.appendingPathComponent($0) })

        let summary = try XCTUnwrap(cells[gmina]?.sheet("Podsumowanie"))
        XCTAssertEqual(summary.rows[2]?[2]?.v, "2026 (wstępne)")
        let e04 = try XCTUnwrap(try csvValue(dir, measure: "E04", period: "2026", teryt: teryt))
        let e04In2025 = try XCTUnwrap(try csvValue(dir, measure: "E04", period: "2025", teryt: teryt))
        XCTAssertNotEqual(e04, e04In2025, "the fixture tells the two years apart")
        XCTAssertEqual(try XCTUnwrap(summaryValue(summary, code: "E04")), e04, accuracy: 1e-6)
        for f in files {
            for s in try XCTUnwrap(layout[f]).sheets where s.state == "visible" {
                XCTAssertTrue(s.footer.contains("Okres 2026 (wstępne) ·"), "\(f) \(s.name): \(s.footer)")
            }
        }
        XCTAssertEqual(cells["ministerstwo.xlsx"]?.sheet("Metryczka")?.rows[1]?[2]?.v, "2026")
        let titles = try XCTUnwrap(layout["benchmark.xlsx"]).charts.map(\.title)
        XCTAssertFalse(titles.isEmpty)
        for t in titles { XCTAssertTrue(t.contains("(2026, wstępne)"), t) }
        XCTAssertTrue(try XCTUnwrap(cells[podmiot]).sheets[0].cells.contains { $0.v == "2026 (wstępne)" }, "the scorecard's period")
    }

    /// `headline: previous_year` (the annual report written in spring): 2025, closed, and its figure.
    func testHeadlinePreviousYearChoosesTheYearBefore() throws {
        let ws = try workspace(ingested: false)
        let dir = try run(ws, periods: "[previous_year, year, halves, quarters]", extra: "headline: previous_year\n")
        let gmina = try XCTUnwrap(try gminy(dir).first)
        let teryt = String(gmina.dropFirst("gmina-".count).prefix(7))
        let summary = try XCTUnwrap(try ReadBack.load([dir.appendingPathComponent(gmina)])[gmina]?.sheet("Podsumowanie"))
        XCTAssertEqual(summary.rows[2]?[2]?.v, "2025")
        let e04 = try XCTUnwrap(try csvValue(dir, measure: "E04", period: "2025", teryt: teryt))
        XCTAssertEqual(try XCTUnwrap(summaryValue(summary, code: "E04")), e04, accuracy: 1e-6)
        let footer = try XCTUnwrap(try LayoutReadBack.load([dir.appendingPathComponent(gmina)])[gmina]?.sheet("Podsumowanie")).footer
        XCTAssertTrue(footer.contains("Okres 2025 ·"), footer)
    }

    /// The Summary's trend charts: with a whole year and its quarters in the run, every chart's
    /// categories are quarters (no year bar beside them), in time order; the provisional quarter
    /// (2026Q4 at 2026-10-31) is drawn lighter in both series; the value axis has a title.
    func testTrendChartsShowOnePeriodLength() throws {
        let ws = try workspace(ingested: false)
        let dir = try run(ws, periods: "[previous_year, year, halves, quarters]")
        let gmina = try XCTUnwrap(try gminy(dir).first)
        let path = dir.appendingPathComponent(gmina)
        let trends = try XCTUnwrap(try LayoutReadBack.load([path])[gmina]).charts.filter { $0.kind == "col" }
        XCTAssertGreaterThanOrEqual(trends.count, 5)
        for c in trends {
            XCTAssertEqual(c.series.count, 2, c.title)
            for s in c.series { XCTAssertEqual(s.categories, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"], c.title) }
            XCTAssertEqual(c.series[0].points["3"], "9DC3E6", "provisional quarter lighter: \(c.title)")
            XCTAssertEqual(c.series[1].points["3"], "E7E6E6", "provisional mean lighter: \(c.title)")
        }
        let axis = try Self.valueAxisTitles(path)
        XCTAssertEqual(axis.count, trends.count, "\(axis)")
        XCTAssertTrue(axis.contains("zł"), "\(axis)")
    }

    /// Titles of the value axes of a workbook's column charts (`<c:valAx>…<c:title>`).
    static func valueAxisTitles(_ path: URL) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if re.match(r'xl/charts/chart\\d+\\.xml$', n):
        x = z.read(n).decode('utf-8')
        if '<c:barDir val="col"/>' not in x: continue
        m = re.search(r'<c:valAx>.*?<c:title>(.*?)</c:title>', x, re.S)
        if m: print(''.join(re.findall(r'<a:t>(.*?)</a:t>', m.group(1))))
""", path.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Points drawn hatched (`<c:pattFill>`) in a workbook's column charts.
    static func hatchedColumnPoints(_ path: URL) throws -> Int {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
n = 0
for name in z.namelist():
    if re.match(r'xl/charts/chart\\d+\\.xml$', name):
        x = z.read(name).decode('utf-8')
        if '<c:barDir val="col"/>' in x:
            n += len(re.findall(r'<c:dPt>(?:(?!</c:dPt>).)*<a:pattFill', x, re.S))
print(n)
""", path.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Without the pseudonym key the stays file of the town that names persons by PESEL is C15:
    /// its Summary carries a banner naming that file, the check and the fix, and its coverage line
    /// blames the rejected file, not "brak działalności". With the key the same inbox has no banner.
    func testBannerNamesAStaysFileRejectedWhole() throws {
        let ws = try workspace(ingested: false)
        let dir = try run(ws, periods: "[year, quarters]", key: false)
        let db = try SQLiteDatabase(path: ws.store.path)
        let stays = try db.query("SELECT path FROM files WHERE dataset = 'ngo/stays' AND file_check = 'C15' ORDER BY path").map { $0[0].text! }
        let file = try XCTUnwrap(stays.first { ($0 as NSString).lastPathComponent.first?.isNumber == true }, "\(stays)")
        let teryt = String((file as NSString).lastPathComponent.prefix(7))
        let other = try XCTUnwrap(try gminy(dir).first { !$0.contains(teryt) })
        let book = "gmina-\(teryt).xlsx"
        let wbs = try ReadBack.load([dir.appendingPathComponent(book), dir.appendingPathComponent(other)])
        let summary = try XCTUnwrap(wbs[book]?.sheet("Podsumowanie"))
        let banner = try XCTUnwrap(summary.rows[1]?[6]?.v, "a banner at F1")
        XCTAssertTrue(banner.hasPrefix("PLIK ODRZUCONY W CAŁOŚCI"), banner)
        XCTAssertTrue(banner.contains(file), banner)
        XCTAssertTrue(banner.contains("C15"), banner)
        XCTAssertTrue(banner.contains("pseudonym_key_file"), "the fix: \(banner)")
        let coverage = try XCTUnwrap(summary.rows[3]?[1]?.v)
        XCTAssertTrue(coverage.contains("brak pliku / plik odrzucony"), coverage)
        XCTAssertFalse(coverage.contains("brak działalności"), coverage)
        // Its quarters are incomplete (measures.csv says so): hatched bars in its trend charts.
        let csv = try String(contentsOf: dir.appendingPathComponent("measures.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains(",2026Q1,municipality,\(teryt),"), "rows of the town")
        XCTAssertTrue(csv.split(separator: "\n").contains { $0.hasPrefix("E04,2026Q1,municipality,\(teryt),") && $0.hasSuffix("incomplete") })
        XCTAssertGreaterThan(try Self.hatchedColumnPoints(dir.appendingPathComponent(book)), 0)
        // Another town's banner never names this town's file.
        let otherBanner = wbs[other]?.sheet("Podsumowanie")?.rows[1]?[6]?.v ?? ""
        XCTAssertFalse(otherBanner.contains(file), otherBanner)

        // With the key, the stays file is read: no banner names it.
        let keyed = try workspace(ingested: false)
        let dir2 = try run(keyed, periods: "[year, quarters]")
        let again = try XCTUnwrap(try ReadBack.load([dir2.appendingPathComponent(book)])[book]?.sheet("Podsumowanie"))
        XCTAssertFalse((again.rows[1]?[6]?.v ?? "").contains(file))
        XCTAssertFalse((again.rows[3]?[1]?.v ?? "").contains("brak pliku / plik odrzucony"))
    }
}
