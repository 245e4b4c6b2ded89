import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// Sorted bar charts of the group, one per benchmarked headline measure of the headline period.
///
/// libxlsxwriter 1.1.4 cannot draw a line over bars, so the group mean is a labelled grey bar
/// among the municipalities (and named with its value in the chart's title); bars run from the
/// best value (by the measure's direction) at the top to the worst, each labelled with its value.
/// In a municipal workbook the municipality's own bar is dark orange and, where the group has
/// more than `window` municipalities, only the `window` around it are drawn (the title says
/// which positions). A municipality whose value is flagged `incomplete` (outside the group's
/// statistics, SPEC 7) has a hatched bar, and the title says so. The chart data (name, value) is
/// written to a hidden sheet.
enum BenchmarkCharts {
    static let window = 30
    static let barColour: UInt32 = 0x5B9BD5
    static let ownColour: UInt32 = 0xC55A11
    static let meanColour: UInt32 = 0x7F7F7F

    /// Pixels of a sheet row (libxlsxwriter's default 15-point row) and of a bar.
    static let rowPixels = 20.0
    static let barPixels = 16.0, minBarPixels = 10.0, chartFramePixels = 60.0
    /// A chart's width: 1.9 × libxlsxwriter's default 480 pixels.
    static let chartXScale = 1.9
    static var chartWidthPixels: Double { 480 * chartXScale }

    /// Writes the charts on `charts` from row `top` down (data on `data`); returns the first row
    /// below them. The charts never cross a printed page: they are packed onto pages by their
    /// heights at `printScale` (an upper bound of the scale the sheet prints at: Excel's scale
    /// for its column widths with 10 % to spare; a renderer with wider fonts shrinks the sheet
    /// more, so a page holds at least that much), a manual page break starts each page of charts
    /// (the first too when `breakFirst`, below a table), and a chart too tall for a page is
    /// split into charts of consecutive positions. `orientation` and `repeatedRowsHeight` (points
    /// of the header rows printed on every page) give the page's room.
    @discardableResult
    static func write(_ wb: XLSXWorkbook, charts ws: XLSXWorksheet, data: XLSXWorksheet, top: Int, index: WorkbookIndex,
                      highlight: String?, styles s: WorkbookStyles, orientation: XLSXPrintSetup.Orientation,
                      repeatedRowsHeight: Double = 0, printScale: Double = 1, breakFirst: Bool) throws -> Int {
        let l = index.labels
        guard let period = index.headlinePeriod else { return top }
        data.setColumnWidth(0, 0, 28)
        // The page's room in sheet pixels at 100 %, less a margin for rounding in the renderers.
        let scale = min(1, max(0.1, printScale))
        let pageRows = Int(((XLSXPrintSetup.bodyHeight(orientation) - repeatedRowsHeight * scale) * 4 / 3 * 0.95 / scale / rowPixels).rounded(.down))
        // A chart is never taller than a page at 100 % (the sheet may print larger elsewhere).
        let chartPageRows = Int(((XLSXPrintSetup.bodyHeight(orientation) - repeatedRowsHeight) * 4 / 3 * 0.95 / rowPixels).rounded(.down))
        var r = top
        var pageStart = top
        var breaks: [Int] = breakFirst ? [top] : []
        var dataRow = 0
        func place(rows: Int) {
            if r - pageStart + rows > pageRows, r > pageStart { breaks.append(r); pageStart = r }
        }
        let maxBars = Int(((Double(chartPageRows - 1) * rowPixels - chartFramePixels) / minBarPixels).rounded(.down))
        for whole in index.chartBlocks {
          // A municipal workbook draws one chart: the `window` around its own bar, taken from the
          // whole block (a part's bars and positions are not the group's).
          for block in highlight == nil ? whole.parts(maxBars: maxBars) : [whole] {
            let d = block.definition, mc = d.code
            let better = block.better
            var sorted = block.bars
            let total = block.total ?? sorted.count
            var firstRank = block.offset + 1
            if let own = highlight, total > window {
                // Around its own bar; a municipality without a value in this measure sees the
                // best `window` (one chart a page tall, not the whole group).
                let at = sorted.firstIndex(where: { $0.teryt == own })
                let start = at.map { max(0, min(total - window, $0 - window / 2)) } ?? 0
                sorted = Array(sorted[start..<(start + window)])
                firstRank = start + 1
            }
            let mean = block.mean
            // Bars: the municipalities, with the mean placed where it ranks.
            var bars: [(name: String, value: Double, kind: Int, incomplete: Bool)] = sorted.map {
                ((index.municipalityName[$0.teryt] ?? $0.teryt), $0.value, $0.teryt == highlight ? 1 : 0, $0.incomplete)
            }
            if let m = mean {
                let at = bars.firstIndex { better(m, $0.value) } ?? bars.count
                // A chart of part of the positions shows the mean only where it falls among them.
                if (at > 0 || block.offset == 0) && (at < bars.count || block.offset + bars.count >= total) {
                    bars.insert(("\(l[.chartMeanTitle])", m, 2, false), at: at)
                }
            }
            data.write(dataRow, 0, string: "\(mc.raw) \(period.text)", s.bold); dataRow += 1
            let firstData = dataRow
            var fills: [Int: UInt32] = [:]
            var hatched: [Int: XLSXPattern] = [:]
            for (i, b) in bars.enumerated() {
                data.write(dataRow, 0, string: b.name)
                data.write(dataRow, 1, number: b.value)
                if b.kind == 1 { fills[i] = ownColour } else if b.kind == 2 { fills[i] = meanColour }
                if b.incomplete { hatched[i] = XLSXPattern(foreground: b.kind == 1 ? ownColour : barColour) }
                dataRow += 1
            }
            let lastData = dataRow - 1
            dataRow += 1
            let chart = try wb.addChart(.bar)
            chart.setValueAxisNumFormat(WorkbookStyles.numFormat(unit: d.unit))
            chart.setValueAxisMin(0)
            chart.addSeries(name: l.measureName(d), categories: XLSXRange(sheet: data.name, column: 0, firstRow: firstData, lastRow: lastData),
                            values: XLSXRange(sheet: data.name, column: 1, firstRow: firstData, lastRow: lastData),
                            style: XLSXSeriesStyle(fillColor: barColour, lineColor: barColour, pointFills: fills, valueLabels: true,
                                                   labelNumFormat: d.unit == "PLN" ? #"[>=1000]#,##0 "zł";#,##0.00 "zł""# : nil,
                                                   pointPatterns: hatched))
            let shown = index.headlineProvisional ? "\(period.text), \(l[.flagProvisional])" : period.text
            var title = "\(mc.raw) \(l.measureName(d)) (\(shown))"
            if let m = mean { title += " — \(l[.chartMeanTitle]) \(WorkbookNumberText.display(m, unit: d.unit, lang: l.lang))" }
            if firstRank > 1 || sorted.count < total {
                title += " · \(l[.rank]) \(firstRank)–\(firstRank + sorted.count - 1) \(l[.outOf]) \(total)"
            }
            if !hatched.isEmpty { title += " · \(l[.chartIncompleteNote])" }
            chart.setTitle(title)
            chart.setFontSizes(title: 10, axes: 8)
            chart.hideLegend()
            chart.reverseCategoryAxis()
            // Rows of 20 px: the chart's height is a whole number of rows, so its bottom edge
            // lies on a row boundary; bars narrow (down to 10 px) before a chart outgrows a page.
            let room = Double(chartPageRows - 1) * rowPixels - chartFramePixels
            let perBar = min(barPixels, max(minBarPixels, room / Double(max(1, bars.count))))
            let chartRows = Int((max(220, chartFramePixels + perBar * Double(bars.count)) / rowPixels).rounded(.up))
            place(rows: chartRows + 1)
            ws.insertChart(r, 0, chart, xScale: chartXScale, yScale: Double(chartRows) * rowPixels / 288)
            r += chartRows + 1
          }
        }
        ws.setPageBreaks(beforeRows: breaks)
        return r
    }

    /// One chart before its window: a benchmarked headline measure's municipalities with a value
    /// in the headline period, best first (ties by teryt), and the group mean.
    struct Block {
        let definition: MeasureDefinition
        /// Best first; `incomplete`: the value is flagged `incomplete` (drawn hatched).
        let bars: [(teryt: String, value: Double, incomplete: Bool)]
        let mean: Double?
        /// `a` better than `b` by the measure's direction.
        let better: (Double, Double) -> Bool
        /// A part of a longer block: the position before its first bar and the whole block's size.
        var offset = 0
        var total: Int? = nil

        /// The block in parts of at most `maxBars` bars, the mean's bar included (one part when it fits).
        func parts(maxBars: Int) -> [Block] {
            let size = max(1, maxBars - 1)
            guard bars.count > size else { return [self] }
            return stride(from: 0, to: bars.count, by: size).map { start in
                var b = Block(definition: definition, bars: Array(bars[start..<min(bars.count, start + size)]), mean: mean, better: better)
                b.offset = start; b.total = bars.count
                return b
            }
        }
    }

    /// The blocks of every chart, in catalogue order; the same for every workbook, so built once
    /// per run (`WorkbookIndex.chartBlocks`).
    static func blocks(_ index: WorkbookIndex) -> [Block] {
        guard let period = index.headlinePeriod else { return [] }
        var byCode: [MeasureCode: [BenchmarkRow]] = [:]
        for b in index.ctx.benchmark where b.period == period && b.value != nil { byCode[b.measure, default: []].append(b) }
        var out: [Block] = []
        for mc in index.headlineCodes {
            guard let d = index.definition(mc), d.benchmarked, let block = byCode[mc], !block.isEmpty else { continue }
            let better: (Double, Double) -> Bool = d.direction == .higherIsBetter ? { $0 > $1 } : { $0 < $1 }
            let sorted = block.sorted { a, b in
                a.value! != b.value! ? better(a.value!, b.value!) : a.teryt < b.teryt
            }
            out.append(Block(definition: d, bars: sorted.map { ($0.teryt, $0.value!, $0.flags.contains(.incomplete)) },
                             mean: block.first?.mean, better: better))
        }
        return out
    }
}
