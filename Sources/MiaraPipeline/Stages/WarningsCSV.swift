import Foundation
import MiaraStore
import MiaraValues

/// warnings.csv in the run folder: every warning in the store (W01 unknown columns, W02 a PESEL
/// in free text, W03 a replacement from a file sorting before the one replaced), sorted and escaped as rejects.csv is: by file, line as a number, column, check;
/// text from inputs formula-escaped after sorting, PESELs masked.
public enum WarningsCSV {
    public static let header = ["file", "line", "dataset", "column", "check", "message"]

    public static func write(db: StoreReader, to url: URL) throws {
        var rows = try StoreRecords.warnings(db).map {
            [$0.file, String($0.line), $0.dataset, $0.column, $0.check, $0.message].map { PESEL.masked($0) ?? $0 }
        }
        rows.sort(by: FindingOrder.precedes)
        var out = CSVText.line(header)
        for r in rows {
            out += CSVText.line([CSVText.escapeFormula(r[0]), r[1], r[2], CSVText.escapeFormula(r[3]), r[4], r[5]])
        }
        try AtomicFile.write(Data(out.utf8), to: url)
    }
}
