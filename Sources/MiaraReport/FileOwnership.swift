import Foundation
import MiaraStore

/// Which municipalities each input file concerns, so a municipal workbook lists only its own
/// files, rejects and warnings.
///
/// A file concerns every municipality its accepted rows name (`StoreRecords.fileMunicipalities`).
/// A file without an accepted row (rejected whole, or every row rejected) concerns the
/// municipality whose 7-digit TERYT code starts its file name, if any.
enum FileOwnership {
    /// teryt → ids of the files that concern it.
    static func filesByTeryt(db: SQLiteDatabase, files: [DataQualityTables.File]) -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        var owned: Set<Int> = []
        for x in StoreRecords.fileMunicipalities(db) {
            out[x.teryt, default: []].insert(x.fileID)
            owned.insert(x.fileID)
        }
        for f in files where !owned.contains(f.id) {
            let name = (f.path as NSString).lastPathComponent
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            if digits.count == 7 { out[String(digits), default: []].insert(f.id) }
        }
        return out
    }
}
