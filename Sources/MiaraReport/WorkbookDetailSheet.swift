import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// A detail sheet people read: one line per measure × unit × split, the periods as columns
/// (year, halves, quarters side by side), values in their units' formats, marks by style and a
/// legend above the table; `withStats` adds n, sd and the 95 % interval of the headline period
/// (survey measures). The last column names the flags per period.
///
/// Layout: row 1 the title, rows 2–5 the legend, row 6 the header (repeated on every printed
/// page), data from row 7. Columns: code, measure, grain, unit id, unit name, facility type /
/// dimension, unit, one per period, [n, sd, 95 % low, 95 % high], notes.
enum WorkbookDetailSheet {
    static let headerRow = 5
    static let firstPeriodColumn = 7

    struct LineKey: Hashable { let measure: MeasureCode; let grain: Grain; let unitID: String; let facilityType: String; let dimension: String }

    /// The periods as columns: longest first, then by start (2026, 2026H1, 2026H2, 2026Q1…).
    static func columns(_ periods: [Period]) -> [Period] {
        periods.sorted { ($0.length.rawValue, $1.start, $0.text) > ($1.length.rawValue, $0.start, $1.text) }
    }

    static func write(_ ws: XLSXWorksheet, title: String, _ rows: [MeasureRow], index: WorkbookIndex, styles s: WorkbookStyles,
                      withStats: Bool, print: WorkbookPrint) {
        let l = index.labels
        let periods = columns(index.ctx.periods)
        ws.write(0, 0, string: title, s.title)
        legend(ws, row: 1, styles: s, labels: l)
        var titles = [l[.code], l[.measure], l[.grain], l[.unitID], l[.unitName], l[.facilityType] + " / " + l[.dimension], l[.unit]]
        // Unit ids and names whole (a REGON of 14 digits, a facility named after its provider).
        var idWidth = 15.0, nameWidth = 30.0
        var seen: Set<String> = []
        for row in rows where seen.insert("\(row.grain)\u{1F}\(row.unitID)").inserted {
            idWidth = max(idWidth, Double(row.unitID.count) + 2)
            nameWidth = max(nameWidth, Double(index.unitName(row.grain, row.unitID).count) + 2)
        }
        var widths: [Double] = [6, 30, 10, min(idWidth, 24), min(nameWidth, 80), 16, 13]
        for p in periods {
            titles.append(p.end > index.ctx.asOf ? "\(p.text) (\(l[.flagProvisional]))" : p.text)
            widths.append(12)
        }
        let headline = index.headlinePeriod
        if withStats, let hp = headline {
            titles += ["\(l[.n]) \(hp.text)", "\(l[.sd]) \(hp.text)", "\(l[.ciLow]) \(hp.text)", "\(l[.ciHigh]) \(hp.text)"]
            widths += [7, 10, 11, 11]
        }
        titles.append(l[.notes]); widths.append(36)
        ws.header(headerRow, titles, s, widths: widths, minHeight: 30)

        // Lines in first-seen order of the (already sorted) rows; each line's rows by period column.
        var column: [Period: Int] = [:]
        for (i, p) in periods.enumerated() { column[p] = i }
        var order: [LineKey] = []
        var lineOf: [LineKey: Int] = [:]
        var cells: [[MeasureRow?]] = []
        for row in rows {
            let k = LineKey(measure: row.measure, grain: row.grain, unitID: row.unitID, facilityType: row.facilityType, dimension: row.dimension)
            let line: Int
            if let known = lineOf[k] { line = known } else {
                line = order.count
                lineOf[k] = line
                order.append(k)
                cells.append([MeasureRow?](repeating: nil, count: periods.count))
            }
            if let c = column[row.period] { cells[line][c] = row }
        }
        var lines = Array(order.indices)
        lines.sort { a, b in
            let x = order[a], y = order[b]
            return (index.order[x.measure] ?? Int.max, WorkbookIndex.grainRank(x.grain), x.unitID, x.facilityType, x.dimension)
                < (index.order[y.measure] ?? Int.max, WorkbookIndex.grainRank(y.grain), y.unitID, y.facilityType, y.dimension)
        }
        // The notes column as wide as its longest note (one line a row: wrapping would double the pages).
        let noteTexts = lines.reduce(into: [Int: String]()) { $0[$1] = notes(cells[$1], periods: periods, labels: l) }
        let notesWidth = min(80, max(widths[widths.count - 1], Double(noteTexts.values.map(\.count).max() ?? 0) + 2))
        ws.setColumnWidth(widths.count - 1, widths.count - 1, notesWidth)
        var r = headerRow + 1
        let notesCol = firstPeriodColumn + periods.count + (withStats && headline != nil ? 4 : 0)
        let headlineColumn = headline.flatMap { column[$0] }
        for line in lines {
            let k = order[line]
            let d = index.definition(k.measure)
            let byPeriod = cells[line]
            ws.write(r, 0, string: k.measure.raw)
            ws.write(r, 1, string: l.measureName(d))
            ws.write(r, 2, string: l.grain(k.grain))
            ws.write(r, 3, string: k.unitID, s.text)
            ws.write(r, 4, text: index.unitName(k.grain, k.unitID))
            if !k.facilityType.isEmpty { ws.write(r, 5, string: l.facilityType(k.facilityType)) }
            else if !k.dimension.isEmpty { ws.write(r, 5, string: l.dimension(k.dimension)) }
            else if d?.split == .dimension { ws.write(r, 5, string: l[.overall]) }
            // Every row of a measure has the measure's unit.
            let unit = byPeriod.lazy.compactMap { $0 }.first?.unit ?? d?.unit ?? ""
            ws.write(r, 6, string: l.unit(unit))
            for (i, cell) in byPeriod.enumerated() {
                guard let row = cell else { continue }
                let marks = WorkbookSheets.marks(row)
                if let v = row.value, v.isFinite { ws.write(r, firstPeriodColumn + i, number: v, s.value(unit: unit, marks: marks)) }
                else if !marks.isEmpty { ws.writeBlank(r, firstPeriodColumn + i, s.value(unit: unit, marks: marks)) }
            }
            if withStats, let hc = headlineColumn, let row = byPeriod[hc] {
                let c = firstPeriodColumn + periods.count
                ws.write(r, c, optionalInt: row.n, s.count)
                if let sd = row.sd, sd.isFinite {
                    ws.write(r, c + 1, number: sd, s.decimal2)
                    if let v = row.value, let n = row.n, n >= 2 {
                        let h = 1.96 * sd / Double(n).squareRoot()
                        ws.write(r, c + 2, number: v - h, s.value(unit: unit))
                        ws.write(r, c + 3, number: v + h, s.value(unit: unit))
                    }
                }
            }
            ws.write(r, notesCol, text: noteTexts[line])
            r += 1
        }
        ws.filter(headerRow: headerRow, lastRow: r - 1, columns: titles.count)
        print.apply(ws, landscape: true, headerRows: headerRow...headerRow)
    }

    /// "poniżej normy: 2026, 2026Q3; utajnione: 2026Q1" — every flag but provisional (in the
    /// header), no denominator (an empty cell) and incomplete (the yellow background), with the
    /// periods that carry it.
    static func notes(_ byPeriod: [MeasureRow?], periods: [Period], labels l: Labels) -> String {
        let shown = MeasureFlag.allCases.filter { $0 != .provisional && $0 != .no_denominator && $0 != .incomplete }
        guard byPeriod.contains(where: { row in row.map { r in shown.contains { r.flags.contains($0) } } ?? false }) else { return "" }
        var parts: [String] = []
        for f in shown {
            let ps = periods.indices.filter { byPeriod[$0]?.flags.contains(f) ?? false }.map { periods[$0] }
            if !ps.isEmpty { parts.append("\(l.flag(f)): " + ps.map(\.text).joined(separator: ", ")) }
        }
        return parts.joined(separator: "; ")
    }

    /// The legend: each mark on its own line, written in its own style.
    static func legend(_ ws: XLSXWorksheet, row: Int, styles s: WorkbookStyles, labels l: Labels) {
        ws.write(row, 0, string: l[.legend] + ":", s.bold)
        let items: [(WorkbookStyles.Marks, Label)] = [(.ownOnly, .legendOwnOnly), (.incomplete, .legendIncomplete),
                                                       (.belowNorm, .legendBelowNorm)]
        for (i, (m, key)) in items.enumerated() { ws.write(row + i, 1, string: l[key], s.value(numFormat: "@", marks: m)) }
        ws.write(row + items.count, 1, string: l[.legendEmpty])
    }
}
