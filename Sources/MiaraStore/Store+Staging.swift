import MiaraValues

/// Staging's bookkeeping beside the hot insert loop: how big a staged table is, and its read
/// indexes around a bulk load.
extension Store {
    /// The largest `row_id` of `staged_<table>` (staging only grows, so about its rows; 0 when empty).
    public func stagedTop(_ table: String) throws -> Int {
        try db.scalar("SELECT coalesce(max(row_id), 0) FROM staged_\(table)")?.int ?? 0
    }

    /// True when a read index (`Schema.readIndexes`) is built over `staged_<table>`.
    public static func hasReadIndex(on table: String) -> Bool {
        Schema.readIndexes.contains { $0.definition.hasPrefix("staged_\(table)(") }
    }
}
