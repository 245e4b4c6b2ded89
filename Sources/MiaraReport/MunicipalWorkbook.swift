import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The municipality's own workbook (SPEC 9.2).
///
/// Sheets: Summary (headline measures of the headline period against the group mean, norm and
/// target, traffic lights), Economic / Social / Quality (every row of the municipality, its
/// facilities and the providers working in it, every period; codes E…, S…, anything else),
/// Benchmark (the municipality against the group, per measure and period), Data quality,
/// Sources, Definitions. Rows of the municipality and its facilities come from the own view
/// (suppressed values shown in italics, flagged); provider rows come from the published rows,
/// because a provider's figures can include persons of other municipalities.
enum MunicipalWorkbook {
    static func write(_ index: WorkbookIndex, teryt: String, path: String) throws {
        let l = index.labels
        let name = index.municipalityName[teryt] ?? teryt
        let wb = try Workbooks.open(index, path: path, title: "\(l[.titleMunicipal]): \(name) (\(teryt))")
        let s = WorkbookStyles(wb)

        // Rows of this municipality: one look-up per unit in the pre-grouped rows.
        var own = index.ownByUnit[.municipality]?[teryt] ?? []
        for f in index.facilitiesByTeryt[teryt] ?? [] { own += index.ownByUnit[.facility]?[f.id] ?? [] }
        var rows = own
        for p in index.providersByTeryt[teryt] ?? [] { rows += index.measuresByUnit[.provider]?[p] ?? [] }
        rows = index.sorted(rows)

        try summary(wb.addWorksheet(l[.sheetSummary]), index: index, teryt: teryt, name: name, styles: s)
        var economic: [MeasureRow] = [], social: [MeasureRow] = [], quality: [MeasureRow] = []
        for r in rows {
            switch index.definition(r.measure)?.family ?? .quality {
            case .economic: economic.append(r)
            case .social: social.append(r)
            case .quality: quality.append(r)
            }
        }
        WorkbookSheets.measures(try wb.addWorksheet(l[.sheetEconomic]), economic, index: index, styles: s, withStats: false)
        WorkbookSheets.measures(try wb.addWorksheet(l[.sheetSocial]), social, index: index, styles: s, withStats: false)
        WorkbookSheets.measures(try wb.addWorksheet(l[.sheetQuality]), quality, index: index, styles: s, withStats: true)
        benchmark(try wb.addWorksheet(l[.sheetBenchmark]), index: index, teryt: teryt, styles: s)
        DataQualitySheet.write(try wb.addWorksheet(l[.sheetDataQuality]), index.dataQuality, teryt: teryt, styles: s, labels: l)
        WorkbookSheets.sources(try wb.addWorksheet(l[.sheetSources]), index: index, styles: s)
        WorkbookSheets.definitions(try wb.addWorksheet(l[.sheetDefinitions]), index: index, styles: s)
        try wb.close()
    }

    /// Summary columns (0-based): A code, B measure, C facility type / dimension, D value,
    /// E group mean, F median, G norm, H target, I rank, J flags, K alert (1 = a negative flag),
    /// L unit. The header is on row 5 (index 4); data from row 6.
    static let summaryHeaderRow = 4

    static func summary(_ ws: XLSXWorksheet, index: WorkbookIndex, teryt: String, name: String, styles s: WorkbookStyles) {
        let l = index.labels
        ws.write(0, 0, string: "\(l[.titleMunicipal]): \(name) (\(teryt))", s.title)
        ws.write(1, 0, string: l[.periodLabel])
        ws.write(1, 1, text: index.headlinePeriod?.text)
        ws.write(1, 2, string: l[.asOfLabel])
        ws.write(1, 3, isoDate: index.ctx.asOf.iso, s)
        ws.write(2, 0, string: l[.ownViewNote])
        ws.write(3, 0, string: l[.legend])
        let h = summaryHeaderRow
        let titles = [l[.code], l[.measure], l[.facilityType] + " / " + l[.dimension], l[.value], l[.mean], l[.median], l[.norm],
                      l[.target], l[.rank], l[.flags], l[.alert], l[.unit]]
        ws.header(h, titles, s, widths: [7, 34, 22, 14, 14, 14, 14, 14, 8, 30, 10, 14])
        guard let period = index.headlinePeriod else { return }
        let mine = index.ownByUnit[.municipality]?[teryt] ?? []
        var bench: [MeasureCode: BenchmarkRow] = [:]
        for b in index.benchmarkByTeryt[teryt] ?? [] where b.period == period { bench[b.measure] = b }
        var r = h + 1
        for mc in index.headlineCodes {
            guard let d = index.definition(mc) else { continue }
            var rows = mine.filter { $0.measure == mc && $0.period == period && $0.dimension.isEmpty }
            rows.sort { $0.facilityType < $1.facilityType }
            if rows.isEmpty {
                rows = [MeasureRow(measure: mc, period: period, grain: .municipality, unitID: teryt, value: nil, numerator: nil,
                                   denominator: nil, unit: d.unit, flags: [.no_denominator])]
            }
            for row in rows {
                let b = row.facilityType.isEmpty ? bench[mc] : nil
                ws.write(r, 0, string: mc.raw)
                ws.write(r, 1, string: l.measureName(d))
                if !row.facilityType.isEmpty { ws.write(r, 2, string: l.facilityType(row.facilityType)) }
                else if d.split == .dimension { ws.write(r, 2, string: l[.overall]) }
                let ownOnly = row.flags.contains(.suppressed) && row.value != nil
                let f = s.value(unit: d.unit, italic: ownOnly)
                ws.write(r, 3, optional: row.value, f)
                ws.write(r, 4, optional: b?.mean, s.value(unit: d.unit))
                ws.write(r, 5, optional: b?.median, s.value(unit: d.unit))
                ws.write(r, 6, text: l.norm(d.norm))
                if let t = index.targets[mc] { ws.write(r, 7, text: l.norm(MeasureNorm(min: t.min, max: t.max))) }
                ws.write(r, 8, optionalInt: b?.rank)
                ws.write(r, 9, text: l.flags(row.flags))
                let bad = !row.flags.isDisjoint(with: [.below_norm, .below_target, .below_average])
                ws.write(r, 10, number: bad ? 1 : 0)
                ws.write(r, 11, string: d.unit)
                trafficLight(ws, row: r, definition: d, hasMean: b?.mean != nil, styles: s)
                r += 1
            }
        }
    }

    /// Red when the row carries a negative flag (column K = 1); green when the value is not
    /// worse than the group mean (if there is one) and meets the catalogue norm (if any).
    static func trafficLight(_ ws: XLSXWorksheet, row r: Int, definition d: MeasureDefinition, hasMean: Bool, styles s: WorkbookStyles) {
        let x = r + 1   // A1 row number
        ws.conditionalFormat(firstRow: r, firstCol: 3, lastRow: r, lastCol: 3, rule: .formula("=$K\(x)=1"), format: s.cfBad, stopIfTrue: true)
        var conds: [String] = []
        let cmp = d.direction == .higherIsBetter ? ">=" : "<="
        if hasMean { conds.append("$D\(x)\(cmp)$E\(x)") }
        if let lo = d.norm?.min { conds.append("$D\(x)>=\(WorkbookNumberText.plain(lo))") }
        if let hi = d.norm?.max { conds.append("$D\(x)<=\(WorkbookNumberText.plain(hi))") }
        guard !conds.isEmpty else { return }
        let formula = "=AND(ISNUMBER($D\(x))," + conds.joined(separator: ",") + ")"
        ws.conditionalFormat(firstRow: r, firstCol: 3, lastRow: r, lastCol: 3, rule: .formula(formula), format: s.cfGood)
    }

    static func benchmark(_ ws: XLSXWorksheet, index: WorkbookIndex, teryt: String, styles s: WorkbookStyles) {
        let l = index.labels
        let titles = [l[.code], l[.measure], l[.period]] + WorkbookSheets.benchmarkTitles(l)
        ws.header(0, titles, s, widths: [7, 34, 9, 14, 14, 14, 14, 14, 14, 14, 12, 8, 14, 30])
        let rows = (index.benchmarkByTeryt[teryt] ?? []).sorted {
            (index.order[$0.measure] ?? Int.max, $0.measure.raw, $0.period.text) < (index.order[$1.measure] ?? Int.max, $1.measure.raw, $1.period.text)
        }
        var r = 1
        for b in rows {
            let d = index.definition(b.measure)
            ws.write(r, 0, string: b.measure.raw)
            ws.write(r, 1, string: l.measureName(d))
            ws.write(r, 2, string: b.period.text)
            WorkbookSheets.benchmarkCells(ws, r, 3, b, unit: d?.unit ?? "", styles: s, labels: l)
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
    }
}
