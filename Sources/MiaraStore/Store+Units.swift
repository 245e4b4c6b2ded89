import MiaraValues

/// A provider as the store holds it (`providers`).
public struct ProviderRecord: Sendable, Equatable, StoredRecord {
    /// The canonical id (`KRS:0000184388`).
    public let id: String, name: String, legalForm: String?

    static let select = "SELECT provider_id, name, legal_form FROM providers"
    init(_ st: Statement) { id = st.string(0) ?? ""; name = st.string(1) ?? ""; legalForm = st.string(2) }
}

/// A facility as the store holds it (`facilities`).
public struct FacilityRecord: Sendable, Equatable, StoredRecord {
    public let id: String, providerID: String, teryt: String, type: String
    public let places: Int?, floorArea: Double?, opened: String, closed: String?

    static let select = "SELECT facility_id, provider_id, teryt, type, places, floor_area_m2, opened, closed FROM facilities"
    init(_ st: Statement) {
        id = st.string(0) ?? ""; providerID = st.string(1) ?? ""; teryt = st.string(2) ?? ""; type = st.string(3) ?? ""
        places = st.value(4).int; floorArea = st.double(5); opened = st.string(6) ?? ""; closed = st.string(7)
    }
}

/// A contract as the store holds it (`contracts`).
public struct ContractRecord: Sendable, Equatable, StoredRecord {
    public let id: String, teryt: String, providerID: String, facilityID: String?, service: String
    public let start: String, end: String, amount: Double, unitPrice: Double?, contractedUnits: Int?

    static let select = """
        SELECT contract_id, teryt, provider_id, facility_id, service, start, "end", amount_pln, unit_price_pln, contracted_units
        FROM contracts
        """
    init(_ st: Statement) {
        id = st.string(0) ?? ""; teryt = st.string(1) ?? ""; providerID = st.string(2) ?? ""; facilityID = st.string(3)
        service = st.string(4) ?? ""; start = st.string(5) ?? ""; end = st.string(6) ?? ""; amount = st.double(7) ?? 0
        unitPrice = st.double(8); contractedUnits = st.value(9).int
    }
}

/// An audit row as the store holds it (`audits`).
public struct AuditRecord: Sendable, Equatable, StoredRecord {
    public let facilityID: String, date: String, criterion: String, result: String, note: String?

    static let select = "SELECT facility_id, date, criterion, result, note FROM audits"
    init(_ st: Statement) {
        facilityID = st.string(0) ?? ""; date = st.string(1) ?? ""; criterion = st.string(2) ?? ""
        result = st.string(3) ?? ""; note = st.string(4)
    }
}

extension StoreRecords {
    /// Each municipality's name by TERYT code: the name of its latest year.
    public static func municipalityNames(_ db: StoreReader) throws -> [String: String] {
        var out: [String: String] = [:]
        try db.forEach("SELECT teryt, name FROM municipalities ORDER BY teryt, year") { st in out[st.string(0) ?? ""] = st.string(1) ?? "" }
        return out
    }

    /// Every provider, by id.
    public static func providers(_ db: StoreReader) throws -> [ProviderRecord] {
        try fetch(db, ProviderRecord.self, "ORDER BY provider_id")
    }

    /// Every facility, by id.
    public static func facilities(_ db: StoreReader) throws -> [FacilityRecord] {
        try fetch(db, FacilityRecord.self, "ORDER BY facility_id")
    }

    /// facility_id → type of every accepted facility.
    public static func facilityTypes(_ db: StoreReader) throws -> [String: String] {
        Dictionary(try facilities(db).map { ($0.id, $0.type) }, uniquingKeysWith: { _, last in last })
    }

    /// Every contract, by id.
    public static func contracts(_ db: StoreReader) throws -> [ContractRecord] {
        try fetch(db, ContractRecord.self, "ORDER BY contract_id")
    }

    /// Every audit row, by facility, criterion (case-insensitively), date, then arrival: the last
    /// row of each facility × criterion is its latest.
    public static func audits(_ db: StoreReader) throws -> [AuditRecord] {
        try fetch(db, AuditRecord.self, "ORDER BY facility_id, upper(criterion), date, row_id")
    }
}

/// The ids a provider reports against: its facilities and contracts, as the store holds them.
extension Store {
    /// The provider's own ids, sorted: `facility_id` (its facilities, with their type and the
    /// name of their municipality, latest year, empty when unknown) and `contract_id` (its
    /// contracts). `provider` is the canonical id (`KRS:0000184388`).
    public func ownIDs(provider: String) throws -> (facilities: [(id: String, type: String, municipality: String)], contracts: [String]) {
        let f = try db.query("""
            SELECT f.facility_id, f.type,
                   coalesce((SELECT m.name FROM municipalities m WHERE m.teryt = f.teryt ORDER BY m.year DESC LIMIT 1), f.teryt)
            FROM facilities f WHERE f.provider_id = ? ORDER BY f.facility_id
            """, [.text(provider)])
        let c = try db.query("SELECT DISTINCT contract_id FROM contracts WHERE provider_id = ? ORDER BY contract_id", [.text(provider)])
        return (f.compactMap { r in r[0].text.map { ($0, r[1].text ?? "", r[2].text ?? "") } }, c.compactMap { $0[0].text })
    }
}
