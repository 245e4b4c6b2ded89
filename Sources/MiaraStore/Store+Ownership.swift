import MiaraValues

/// A stored file and a municipality one of its accepted rows names.
public struct FileMunicipality: Sendable, Hashable {
    public var fileID: Int
    public var teryt: String
}

extension StoreRecords {
    /// The municipalities the survey responses of each file are about: a facility's, the
    /// municipalities of a provider's facilities, or the municipality itself. Unordered. (The
    /// datasets' files: `QualitySegments.Loaded.owners`.)
    public static func surveyFileMunicipalities(_ db: StoreReader) throws -> [FileMunicipality] {
        var out: [FileMunicipality] = []
        try db.forEach("""
            SELECT DISTINCT r.file_id, f.teryt FROM survey_responses r JOIN facilities f ON r.unit_kind = 'facility' AND f.facility_id = r.unit_id
            UNION SELECT DISTINCT r.file_id, f.teryt FROM survey_responses r JOIN facilities f ON r.unit_kind = 'provider' AND f.provider_id = r.unit_id
            UNION SELECT DISTINCT file_id, unit_id FROM survey_responses WHERE unit_kind = 'municipality'
            """) { st in
            guard let t = st.string(1) else { return }
            out.append(FileMunicipality(fileID: st.int(0), teryt: t))
        }
        return out
    }
}
