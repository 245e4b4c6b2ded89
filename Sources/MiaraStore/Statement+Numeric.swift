import CSQLite

extension Statement {
    /// Column `i` as SQLite's numeric aggregates (`sum`, `avg`) and arithmetic take it: an integer
    /// or a real; a text that reads as a number becomes that number, other text reads as a real
    /// (its numeric prefix, else 0) and NULL stays `.null`.
    public func numeric(_ i: Int) -> SQLValue {
        let type = sqlite3_column_type(handle, Int32(i))
        guard type == SQLITE_TEXT || type == SQLITE_BLOB else { return value(i) }   // integers, reals and NULL as they are
        guard let v = sqlite3_value_dup(sqlite3_column_value(handle, Int32(i))) else { return .null }
        defer { sqlite3_value_free(v) }
        if sqlite3_value_numeric_type(v) == SQLITE_INTEGER { return .integer(sqlite3_value_int64(v)) }
        return .real(sqlite3_value_double(v))
    }

    /// True when column `i` of the current row is NULL.
    public func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }
}

/// A column value's storage class as SQLite reports it for the current row (a BLOB counts as text,
/// as `Statement.value` reads it).
public enum StorageClass: Sendable { case null, integer, real, text }

extension Statement {
    /// The storage class of column `i` of the current row.
    public func storageClass(_ i: Int) -> StorageClass {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        default: return .text
        }
    }
}
