/// The standard of services (SPEC 2, `standard:` in the pipeline): criteria with weights, and the
/// floor-area norm per place by facility type used by Q08.
public struct Standard: Sendable, Equatable {
    /// One criterion audited in `ngo/audits`.
    public struct Criterion: Sendable, Equatable {
        public let code: String
        public let name: String
        public let weight: Double
        /// The standard's thematic area (Polish), when the file gives one.
        public let area: String?
        public init(code: String, name: String, weight: Double, area: String? = nil) {
            self.code = code; self.name = name; self.weight = weight; self.area = area
        }
    }
    public var name: String?
    public var version: String?
    public var criteria: [Criterion]
    /// m² per place by facility type; a type without an entry has no norm.
    public var floorAreaPerPlace: [String: Double]

    public init(name: String? = nil, version: String? = nil, criteria: [Criterion], floorAreaPerPlace: [String: Double]) {
        self.name = name; self.version = version; self.criteria = criteria; self.floorAreaPerPlace = floorAreaPerPlace
    }

    /// The criterion whose code matches case-insensitively.
    public func criterion(matching code: String) -> Criterion? {
        let u = code.uppercased()
        return criteria.first { $0.code.uppercased() == u }
    }
}
