import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The benchmark workbook (SPEC 7, 9.2), disclosure control applied; written in
/// constant-memory mode (the comparison sheet has measures × periods × municipalities rows).
///
/// - Comparison (`Zestawienie gmin` / `Municipalities`): one long sheet, one row per benchmarked
///   measure × requested period × municipality (catalogue order, period, teryt): value, group
///   mean, median, quartiles, min, max, deviation, rank, change on the previous period, flags.
///   A long sheet (not one per period) keeps one filterable table whatever the periods.
/// - Quartiles: one row per measure × period: municipalities with a value, mean, median, q1, q3, min, max.
/// - Plans (`Plany doskonalenia`): per municipality the below-average measures of the headline
///   period with and without an improvement plan (`PlanSheet.counts`).
/// - Charts: per headline measure of the headline period (S05 is not benchmarked) a bar chart of
///   every municipality sorted best first, the group mean as a grey bar and in the title
///   (`BenchmarkCharts`); the charts' data on a hidden sheet.
/// - Definitions.
enum BenchmarkWorkbook {
    static func write(_ index: WorkbookIndex, path: String) throws {
        let l = index.labels
        let wb = try Workbooks.open(index, path: path, title: l[.titleBenchmark], constantMemory: true)
        let s = WorkbookStyles(wb)
        let print = WorkbookPrint(index, unit: l[.titleBenchmark])
        let keys = index.ctx.benchmark.map { (index.order[$0.measure] ?? Int.max, $0.measure.raw, index.periodRank($0.period), $0.teryt) }
        let rows = index.ctx.benchmark.indices.sorted { keys[$0] < keys[$1] }.map { index.ctx.benchmark[$0] }

        let cmp = try wb.addWorksheet(l[.sheetComparison])
        let titles = [l[.code], l[.measure], l[.period], l[.teryt], l[.municipality]] + WorkbookSheets.benchmarkTitles(l)
        cmp.header(0, titles, s, widths: [7, 34, 9, 10, 24, 14, 14, 14, 14, 14, 14, 14, 12, 8, 14, 30])
        var r = 1
        for b in rows {
            let d = index.definition(b.measure)
            WorkbookSheets.benchmarkLead(cmp, r, b, d, labels: l)
            cmp.write(r, 3, string: b.teryt, s.text)
            cmp.write(r, 4, text: index.municipalityName[b.teryt])
            WorkbookSheets.benchmarkCells(cmp, r, 5, b, unit: d?.unit ?? "", styles: s, labels: l)
            r += 1
        }
        cmp.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
        print.apply(cmp, landscape: true, headerRows: 0...0)

        let q = try wb.addWorksheet(l[.sheetQuartiles])
        let qt = [l[.code], l[.measure], l[.period], l[.unit], l[.municipalitiesN], l[.mean], l[.median], l[.q1], l[.q3], l[.min], l[.max]]
        q.header(0, qt, s, widths: [7, 34, 9, 14, 12, 14, 14, 14, 14, 14, 14])
        r = 1
        var i = 0
        while i < rows.count {
            var j = i
            var withValue = 0
            while j < rows.count, rows[j].measure == rows[i].measure, rows[j].period == rows[i].period {
                if rows[j].value != nil { withValue += 1 }
                j += 1
            }
            let b = rows[i]
            let d = index.definition(b.measure)
            let f = s.value(unit: d?.unit ?? "")
            WorkbookSheets.benchmarkLead(q, r, b, d, labels: l)
            q.write(r, 3, text: d.map { l.unit($0.unit) })
            q.write(r, 4, number: Double(withValue), s.count)
            q.write(r, 5, optional: b.mean, f); q.write(r, 6, optional: b.median, f)
            q.write(r, 7, optional: b.q1, f); q.write(r, 8, optional: b.q3, f)
            q.write(r, 9, optional: b.min, f); q.write(r, 10, optional: b.max, f)
            r += 1
            i = j
        }
        q.filter(headerRow: 0, lastRow: r - 1, columns: qt.count)
        print.apply(q, landscape: true, headerRows: 0...0)

        PlanSheet.counts(try wb.addWorksheet(PlanText.countsSheet(l.lang)), index: index, styles: s, print: print)
        try charts(wb, try wb.addWorksheet(l[.sheetCharts]), index: index, styles: s, print: print)
        WorkbookSheets.definitions(try wb.addWorksheet(l[.sheetDefinitions]), index: index, styles: s, print: print)
        try wb.close()
    }

    static func charts(_ wb: XLSXWorkbook, _ ws: XLSXWorksheet, index: WorkbookIndex, styles s: WorkbookStyles, print: WorkbookPrint) throws {
        let l = index.labels
        ws.setColumnWidth(0, 0, 10)
        guard index.headlinePeriod != nil else { return }
        ws.write(0, 0, string: "\(l[.chartsNote]) \(index.headlineText)", s.title)
        let data = try wb.addWorksheet(l[.sheetChartData])
        try BenchmarkCharts.write(wb, charts: ws, data: data, top: 2, index: index, highlight: nil, styles: s,
                                  orientation: .portrait, repeatedRowsHeight: 2 * XLSXTextFit.lineHeight,
                                  printScale: 1.1 * min(1, XLSXPrintSetup.bodyWidth(.portrait) * 4 / 3 / BenchmarkCharts.chartWidthPixels),
                                  breakFirst: false)
        data.hide()
        print.apply(ws, landscape: false)
    }
}
