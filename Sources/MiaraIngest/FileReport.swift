import MiaraValues

/// What ingestion did with one inbox file: the line `miara ingest` prints and the manifest records.
public struct FileReport: Sendable, Equatable {
    public var path: String
    public var dataset: String
    public var sha256: String
    public var encoding: String
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// The file-level check that rejected the whole file, if any.
    public var fileCheck: CheckCode?
    /// Skipped because the same bytes were ingested before (no rows, no rejects).
    public var duplicateOf: String?
    /// Not read for a reason outside the file's bytes (permissions, temporary space): nothing of
    /// it was kept, and the next ingest reads it again.
    public var failure: String?
    /// Wall time spent reading, checking and storing the file (cross-row checks not included).
    public var seconds: Double = 0

    /// rejected ÷ read; 1 for a file rejected whole (`RejectShare`, SPEC 10).
    public var rejectShare: Double {
        RejectShare.of(rowsRead: rowsRead, rowsRejected: rowsRejected, rejectedWhole: fileCheck != nil)
    }

    public var line: String {
        if let f = failure { return "\(path)  \(dataset)  not read: \(f)" }
        if let d = duplicateOf { return "\(path)  \(dataset)  skipped: same bytes as \(d)" }
        let fc = fileCheck.map { "  file rejected: \($0.rawValue)" } ?? ""
        return "\(path)  \(dataset)  read \(rowsRead)  accepted \(rowsAccepted)  rejected \(rowsRejected)  \(encoding)\(fc)"
    }
}
