import MiaraValues

/// The writers of measures.csv and benchmark.csv (SPEC 9.1).
///
/// Both return the whole file as one `String` (measures.csv also in pieces) (UTF-8 when written, `,` delimiter, `\n` line ends,
/// header first). Rows are sorted bytewise on the key columns as strings *before* `unit_id` /
/// `teryt` are formula-escaped; numbers go through `CSVText.number` (6 decimals, trailing zeros
/// dropped); flags are `;`-joined in the SPEC order (`MeasureFlag.allCases`). The writers print
/// what they are given: disclosure control is `Publication`'s job.
public enum MeasuresCSV {
    public static let measuresHeader = [
        "measure", "period", "grain", "unit_id", "facility_type", "dimension", "value", "numerator",
        "denominator", "n", "unit", "flags",
    ]
    public static let benchmarkHeader = [
        "measure", "period", "teryt", "value", "mean", "median", "q1", "q3", "min", "max", "deviation",
        "rank", "delta_prev", "flags",
    ]

    /// measures.csv: one line per row, sorted on measure, period, grain, unit_id, facility_type,
    /// dimension (bytewise as UTF-8 strings).
    public static func measures(_ rows: [MeasureRow]) -> String {
        var out = ""
        measures(rows) { out += $0 }
        return out
    }

    /// measures.csv in consecutive pieces of about 1 MB (their concatenation is `measures(_:)`),
    /// for writing a national file without holding all of it.
    public static func measures(_ rows: [MeasureRow], chunk: (String) throws -> Void) rethrows {
        // Rows usually come sorted (`Publication`): then they are not copied.
        let inOrder = !zip(rows, rows.dropFirst()).contains { MeasureRow.precedes($0.1, $0.0) }
        let sorted = inOrder ? rows : rows.sorted(by: MeasureRow.precedes)
        let size = 1 << 20
        var out = CSVText.line(measuresHeader)
        out.reserveCapacity(size + 4096)
        for r in sorted {
            out += CSVText.line([
                r.measure.raw, r.period.text, r.grain.rawValue, CSVText.escapeFormula(r.unitID),
                r.facilityType, r.dimension, num(r.value), num(r.numerator), num(r.denominator),
                r.n.map(String.init) ?? "", r.unit, flags(r.flags),
            ])
            if out.utf8.count >= size { try chunk(out); out.removeAll(keepingCapacity: true) }
        }
        try chunk(out)
    }

    /// benchmark.csv: one line per row, sorted on measure, period, teryt (bytewise).
    public static func benchmark(_ rows: [BenchmarkRow]) -> String {
        let sorted = rows.sorted { [$0.measure.raw, $0.period.text, $0.teryt].bytewisePrecedes([$1.measure.raw, $1.period.text, $1.teryt]) }
        var out = CSVText.line(benchmarkHeader)
        out.reserveCapacity(sorted.count * 80)
        for r in sorted {
            out += CSVText.line([
                r.measure.raw, r.period.text, CSVText.escapeFormula(r.teryt), num(r.value), num(r.mean),
                num(r.median), num(r.q1), num(r.q3), num(r.min), num(r.max), num(r.deviation),
                r.rank.map(String.init) ?? "", num(r.deltaPrev), flags(r.flags),
            ])
        }
        return out
    }

    /// `;`-joined flags in the SPEC 9.1 order.
    public static func flags(_ f: Set<MeasureFlag>) -> String {
        MeasureFlag.allCases.filter(f.contains).map(\.rawValue).joined(separator: ";")
    }

    static func num(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return CSVText.number(v)
    }

}
