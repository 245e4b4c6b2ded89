import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The Summary's small trend charts (SPEC 9.2): one column chart per benchmarked headline
/// measure, the municipality (dark bars) against the group mean (grey bars).
///
/// A chart shows periods of one length only, so a year bar never stands beside quarter bars
/// (a year of costs beside a quarter of costs reads as a fall): the quarters of the headline year
/// and of the year before it (and of the as-of year, when the headline is an earlier year) when the
/// run has at least two of them, else their halves, else their years. A bar of a period that ends
/// after the as-of date (provisional) is drawn in a lighter shade; a municipality's bar whose value is
/// flagged `incomplete` is hatched; the note line above the charts says so, and the value axis is
/// titled with the unit. The numbers sit in hidden columns from `MunicipalSummary.chartDataColumn` on.
enum SummaryTrendCharts {
    static let ownColour: UInt32 = 0x1F4E79
    static let ownProvisionalColour: UInt32 = 0x9DC3E6
    static let meanColour: UInt32 = 0xBFBFBF
    static let meanProvisionalColour: UInt32 = 0xE7E6E6

    /// The charts' periods, in time order, all of one length (see the type's comment); periods
    /// that start after the as-of date (no rows) are left out.
    static func periods(_ index: WorkbookIndex) -> [Period] {
        let asOf = index.ctx.asOf
        let headline = index.headlinePeriod?.year ?? asOf.year
        let years: Set<Int> = [headline - 1, headline, max(headline, asOf.year)]
        let usable = index.ctx.periods.filter { years.contains($0.year) && $0.start <= asOf }
        let lengths: [Period.Length] = [.quarter, .half, .year]
        let chosen = lengths.first { l in usable.filter { $0.length == l }.count >= 2 }
            ?? lengths.reversed().first { l in usable.contains { $0.length == l } }
        guard let length = chosen else { return [] }
        return usable.filter { $0.length == length }.sorted { $0.start < $1.start }
    }

    /// The note printed above the charts: what a chart compares and how its bars are marked.
    static func note(_ periods: [Period], labels l: Labels) -> String {
        guard let first = periods.first, let last = periods.last else { return "" }
        let length: Label
        switch first.length {
        case .quarter: length = .trendQuarters
        case .half: length = .trendHalves
        default: length = .trendYears
        }
        let span = first == last ? first.text : "\(first.text)–\(last.text)"
        return "\(l[.trendNote]) \(l[length]) \(span). \(l[.trendMarks])"
    }

    /// Writes the chart data and the charts from row `top`; the note goes on `top − 1`.
    static func write(_ ws: XLSXWorksheet, wb: XLSXWorkbook, index: WorkbookIndex, teryt: String, definitions: [MeasureDefinition],
                      top: Int, styles s: WorkbookStyles) throws {
        let l = index.labels
        let periods = periods(index)
        guard !periods.isEmpty, !definitions.isEmpty else { return }
        ws.write(top - 1, 0, string: note(periods, labels: l), s.general)
        let headerRow = MunicipalSummary.headerRow
        var bench: [String: BenchmarkRow] = [:]
        for b in index.benchmark(teryt: teryt) { bench[b.measure.raw + "\u{1F}" + b.period.text] = b }
        var own: [String: MeasureRow] = [:]
        for row in index.own(.municipality, teryt) where row.facilityType.isEmpty && row.dimension.isEmpty {
            own[row.measure.raw + "\u{1F}" + row.period.text] = row
        }
        let perRow = 5
        for (i, d) in definitions.enumerated() {
            let c = MunicipalSummary.chartDataColumn + 3 * i
            ws.write(headerRow, c, string: d.code.raw)
            ws.write(headerRow, c + 1, string: l[.seriesValue])
            ws.write(headerRow, c + 2, string: l[.seriesMean])
            var ownFills: [Int: UInt32] = [:], meanFills: [Int: UInt32] = [:]
            var hatched: [Int: XLSXPattern] = [:]
            for (k, p) in periods.enumerated() {
                let key = d.code.raw + "\u{1F}" + p.text
                let provisional = p.end > index.ctx.asOf
                ws.write(headerRow + 1 + k, c, string: p.text)
                ws.write(headerRow + 1 + k, c + 1, optional: own[key]?.value)
                ws.write(headerRow + 1 + k, c + 2, optional: bench[key]?.mean)
                if provisional { ownFills[k] = ownProvisionalColour; meanFills[k] = meanProvisionalColour }
                if own[key]?.isIncomplete == true {
                    hatched[k] = XLSXPattern(foreground: provisional ? ownProvisionalColour : ownColour)
                }
            }
            let first = headerRow + 1, last = headerRow + periods.count
            let chart = try wb.addChart(.column)
            chart.setValueAxisNumFormat(WorkbookStyles.numFormat(unit: d.unit))
            chart.setValueAxisMin(0)
            let cats = XLSXRange(sheet: ws.name, column: c, firstRow: first, lastRow: last)
            chart.addSeries(name: l[.seriesOwn], categories: cats, values: XLSXRange(sheet: ws.name, column: c + 1, firstRow: first, lastRow: last),
                            style: XLSXSeriesStyle(fillColor: ownColour, lineColor: ownColour, pointFills: ownFills, pointPatterns: hatched))
            chart.addSeries(name: l[.seriesMean], categories: cats, values: XLSXRange(sheet: ws.name, column: c + 2, firstRow: first, lastRow: last),
                            style: XLSXSeriesStyle(fillColor: meanColour, lineColor: 0x7F7F7F, pointFills: meanFills))
            chart.setTitle("\(d.code.raw) \(l.measureName(d))")
            chart.setValueAxisName(l.unit(d.unit), fontSize: 7)
            chart.setFontSizes(title: 8, axes: 7)
            chart.setLegendBottom()
            chart.showHiddenData()
            ws.insertChart(top + (i / perRow) * 11, 0, chart, xScale: 0.57, yScale: 0.72, xOffset: (i % perRow) * 276)
        }
        ws.hideColumns(MunicipalSummary.chartDataColumn, MunicipalSummary.chartDataColumn + 3 * definitions.count - 1)
    }
}
