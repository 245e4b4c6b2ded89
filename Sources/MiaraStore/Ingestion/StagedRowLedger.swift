import Foundation
import MiaraValues

/// What an ingest learned about the rows it staged, while writing them, that spares the
/// derivation a sort of the whole table (national services: 3.35 M rows, each sort about 4 s on
/// this machine's SQLite): per staged table, a 32-bit hash of each row's key (by row id),
/// and the distinct values of each referencing column.
///
/// The derivation uses it only where it is exact and only when it covers every row it decides
/// about (`covers`: every staged row above the derivation's `since` was recorded here, counted
/// in the store): the key-repeat ranking reads only the rows whose key hash is shared (equal keys
/// have equal hashes, so every repeated key is among them; the store's GROUP BY on those rows
/// decides), and a reference check (C11) first finds which of the referenced values are missing
/// from the referenced dataset (usually none, and then no row is read). Anything it cannot
/// vouch for — a value not text, an integer or empty, a row id out of reach, a staging undone
/// by a savepoint — makes it decline, and the derivation does what it does without it.
public final class StagedRowLedger {
    /// One staged table's record of this ingest.
    public final class Table {
        let spec: DatasetSpec
        let db: SQLiteDatabase
        /// Positions in `spec.columns` of the key columns (in key order) and of the referencing columns.
        let keyColumns: [Int]
        let referencing: [(position: Int, name: String)]
        /// The row id of the first recorded row: the rows of one table an ingest stages have
        /// consecutive row ids (a row undone or removed breaks that, and the ledger declines).
        // The writer's thread alone touches these, once per row: no dynamic exclusivity checks.
        @exclusivity(unchecked) private var base: Int64 = -1
        /// Per recorded row, in row id order: its key's hash, in chunks of `chunk` rows (so the
        /// record grows without copying itself: 13 MB for national services).
        @exclusivity(unchecked) private var keyHashes: [[UInt32]] = []
        private static let chunk = 1 << 16
        /// The number of rows recorded.
        @exclusivity(unchecked) private(set) var count = 0
        /// Per referencing column: its distinct text values (exact, found by their hash).
        @exclusivity(unchecked) private(set) var referenced: [ByteStrings]
        /// False once a row could not be recorded exactly; then nothing of this table is used.
        @exclusivity(unchecked) private(set) var usable: Bool

        init(spec: DatasetSpec, db: SQLiteDatabase, textColumns: Set<String>) {
            self.spec = spec; self.db = db
            keyColumns = spec.key.compactMap { k in spec.columns.firstIndex { $0.name == k } }
            referencing = spec.columns.enumerated().compactMap { i, c in c.references == nil ? nil : (i, c.name) }
            referenced = Array(repeating: ByteStrings(), count: referencing.count)
            // A text value in a column of another type may be stored converted (`05` as 5): only
            // columns the store declares TEXT are recorded from text.
            usable = keyColumns.count == spec.key.count
            // A column stored in another form (`Schema.storedColumns`) by the type of its stored
            // column: read back, it is the value bound.
            textOnly = spec.columns.indices.map { i in
                let name = spec.columns[i].name
                return textColumns.contains(Schema.storedColumns[spec.table]?.first { $0.column == name }?.stored ?? name)
            }
        }
        /// By column position: whether the column is recorded from text (read per row: an array, not a set).
        private let textOnly: [Bool]

        /// A value as bound to the insert.
        public enum Value {
            case null, integer(Int64), text(UnsafeBufferPointer<UInt8>), other
        }

        /// Records the row the insert just wrote; `value(i)` gives the value bound for `spec.columns[i]`.
        public func record(_ value: (Int) -> Value) {
            guard usable else { return }
            let rowID = db.lastInsertRowID
            if base < 0 { base = rowID }
            guard rowID == base + Int64(count) else { usable = false; return }
            // The key's text as the store computes it: each part or '' when NULL, joined by char(31).
            var h = FNV1a()
            for (n, i) in keyColumns.enumerated() {
                if n > 0 { h.add(31) }
                switch value(i) {
                case .null: break
                case .integer(let x): h.add(String(x))
                case .text(let b) where textOnly[i]: h.add(b)
                default: usable = false; return
                }
            }
            if count % Self.chunk == 0 { keyHashes.append([]) }
            keyHashes[keyHashes.count - 1].append(h.value32)
            count += 1
            for (n, r) in referencing.enumerated() {
                switch value(r.position) {
                case .null: break
                case .integer(let x) where textOnly[r.position]:
                    _ = Array(String(x).utf8).withUnsafeBufferPointer { referenced[n].number($0) }
                case .text(let b) where textOnly[r.position]: _ = referenced[n].number(b)
                default: usable = false; return
                }
            }
        }

        /// The row ids whose key hash another recorded row shares (a superset of the rows of
        /// every key held by more than one recorded row), in row id order. The hashes are
        /// compared a sixteenth at a time (by their top four bits), so no copy of them all is
        /// made; they are dropped afterwards (a derivation ranks a table's keys once), and a
        /// second call answers nil.
        func sharedKeyRows() -> [Int64]? {
            guard !keysRanked else { return nil }
            var shared: Set<UInt32> = []
            var part: [UInt32] = []
            for top in UInt32(0)..<16 {
                part.removeAll(keepingCapacity: true)
                for hashes in keyHashes { for h in hashes where h >> 28 == top { part.append(h) } }
                part.sort()
                for i in part.indices.dropFirst() where part[i] == part[i - 1] { shared.insert(part[i]) }
            }
            var rows: [Int64] = []
            if !shared.isEmpty {
                for (c, hashes) in keyHashes.enumerated() {
                    for (i, h) in hashes.enumerated() where shared.contains(h) { rows.append(base + Int64(c * Self.chunk + i)) }
                }
            }
            keyHashes = []
            keysRanked = true
            return rows
        }
        /// Whether `sharedKeyRows` was asked (and the hashes dropped).
        private var keysRanked = false

        /// Whether every row of `staged_<table>` above row `since` was recorded here (and nothing
        /// else: a row recorded and then undone by a savepoint, or removed, makes the counts differ).
        func covers(since: Int) throws -> Bool {
            guard usable, base > Int64(since) || count == 0 else { return false }
            if let c = counted, c.since == since, c.recorded == count { return c.covers }
            let staged = try db.scalar("SELECT count(*) FROM staged_\(spec.table) WHERE row_id > ?", [.integer(Int64(since))])?.int ?? -1
            counted = (since, count, staged == count)
            return staged == count
        }
        /// The last `covers` answer, for the rows recorded then (the derivation asks per check).
        private var counted: (since: Int, recorded: Int, covers: Bool)? = nil

        /// The distinct values recorded for referencing column `column`.
        func referencedValues(_ column: String) -> [[UInt8]]? {
            referencing.firstIndex { $0.name == column }.map { referenced[$0].values }
        }
    }

    let db: SQLiteDatabase
    private var tables: [String: Table] = [:]

    init(db: SQLiteDatabase) { self.db = db }

    /// The record of `spec`'s staged table (made on first use).
    func table(_ spec: DatasetSpec) throws -> Table {
        if let t = tables[spec.table] { return t }
        let text = Set(try db.query("SELECT name FROM pragma_table_info(?) WHERE upper(type) = 'TEXT'", [.text("staged_" + spec.table)])
            .compactMap { $0.first?.text })
        let t = Table(spec: spec, db: db, textColumns: text)
        tables[spec.table] = t
        return t
    }

    /// The tables the derivation was answered for (`covering`).
    public private(set) var answered: Set<String> = []

    /// The record of `table` when it covers every staged row above row `since`; nil otherwise.
    func covering(_ table: String, since: Int) throws -> Table? {
        guard let t = tables[table], try t.covers(since: since) else { return nil }
        answered.insert(table)
        return t
    }
}
