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
/// services by `day` within the month). Their digests are the store's `MeasureInputDigests` (of
/// the whole table, of the month for costs and services), one definition for the measures'
/// results and the coverage.
public struct CoverageMonths {
    static let format = "miara-coverage-months/1"

    /// The fingerprint of each month (by `YYYY-MM`).
    public let fingerprints: [String: String]
    /// The stored fingerprint of each month the store holds.
    let stored: [String: String]

    /// The fingerprints of `months` from the store's input digests (`MeasureInputDigests`, the
    /// same ones the measures' results are fingerprinted by), and the stored ones.
    public init(db: StoreReader, months: [CoverageMonth], bedTypes: Set<String>, settings: String,
                inputs: MeasureInputDigests) throws {
        let whole = ["contracts", "facilities", "stays"].map { "\($0) " + (inputs.whole[$0] ?? "0:0:0") }
        var out: [String: String] = [:]
        for m in months {
            var d = InputDigest(Self.format)
            d.add(settings)
            d.add(bedTypes.count)
            for t in bedTypes.sorted() { d.add(t) }
            d.add(m.month); d.add(m.first); d.add(m.last); d.add(m.costsDue)
            for w in whole { d.add(w) }
            d.add("costs " + (inputs.months["costs"]?[m.month] ?? "0:0:0"))
            d.add("services " + (inputs.months["services"]?[m.month] ?? "0:0:0"))
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
        try db.db.hasTable("coverage_months")
    }
}
