import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The first sheet of a provider's workbook: a scorecard on one portrait page.
///
/// - Who: id, name, legal form, contracts, facilities, the municipalities it works in.
/// - Its measures of the headline period (every measure with a provider grain, unsplit rows):
///   the provider's value, the mean of its municipalities' values, the whole group's value
///   (grain `all`), the norm and a traffic light against the group (as on the municipal Summary).
/// - Compliance with the standard by criterion over the latest audit of each of its facilities:
///   met, partial, not met, and the share (1, ½, 0; `n_a` left out).
/// - User surveys: the satisfaction index per dimension with n and the 95 % interval.
/// Published values only (disclosure control applied): a provider's figures can include persons
/// of any municipality.
enum ProviderScorecard {
    /// Column widths: code / criterion, name (wrapped), four values, light, unit.
    static let widths: [Double] = [10, 40, 15, 15, 15, 15, 10, 16]

    static func write(_ ws: XLSXWorksheet, wb: XLSXWorkbook, index: WorkbookIndex, provider p: WorkbookIndex.Provider,
                      styles s: WorkbookStyles, print: WorkbookPrint) {
        let l = index.labels
        let facilities = index.facilitiesByProvider[p.id] ?? []
        let contracts = index.contractsByProvider[p.id] ?? []
        for (i, w) in widths.enumerated() { ws.setColumnWidth(i, i, w) }
        let wrap = wb.addFormat(XLSXFormatSpec(wrap: true))
        ws.write(0, 0, string: "\(l[.titleProvider]): \(p.name)", s.title)
        var r = 2
        let teryts = Array(Set(facilities.map(\.teryt) + contracts.map(\.teryt))).sorted()
        let who: [(Label, String)] = [
            (.providerID, p.id), (.legalForm, p.legalForm.map(l.legalForm) ?? ""),
            (.contracts, String(contracts.count)), (.facilitiesCount, String(facilities.count)),
            (.municipality, teryts.map { index.municipalityName[$0] ?? $0 }.joined(separator: ", ")),
            (.periodLabel, index.headlineText), (.asOfLabel, index.ctx.asOf.iso),
        ]
        for (k, v) in who {
            ws.write(r, 0, string: l[k], s.bold)
            // The value spans the columns right of the labels (the list of municipalities can be long).
            if v.count > Int(widths[2...].reduce(0, +)) / 2 || k == .municipality {
                ws.merge(firstRow: r, firstCol: 2, lastRow: r, lastCol: widths.count - 1, string: v, wrap)
                ws.setRowHeight(r, XLSXTextFit.rowHeight([(v, widths[2...].reduce(0, +))]))
            } else { ws.write(r, 2, text: v) }
            r += 1
        }

        r += 1
        ws.write(r, 0, string: l[.scorecardHeadline], s.title); r += 1
        let titles = [l[.code], l[.measure], l[.providerValue], l[.municipalValue], l[.groupValue], l[.norm], l[.light], l[.unit]]
        for (i, t) in titles.enumerated() { ws.write(r, i, string: t, s.header) }
        ws.fitRowHeight(r, titles, widths: widths, minimum: 30)
        r += 1
        let lightFormat = wb.addFormat(XLSXFormatSpec(numFormat: l.lang == .pl ? MunicipalSummary.lightFormatPL : MunicipalSummary.lightFormatEN,
                                                      bold: true, alignCenter: true))
        var anyIncomplete = false
        if let period = index.headlinePeriod {
            let mine = index.measures(.provider, p.id).filter { $0.period == period && $0.dimension.isEmpty && $0.facilityType.isEmpty }
            let all = index.measures(.all, "all").filter { $0.period == period && $0.dimension.isEmpty && $0.facilityType.isEmpty }
            var group: [MeasureCode: Double] = [:]
            var groupIncomplete: Set<MeasureCode> = []
            for a in all {
                if let v = a.value { group[a.measure] = v }
                if a.isIncomplete { groupIncomplete.insert(a.measure) }
            }
            let first = r
            for row in mine.sorted(by: { (index.order[$0.measure] ?? Int.max) < (index.order[$1.measure] ?? Int.max) }) {
                guard let d = index.definition(row.measure) else { continue }
                let f = s.value(unit: d.unit, marks: WorkbookSheets.marks(row))
                ws.write(r, 0, string: row.measure.raw)
                ws.write(r, 1, string: l.measureName(d), wrap)
                ws.fitRowHeight(r, ["", l.measureName(d)], widths: widths)
                if row.flags.contains(.suppressed) { ws.writeBlank(r, 2, s.value(unit: d.unit, marks: [.suppressed])) }
                else { ws.write(r, 2, optional: row.value, f) }
                let municipalRows = teryts.compactMap { t in
                    index.measures(.municipality, t).first { $0.measure == row.measure && $0.period == period && $0.dimension.isEmpty && $0.facilityType.isEmpty }
                }
                let municipal = municipalRows.compactMap(\.value)
                // A mean over an incomplete value is no plain figure either.
                let municipalIncomplete = municipalRows.contains { $0.value != nil && $0.isIncomplete }
                if row.isIncomplete || municipalIncomplete || groupIncomplete.contains(row.measure) { anyIncomplete = true }
                if !municipal.isEmpty {
                    ws.write(r, 3, number: municipal.reduce(0, +) / Double(municipal.count),
                             s.value(unit: d.unit, marks: municipalIncomplete ? [.incomplete] : []))
                }
                ws.write(r, 4, optional: group[row.measure], s.value(unit: d.unit, marks: groupIncomplete.contains(row.measure) ? [.incomplete] : []))
                ws.write(r, 5, text: l.norm(d.norm, unit: d.unit))
                if let light = MunicipalSummary.light(row: row, mean: group[row.measure], definition: d, target: index.targets[row.measure]) {
                    ws.write(r, 6, number: Double(light), lightFormat)
                }
                ws.write(r, 7, string: l.unit(d.unit))
                r += 1
            }
            if r > first {
                let green = wb.addFormat(XLSXFormatSpec(bgColor: 0xC6EFCE, fontColor: 0x006100))
                let amber = wb.addFormat(XLSXFormatSpec(bgColor: 0xFFEB9C, fontColor: 0x9C5700))
                ws.conditionalFormat(firstRow: first, firstCol: 6, lastRow: r - 1, lastCol: 6, rule: .cell(.equal, 1), format: green)
                ws.conditionalFormat(firstRow: first, firstCol: 6, lastRow: r - 1, lastCol: 6, rule: .cell(.equal, 2), format: amber)
                ws.conditionalFormat(firstRow: first, firstCol: 6, lastRow: r - 1, lastCol: 6, rule: .cell(.equal, 3), format: s.cfBad)
            }
        }
        r += 1
        r = compliance(ws, row: r, index: index, facilities: facilities, styles: s, wrap: wrap)
        r += 1
        r = surveys(ws, row: r, index: index, provider: p, styles: s)
        r += 1
        // The legend: each sentence over the table's width, wrapped (no text runs past the page).
        let all = widths.reduce(0, +)
        for key in [Label.legendLight, .meaningProvisional, .meaningIncomplete] {
            ws.merge(firstRow: r, firstCol: 0, lastRow: r, lastCol: widths.count - 1, string: l[key], wrap)
            ws.setRowHeight(r, XLSXTextFit.rowHeight([(l[key], all)]))
            r += 1
        }
        if anyIncomplete { ws.write(r, 0, string: l[.legendIncomplete], s.value(numFormat: "@", marks: [.incomplete])) }
        print.apply(ws, landscape: false, onePage: true)
    }

    /// Compliance by criterion over the latest audit of each facility × criterion.
    static func compliance(_ ws: XLSXWorksheet, row: Int, index: WorkbookIndex, facilities: [WorkbookIndex.Facility], styles s: WorkbookStyles,
                           wrap: XLSXFormat) -> Int {
        let l = index.labels
        var r = row
        ws.write(r, 0, string: l[.sectionCompliance], s.title); r += 1
        let titles = [l[.criterion], l[.criterionName], l[.weight], l[.metCount], l[.partialCount], l[.notMetCount], l[.compliance]]
        for (i, t) in titles.enumerated() { ws.write(r, i, string: t, s.header) }
        ws.fitRowHeight(r, titles, widths: widths)
        r += 1
        var counts: [String: [String: Int]] = [:]
        for f in facilities {
            for a in index.latestAuditsByFacility[f.id] ?? [] {
                let code = index.ctx.standard.criterion(matching: a.criterion)?.code ?? a.criterion
                counts[code, default: [:]][a.result, default: 0] += 1
            }
        }
        let known = index.ctx.standard.criteria.map(\.code)
        for code in known + counts.keys.filter({ !known.contains($0) }).sorted() {
            guard let c = counts[code] else { continue }
            let crit = index.ctx.standard.criterion(matching: code)
            ws.write(r, 0, string: code)
            ws.write(r, 1, text: crit?.name, wrap)
            ws.fitRowHeight(r, ["", crit?.name ?? ""], widths: widths)
            ws.write(r, 2, optional: crit?.weight)
            let met = c["met"] ?? 0, partial = c["partial"] ?? 0, notMet = c["not_met"] ?? 0
            ws.write(r, 3, number: Double(met), s.count)
            ws.write(r, 4, number: Double(partial), s.count)
            ws.write(r, 5, number: Double(notMet), s.count)
            let n = met + partial + notMet
            if n > 0 {
                let share = (Double(met) + 0.5 * Double(partial)) / Double(n)
                ws.write(r, 6, number: share, s.value(unit: "share", marks: share < 1 && notMet > 0 ? [.belowNorm] : []))
            }
            r += 1
        }
        return r
    }

    /// The provider's Q01 rows of the headline period: overall and per dimension, n and the 95 % interval.
    static func surveys(_ ws: XLSXWorksheet, row: Int, index: WorkbookIndex, provider p: WorkbookIndex.Provider, styles s: WorkbookStyles) -> Int {
        let l = index.labels
        var r = row
        ws.write(r, 0, string: l[.sectionSurveys], s.title); r += 1
        let titles = [l[.code], l[.dimension], l[.value], l[.n], l[.ciLow], l[.ciHigh]]
        for (i, t) in titles.enumerated() { ws.write(r, i, string: t, s.header) }
        ws.fitRowHeight(r, titles, widths: widths)
        r += 1
        guard let period = index.headlinePeriod else { return r }
        let rows = index.measures(.provider, p.id).filter { $0.measure.raw == "Q01" && $0.period == period }
            .sorted { $0.dimension < $1.dimension }
        for row in rows {
            let f = s.value(unit: row.unit)
            ws.write(r, 0, string: row.measure.raw)
            ws.write(r, 1, string: row.dimension.isEmpty ? l[.overall] : l.dimension(row.dimension))
            if row.flags.contains(.suppressed) { ws.writeBlank(r, 2, s.value(unit: row.unit, marks: [.suppressed])) }
            else { ws.write(r, 2, optional: row.value, f) }
            ws.write(r, 3, optionalInt: row.n, s.count)
            if let v = row.value, let sd = row.sd, sd.isFinite, let n = row.n, n >= 2 {
                let h = 1.96 * sd / Double(n).squareRoot()
                ws.write(r, 4, number: v - h, f)
                ws.write(r, 5, number: v + h, f)
            }
            r += 1
        }
        return r
    }
}
