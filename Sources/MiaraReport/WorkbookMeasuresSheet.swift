import Foundation
import MiaraMeasures
import MiaraValues
import MiaraXLSX

extension Workbooks {
    /// The measures.csv columns as a sheet.
    public static let measuresSheetColumns = ["measure", "period", "grain", "unit_id", "facility_type", "dimension", "value",
                                              "numerator", "denominator", "n", "unit", "flags"]

    /// Writes `rows` as one long sheet `measures` (the measures.csv columns: 6 text keys, value,
    /// numerator, denominator and n as numbers, unit and flags as text; empty values are omitted
    /// cells) in constant-memory mode. The Swift side of `Benchmarks/xlsx-baseline` (a hidden
    /// `miara bench-xlsx` command calls it); usable for any big measures export.
    public static func writeMeasuresSheet(_ rows: [MeasureRow], path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let wb = try XLSXWorkbook(path: path, constantMemory: true, tmpdir: FileManager.default.temporaryDirectory.path)
        wb.setProperties(title: "measures", author: "miara", created: (2026, 1, 1))
        let bold = wb.addFormat(XLSXFormatSpec(bold: true))
        let ws = try wb.addWorksheet("measures")
        for (i, c) in measuresSheetColumns.enumerated() { ws.write(0, i, string: c, bold) }
        var flagText: [Set<MeasureFlag>: String] = [:]     // a handful of distinct sets
        var r = 1
        for row in rows {
            ws.write(r, 0, string: row.measure.raw)
            ws.write(r, 1, string: row.period.text)
            ws.write(r, 2, string: row.grain.rawValue)
            ws.write(r, 3, string: row.unitID)
            if !row.facilityType.isEmpty { ws.write(r, 4, string: row.facilityType) }
            if !row.dimension.isEmpty { ws.write(r, 5, string: row.dimension) }
            if let v = row.value { ws.write(r, 6, number: v) }
            if let v = row.numerator { ws.write(r, 7, number: v) }
            if let v = row.denominator { ws.write(r, 8, number: v) }
            if let v = row.n { ws.write(r, 9, number: Double(v)) }
            ws.write(r, 10, string: row.unit)
            if !row.flags.isEmpty {
                let t: String
                if let cached = flagText[row.flags] { t = cached } else {
                    t = row.flags.sorted().map(\.rawValue).joined(separator: ";")
                    flagText[row.flags] = t
                }
                ws.write(r, 11, string: t)
            }
            r += 1
        }
        try wb.close()
    }

    /// Deterministic synthetic rows for the benchmark; `Benchmarks/xlsx-baseline/baseline.c`
    /// generates exactly the same cells (keep the two in step).
    public static func benchmarkRows(count: Int) -> [MeasureRow] {
        let codes = (1...28).map { i -> String in i <= 8 ? "E0\(i)" : i <= 17 ? "S0\(i - 8)" : String(format: "Q%02d", i - 17) }
        let periods = ["2026", "2026H1", "2026H2", "2026Q1", "2026Q2", "2026Q3", "2026Q4"].map { Period($0)! }
        let grains: [Grain] = [.facility, .provider, .municipality, .all]
        let units = ["PLN", "share", "ratio", "days", "persons", "per 10k", "score 1–5"]
        let codeList = codes.map(MeasureCode.init)
        let provisional: Set<MeasureFlag> = [.provisional], noDen: Set<MeasureFlag> = [.no_denominator]
        let both: Set<MeasureFlag> = [.provisional, .no_denominator]
        var out: [MeasureRow] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let unit = String(2_400_000 + i / 784)      // 7 digits, as "%07d" in baseline.c
            let noValue = i % 11 == 0
            let flags: Set<MeasureFlag> = i % 5 == 0 ? (noValue ? both : provisional) : (noValue ? noDen : [])
            out.append(MeasureRow(
                measure: codeList[i % 28], period: periods[(i / 28) % 7], grain: grains[(i / 196) % 4], unitID: unit,
                facilityType: i % 13 == 0 ? "shelter" : "", dimension: i % 17 == 0 ? "staff" : "",
                value: noValue ? nil : Double(i % 1000) * 1.25 + 0.5, numerator: Double(i) * 3.5,
                denominator: noValue ? nil : Double(i % 97 + 1), n: i % 50, unit: units[i % 7], flags: flags))
        }
        return out
    }
}
