import Foundation
import MiaraValues

/// The data coverage's derived state (`coverage_months`, `coverage_rows`): each month's facility
/// rows (`CoverageQuery`) with the fingerprint of what they were counted from, so that a night
/// queries again only the months whose inputs changed (a new day of services: its month; a
/// corrected person: none).
///
/// A month's rows depend on the tool and settings (`settings`, the caller's: a new release may
/// count differently), the month and its clipped days, whether its costs are due, the bed
/// facility types, the contracts, facilities and stays (whole: a contract or stay spans months)
/// and the costs and services of that month alone (`CoverageQuery` reads costs by `month` and
/// services by `day` within the month). Staging only grows and a staged row's values never change
/// (decisions as `MeasureInputDigests`), so the accepted rows of a table are named by their ids:
/// the fingerprint takes the count, the sum and a sum of a multiplicative hash of the row ids of
/// each of those tables (the dated two within the month).
public struct CoverageMonths {
    static let format = "miara-coverage-months/1"
    static let hash = "(row_id * 2654435761) % 4294967291"

    /// The fingerprint of each month (by `YYYY-MM`).
    public let fingerprints: [String: String]
    /// The stored fingerprint of each month the store holds.
    let stored: [String: String]

    /// Reads the fingerprints of `months` and the stored ones, in one read snapshot.
    public init(db: StoreReader, months: [CoverageMonth], bedTypes: Set<String>, settings: String) throws {
        var whole: [String] = []
        for table in ["contracts", "facilities", "stays"] {
            let r = try db.query("SELECT count(*), coalesce(sum(row_id), 0), coalesce(sum(\(Self.hash)), 0) FROM \(table)")
            whole.append("\(table) " + (r.first ?? []).map { "\($0.int ?? 0)" }.joined(separator: ":"))
        }
        // Costs have no index by month: one pass over them, grouped by month.
        var costs: [String: String] = [:]
        try db.forEach("SELECT month, count(*), coalesce(sum(row_id), 0), coalesce(sum(\(Self.hash)), 0) FROM costs GROUP BY month") { st in
            costs[st.string(0) ?? ""] = "\(st.int(1)):\(st.int(2)):\(st.int(3))"
        }
        let services = try db.prepare("""
            SELECT count(*), coalesce(sum(row_id), 0), coalesce(sum(\(Self.hash)), 0) FROM services
            WHERE day BETWEEN ?1 || '-01' AND ?1 || '-31'
            """)
        func digest(_ st: Statement, _ month: String) throws -> String {
            st.reset()
            try st.bind([.text(month)])
            guard try st.step() else { return "-" }
            return "\(st.int(0)):\(st.int(1)):\(st.int(2))"
        }
        var out: [String: String] = [:]
        for m in months {
            var d = InputDigest(Self.format)
            d.add(settings)
            d.add(bedTypes.count)
            for t in bedTypes.sorted() { d.add(t) }
            d.add(m.month); d.add(m.first); d.add(m.last); d.add(m.costsDue)
            for w in whole { d.add(w) }
            d.add("costs " + (costs[m.month] ?? "0:0:0"))
            d.add("services " + (try digest(services, m.month)))
            out[m.month] = d.finish()
        }
        fingerprints = out
        var known: [String: String] = [:]
        if try Self.hasTable(db) {
            try db.forEach("SELECT month, fingerprint FROM coverage_months") { st in known[st.string(0) ?? ""] = st.string(1) ?? "" }
        }
        stored = known
    }

    /// The months whose stored rows were counted from the same inputs.
    public func unchanged(_ months: [CoverageMonth]) -> [CoverageMonth] {
        months.filter { m in fingerprints[m.month].map { stored[m.month] == $0 } ?? false }
    }

    /// The stored rows of `months`, in the order of `months`, then as the query gave them.
    public static func rows(db: StoreReader, months: [CoverageMonth]) throws -> [CoverageRow] {
        let st = try db.prepare("""
            SELECT teryt, provider_id, facility_id, facility_type, cost_rows, activity_rows FROM coverage_rows WHERE month = ?1
            ORDER BY rowid
            """)
        var out: [CoverageRow] = []
        for m in months {
            st.reset()
            try st.bind([.text(m.month)])
            while try st.step() {
                out.append(CoverageRow(month: m.month, teryt: st.string(0) ?? "", providerID: st.string(1) ?? "",
                                       facilityID: st.string(2) ?? "", facilityType: st.string(3) ?? "",
                                       costRows: st.int(4), activityRows: st.int(5), costsDue: m.costsDue))
            }
        }
        return out
    }

    /// Stores the rows of the months queried now (`fresh`, all their rows), replacing each month's
    /// earlier rows, with their fingerprints; forgets the months not in `keep`.
    public func save(_ writer: StoreWriter, fresh: [CoverageRow], months: [CoverageMonth], keep: Set<String>) throws {
        guard try Self.hasTable(writer) else { return }
        var drop = Set(stored.keys.filter { !keep.contains($0) })
        for m in months { drop.insert(m.month) }
        let deleteRows = try writer.prepare("DELETE FROM coverage_rows WHERE month = ?1")
        let deleteMonth = try writer.prepare("DELETE FROM coverage_months WHERE month = ?1")
        for m in drop.sorted() {
            deleteRows.reset(); try deleteRows.bind([.text(m)]); try deleteRows.run()
            deleteMonth.reset(); try deleteMonth.bind([.text(m)]); try deleteMonth.run()
        }
        let putMonth = try writer.prepare("INSERT INTO coverage_months (month, fingerprint) VALUES (?1, ?2)")
        for m in months {
            guard let f = fingerprints[m.month] else { continue }
            putMonth.reset(); try putMonth.bind([.text(m.month), .text(f)]); try putMonth.run()
        }
        let putRow = try writer.prepare("""
            INSERT INTO coverage_rows (month, teryt, provider_id, facility_id, facility_type, cost_rows, activity_rows)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        for r in fresh {
            putRow.reset()
            try putRow.bind([.text(r.month), .text(r.teryt), .text(r.providerID), .text(r.facilityID), .text(r.facilityType),
                             .integer(Int64(r.costRows)), .integer(Int64(r.activityRows))])
            try putRow.run()
        }
    }

    static func hasTable(_ db: StoreReader) throws -> Bool {
        try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'coverage_months'")?.int == 1
    }
}
