import Foundation
import MiaraValues

/// The first row in which two CSV outputs differ, named by its key columns (measure, unit,
/// period, …), the column, and the published and recomputed values — what `verify --recompute`
/// prints instead of a byte offset (decisions.md 122).
enum CSVDifference {
    /// Columns that name a row, in the order they are shown (those the file has).
    static let keyColumns = ["measure", "teryt", "grain", "unit_id", "provider_id", "facility_id", "facility_type", "dimension",
                             "period", "month", "action_no", "file", "line", "column", "check"]

    /// `row measure=E01 unit_id=F1 period=2026: value published 0.25, recomputed 0.3`, or a row
    /// only one side has; nil when the texts hold the same records.
    static func first(published a: Data, recomputed b: Data) -> Phrase? {
        let ra = CSVText.records(String(decoding: a, as: UTF8.self)), rb = CSVText.records(String(decoding: b, as: UTF8.self))
        guard let header = ra.first else { return nil }
        if rb.first != header { return VerifyText.header(header.joined(separator: ","), (rb.first ?? []).joined(separator: ",")) }
        let keys = keyColumns.compactMap { k in header.firstIndex(of: k).map { (k, $0) } }
        func name(_ r: [String]) -> String {
            keys.compactMap { k, i in i < r.count && !r[i].isEmpty ? "\(k)=\(r[i])" : nil }.joined(separator: " ")
        }
        for i in 1..<max(ra.count, rb.count) {
            guard i < ra.count else { return VerifyText.rowOnlyRecomputed(i + 1, name(rb[i])) }
            guard i < rb.count else { return VerifyText.rowOnlyPublished(i + 1, name(ra[i])) }
            let x = ra[i], y = rb[i]
            guard x != y else { continue }
            if name(x) != name(y) { return VerifyText.rowKeys(i + 1, name(x), name(y)) }
            let cols = (0..<max(x.count, y.count)).filter { ($0 < x.count ? x[$0] : nil) != ($0 < y.count ? y[$0] : nil) }
            let what = cols.map { c -> Phrase in
                let col = c < header.count ? Phrase(verbatim: header[c]) : VerifyText.columnNumber(c + 1)
                let p = c < x.count ? x[c] : "-", r = c < y.count ? y[c] : "-"
                return Phrase(pl: VerifyText.cell(col.pl, p, r).pl, en: VerifyText.cell(col.en, p, r).en)
            }
            let pl = what.map(\.pl).joined(separator: "; "), en = what.map(\.en).joined(separator: "; ")
            return VerifyText.row(i + 1).joined(Phrase(verbatim: name(x)), separator: " ").joined(Phrase(pl: pl, en: en))
        }
        return nil
    }
}
