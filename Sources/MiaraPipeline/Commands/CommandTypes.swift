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
/// A store written by a newer miara (exit 2).
public typealias NewerStoreError = MiaraStore.NewerStoreError
/// A store a command cannot use read-only as it is (exit 2).
public typealias ReadOnlyStoreError = MiaraStore.ReadOnlyStoreError
/// Another process holds the store's writer lock (exit 75).
public typealias StoreLockHeld = MiaraStore.StoreLock.Held

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
