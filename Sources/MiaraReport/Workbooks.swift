import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues
import MiaraXLSX

/// The XLSX workbooks of SPEC 9.2.
///
/// Files written by `writeAll` (English names with `lang: en`):
/// - `gmina-<teryt>.xlsx` / `municipality-<teryt>.xlsx`: one per municipality, the
///   municipality's own view (values suppressed for others are shown, in italics);
/// - `podmiot-<id>.xlsx` / `provider-<id>.xlsx`: one scorecard per provider (`:` of the
///   canonical id becomes `-`), disclosure control applied;
/// - `ministerstwo.xlsx` / `ministry.xlsx`: the ministry submission — fixed layout, Polish
///   sheet names and headers in both languages, disclosure control applied;
/// - `benchmark.xlsx`: every municipality side by side, quartiles, flags and charts,
///   disclosure control applied.
/// Every file's `created` property is the as-of date, so the same store and as-of give the same bytes.
public enum Workbooks {
    /// Writes every workbook into `dir` and returns their paths relative to dir, sorted.
    public static func writeAll(_ ctx: ReportContext, to dir: URL) throws -> [String] {
        try writeAll(ctx, targets: [:], to: dir)
    }

    /// As `writeAll(_:to:)`, with the pipeline's targets shown beside the values on the summary.
    public static func writeAll(_ ctx: ReportContext, targets: [MeasureCode: Target], to dir: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let index = try WorkbookIndex(ctx)
        index.targets = targets
        _ = index.dataQuality
        _ = index.latestAuditsByFacility
        let en = ctx.language == .en
        var written: [String] = []
        for m in index.municipalities {
            let name = (en ? "municipality-" : "gmina-") + fileSafe(m.teryt) + ".xlsx"
            try MunicipalWorkbook.write(index, teryt: m.teryt, path: dir.appendingPathComponent(name).path)
            written.append(name)
        }
        for p in index.providers {
            let name = (en ? "provider-" : "podmiot-") + fileSafe(p.id) + ".xlsx"
            try ProviderWorkbook.write(index, provider: p, path: dir.appendingPathComponent(name).path)
            written.append(name)
        }
        let ministry = en ? "ministry.xlsx" : "ministerstwo.xlsx"
        try MinistryWorkbook.write(index, path: dir.appendingPathComponent(ministry).path)
        written.append(ministry)
        try BenchmarkWorkbook.write(index, path: dir.appendingPathComponent("benchmark.xlsx").path)
        written.append("benchmark.xlsx")
        return written.sorted()
    }

    /// A file-name part from an id: `:` becomes `-`, anything but letters, digits, `-`, `_`
    /// and `.` becomes `_` (canonical ids have none of those).
    static func fileSafe(_ id: String) -> String {
        var out = ""
        for u in id.unicodeScalars {
            if u == ":" { out.append("-") }
            else if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "-" || u == "_" || u == "." { out.unicodeScalars.append(u) }
            else { out.append("_") }
        }
        return out.isEmpty ? "_" : out
    }

    /// Opens a workbook with the run's document properties (title, author, created = as-of).
    static func open(_ index: WorkbookIndex, path: String, title: String, constantMemory: Bool = false) throws -> XLSXWorkbook {
        try? FileManager.default.removeItem(atPath: path)
        let wb = try XLSXWorkbook(path: path, constantMemory: constantMemory,
                                  tmpdir: constantMemory ? FileManager.default.temporaryDirectory.path : nil)
        let c = index.ctx.asOf.components
        wb.setProperties(title: title, author: index.ctx.author, created: (c.year, c.month, c.day))
        return wb
    }
}

// MARK: - Sheets shared by several workbooks

enum WorkbookSheets {
    /// A table of measure rows: one row per measure × period × unit × split, every period.
    /// `withStats` adds sd and the 95 % interval mean ± 1.96·sd/√n (Q01, Q09–Q11 and the like).
    static func measures(_ ws: XLSXWorksheet, _ rows: [MeasureRow], index: WorkbookIndex, styles s: WorkbookStyles, withStats: Bool) {
        let l = index.labels
        var titles = [l[.code], l[.measure], l[.period], l[.grain], l[.unitID], l[.unitName], l[.facilityType], l[.dimension],
                      l[.value], l[.numerator], l[.denominator], l[.n], l[.unit], l[.flags]]
        var widths: [Double] = [7, 34, 9, 12, 18, 34, 20, 14, 14, 14, 14, 8, 14, 30]
        if withStats { titles += [l[.sd], l[.ciLow], l[.ciHigh]]; widths += [12, 12, 12] }
        ws.header(0, titles, s, widths: widths)
        var r = 1
        for row in rows {
            let d = index.definition(row.measure)
            ws.write(r, 0, string: row.measure.raw)
            ws.write(r, 1, string: l.measureName(d))
            ws.write(r, 2, string: row.period.text)
            ws.write(r, 3, string: l.grain(row.grain))
            ws.write(r, 4, string: row.unitID)
            ws.write(r, 5, text: index.unitName(row.grain, row.unitID))
            if !row.facilityType.isEmpty { ws.write(r, 6, string: l.facilityType(row.facilityType)) }
            if !row.dimension.isEmpty { ws.write(r, 7, string: row.dimension) }
            else if d?.split == .dimension { ws.write(r, 7, string: l[.overall]) }
            let own = row.flags.contains(.suppressed) && row.value != nil
            ws.write(r, 8, optional: row.value, s.value(unit: row.unit, italic: own))
            ws.write(r, 9, optional: row.numerator, own ? s.generalItalic : nil)
            ws.write(r, 10, optional: row.denominator, own ? s.generalItalic : nil)
            ws.write(r, 11, optionalInt: row.n, own ? s.generalItalic : nil)
            ws.write(r, 12, string: row.unit)
            ws.write(r, 13, text: l.flags(row.flags))
            if withStats, let sd = row.sd, sd.isFinite {
                ws.write(r, 14, number: sd, s.decimal2)
                if let v = row.value, let n = row.n, n >= 2 {
                    let h = 1.96 * sd / Double(n).squareRoot()
                    ws.write(r, 15, number: v - h, s.value(unit: row.unit, italic: own))
                    ws.write(r, 16, number: v + h, s.value(unit: row.unit, italic: own))
                }
            }
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
    }

    /// The catalogue: code, name, unit, direction, grains, split, formula, norm.
    static func definitions(_ ws: XLSXWorksheet, index: WorkbookIndex, styles s: WorkbookStyles) {
        let l = index.labels
        let titles = [l[.code], l[.measure], l[.unit], l[.direction], l[.grains], l[.split], l[.formula], l[.norm]]
        ws.header(0, titles, s, widths: [7, 40, 14, 22, 36, 14, 90, 24])
        var r = 1
        for d in index.ctx.catalogue.definitions {
            ws.write(r, 0, string: d.code.raw)
            ws.write(r, 1, string: l.measureName(d))
            ws.write(r, 2, string: d.unit)
            ws.write(r, 3, string: l.direction(d.direction))
            ws.write(r, 4, string: d.grains.map { l.grain($0) }.joined(separator: ", "))
            if d.split != .none { ws.write(r, 5, string: d.split == .dimension ? l[.dimension] : l[.facilityType]) }
            ws.write(r, 6, string: l.formula(d), s.wrap)
            ws.write(r, 7, text: l.norm(d.norm))
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
    }

    /// The input files: path, dataset, format, encoding, bytes, SHA-256, rows, ingestion date.
    static func sources(_ ws: XLSXWorksheet, index: WorkbookIndex, styles s: WorkbookStyles) {
        let l = index.labels
        let titles = [l[.file], l[.dataset], l[.format], l[.encoding], l[.bytes], l[.sha256], l[.rowsRead], l[.rowsAccepted],
                      l[.rowsRejected], l[.fileCheck], l[.ingestedAt]]
        ws.header(0, titles, s, widths: [48, 22, 8, 14, 12, 66, 12, 12, 12, 14, 14])
        var r = 1
        for f in index.dataQuality.files {
            ws.write(r, 0, string: f.path)
            ws.write(r, 1, string: f.dataset)
            ws.write(r, 2, string: f.format)
            ws.write(r, 3, text: f.encoding)
            ws.write(r, 4, number: Double(f.bytes), s.count)
            ws.write(r, 5, string: f.sha256)
            ws.write(r, 6, number: Double(f.rowsRead), s.count)
            ws.write(r, 7, number: Double(f.accepted), s.count)
            ws.write(r, 8, number: Double(f.rejected), s.count)
            ws.write(r, 9, text: f.fileCheck)
            ws.write(r, 10, isoDate: String(f.ingestedAt.prefix(10)), s)
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
    }

    /// One benchmark row's statistics from column `c` on: value, mean, median, q1, q3, min, max,
    /// deviation, rank, delta_prev, flags.
    static func benchmarkCells(_ ws: XLSXWorksheet, _ r: Int, _ c: Int, _ b: BenchmarkRow, unit: String, styles s: WorkbookStyles, labels l: Labels) {
        let f = s.value(unit: unit)
        ws.write(r, c, optional: b.value, f)
        ws.write(r, c + 1, optional: b.mean, f)
        ws.write(r, c + 2, optional: b.median, f)
        ws.write(r, c + 3, optional: b.q1, f)
        ws.write(r, c + 4, optional: b.q3, f)
        ws.write(r, c + 5, optional: b.min, f)
        ws.write(r, c + 6, optional: b.max, f)
        ws.write(r, c + 7, optional: b.deviation, s.share)
        ws.write(r, c + 8, optionalInt: b.rank)
        ws.write(r, c + 9, optional: b.deltaPrev, f)
        ws.write(r, c + 10, text: l.flags(b.flags))
    }

    static func benchmarkTitles(_ l: Labels) -> [String] {
        [l[.value], l[.mean], l[.median], l[.q1], l[.q3], l[.min], l[.max], l[.deviation], l[.rank], l[.deltaPrev], l[.flags]]
    }
}
