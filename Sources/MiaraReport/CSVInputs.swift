import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// What the compute stage's CSV files of a run folder are written from, as one SHA-256 per file
/// (`inputs_sha256` in the manifest, like the workbooks'): two runs whose digests of a file are
/// equal write the same bytes for it, so the second may copy the first one's file
/// (`WorkbookReuse.copy`) instead of writing it again.
///
/// Each digest is the caller's `settings` (the tool — version and executable —, the catalogues,
/// the as-of date, the periods and the settings that reach the outputs, `RunFingerprint`) and
/// the file's rows in the order given, field by field (`WorkbookInputs.add`: a field added to
/// a row type is added there, a test counts them); plans.csv's rows (a handful) as their
/// `String(describing:)`, which names every stored property.
public enum CSVInputs {
    static let format = "miara-csv-inputs/1"

    /// measures.csv.
    public static func measures(_ rows: [MeasureRow], settings: String) -> String {
        var d = start("measures.csv", settings)
        for r in rows { WorkbookInputs.add(r, to: &d) }
        return d.finish()
    }

    /// benchmark.csv.
    public static func benchmark(_ rows: [BenchmarkRow], settings: String) -> String {
        var d = start("benchmark.csv", settings)
        for r in rows { WorkbookInputs.add(r, to: &d) }
        return d.finish()
    }

    /// coverage.csv.
    public static func coverage(_ rows: [CoverageRow], settings: String) -> String {
        var d = start("coverage.csv", settings)
        for r in rows { WorkbookInputs.add(r, to: &d) }
        return d.finish()
    }

    /// plans.csv.
    public static func plans(_ rows: [PlanProgressRow], settings: String) -> String {
        var d = start("plans.csv", settings)
        for r in rows { d.add(String(describing: r)) }
        return d.finish()
    }

    private static func start(_ name: String, _ settings: String) -> InputDigest {
        var d = InputDigest(format + "/" + name)
        d.add(MiaraVersion.current)
        d.add(settings)
        d.add(rowsFollow)
        return d
    }

    private static let rowsFollow = "rows"
}
