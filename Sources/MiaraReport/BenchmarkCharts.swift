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

    /// Writes the charts on `charts` from row `top` down (data on `data`); returns the first row below them.
    @discardableResult
    static func write(_ wb: XLSXWorkbook, charts ws: XLSXWorksheet, data: XLSXWorksheet, top: Int, index: WorkbookIndex,
                      highlight: String?, styles s: WorkbookStyles) throws -> Int {
        let l = index.labels
        guard let period = index.headlinePeriod else { return top }
        data.setColumnWidth(0, 0, 28)
        var r = top
        var dataRow = 0
        for block in index.chartBlocks {
            let d = block.definition, mc = d.code
            let better = block.better
            var sorted = block.bars
            let total = sorted.count
            var firstRank = 1
            if let own = highlight, total > window, let at = sorted.firstIndex(where: { $0.teryt == own }) {
                let start = max(0, min(total - window, at - window / 2))
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
                bars.insert(("\(l[.chartMeanTitle])", m, 2, false), at: at)
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
            let height = Double(max(220, 60 + 16 * bars.count))
            ws.insertChart(r, 0, chart, xScale: 1.9, yScale: height / 288)
            r += Int((height / 20).rounded(.up)) + 2
        }
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
