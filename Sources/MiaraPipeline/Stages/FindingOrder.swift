import MiaraValues

/// The row order of rejects.csv and warnings.csv: file, line (as a number), column, check, the
/// texts compared by their UTF-8 bytes (Swift's `==` on String is canonical equivalence, under
/// which an NFC and an NFD spelling of one path would be equal and fall through to the line).
/// A row is `[file, line, dataset, column, check, …]`.
enum FindingOrder {
    static func precedes(_ a: [String], _ b: [String]) -> Bool {
        let byFile = a[0].bytewiseCompare(b[0])
        if byFile != 0 { return byFile < 0 }
        let la = Int(a[1]) ?? 0, lb = Int(b[1]) ?? 0
        if la != lb { return la < lb }
        return [a[3], a[4]].bytewisePrecedes([b[3], b[4]])
    }
}
