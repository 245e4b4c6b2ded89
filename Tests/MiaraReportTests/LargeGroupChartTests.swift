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
/// the whole group. A national run (300 municipalities) once died writing the
/// municipal workbooks with an index out of range, when the window was taken from a page part.
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
        let wbs = try LayoutReadBack.load(teryts.map { out.appendingPathComponent("gmina-\($0).xlsx") } + [out.appendingPathComponent("benchmark.xlsx")])
        print("LargeGroupChartTests: read back in \(String(format: "%.1f", Date().timeIntervalSince(written))) s")
        for t in teryts {
            let bars = try XCTUnwrap(wbs["gmina-\(t).xlsx"]).charts.filter { $0.kind == "bar" }
            XCTAssertFalse(bars.isEmpty, "gmina-\(t).xlsx has benchmark charts")
            for c in bars {
                let s = try XCTUnwrap(c.series.first, c.title)
                let own = s.points.filter { $0.value == "C55A11" }.map { Int($0.key)! }
                // Its own bar wherever it has a value of the chart's measure and period.
                let code = String(c.title.prefix { $0 != " " })
                let hasValue = ctx.benchmark.contains {
                    $0.teryt == t && $0.measure.raw == code && $0.value != nil
                        && (c.title.contains("(\($0.period.text))") || c.title.contains("(\($0.period.text),"))
                }
                XCTAssertEqual(own.count, hasValue ? 1 : 0, "own bar in \(t): \(c.title)")
                if let at = own.first { XCTAssertEqual(s.categories[at], names[t], "\(t): \(c.title)") }
                // The window around its own bar: 30 municipalities and the group mean at most.
                if hasValue { XCTAssertLessThanOrEqual(s.categories.count, BenchmarkCharts.window + 1, "\(t): \(c.title)") }
            }
        }
        // The benchmark workbook's charts, split into parts, together draw every municipality of
        // the group once per measure.
        var drawn: [String: [String]] = [:]
        for c in try XCTUnwrap(wbs["benchmark.xlsx"]).charts where c.kind == "bar" {
            let code = String(c.title.prefix { $0 != " " })
            drawn[code, default: []] += try XCTUnwrap(c.series.first).categories.filter { $0 != "średnia grupy" }
        }
        XCTAssertFalse(drawn.isEmpty)
        for (code, cats) in drawn {
            XCTAssertEqual(cats.count, Set(cats).count, "\(code): a municipality drawn twice")
            let added = (1...Self.added).map { names[Self.teryt($0)]! }
            XCTAssertTrue(Set(added).isSubset(of: cats), "\(code): the whole group drawn, \(cats.count) bars")
        }
    }
}
