import MiaraValues

extension MeasureCatalogue {
    /// The measures an improvement plan may name (SPEC 2, `mops/plans`): those benchmarked at the
    /// municipality grain (SPEC 7), in catalogue order. Ingestion checks `plans.measure` against
    /// their codes (C05), the template offers them, plans.csv reads their values.
    public var planMeasures: [MeasureDefinition] {
        definitions.filter { $0.benchmarked && $0.grains.contains(.municipality) }
    }

    /// The codes of `planMeasures` (upper case, as the catalogue writes them).
    public var planMeasureCodes: [String] { planMeasures.map(\.code.raw) }
}
