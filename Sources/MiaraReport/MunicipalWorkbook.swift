import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The municipality's own workbook (SPEC 9.2).
///
/// Sheets: Summary (one landscape page: headline measures of the headline period with the
/// previous period, change, group mean and median, position, norm, target, traffic lights, small
/// trend charts, the coverage line and the meaning of the marks), Economic / Social / Quality
/// (one line per measure × unit, the periods as columns: the municipality, its facilities and
/// the providers working in it), Benchmark (the municipality against the group, per measure and
/// period, and a sorted bar chart per headline measure with this municipality highlighted), Plan
/// doskonalenia (its improvement plan's actions per half-year, `PlanSheet`),
/// Coverage (facility × month grid), Data quality and Sources (only the files that concern
/// this municipality), Definitions. Rows of the municipality and its facilities come from the
/// own view (suppressed values shown in italics, flagged); provider rows come from the published
/// rows, because a provider's figures can include persons of other municipalities.
/// Every sheet prints fit to one page wide with its header row repeated and a footer naming
/// the municipality, the period, the as-of date and the page.
enum MunicipalWorkbook {
    static func write(_ index: WorkbookIndex, teryt: String, path: String) throws {
        let l = index.labels
        let name = index.municipalityName[teryt] ?? teryt
        let wb = try Workbooks.open(index, path: path, title: "\(l[.titleMunicipal]): \(name) (\(teryt))")
        let s = WorkbookStyles(wb)
        let print = WorkbookPrint(index, unit: "\(name) (\(teryt))")

        // Rows of this municipality: one look-up per unit in the pre-grouped rows.
        var rows = Array(index.own(.municipality, teryt))
        for f in index.facilitiesByTeryt[teryt] ?? [] { rows += index.own(.facility, f.id) }
        for p in index.providersByTeryt[teryt] ?? [] { rows += index.measures(.provider, p) }
        rows = index.sorted(rows)

        try MunicipalSummary.write(wb.addWorksheet(l[.sheetSummary]), wb: wb, index: index, teryt: teryt, name: name, styles: s, print: print)
        var economic: [MeasureRow] = [], social: [MeasureRow] = [], quality: [MeasureRow] = []
        for r in rows {
            switch index.definition(r.measure)?.family ?? .quality {
            case .economic: economic.append(r)
            case .social: social.append(r)
            case .quality: quality.append(r)
            }
        }
        for (sheet, part, stats) in [(Label.sheetEconomic, economic, false), (.sheetSocial, social, false), (.sheetQuality, quality, true)] {
            WorkbookDetailSheet.write(try wb.addWorksheet(l[sheet]), title: "\(l[sheet]) — \(name) (\(teryt))", part, index: index,
                                      styles: s, withStats: stats, print: print)
        }
        try benchmark(wb, try wb.addWorksheet(l[.sheetBenchmark]), index: index, teryt: teryt, styles: s, print: print)
        PlanSheet.write(try wb.addWorksheet(PlanText.sheet(l.lang)), index: index, teryt: teryt, name: name, styles: s, print: print)
        CoverageSheet.write(try wb.addWorksheet(l[.sheetCoverage]), index: index, teryt: teryt, styles: s, print: print)
        let files = index.filesByTeryt[teryt] ?? []
        DataQualitySheet.write(try wb.addWorksheet(l[.sheetDataQuality]), index.dataQuality, teryt: teryt, files: files,
                               styles: s, labels: l, print: print)
        WorkbookSheets.sources(try wb.addWorksheet(l[.sheetSources]), index: index, files: files, styles: s, print: print)
        WorkbookSheets.definitions(try wb.addWorksheet(l[.sheetDefinitions]), index: index, styles: s, print: print)
        try wb.close()
    }

    /// The benchmark table (every benchmarked measure and period), then under it a sorted bar
    /// chart per headline measure of the headline period with this municipality's bar highlighted.
    static func benchmark(_ wb: XLSXWorkbook, _ ws: XLSXWorksheet, index: WorkbookIndex, teryt: String, styles s: WorkbookStyles,
                          print: WorkbookPrint) throws {
        let l = index.labels
        let titles = [l[.code], l[.measure], l[.period]] + WorkbookSheets.benchmarkTitles(l)
        let widths: [Double] = [7, 34, 9, 14, 14, 14, 14, 14, 14, 14, 12, 8, 14, 30]
        ws.header(0, titles, s, widths: widths)
        let rows = index.benchmark(teryt: teryt).sorted {
            (index.order[$0.measure] ?? Int.max, $0.measure.raw, index.periodRank($0.period))
                < (index.order[$1.measure] ?? Int.max, $1.measure.raw, index.periodRank($1.period))
        }
        var r = 1
        for b in rows {
            let d = index.definition(b.measure)
            WorkbookSheets.benchmarkLead(ws, r, b, d, labels: l)
            WorkbookSheets.benchmarkCells(ws, r, 3, b, unit: d?.unit ?? "", styles: s, labels: l)
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
        print.apply(ws, landscape: true, headerRows: 0...0)
        let data = try wb.addWorksheet(l[.sheetChartData])
        // The charts start on a page of their own, under the header row printed on every page.
        let header = titles.enumerated().map { (text: $0.element, width: widths[$0.offset]) }
        try BenchmarkCharts.write(wb, charts: ws, data: data, top: r + 1, index: index, highlight: teryt, styles: s,
                                  orientation: .landscape, repeatedRowsHeight: XLSXTextFit.rowHeight(header),
                                  printScale: 1.1 * XLSXPrintSetup.fitScale(columnWidths: widths, orientation: .landscape), breakFirst: true)
        data.hide()
    }
}
