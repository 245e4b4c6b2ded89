import Foundation

/// How much room wrapped text needs in a cell, estimated without a font: every character is
/// counted as wide as a digit (the unit of Excel's column width), which over-estimates ordinary
/// Polish text slightly, so a row sized by it never clips. A row set to a fixed height is not
/// grown by Excel or LibreOffice when its text wraps: every row miara sizes by hand takes its
/// height from here, and the LibreOffice tests check printed rows against the same rule.
public enum XLSXTextFit {
    /// Points per line of 11-point text (Excel's default row is 15 points).
    public static let lineHeight = 15.0
    /// Characters of a cell's width lost to its padding.
    static let padding = 1.0

    /// The lines `text` wraps into in a column `width` characters wide (words longer than a
    /// line are broken; explicit line breaks are kept).
    public static func lines(_ text: String, width: Double) -> Int {
        let room = max(1, Int((width - padding).rounded(.down)))
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1, used = 0
            for word in paragraph.split(separator: " ") {
                var w = word.count
                let need = used == 0 ? w : used + 1 + w
                if need <= room { used = need; continue }
                if used > 0 { lines += 1; used = 0 }
                while w > room { lines += 1; w -= room }
                used = w
            }
            total += lines
        }
        return max(1, total)
    }

    /// The row height (points) that shows `texts` (column width → text) wrapped in full.
    public static func rowHeight(_ cells: [(text: String, width: Double)], minimum: Double = lineHeight) -> Double {
        let most = cells.map { Self.lines($0.text, width: $0.width) }.max() ?? 1
        return max(minimum, Double(most) * lineHeight)
    }
}
