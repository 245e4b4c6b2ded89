/// The rejected share of one file (SPEC 10): rejected ÷ read, and 1 for a file rejected whole
/// (C01, C15, C20, C21) whatever its rows; 0 for a file without rows. The one definition that
/// `max_reject_share` is compared with.
public enum RejectShare {
    public static func of(rowsRead: Int, rowsRejected: Int, rejectedWhole: Bool) -> Double {
        if rejectedWhole { return 1 }
        return rowsRead > 0 ? Double(rowsRejected) / Double(rowsRead) : 0
    }

    /// True when a file's share is over the pipeline's `max_reject_share` (strictly: a share equal
    /// to it is allowed). The one comparison the store's notices and the manifest both use.
    public static func isOver(_ share: Double, max: Double) -> Bool { share > max }

    /// A share as people read it: `100 %`, `33,3 %` (Polish) or `33.3 %` (English), one decimal
    /// at most.
    public static func percent(_ share: Double, _ language: Language) -> String {
        let tenths = (share * 1000).rounded()
        var text = tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
        if language == .pl { text = String(text.map { $0 == "." ? "," : $0 }) }
        return text + " %"
    }
}
