import MiaraValues

/// Staging's bookkeeping beside the hot insert loop: how big a staged table is, and its read
/// indexes around a bulk load.
extension Store {
    /// True when a read index (`Schema.readIndexes`) is built over `staged_<table>`.
    public static func hasReadIndex(on table: String) -> Bool {
        Schema.readIndexes.contains { $0.definition.hasPrefix("staged_\(table)(") }
    }
}
