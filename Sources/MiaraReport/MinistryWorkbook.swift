import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The ministry submission (SPEC 9.2): one fixed layout that does not change with the language.
///
/// - Sheet `Zestawienie`: row 1 holds `teryt`, `nazwa`, then one measure code per column in
///   catalogue order, then `status`; from row 2 one row per municipality, sorted by teryt; each
///   cell is the municipality's unsplit value (empty facility type and dimension) for the
///   headline period (the first requested year). Measures without an unsplit municipal row (S05
///   is split by facility type; E05, Q03, Q08 have no municipal grain) keep their column, empty,
///   so positions never move. `status` is `wstępne` when the period ends after the as-of date
///   (every value of the row is provisional, written in blue), else `ostateczne`. A suppressed
///   value is an empty grey cell, an incomplete one has a yellow background; no data is a plain
///   empty cell.
/// - Sheet `Słownik`: code, Polish name, unit, direction, formula, and a note on each column that
///   is always empty and why.
/// - Sheet `Metryczka`: period, as-of date, author, disclosure threshold, and the legend of the
///   cell styles (no run id: byte-identical reruns).
/// Sheet names and headers are Polish in both languages (the recipient's fixed format).
enum MinistryWorkbook {
    static let sheetData = "Zestawienie"
    static let sheetDictionary = "Słownik"
    static let sheetMeta = "Metryczka"

    static func write(_ index: WorkbookIndex, path: String) throws {
        let l = Labels(.pl)
        let wb = try Workbooks.open(index, path: path, title: l[.titleMinistry])
        let s = WorkbookStyles(wb)
        let print = WorkbookPrint(index, unit: l[.titleMinistry], labels: l)
        let defs = index.ctx.catalogue.definitions
        let ws = try wb.addWorksheet(sheetData)
        let period = index.headlinePeriod
        let provisional = period.map { $0.end > index.ctx.asOf } ?? false
        ws.write(0, 0, string: "teryt", s.header)
        ws.write(0, 1, string: "nazwa", s.header)
        for (i, d) in defs.enumerated() { ws.write(0, 2 + i, string: d.code.raw, s.header) }
        let statusCol = 2 + defs.count
        ws.write(0, statusCol, string: "status", s.header)
        ws.setColumnWidth(0, 0, 10); ws.setColumnWidth(1, 1, 24)
        if !defs.isEmpty { ws.setColumnWidth(2, 1 + defs.count, 10) }
        ws.setColumnWidth(statusCol, statusCol, 12)
        ws.freezePanes(row: 1, col: 2)
        var r = 1
        let base: WorkbookStyles.Marks = provisional ? [.provisional] : []
        for m in index.municipalities {
            ws.write(r, 0, string: m.teryt, s.text)
            ws.write(r, 1, text: m.name)
            var values: [MeasureCode: MeasureRow] = [:]
            for row in index.measures(.municipality, m.teryt)
            where row.period == period && row.facilityType.isEmpty && row.dimension.isEmpty {
                values[row.measure] = row
            }
            for (i, d) in defs.enumerated() {
                guard let row = values[d.code] else { continue }
                var marks = base
                if row.isIncomplete { marks.insert(.incomplete) }
                if row.flags.contains(.suppressed) {
                    ws.writeBlank(r, 2 + i, s.value(unit: d.unit, marks: [.suppressed]))
                } else if let v = row.value {
                    ws.write(r, 2 + i, number: v, s.value(unit: d.unit, marks: marks))
                } else if row.isIncomplete {
                    ws.writeBlank(r, 2 + i, s.value(unit: d.unit, marks: [.incomplete]))
                }
            }
            ws.write(r, statusCol, string: provisional ? "wstępne" : "ostateczne")
            r += 1
        }
        ws.autofilter(firstRow: 0, firstCol: 0, lastRow: max(0, r - 1), lastCol: statusCol)
        print.apply(ws, landscape: true, headerRows: 0...0)

        let dict = try wb.addWorksheet(sheetDictionary)
        let dictWidths: [Double] = [7, 36, 16, 20, 80, 44]
        dict.header(0, ["kod", "nazwa", "jednostka", "kierunek", "wzór", "uwagi"], s, widths: dictWidths)
        for (i, d) in defs.enumerated() {
            dict.write(i + 1, 0, string: d.code.raw)
            dict.write(i + 1, 1, string: d.namePL)
            dict.write(i + 1, 2, string: l.unit(d.unit))
            dict.write(i + 1, 3, string: l.direction(d.direction))
            dict.write(i + 1, 4, string: d.formulaPL, s.wrap)
            dict.write(i + 1, 5, text: emptyColumnNote(d, labels: l), s.wrap)
            dict.fitRowHeight(i + 1, ["", "", "", "", d.formulaPL, emptyColumnNote(d, labels: l) ?? ""], widths: dictWidths)
        }
        dict.write(defs.count + 1, 0, string: "status")
        let status = "wstępne: okres kończy się po dacie stanu, wartości mogą się zmienić; ostateczne: okres zamknięty"
        dict.write(defs.count + 1, 1, string: status, s.wrap)
        dict.fitRowHeight(defs.count + 1, ["", status], widths: dictWidths)
        print.apply(dict, landscape: true, headerRows: 0...0)

        let meta = try wb.addWorksheet(sheetMeta)
        meta.setColumnWidth(0, 0, 30); meta.setColumnWidth(1, 1, 90)
        meta.write(0, 0, string: "okres", s.bold); meta.write(0, 1, text: period?.text)
        meta.write(1, 0, string: "stan na dzień", s.bold); meta.write(1, 1, isoDate: index.ctx.asOf.iso, s)
        // No run id: the same store and as-of must give the same bytes (SPEC 9.3); the manifest has it.
        meta.write(2, 0, string: "autor", s.bold); meta.write(2, 1, text: index.ctx.author)
        meta.write(3, 0, string: "próg ujawniania (min_cell)", s.bold); meta.write(3, 1, number: Double(index.ctx.minCell))
        meta.write(5, 0, string: "legenda", s.bold)
        let legend: [(WorkbookStyles.Marks, String)] = [
            ([.provisional], "niebieska liczba: wartość wstępna (okres jeszcze trwa; kolumna status = wstępne)"),
            ([.suppressed], "szare puste pole: wartość utajniona (dotyczy mniej niż min_cell osób)"),
            ([.incomplete], "żółte tło: dane niekompletne (brak miesięcznych kosztów lub danych o działalności placówki z umową)"),
            ([], "białe puste pole: brak wartości (zerowy lub nieznany mianownik) albo wskaźnik bez wartości dla gminy (zob. Słownik, uwagi)"),
        ]
        for (i, (marks, text)) in legend.enumerated() {
            meta.writeBlank(6 + i, 0, s.value(unit: "", marks: marks))
            meta.write(6 + i, 1, string: text, s.wrap)
            meta.fitRowHeight(6 + i, ["", text], widths: [30, 90])
        }
        print.apply(meta, landscape: false)
        try wb.close()
    }

    /// Why a column of `Zestawienie` is always empty, or nil when it can hold values.
    static func emptyColumnNote(_ d: MeasureDefinition, labels l: Labels) -> String? {
        if !d.grains.contains(.municipality) {
            return "zawsze puste: wskaźnik liczony tylko dla poziomów: " + d.grains.map { l.grain($0) }.joined(separator: ", ")
        }
        if d.split == .facilityType {
            return "zawsze puste: wskaźnik podawany osobno dla każdego typu placówki, bez wartości łącznej dla gminy"
        }
        return nil
    }
}
