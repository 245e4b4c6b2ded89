import MiaraMeasures
import MiaraValues

/// The plan sheets' words come from the dictionary (`PlanText` of MiaraValues) by code.
extension PlanText {
    static func assessment(_ a: PlanAssessment, _ l: Language) -> (label: String, meaning: String) { assessment(a.rawValue, l) }
    static func flag(_ f: PlanFlag, _ l: Language) -> String { flag(f.rawValue, l) }

    /// Traffic-light colours (fill, font): green, light green, amber, red, grey.
    static func colours(_ a: PlanAssessment) -> (fill: UInt32, font: UInt32) {
        switch a {
        case .met: return (0xC6EFCE, 0x006100)
        case .on_track: return (0xE2F0D9, 0x375623)
        case .behind: return (0xFFEB9C, 0x9C5700)
        case .overdue: return (0xFFC7CE, 0x9C0006)
        case .no_value: return (0xD9D9D9, 0x404040)
        }
    }

}
