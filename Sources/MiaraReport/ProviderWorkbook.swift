import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

/// A provider's scorecard (SPEC 9.2), disclosure control applied (it is read by others).
///
/// Sheets: Provider (the scorecard, `ProviderScorecard`), Contracts, Facilities, Measures (provider
/// and facility rows of every period, with sd and the 95 % interval for survey measures),
/// Audits (the latest audit of each facility × criterion, with the criterion's name and weight
/// from the standard), Definitions.
enum ProviderWorkbook {
    static func write(_ index: WorkbookIndex, provider p: WorkbookIndex.Provider, path: String) throws {
        let l = index.labels
        let wb = try Workbooks.open(index, path: path, title: "\(l[.titleProvider]): \(p.name) (\(p.id))")
        let s = WorkbookStyles(wb)
        let facilities = index.facilitiesByProvider[p.id] ?? []
        let contracts = index.contractsByProvider[p.id] ?? []

        let print = WorkbookPrint(index, unit: "\(p.name) (\(p.id))")
        ProviderScorecard.write(try wb.addWorksheet(l[.sheetProvider]), wb: wb, index: index, provider: p, styles: s, print: print)
        var r = 1

        let cs = try wb.addWorksheet(l[.sheetContracts])
        let ct = [l[.contractID], l[.teryt], l[.municipality], l[.facilityID], l[.service], l[.start], l[.end], l[.amount],
                  l[.unitPrice], l[.contractedUnits]]
        cs.header(0, ct, s, widths: [16, 10, 24, 16, 22, 12, 12, 16, 14, 12])
        r = 1
        for c in contracts {
            cs.write(r, 0, string: c.id)
            cs.write(r, 1, string: c.teryt)
            cs.write(r, 2, text: index.municipalityName[c.teryt])
            cs.write(r, 3, text: c.facilityID)
            cs.write(r, 4, string: l.facilityType(c.service))
            cs.write(r, 5, isoDate: c.start, s)
            cs.write(r, 6, isoDate: c.end, s)
            cs.write(r, 7, number: c.amount, s.pln)
            cs.write(r, 8, optional: c.unitPrice, s.pln)
            cs.write(r, 9, optionalInt: c.contractedUnits, s.count)
            r += 1
        }
        cs.filter(headerRow: 0, lastRow: r - 1, columns: ct.count)
        print.apply(cs, landscape: true, headerRows: 0...0)

        let fs = try wb.addWorksheet(l[.sheetFacilities])
        let ft = [l[.facilityID], l[.type], l[.teryt], l[.municipality], l[.places], l[.floorArea], l[.opened], l[.closed]]
        fs.header(0, ft, s, widths: [16, 30, 10, 24, 10, 14, 12, 12])
        r = 1
        for f in facilities {
            fs.write(r, 0, string: f.id)
            fs.write(r, 1, string: l.facilityType(f.type))
            fs.write(r, 2, string: f.teryt)
            fs.write(r, 3, text: index.municipalityName[f.teryt])
            fs.write(r, 4, optionalInt: f.places, s.count)
            fs.write(r, 5, optional: f.floorArea, s.decimal2)
            fs.write(r, 6, isoDate: f.opened, s)
            fs.write(r, 7, isoDate: f.closed, s)
            r += 1
        }
        fs.filter(headerRow: 0, lastRow: r - 1, columns: ft.count)
        print.apply(fs, landscape: false, headerRows: 0...0)

        var rows = Array(index.measures(.provider, p.id))
        for f in facilities { rows += index.measures(.facility, f.id) }
        WorkbookDetailSheet.write(try wb.addWorksheet(l[.sheetMeasures]), title: "\(l[.sheetMeasures]) — \(p.name)", index.sorted(rows),
                                  index: index, styles: s, withStats: true, print: print)

        let au = try wb.addWorksheet(l[.sheetAudits])
        let at = [l[.facilityID], l[.type], l[.criterion], l[.criterionName], l[.weight], l[.date], l[.result], l[.note]]
        au.header(0, at, s, widths: [16, 24, 10, 60, 8, 12, 14, 40])
        r = 1
        for f in facilities {
            for a in index.latestAuditsByFacility[f.id] ?? [] {
                let crit = index.ctx.standard.criterion(matching: a.criterion)
                au.write(r, 0, string: f.id)
                au.write(r, 1, string: l.facilityType(f.type))
                au.write(r, 2, string: crit?.code ?? a.criterion)
                au.write(r, 3, text: crit?.name)
                au.write(r, 4, optional: crit?.weight)
                au.write(r, 5, isoDate: a.date, s)
                au.write(r, 6, string: l.auditResult(a.result))
                au.write(r, 7, text: a.note)
                r += 1
            }
        }
        au.filter(headerRow: 0, lastRow: r - 1, columns: at.count)
        print.apply(au, landscape: true, headerRows: 0...0)

        WorkbookSheets.definitions(try wb.addWorksheet(l[.sheetDefinitions]), index: index, styles: s, print: print)
        try wb.close()
    }
}
