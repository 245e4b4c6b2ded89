import MiaraValues

/// Staging's bookkeeping beside the hot insert loop: how big a staged table is, and its read
/// indexes around a bulk load.
extension Store {
    /// True when a read index (`Schema.readIndexes`) is built over `staged_<table>`.
    public static func hasReadIndex(on table: String) -> Bool {
        Schema.readIndexes.contains { $0.definition.hasPrefix("staged_\(table)(") }
    }
}

/// An index of a staged table dropped for a bulk load, to be built once after it.
public struct DeferredIndex: Sendable, Equatable {
    public let name: String
    /// Its `CREATE INDEX` statement as the store's schema holds it.
    let sql: String
}

extension StoreWriter {
    /// Drops every index of `staged_<table>` that is kept up to date row by row (its file, held and
    /// look-up indexes; not the read indexes, which `dropReadIndexes` and `createReadIndexes`
    /// handle, nor the table's primary key) and returns their definitions, so a bulk load inserts
    /// into the table alone and `createIndexes` builds each index once from sorted rows after it.
    /// Inside the ingest's transaction: a failure rolls the drop back with the rest.
    public func dropStagingIndexes(_ table: String) throws -> [DeferredIndex] {
        let readIndexes = Set(Schema.readIndexes.map(\.name))
        var found: [DeferredIndex] = []
        try forEach("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid",
                    [.text("staged_" + table)]) { st in
            guard let name = st.string(0), let sql = st.string(1), !readIndexes.contains(name) else { return }
            found.append(DeferredIndex(name: name, sql: sql))
        }
        for i in found { try execute("DROP INDEX IF EXISTS \"\(i.name)\"") }
        return found
    }

    /// Builds the indexes a bulk load deferred (`dropStagingIndexes`) that are missing (a file
    /// whose savepoint was rolled back brought its table's indexes back). The sorts spill to
    /// temporary files (`Store.write(spilling:)`), on two threads (`sortingOnTwoThreads`).
    public func createIndexes(_ indexes: [DeferredIndex]) throws {
        try sortingOnTwoThreads {
            for i in indexes where try scalar("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?", [.text(i.name)]) == nil {
                try execute(i.sql)
            }
        }
    }
}
