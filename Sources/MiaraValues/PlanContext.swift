/// The columns `miara plan` writes beside the input columns of a `mops/plans` template, for
/// reading only (SPEC 12): the measure's name, the municipality's value, the group's mean and
/// median and the gap to the mean. Ingestion knows them (`DatasetSpec.contextColumns`): they are
/// not read back as data and raise no W01.
public enum PlanContext {
    public static let measureName = "measure_name"
    public static let value = "current_value"
    public static let groupMean = "group_mean"
    public static let groupMedian = "group_median"
    public static let gap = "gap_to_mean"

    /// In the order the template writes them.
    public static let columns = [measureName, value, groupMean, groupMedian, gap]

    /// Polish and English headings of the instructions and the help of each column.
    public static func label(_ column: String) -> (pl: String, en: String) {
        switch column {
        case measureName: return ("nazwa miary (tylko do odczytu)", "measure name (read only)")
        case value: return ("wartość gminy w okresie bazowym (tylko do odczytu)", "the municipality's value in the baseline period (read only)")
        case groupMean: return ("średnia grupy (tylko do odczytu)", "the group mean (read only)")
        case groupMedian: return ("mediana grupy (tylko do odczytu)", "the group median (read only)")
        case gap: return ("różnica do średniej: wartość − średnia (tylko do odczytu)", "gap to the mean: value − mean (read only)")
        default: return (column, column)
        }
    }
}
