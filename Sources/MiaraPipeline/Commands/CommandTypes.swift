import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

// The types of the lower modules that the `miara` commands name, as MiaraPipeline's own API: the
// executable imports MiaraPipeline (and ArgumentParser) only, so what it may touch of the layers
// below is exactly this list (CI builds with `--explicit-target-dependency-import-check error`).

/// The language of labels and messages (`pl`, `en`).
public typealias Language = MiaraValues.Language
/// The grain of a measure row (`facility`, `provider`, `municipality`, `all`).
public typealias Grain = MiaraMeasures.Grain
/// Every line people read goes through it (PESELs masked).
public typealias Console = MiaraValues.Console
/// The one error shape (code, message in both languages, location, cause); its code gives the exit status.
public typealias MiaraError = MiaraValues.MiaraError
/// The words of configuration errors (the dictionary's part the commands throw with).
public typealias ConfigText = MiaraValues.ConfigText

extension ReportStage {
    /// The run folder's manifest file name.
    public static var manifestName: String { RunFolder.manifestName }
}

/// `miara bench-xlsx`: the Swift side of Benchmarks/xlsx-baseline.
public enum WorkbookBenchmark {
    /// Writes `rows` synthetic measure rows to one sheet of the workbook at `path`.
    public static func write(rows: Int, path: String) throws {
        try Workbooks.writeMeasuresSheet(Workbooks.benchmarkRows(count: rows), path: path)
    }
}
