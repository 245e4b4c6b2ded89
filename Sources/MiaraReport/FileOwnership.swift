import Foundation
import MiaraStore

/// Which municipalities each input file concerns, so a municipal workbook lists only its own
/// files, rejects and warnings, and its Summary names a file of its own rejected whole.
///
/// A file concerns every municipality its accepted rows name (`QualitySegments.Loaded.owners`, and
/// the survey responses' `StoreRecords.surveyFileMunicipalities`).
/// A file without an accepted row (rejected whole, or every row rejected) has only its path to go
/// by, read in this order, the first that names someone wins:
/// 1. a 7-digit TERYT code of a municipality of the store as a part of its path (`2464011_pobyty.csv`,
///    `korekta_2464011.csv`, `ngo/stays/2464011/…`; parts are split at anything but a digit);
/// 2. the municipalities of other versions of the same path that had accepted rows (last month's
///    `ngo/stays/fundacja-x.csv`);
/// 3. the municipalities of the accepted files in the same folder, when that folder lies below
///    the dataset's own (a provider's folder `ngo/stays/fundacja-x/`), not the dataset folder that
///    every provider shares.
/// Else the file concerns no municipality (it is listed in the benchmark and ministry outputs only).
enum FileOwnership {
    /// teryt → ids of the files that concern it. `owners`: the municipalities the accepted rows
    /// of each dataset file name.
    static func filesByTeryt(db: StoreReader, files: [DataQualityTables.File], owners: [Int: Set<String>]) throws -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        var byFile = owners
        for x in try StoreRecords.surveyFileMunicipalities(db) { byFile[x.fileID, default: []].insert(x.teryt) }
        for (file, teryts) in byFile { for t in teryts { out[t, default: []].insert(file) } }
        let known = Set(out.keys).union(try StoreRecords.municipalityNames(db).keys)
        var byPath: [String: Set<String>] = [:], byFolder: [String: Set<String>] = [:]
        for f in files { if let t = byFile[f.id] { byPath[f.path, default: []].formUnion(t); byFolder[folder(f.path), default: []].formUnion(t) } }
        for f in files where byFile[f.id] == nil {
            var owners = Set(teryts(in: f.path).filter(known.contains))
            if owners.isEmpty { owners = byPath[f.path] ?? [] }
            if owners.isEmpty, folder(f.path) != f.dataset { owners = byFolder[folder(f.path)] ?? [] }
            for t in owners { out[t, default: []].insert(f.id) }
        }
        return out
    }

    /// The 7-digit runs of digits in a path.
    static func teryts(in path: String) -> [String] {
        path.split { !($0.isASCII && $0.isNumber) }.filter { $0.count == 7 }.map(String.init)
    }

    static func folder(_ path: String) -> String { (path as NSString).deletingLastPathComponent }
}
