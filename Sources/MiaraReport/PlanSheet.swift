import MiaraMeasures
import MiaraStore
import MiaraValues
import MiaraXLSX

/// The improvement-plan sheets (SPEC 12).
///
/// Municipal workbook, "Plan doskonalenia": a legend of the traffic lights, then one line per
/// action and half-year as plans.csv has it (with the action's text, owner, dates and state), an
/// action that has not started yet on one line of its own; then the measures below average in
/// the headline period that no plan row (other than `dropped`) covers. Benchmark workbook: per
/// municipality, the below-average measures of the headline period with and without a plan.
/// Both print on A4, one page wide, header rows repeated.
enum PlanSheet {
    /// Column widths of the actions table (the uncovered measures sit under the same columns).
    static let widths: [Double] = [6, 26, 4, 30, 20, 11, 11, 12, 9, 9, 10, 10, 10, 9, 9, 17, 24]

    static func write(_ ws: XLSXWorksheet, index: WorkbookIndex, teryt: String, name: String, styles s: WorkbookStyles,
                      print: WorkbookPrint) {
        let lang = index.ctx.language
        let l = index.labels
        ws.write(0, 0, string: "\(PlanText.title(lang)) — \(name) (\(teryt))", s.title)
        ws.write(1, 0, string: PlanText.intro(lang))
        ws.write(2, 0, string: PlanText.legendTitle(lang), s.bold)
        let legend: [PlanAssessment] = [.met, .on_track, .behind, .overdue, .no_value]
        for (i, a) in legend.enumerated() {
            let t = PlanText.assessment(a, lang)
            ws.write(3 + i, 1, string: "● " + t.label, light(a, s))
            ws.write(3 + i, 3, string: t.meaning)
        }
        let top = 3 + legend.count + 1
        let headers = PlanText.headers(lang)
        ws.header(top, headers, s, widths: Self.widths)
        let records = index.ctx.planRecords.filter { $0.teryt == teryt }
        let rows = index.ctx.plans.filter { $0.teryt == teryt }
        var r = top + 1
        if records.isEmpty {
            ws.write(r, 0, string: PlanText.noPlan(lang))
            r += 1
        }
        for p in records where p.state != "dropped" {
            let d = index.definition(MeasureCode(p.measure))
            let f = s.value(unit: d?.unit ?? "")
            let mine = rows.filter { $0.measure.raw == p.measure && $0.actionNo == p.actionNo }
            func action(_ r: Int) {
                ws.write(r, 0, string: p.measure)
                ws.write(r, 1, string: l.measureName(d))
                ws.write(r, 2, number: Double(p.actionNo), s.count)
                // The action and its owner wrap in their columns; the row is as tall as they need.
                ws.write(r, 3, text: p.action, s.wrap)
                ws.write(r, 4, text: p.owner, s.wrap)
                ws.fitRowHeight(r, ["", "", "", p.action, p.owner], widths: Self.widths)
                ws.write(r, 5, isoDate: p.start, s)
                ws.write(r, 6, isoDate: p.deadline, s)
                ws.write(r, 7, string: CodeLabels.name(p.state, lang) ?? p.state)
                ws.write(r, 8, string: p.baselinePeriod)
                ws.write(r, 12, number: p.target, f)
            }
            if mine.isEmpty {
                action(r)
                ws.write(r, 15, string: PlanText.notStarted(lang), s.generalItalic)
                r += 1
                continue
            }
            for h in mine {
                action(r)
                ws.write(r, 9, string: h.period.text)
                var marks: WorkbookStyles.Marks = []
                if h.flags.contains(.provisional) { marks.insert(.provisional) }
                if h.flags.contains(.incomplete) { marks.insert(.incomplete) }
                ws.write(r, 10, optional: h.baseline, f)
                if h.value == nil, h.flags.contains(.suppressed) { ws.writeBlank(r, 11, s.value(unit: d?.unit ?? "", marks: [.suppressed])) }
                else { ws.write(r, 11, optional: h.value, s.value(unit: d?.unit ?? "", marks: marks)) }
                ws.write(r, 13, optional: h.progress, s.share)
                ws.write(r, 14, number: h.elapsed, s.share)
                ws.write(r, 15, string: "● " + PlanText.assessment(h.assessment, lang).label, light(h.assessment, s))
                ws.write(r, 16, text: h.flags.map { PlanText.flag($0, lang) }.joined(separator: ", "))
                r += 1
            }
        }
        ws.filter(headerRow: top, lastRow: r - 1, columns: headers.count)

        // The headline period's below-average measures without a plan.
        r += 1
        let period = index.headlinePeriod
        ws.write(r, 0, string: PlanText.uncoveredTitle(period?.text ?? "", lang), s.title)
        r += 1
        let uncovered = Self.belowAverage(index, teryt: teryt).filter { !covered(index, teryt: teryt).contains($0.measure.raw) }
        if uncovered.isEmpty {
            ws.write(r, 0, string: PlanText.noneUncovered(lang))
        } else {
            // Code and name under the table's first columns, the figures under its value columns.
            let columns = [0, 1, 10, 11, 12, 13]
            let titles = PlanText.uncoveredHeaders(lang)
            for (i, t) in titles.enumerated() { ws.write(r, columns[i], string: t, s.header) }
            // Each title in its own column's width: the row as tall as the longest needs.
            ws.setRowHeight(r, XLSXTextFit.rowHeight(titles.enumerated().map { ($0.element, Self.widths[columns[$0.offset]]) }))
            r += 1
            for b in uncovered {
                let d = index.definition(b.measure)
                let f = s.value(unit: d?.unit ?? "")
                ws.write(r, 0, string: b.measure.raw)
                ws.write(r, 1, string: l.measureName(d))
                ws.write(r, 10, optional: b.value, f)
                ws.write(r, 11, optional: b.mean, f)
                ws.write(r, 12, optional: b.median, f)
                if let v = b.value, let m = b.mean { ws.write(r, 13, number: v - m, f) }
                r += 1
            }
        }
        print.apply(ws, landscape: true, headerRows: top...top)
    }

    /// Per municipality: the headline period's below-average measures, with and without a plan.
    static func counts(_ ws: XLSXWorksheet, index: WorkbookIndex, styles s: WorkbookStyles, print: WorkbookPrint) {
        let lang = index.ctx.language
        let headers = PlanText.countsHeaders(lang)
        ws.header(0, headers, s, widths: [10, 24, 14, 10, 10, 40])
        var r = 1
        for m in index.municipalities {
            let below = belowAverage(index, teryt: m.teryt).map(\.measure.raw)
            let planned = covered(index, teryt: m.teryt)
            let without = below.filter { !planned.contains($0) }
            ws.write(r, 0, string: m.teryt, s.text)
            ws.write(r, 1, string: m.name)
            ws.write(r, 2, number: Double(below.count), s.count)
            ws.write(r, 3, number: Double(below.count - without.count), s.count)
            ws.write(r, 4, number: Double(without.count), s.count)
            ws.write(r, 5, text: without.joined(separator: ", "))
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: headers.count)
        ws.write(r + 1, 0, string: PlanText.countsNote(index.headlinePeriod?.text ?? "", lang), s.generalItalic)
        print.apply(ws, landscape: true, headerRows: 0...0)
    }

    /// The municipality's benchmark rows of the headline period flagged `below_average`, in catalogue order.
    static func belowAverage(_ index: WorkbookIndex, teryt: String) -> [BenchmarkRow] {
        guard let period = index.headlinePeriod else { return [] }
        return index.benchmark(teryt: teryt).filter { $0.period == period && $0.flags.contains(.below_average) }
            .sorted { (index.order[$0.measure] ?? Int.max, $0.measure.raw) < (index.order[$1.measure] ?? Int.max, $1.measure.raw) }
    }

    /// The measures a plan row of the municipality other than `dropped` names.
    static func covered(_ index: WorkbookIndex, teryt: String) -> Set<String> {
        Set(index.ctx.planRecords.filter { $0.teryt == teryt && $0.state != "dropped" }.map(\.measure))
    }

    private static func light(_ a: PlanAssessment, _ s: WorkbookStyles) -> XLSXFormat {
        let c = PlanText.colours(a)
        return s.wb.addFormat(XLSXFormatSpec(bold: true, bgColor: c.fill, fontColor: c.font, border: true))
    }
}
