import Foundation
import MiaraIngest
import MiaraStore
import MiaraValues

/// `miara validate`: checks files of one dataset without a store, as an NGO would before sending
/// its report. Uses the same ingestion on a throw-away in-memory store, so the checks are exactly
/// those of `miara ingest`. With an inbox, cross-file references (C11, C12) are checked too.
public struct ValidateStage {
    public let config: PipelineConfig
    public init(config: PipelineConfig) { self.config = config }

    /// The problems found in `paths`, sorted by file, line and column; warnings separately.
    public func run(dataset: String, paths: [String], inbox: String?) throws -> (problems: [Problem], warnings: [Problem]) {
        guard Datasets.named(dataset) != nil || dataset.hasPrefix("surveys/") else {
            throw ConfigError(file: "--dataset", "unknown dataset \(dataset); one of: \(Datasets.all.map(\.name).joined(separator: ", ")), surveys/<name>")
        }
        let settings = IngestSettings(asOf: try config.asOf(), pseudonymiser: try config.pseudonymiser(),
                                      standard: try Standard.load(path: config.standard), language: config.language)
        let questionnaires = try Questionnaire.loadAll(folder: config.surveys)
        let store = try Store(path: ":memory:")
        let ingestor = Ingestor(store: store, settings: settings, runID: "validate", questionnaires: questionnaires)
        var files: [InboxFile] = []
        let named = paths.map { URL(fileURLWithPath: $0).standardizedFileURL }
        for p in paths {
            var st = stat()
            guard stat(p, &st) == 0 else { throw ConfigError(file: p, "no such file") }
            // Never open a FIFO or a device: reading one could wait for ever.
            guard st.st_mode & S_IFMT == S_IFREG else { throw ConfigError(file: p, "not a regular file (a FIFO, device or folder)") }
            guard TabularFile.isSupported(URL(fileURLWithPath: p)) else { throw ConfigError(file: p, "not a .csv or .xlsx file") }
        }
        if let inbox {
            let found: [InboxFile]
            do { found = try Inbox.list(URL(fileURLWithPath: inbox)).files } catch let e as InboxError {
                throw ConfigError(file: "--inbox", e.message)
            }
            files += found.filter { f in !named.contains { $0.resolvingSymlinksInPath().path == f.url.standardizedFileURL.resolvingSymlinksInPath().path } }
        }
        files += zip(paths, named).map { InboxFile(path: $0.0, url: $0.1, dataset: dataset) }
        _ = try ingestor.ingest(files, crossChecks: inbox == nil ? .withinDataset : .all)
        let wanted = Set(paths.map(PersonalData.masked))
        func load(_ sql: String) throws -> [Problem] {
            try store.db.query(sql).compactMap { r -> Problem? in
                let file = r[0].text ?? ""
                guard wanted.contains(file), let code = CheckCode(rawValue: r[3].text ?? "") else { return nil }
                return Problem(code: code, file: file, line: r[1].int ?? 0, column: r[2].text ?? "", detail: r[4].text ?? "")
            }.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        }
        // `reason` already holds the message and detail; keep it as the detail of a bare problem.
        let problems = try load("SELECT file, line, \"column\", check_code, reason FROM rejects")
        let warnings = try load("SELECT file, line, \"column\", check_code, message FROM warnings")
        return (problems, warnings)
    }

    /// `FILE:LINE:COLUMN: CODE reason` — `reason` as stored.
    public static func format(_ p: Problem) -> String { "\(p.file):\(p.line):\(p.column): \(p.code.rawValue) \(p.detail)" }
}
