import Foundation
import MiaraMeasures

extension PipelineConfig {
    /// The measure catalogue the pipeline names (`measures:`, else the built-in one); a broken
    /// catalogue is a configuration error naming its file, line and key.
    public func measureCatalogue() throws -> MeasureCatalogue {
        try MeasureCatalogue.load(from: URL(fileURLWithPath: measures))
    }
}
