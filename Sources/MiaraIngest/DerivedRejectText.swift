import Foundation
import MiaraStore
import MiaraValues

/// The text of derived rejects (C10, C16, C19, C11–C13) whose staged row keeps none (a CSV row):
/// read again from the store's archive of the file (`FileArchive`, PESELs masked) by the
/// record's line, as staging would have kept it. A reject derived again keeps the text it had (`Store.derive`),
/// so a file is read again only for rows newly rejected.
extension Ingestor {
    func fillDerivedRejectText() throws {
        for (fileID, lines) in try StoreRecords.derivedRejectsWithoutText(db) {
            guard let a = try StoreRecords.archivedFile(db, fileID: fileID), a.format == TabularFile.Format.csv.rawValue else { continue }
            let bytes = try FileArchive.unpack(a.packed, size: a.bytes)
            var texts: [Int: String] = [:]
            // Control flow only: every wanted line is found, so the read stops; caught below.
            struct Done: Error {}
            do {
                try TabularFile.read(archivedCSV: bytes, encoding: a.encoding) { rec in
                    guard lines.contains(rec.line) else { return }
                    texts[rec.line] = PESEL.masked(rec.raw) ?? rec.raw
                    if texts.count == lines.count { throw Done() }
                }
            // The read stopped early on purpose (`Done`): every wanted line was found.
            } catch is Done {}
            try StoreRecords.setDerivedRejectText(db, fileID: fileID, texts: texts)
        }
    }
}
