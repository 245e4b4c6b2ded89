/// One stored record that counts in a measure (what a measure file returns): its role, the units
/// it is attributed to, the value it adds, the person it concerns and where it was read.
public struct Contribution: Sendable, Equatable {
    /// `numerator`, `denominator` or `n`.
    public var role: String
    public var facilityID: String?
    public var providerID: String?
    public var teryt: String?
    /// The facility type of a measure split by type; empty otherwise.
    public var facilityType: String
    /// The survey dimension of a measure split by dimension (empty: the overall row).
    public var dimension: String
    /// What the record adds (PLN, bed-nights, 1, a response mean, days …).
    public var value: Double?
    /// The person, where persons are counted (distinct counting).
    public var person: String?
    /// The stored file the record was read from (`files.id`), and its line there.
    public var fileID: Int?
    public var line: Int
    /// The record's key (its key columns, `|`-joined; a survey response's id).
    public var record: String

    public init(role: String, facilityID: String?, providerID: String?, teryt: String?, facilityType: String,
                dimension: String, value: Double?, person: String?, fileID: Int?, line: Int, record: String) {
        self.role = role; self.facilityID = facilityID; self.providerID = providerID; self.teryt = teryt
        self.facilityType = facilityType; self.dimension = dimension; self.value = value; self.person = person
        self.fileID = fileID; self.line = line; self.record = record
    }

    /// The contributions' columns, by position, as every measure file returns them.
    public static let columns = ["role", "facility_id", "provider_id", "teryt", "facility_type", "dimension", "value",
                                 "person", "file_id", "line", "record"]

    /// The unit the record is attributed to at `grain` (nil: it does not count there).
    public func unit(at grain: Grain) -> String? {
        switch grain {
        case .facility: return facilityID
        case .provider: return providerID
        case .municipality: return teryt
        case .all: return "all"
        }
    }
}
