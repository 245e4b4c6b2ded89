import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues
import MiaraXLSX

/// The municipal workbook's Coverage sheet: a grid of its contracted facilities (rows) × the
/// months of the run (columns), each cell the facility-month's status in words, coloured
/// (green complete, amber one part missing, red nothing reported, grey costs not due yet); empty where the facility had
/// no contract in force or was closed that month.
enum CoverageSheet {
    static let headerRow = 2

    static func write(_ ws: XLSXWorksheet, index: WorkbookIndex, teryt: String, styles s: WorkbookStyles, print: WorkbookPrint) {
        let l = index.labels
        let cells = index.coverage(teryt: teryt)
        ws.write(0, 0, string: l[.coverageNote], s.title)
        ws.write(1, 0, string: index.coverageLine(teryt: teryt, period: index.headlinePeriod))
        let months = Array(Set(cells.map(\.month))).sorted()
        let titles = [l[.facilityID], l[.type], l[.providerValue]] + months
        ws.header(headerRow, titles, s, widths: [16, 24, 30] + months.map { _ in 15 })
        var byFacility: [String: [String: CoverageRow]] = [:]
        for c in cells { byFacility[c.facilityID, default: [:]][c.month] = c }
        let formats: [CoverageStatus: XLSXFormat] = [
            .complete: s.wb.addFormat(XLSXFormatSpec(bgColor: 0xC6EFCE, fontColor: 0x006100, alignCenter: true)),
            .no_costs: s.wb.addFormat(XLSXFormatSpec(bgColor: 0xFFEB9C, fontColor: 0x9C5700, alignCenter: true)),
            .no_activity: s.wb.addFormat(XLSXFormatSpec(bgColor: 0xFFEB9C, fontColor: 0x9C5700, alignCenter: true)),
            .no_data: s.wb.addFormat(XLSXFormatSpec(bold: true, bgColor: 0xFFC7CE, fontColor: 0x9C0006, alignCenter: true)),
            // Expected, not missing: grey.
            .costs_not_due: s.wb.addFormat(XLSXFormatSpec(bgColor: 0xEDEDED, fontColor: 0x595959, alignCenter: true)),
        ]
        var r = headerRow + 1
        for fid in byFacility.keys.sorted() {
            let row = byFacility[fid]!
            let any = row.values.first!
            ws.write(r, 0, string: fid, s.text)
            ws.write(r, 1, string: l.facilityType(any.facilityType))
            ws.write(r, 2, text: index.providerByID[any.providerID]?.name ?? any.providerID)
            for (i, m) in months.enumerated() {
                guard let c = row[m] else { continue }
                ws.write(r, 3 + i, string: index.coverageStatusText(c.status, teryt: teryt), formats[c.status])
            }
            r += 1
        }
        print.apply(ws, landscape: true, headerRows: headerRow...headerRow)
    }
}

extension WorkbookIndex {
    /// The Summary's coverage line for `teryt` over the months of `period`: "dane kompletne", or
    /// the number of facility-months with something missing and, for the first two facilities,
    /// their months as a range with what is missing ("brak pliku / plik odrzucony" where a file
    /// of the municipality stands rejected whole); the grid sheet holds the rest. Short enough
    /// to print on the Summary's one page. Months whose costs are not due yet are no gap.
    func coverageLine(teryt: String, period: Period?) -> String {
        let l = labels
        let cells = coverageCells(teryt: teryt, period: period)
        if cells.isEmpty { return l[.coverageNone] }
        let gaps = cells.filter { $0.status.isGap }
        if gaps.isEmpty { return l[.coverageComplete] }
        var facilities: [String] = []
        var byFacility: [String: [CoverageRow]] = [:]
        for g in gaps {
            if byFacility[g.facilityID] == nil { facilities.append(g.facilityID) }
            byFacility[g.facilityID, default: []].append(g)
        }
        let shown = facilities.prefix(2).map { id -> String in
            let rows = byFacility[id]!
            let months = rows.map(\.month).sorted()
            let span = months.count == 1 ? months[0] : "\(months[0])…\(months[months.count - 1])"
            let kinds = Array(Set(rows.map { coverageStatusText($0.status, teryt: teryt) })).sorted().joined(separator: ", ")
            return "\(id) \(span) (\(kinds))"
        }
        let more = l.more(facilities.count - shown.count, .otherFacility, sheet: .sheetCoverage)
        return "\(l[.coverageGaps]) \(l.counted(gaps.count, .facilityMonth)): " + shown.joined(separator: "; ")
            + (facilities.count > shown.count ? "; " : " — ") + more
    }
}

extension WorkbookIndex {
    /// A facility-month that makes the measures over it `incomplete` (SPEC 9.4): not complete,
    /// and not a month whose costs are not due yet.
    static func isGap(_ c: CoverageRow) -> Bool { c.status.isGap }

    /// The municipality's facility-months within the months of `period` (all of them for nil).
    func coverageCells(teryt: String, period: Period?) -> [CoverageRow] {
        let cells = Array(coverage(teryt: teryt))
        guard let p = period else { return cells }
        let first = String(p.start.iso.prefix(7)), last = String(p.end.iso.prefix(7))
        return cells.filter { $0.month >= first && $0.month <= last }
    }

    /// The missing facility-months of `period`, one text per facility in coverage order:
    /// "F001 (schronisko — Fundacja X): brak kosztów 2026-03…2026-05, 2026-08; brak danych 2026-07".
    func coverageGaps(teryt: String, period: Period?) -> [String] {
        let gaps = coverageCells(teryt: teryt, period: period).filter(Self.isGap)
        var facilities: [String] = []
        var byFacility: [String: [CoverageRow]] = [:]
        for g in gaps {
            if byFacility[g.facilityID] == nil { facilities.append(g.facilityID) }
            byFacility[g.facilityID, default: []].append(g)
        }
        return facilities.map { id in
            var kinds: [String] = []
            var months: [String: [String]] = [:]
            for g in byFacility[id]! {
                let k = coverageStatusText(g.status, teryt: teryt)
                if months[k] == nil { kinds.append(k) }
                months[k, default: []].append(g.month)
            }
            let name = unitName(.facility, id)
            let parts = kinds.map { "\($0) \(Self.monthRuns(months[$0]!.sorted()))" }
            return "\(id)\(name.isEmpty ? "" : " (\(name))"): " + parts.joined(separator: "; ")
        }
    }

    /// Months (`YYYY-MM`, sorted) as runs of consecutive months: "2026-03…2026-05, 2026-08".
    static func monthRuns(_ months: [String]) -> String {
        func ordinal(_ m: String) -> Int? {
            let p = m.split(separator: "-")
            guard p.count == 2, let y = Int(p[0]), let mm = Int(p[1]) else { return nil }
            return y * 12 + mm
        }
        var runs: [(String, String)] = []
        var prev: Int? = nil
        for m in months {
            let o = ordinal(m)
            if let o, let p = prev, o == p + 1, !runs.isEmpty { runs[runs.count - 1].1 = m } else { runs.append((m, m)) }
            prev = o
        }
        return runs.map { $0.0 == $0.1 ? $0.0 : "\($0.0)…\($0.1)" }.joined(separator: ", ")
    }
}
