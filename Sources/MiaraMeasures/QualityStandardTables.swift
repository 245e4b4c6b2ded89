import MiaraStore
import MiaraValues

/// The standard file's data that quality SQL needs but the store does not hold (SPEC 2, 6).
///
/// `install` fills two TEMP tables on the connection that runs the measure SQL:
/// - `temp.standard_criteria(code, weight)`: the criteria and their weights, read by Q04.sql
///   (audits' criteria are matched case-insensitively with `upper()`);
/// - `temp.floor_norms(type, m2)`: the floor-area norm per place by facility type (Q08's norm;
///   Publication applies it, the table is there for SQL and `explain` to use).
/// Call it once per connection before running Q04 (calling it again replaces the contents).
public enum QualityStandardTables {
    public static func install(_ standard: Standard, into db: MeasureConnection) throws {
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS standard_criteria (code TEXT NOT NULL PRIMARY KEY, weight REAL NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS floor_norms (type TEXT NOT NULL PRIMARY KEY, m2 REAL NOT NULL);
            DELETE FROM temp.standard_criteria;
            DELETE FROM temp.floor_norms;
            """)
        let c = try db.prepare("INSERT OR REPLACE INTO temp.standard_criteria (code, weight) VALUES (?, ?)")
        for k in standard.criteria {
            try c.bind([.text(k.code), .real(k.weight)])
            try c.run()
        }
        let f = try db.prepare("INSERT OR REPLACE INTO temp.floor_norms (type, m2) VALUES (?, ?)")
        for (type, m2) in standard.floorAreaPerPlace.sorted(by: { $0.key < $1.key }) {
            try f.bind([.text(type.lowercased()), .real(m2)])
            try f.run()
        }
    }

    /// facility_id → type of every accepted facility: Publication needs it for Q08's norm, whose
    /// rows carry an empty `facility_type` (SPEC 6).
    public static func facilityTypes(_ db: StoreReader) throws -> [String: String] { try StoreRecords.facilityTypes(db) }
}
