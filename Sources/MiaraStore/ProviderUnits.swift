/// The ids a provider reports against: its facilities and contracts, as the store holds them.
extension Store {
    /// The provider's own ids, sorted: `facility_id` (its facilities, with their type) and
    /// `contract_id` (its contracts). `provider` is the canonical id (`KRS:0000184388`).
    public func ownIDs(provider: String) throws -> (facilities: [(id: String, type: String)], contracts: [String]) {
        let f = try db.query("SELECT facility_id, type FROM facilities WHERE provider_id = ? ORDER BY facility_id", [.text(provider)])
        let c = try db.query("SELECT DISTINCT contract_id FROM contracts WHERE provider_id = ? ORDER BY contract_id", [.text(provider)])
        return (f.compactMap { r in r[0].text.map { ($0, r[1].text ?? "") } }, c.compactMap { $0[0].text })
    }
}
