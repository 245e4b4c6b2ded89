import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// The ministry submission (SPEC 9.2): one fixed layout that does not change with the language.
///
/// - Sheet `Zestawienie`: row 1 holds `teryt`, `nazwa`, then one measure code per column in
///   catalogue order; from row 2 one row per municipality, sorted by teryt; each cell is the
///   municipality's unsplit value (empty facility type and dimension) for the headline period
///   (the first requested year). Suppressed values and values that do not exist are empty cells.
///   Measures without an unsplit municipal row (S05 is split by facility type; E05, Q03, Q08 have
///   no municipal grain) keep their column, empty, so positions never move.
/// - Sheet `Słownik`: code, Polish name, unit, direction, formula.
/// - Sheet `Metryczka`: period, as-of date, author, disclosure threshold (no run id: byte-identical reruns).
/// Sheet names and headers are Polish in both languages (the recipient's fixed format).
enum MinistryWorkbook {
    static let sheetData = "Zestawienie"
    static let sheetDictionary = "Słownik"
    static let sheetMeta = "Metryczka"

    static func write(_ index: WorkbookIndex, path: String) throws {
        let l = Labels(.pl)
        let wb = try Workbooks.open(index, path: path, title: l[.titleMinistry])
        let s = WorkbookStyles(wb)
        let defs = index.ctx.catalogue.definitions
        let ws = try wb.addWorksheet(sheetData)
        ws.write(0, 0, string: "teryt", s.header)
        ws.write(0, 1, string: "nazwa", s.header)
        for (i, d) in defs.enumerated() { ws.write(0, 2 + i, string: d.code.raw, s.header) }
        ws.setColumnWidth(0, 0, 10); ws.setColumnWidth(1, 1, 28)
        if !defs.isEmpty { ws.setColumnWidth(2, 1 + defs.count, 12) }
        ws.freezePanes(row: 1, col: 2)
        var r = 1
        let period = index.headlinePeriod
        for m in index.municipalities {
            ws.write(r, 0, string: m.teryt, s.text)
            ws.write(r, 1, text: m.name)
            var values: [MeasureCode: MeasureRow] = [:]
            for row in index.measuresByUnit[.municipality]?[m.teryt] ?? []
            where row.period == period && row.facilityType.isEmpty && row.dimension.isEmpty {
                values[row.measure] = row
            }
            for (i, d) in defs.enumerated() {
                guard let row = values[d.code], !row.flags.contains(.suppressed), let v = row.value else { continue }
                ws.write(r, 2 + i, number: v, s.value(unit: d.unit))
            }
            r += 1
        }
        ws.autofilter(firstRow: 0, firstCol: 0, lastRow: max(0, r - 1), lastCol: 1 + defs.count)

        let dict = try wb.addWorksheet(sheetDictionary)
        dict.header(0, ["kod", "nazwa", "jednostka", "kierunek", "wzór"], s, widths: [7, 40, 14, 22, 90])
        for (i, d) in defs.enumerated() {
            dict.write(i + 1, 0, string: d.code.raw)
            dict.write(i + 1, 1, string: d.namePL)
            dict.write(i + 1, 2, string: d.unit)
            dict.write(i + 1, 3, string: l.direction(d.direction))
            dict.write(i + 1, 4, string: d.formulaPL, s.wrap)
        }

        let meta = try wb.addWorksheet(sheetMeta)
        meta.setColumnWidth(0, 0, 30); meta.setColumnWidth(1, 1, 30)
        meta.write(0, 0, string: "okres", s.bold); meta.write(0, 1, text: period?.text)
        meta.write(1, 0, string: "stan na dzień", s.bold); meta.write(1, 1, isoDate: index.ctx.asOf.iso, s)
        // No run id: the same store and as-of must give the same bytes (SPEC 9.3); the manifest has it.
        meta.write(2, 0, string: "autor", s.bold); meta.write(2, 1, text: index.ctx.author)
        meta.write(3, 0, string: "próg ujawniania (min_cell)", s.bold); meta.write(3, 1, number: Double(index.ctx.minCell))
        try wb.close()
    }
}
