import MiaraValues

/// A stored file and a municipality one of its accepted rows names.
public struct FileMunicipality: Sendable, Hashable {
    public var fileID: Int
    public var teryt: String
}

extension StoreRecords {
    /// The municipalities the accepted rows of each file name: the row's own `teryt`
    /// (municipalities, persons, facilities, contracts, benefits, staff), its facility's
    /// municipality (stays, services, audits, survey responses about a facility), its contract's
    /// (costs), its person's (programmes), the municipalities of a provider's facilities and
    /// contracts (providers, survey responses about a provider), or the municipality a survey
    /// response is about. Unordered, may repeat. Every table exists at this miara's schema, so a
    /// query that fails is a broken store file: it throws.
    public static func fileMunicipalities(_ db: StoreReader) throws -> [FileMunicipality] {
        var out: [FileMunicipality] = []
        for q in ownershipQueries {
            try db.forEach(q) { st in
                guard let t = st.string(1) else { return }
                out.append(FileMunicipality(fileID: st.int(0), teryt: t))
            }
        }
        return out
    }

    static let ownershipQueries = [
        "SELECT DISTINCT file_id, teryt FROM municipalities",
        "SELECT DISTINCT file_id, teryt FROM persons",
        "SELECT DISTINCT file_id, teryt FROM facilities",
        "SELECT DISTINCT file_id, teryt FROM contracts",
        "SELECT DISTINCT file_id, teryt FROM benefits",
        "SELECT DISTINCT file_id, teryt FROM staff",
        "SELECT DISTINCT x.file_id, f.teryt FROM (SELECT DISTINCT file_id, facility_id FROM stays) x JOIN facilities f USING (facility_id)",
        // The rowid range (always true) reads the services in storage order: else SQLite walks the
        // read index and seeks every row for its file (national: 2.6 s against 0.6 s of CPU).
        "SELECT DISTINCT x.file_id, f.teryt FROM (SELECT DISTINCT file_id, facility_id FROM services WHERE row_id >= -9223372036854775808) x JOIN facilities f USING (facility_id)",
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
}
