import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The municipal Summary sheet: one landscape A4 page a manager reads at a glance.
///
/// Rows: title; period and as-of date; the coverage line; the header (row 4); one row per
/// headline measure (S05 one per facility type): value, previous period and change (▲▼, green
/// when better by the measure's direction, red when worse), group mean and median, position
/// "3 z 7", norm, target, a traffic light (a number 1–3 shown as a coloured dot and a word by
/// its number format and coloured by cell-value conditional formats, no formula), unit and flags.
/// An incomplete value is yellow with a note naming the missing facility-months. A municipality
/// with a file standing rejected whole gets a red banner over the first two rows naming the file,
/// the reason and the fix (`RejectedFile`).
/// Below: the missing reports of the headline period per facility (from coverage), the legend (one
/// sentence each for provisional, suppressed, incomplete) and a small column chart per
/// benchmarked headline measure (`SummaryTrendCharts`).
enum MunicipalSummary {
    static let headerRow = 3
    static let chartDataColumn = 20
    /// The banner of files rejected whole: merged over these columns of the first two rows,
    /// right of the title, so no cell of the fixed layout moves.
    static let bannerColumns = 5...13
    /// Facilities listed under "missing reports" (the Coverage sheet holds the rest).
    static let maxGapLines = 6
    /// Traffic light values: 1 green (meets norm and target, not worse than the group),
    /// 2 amber (worse than the group mean), 3 red (misses the norm or the target).
    static let lightFormatPL = #"[=1]"● dobrze";[=2]"● uwaga";"● źle""#
    static let lightFormatEN = #"[=1]"● good";[=2]"● watch";"● poor""#

    static func write(_ ws: XLSXWorksheet, wb: XLSXWorkbook, index: WorkbookIndex, teryt: String, name: String,
                      styles s: WorkbookStyles, print: WorkbookPrint) throws {
        let l = index.labels
        let title = wb.addFormat(XLSXFormatSpec(bold: true))
        ws.write(0, 0, string: "\(l[.titleMunicipal]): \(name) (\(teryt))", title)
        ws.write(1, 0, string: l[.periodLabel], s.bold)
        let period = index.headlinePeriod
        ws.write(1, 1, text: index.headlineText)
        ws.write(1, 3, string: l[.asOfLabel], s.bold)
        ws.write(1, 4, isoDate: index.ctx.asOf.iso, s)
        ws.write(2, 0, string: "\(l[.coverageLabel]): \(index.coverageLine(teryt: teryt, period: period))", s.bold)
        if let banner = index.rejectedBanner(teryt: teryt) {
            let red = wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xC00000, fontColor: 0xFFFFFF, wrap: true, border: true, alignTop: true))
            ws.merge(firstRow: 0, firstCol: bannerColumns.lowerBound, lastRow: 1, lastCol: bannerColumns.upperBound, string: banner, red)
            // About 110 characters a line over the merged width; the two rows share the lines.
            let lines = Double(banner.count / 110 + 2)
            ws.setRowHeight(0, 7.5 * lines); ws.setRowHeight(1, 7.5 * lines)
        }

        let h = headerRow
        let titles = [l[.code], l[.measure], l[.facilityType] + " / " + l[.dimension], l[.value], l[.previousValue], l[.change],
                      l[.mean], l[.median], l[.rank], l[.norm], l[.target], l[.light], l[.unit], l[.flags]]
        ws.header(h, titles, s, widths: [6, 30, 27, 13, 13, 13, 13, 13, 8, 9, 9, 10, 14, 28], minHeight: 30)
        guard let period else { print.apply(ws, landscape: true, onePage: true); return }

        let mine = index.own(.municipality, teryt)
        var bench: [MeasureCode: BenchmarkRow] = [:]
        for b in index.benchmark(teryt: teryt) where b.period == period { bench[b.measure] = b }
        let withValue = index.withValueInHeadlinePeriod
        let lightFormat = wb.addFormat(XLSXFormatSpec(numFormat: l.lang == .pl ? lightFormatPL : lightFormatEN, bold: true, alignCenter: true))
        var r = h + 1
        var charted: [MeasureDefinition] = []
        for mc in index.headlineCodes {
            let code = mc.raw
            guard let d = index.definition(mc) else { continue }
            var rows = mine.filter { $0.measure == mc && $0.period == period && $0.dimension.isEmpty }
            rows.sort { $0.facilityType < $1.facilityType }
            if rows.isEmpty {
                rows = [MeasureRow(measure: mc, period: period, grain: .municipality, unitID: teryt, value: nil, numerator: nil,
                                   denominator: nil, unit: d.unit, flags: [.no_denominator])]
            }
            if d.benchmarked { charted.append(d) }
            for row in rows {
                let b = row.facilityType.isEmpty ? bench[mc] : nil
                ws.write(r, 0, string: code)
                ws.write(r, 1, string: l.measureName(d))
                if !row.facilityType.isEmpty { ws.write(r, 2, string: l.facilityType(row.facilityType)) }
                else if d.split == .dimension { ws.write(r, 2, string: l[.overall]) }
                ws.write(r, 3, optional: row.value, s.value(unit: d.unit, marks: WorkbookSheets.marks(row)))
                if row.isIncomplete, row.value != nil { ws.writeNote(r, 3, incompleteNote(index, teryt: teryt, period: period)) }
                let (prev, prevIncomplete) = previousValue(index, row: row, bench: b)
                ws.write(r, 4, optional: prev, s.value(unit: d.unit, marks: prevIncomplete ? [.incomplete] : []))
                if prevIncomplete, prev != nil { ws.writeNote(r, 4, incompleteNote(index, teryt: teryt, period: row.period.previous)) }
                if let v = row.value, let p = prev { change(ws, r, 5, delta: v - p, definition: d, styles: s, labels: l) }
                ws.write(r, 6, optional: b?.mean, s.value(unit: d.unit))
                ws.write(r, 7, optional: b?.median, s.value(unit: d.unit))
                if let rank = b?.rank {
                    ws.write(r, 8, string: "\(rank) \(l[.outOf]) \(withValue[mc] ?? 0)", s.value(numFormat: "@", marks: [], alignCenter: true))
                }
                ws.write(r, 9, text: l.norm(d.norm, unit: d.unit))
                let target = index.targets[mc]
                if let t = target { ws.write(r, 10, text: l.norm(MeasureNorm(min: t.min, max: t.max), unit: d.unit)) }
                if let light = light(row: row, mean: b?.mean, definition: d, target: target) {
                    ws.write(r, 11, number: Double(light), lightFormat)
                }
                ws.write(r, 12, string: l.unit(d.unit))
                ws.write(r, 13, text: l.flags(row.flags))
                r += 1
            }
        }
        let last = r - 1
        if last > h {
            let green = wb.addFormat(XLSXFormatSpec(bgColor: 0xC6EFCE, fontColor: 0x006100))
            let amber = wb.addFormat(XLSXFormatSpec(bgColor: 0xFFEB9C, fontColor: 0x9C5700))
            ws.conditionalFormat(firstRow: h + 1, firstCol: 11, lastRow: last, lastCol: 11, rule: .cell(.equal, 1), format: green)
            ws.conditionalFormat(firstRow: h + 1, firstCol: 11, lastRow: last, lastCol: 11, rule: .cell(.equal, 2), format: amber)
            ws.conditionalFormat(firstRow: h + 1, firstCol: 11, lastRow: last, lastCol: 11, rule: .cell(.equal, 3), format: s.cfBad)
        }
        r += 1
        let gaps = index.coverageGaps(teryt: teryt, period: period)
        if !gaps.isEmpty {
            ws.write(r, 0, string: "\(l[.gapsTitle]) \(period.text):", s.bold)
            r += 1
            for g in gaps.prefix(maxGapLines) { ws.write(r, 0, string: g); r += 1 }
            if gaps.count > maxGapLines { ws.write(r, 0, string: l.more(gaps.count - maxGapLines, .otherFacility, sheet: .sheetCoverage)); r += 1 }
        }
        for key in [Label.legendLight, .meaningProvisional, .meaningSuppressed, .meaningIncomplete] {
            ws.write(r, 0, string: l[key], key == .legendLight ? s.bold : s.general)
            r += 1
        }
        try SummaryTrendCharts.write(ws, wb: wb, index: index, teryt: teryt, definitions: charted, top: r + 1, styles: s)
        print.apply(ws, landscape: true, onePage: true)
    }

    /// The previous period's value and whether it is flagged `incomplete`: the own row of that
    /// period when the run has it, else the published value less the benchmark's change on the
    /// previous period (whose flags the run does not have).
    static func previousValue(_ index: WorkbookIndex, row: MeasureRow, bench: BenchmarkRow?) -> (Double?, Bool) {
        let prev = row.period.previous
        if let own = index.own(.municipality, row.unitID).first(where: {
            $0.measure == row.measure && $0.period == prev && $0.facilityType == row.facilityType && $0.dimension == row.dimension
        }) { return (own.value, own.isIncomplete) }
        if let b = bench, let v = b.value, let d = b.deltaPrev { return (v - d, false) }
        return (nil, false)
    }

    /// The note of an incomplete value cell: the facility-months missing in its period.
    static func incompleteNote(_ index: WorkbookIndex, teryt: String, period: Period) -> String {
        let gaps = index.coverageGaps(teryt: teryt, period: period)
        let l = index.labels
        let shown = gaps.prefix(maxGapLines).joined(separator: "\n")
        let more = gaps.count > maxGapLines ? "\n" + l.more(gaps.count - maxGapLines, .otherFacility, sheet: .sheetCoverage) : ""
        return "\(l[.incompleteCellNote]) \(period.text)\n" + (gaps.isEmpty ? l.more(0, .otherFacility, sheet: .sheetCoverage) : shown + more)
    }

    /// The change as ▲/▼ and the number, green when better by the measure's direction.
    /// The change of a share is a difference of percentages: percentage points (`▲ 7,6 p.p.`),
    /// the cell holding the points (0.076 → 7.6).
    static func change(_ ws: XLSXWorksheet, _ r: Int, _ c: Int, delta: Double, definition d: MeasureDefinition, styles s: WorkbookStyles,
                       labels l: Labels) {
        let rounded = (delta * 1e9).rounded() / 1e9
        let points = d.unit == "share"
        let base = points ? "0.0\" \(l[.percentagePoints])\"" : WorkbookStyles.numFormat(unit: d.unit)
        let code = "\"▲ \"\(base);\"▼ \"\(base);\"= \"\(base)"
        let better = d.direction == .higherIsBetter ? rounded > 0 : rounded < 0
        let worse = d.direction == .higherIsBetter ? rounded < 0 : rounded > 0
        let colour: UInt32? = better ? 0x006100 : worse ? WorkbookStyles.belowNormFont : nil
        let f = s.wb.addFormat(XLSXFormatSpec(numFormat: code, bold: better || worse, fontColor: colour))
        ws.write(r, c, number: points ? (rounded * 100 * 1e9).rounded() / 1e9 : rounded, f)
    }

    /// 3 when the norm or the target is missed, 2 when worse than the group mean, 1 when the
    /// value has something to be compared with and passes; nil without a value or comparison.
    /// Compared at 9 decimals, as the flags are.
    static func light(row: MeasureRow, mean: Double?, definition d: MeasureDefinition, target: Target?) -> Int? {
        guard let raw = row.value else { return nil }
        let v = (raw * 1e9).rounded() / 1e9
        func r9(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
        var compared = false
        if row.flags.contains(.below_norm) || row.flags.contains(.below_target) { return 3 }
        if let n = d.norm {
            if let lo = n.min { compared = true; if v < r9(lo) { return 3 } }
            if let hi = n.max { compared = true; if v > r9(hi) { return 3 } }
        }
        if let t = target {
            if let lo = t.min { compared = true; if v < r9(lo) { return 3 } }
            if let hi = t.max { compared = true; if v > r9(hi) { return 3 } }
        }
        if let m = mean {
            compared = true
            let worse = d.direction == .higherIsBetter ? v < r9(m) : v > r9(m)
            if worse || row.flags.contains(.below_average) { return 2 }
        }
        return compared ? 1 : nil
    }
}
