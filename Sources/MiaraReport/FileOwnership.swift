import Foundation
import MiaraStore

/// Which municipalities each input file concerns, so a municipal workbook lists only its own
/// files, rejects and warnings.
///
/// A file concerns every municipality its accepted rows name: the row's own `teryt`
/// (municipalities, persons, facilities, contracts, benefits, staff), its facility's
/// municipality (stays, services, audits, survey responses about a facility), its contract's
/// (costs), its person's (programmes), the municipalities of a provider's facilities and
/// contracts (providers, survey responses about a provider), or the municipality a survey
/// response is about. A file without an accepted row (rejected whole, or every row rejected)
/// concerns the municipality whose 7-digit TERYT code starts its file name, if any.
enum FileOwnership {
    static let queries = [
        "SELECT DISTINCT file_id, teryt FROM municipalities",
        "SELECT DISTINCT file_id, teryt FROM persons",
        "SELECT DISTINCT file_id, teryt FROM facilities",
        "SELECT DISTINCT file_id, teryt FROM contracts",
        "SELECT DISTINCT file_id, teryt FROM benefits",
        "SELECT DISTINCT file_id, teryt FROM staff",
        "SELECT DISTINCT x.file_id, f.teryt FROM (SELECT DISTINCT file_id, facility_id FROM stays) x JOIN facilities f USING (facility_id)",
        "SELECT DISTINCT x.file_id, f.teryt FROM (SELECT DISTINCT file_id, facility_id FROM services) x JOIN facilities f USING (facility_id)",
        "SELECT DISTINCT x.file_id, f.teryt FROM (SELECT DISTINCT file_id, facility_id FROM audits) x JOIN facilities f USING (facility_id)",
        "SELECT DISTINCT x.file_id, c.teryt FROM (SELECT DISTINCT file_id, contract_id FROM costs) x JOIN contracts c USING (contract_id)",
        "SELECT DISTINCT x.file_id, p.teryt FROM (SELECT DISTINCT file_id, person_id FROM programmes) x JOIN persons p USING (person_id)",
        "SELECT DISTINCT p.file_id, f.teryt FROM providers p JOIN facilities f USING (provider_id)",
        "SELECT DISTINCT p.file_id, c.teryt FROM providers p JOIN contracts c USING (provider_id)",
        """
        SELECT DISTINCT r.file_id, f.teryt FROM survey_responses r JOIN facilities f ON r.unit_kind = 'facility' AND f.facility_id = r.unit_id
        UNION SELECT DISTINCT r.file_id, f.teryt FROM survey_responses r JOIN facilities f ON r.unit_kind = 'provider' AND f.provider_id = r.unit_id
        UNION SELECT DISTINCT file_id, unit_id FROM survey_responses WHERE unit_kind = 'municipality'
        """,
    ]

    /// teryt → ids of the files that concern it.
    static func filesByTeryt(db: SQLiteDatabase, files: [DataQualityTables.File]) -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        var owned: Set<Int> = []
        for q in queries {
            // A table an older store lacks contributes nothing.
            try? db.forEach(q) { st in
                let fid = st.int(0)
                guard let t = st.string(1) else { return }
                out[t, default: []].insert(fid)
                owned.insert(fid)
            }
        }
        for f in files where !owned.contains(f.id) {
            let name = (f.path as NSString).lastPathComponent
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            if digits.count == 7 { out[String(digits), default: []].insert(f.id) }
        }
        return out
    }
}
