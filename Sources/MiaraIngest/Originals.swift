import Foundation
import MiaraValues

/// Which of two new files with the same bytes is the original (decisions.md 139): a copy made by
/// a file manager or by hand adds to its original's name (`gminy (kopia).csv`, `gminy - Kopia.csv`,
/// `Copy of gminy.csv`), so among new files of one dataset with the same bytes the one with the
/// shortest path is read and the others are its duplicates; equal lengths fall back to the
/// bytewise order of SPEC 1.1. The original takes the place of the first of its copies in the
/// reading order; every other file keeps its place. Only files of the same size are hashed here.
public enum Originals {
    public static func first(_ files: [InboxFile]) -> [InboxFile] {
        var groups: [String: [Int]] = [:]
        for (i, f) in files.enumerated() {
            // A file whose size cannot be read joins no group: it is read, and its failure reported, like any other.
            guard let size = FileScan.size(of: f.url) else { continue }
            groups["\(f.dataset)\u{0}\(size)", default: []].append(i)
        }
        var out = files
        for indices in groups.values where indices.count > 1 {
            var bySHA: [String: [Int]] = [:]
            for i in indices {
                // An unreadable file keeps its place: the ingest reports it as it always has.
                guard let scan = try? FileScan(url: files[i].url) else { continue }
                bySHA[scan.sha256, default: []].append(i)
            }
            for same in bySHA.values where same.count > 1 {
                let places = same.sorted()
                let ordered = same.map { files[$0] }.sorted { a, b in
                    a.path.utf8.count != b.path.utf8.count ? a.path.utf8.count < b.path.utf8.count : a.path.bytewisePrecedes(b.path)
                }
                for (place, file) in zip(places, ordered) { out[place] = file }
            }
        }
        return out
    }
}
