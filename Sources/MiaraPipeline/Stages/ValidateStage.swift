import Foundation
import MiaraIngest
import MiaraMeasures
import MiaraStore
import MiaraValues

/// `miara validate`: checks files of one dataset without a store, as an NGO would before sending
/// its report. The files are ingested into a throw-away in-memory store, so the checks across rows
/// and files are exactly those of `miara ingest`; every file is also read by `FileInspector`, which
/// reports every problem of a row (not only the first that ingestion keeps) with what is allowed.
/// With an inbox, references to other datasets (C11, C12) are checked too.
public struct ValidateStage {
    public let config: PipelineConfig
    public init(config: PipelineConfig) { self.config = config }

    /// Checks of `dataset` that need the other datasets of an inbox: C11 where it names rows of
    /// other datasets (surveys: their units), C12 for stays.
    public static func inboxChecks(_ dataset: String) -> [CheckCode] {
        guard let spec = Datasets.named(dataset) else { return [.C11] }
        return (spec.columns.contains { $0.references != nil } ? [.C11] : []) + (spec.table == "stays" ? [.C12] : [])
    }
    /// Checks only ingestion makes (across rows or files, or on the whole file); the inspector
    /// reports the rest with their hints.
    static let ingestionOnly: Set<CheckCode> = [.C11, .C12, .C13, .C14, .C15, .C16, .C17, .C20, .C21, .W02]

    public func run(dataset: String, paths: [String], inbox: String?) throws -> ValidationReport {
        guard Datasets.named(dataset) != nil || dataset.hasPrefix("surveys/") else {
            throw ConfigError(file: "--dataset", "unknown dataset \(dataset); one of: \(Datasets.all.map(\.name).joined(separator: ", ")), surveys/<name>")
        }
        let settings = IngestSettings(asOf: try config.asOf(), pseudonymiser: try config.pseudonymiser(),
                                      standard: try Standard.load(path: config.standard), language: config.language,
                                      planMeasures: try config.measureCatalogue().planMeasureCodes)
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
        let mine = zip(paths, named).map { InboxFile(path: $0.0, url: $0.1, dataset: dataset) }
        files += mine
        _ = try ingestor.ingest(files, crossChecks: inbox == nil ? .withinDataset : .all)

        var inspected: [String: FileInspector.Result] = [:]
        // Keyed by the masked path, as problems and the store hold paths.
        for f in mine where f.spec != nil { inspected[PersonalData.masked(f.path)] = FileInspector.inspect(f, settings: settings) }
        let wanted = Set(paths.map(PersonalData.masked))
        let isSurvey = dataset.hasPrefix("surveys/")
        var problems: [Problem] = inspected.values.flatMap(\.problems)
        func load(_ rows: [(file: String, line: Int, column: String, check: String, text: String)]) {
            for r in rows {
                guard wanted.contains(r.file), let code = CheckCode(rawValue: r.check) else { continue }
                if !isSurvey && !Self.ingestionOnly.contains(code) { continue }
                var p = Problem(code: code, file: r.file, line: r.line, column: r.column, detail: Self.detail(r.text, code, settings.language),
                                hint: Self.hint(code, column: r.column, dataset: dataset))
                if r.line > 0 { p.cell = inspected[r.file]?.cell(line: r.line, column: r.column) }
                problems.append(p)
            }
        }
        load(try StoreRecords.rejects(store.db).map { ($0.file, $0.line, $0.column, $0.check, $0.reason) })
        load(try StoreRecords.warnings(store.db).map { ($0.file, $0.line, $0.column, $0.check, $0.message) })
        let order = Dictionary((Datasets.named(dataset)?.columns ?? []).enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        problems.sort { a, b in
            let ka = (a.file, a.line, a.column.isEmpty ? -1 : order[a.column] ?? 999), kb = (b.file, b.line, b.column.isEmpty ? -1 : order[b.column] ?? 999)
            return ka != kb ? ka < kb : a.code < b.code
        }
        var rowsRead = 0
        for p in paths.map(PersonalData.masked) {
            if let r = inspected[p] { rowsRead += r.rowsRead }
            else { rowsRead += try StoreRecords.rowsRead(store.db, path: p) }
        }
        return ValidationReport(problems: problems, files: paths.count, rowsChecked: rowsRead,
                                skipped: inbox == nil ? Self.inboxChecks(dataset) : [])
    }

    /// What is allowed for the checks only ingestion makes.
    static func hint(_ code: CheckCode, column: String, dataset: String) -> Hint? {
        let spec = Datasets.named(dataset)
        switch code {
        case .C11:
            guard let target = spec?.column(column)?.references, let ds = Datasets.all.first(where: { $0.table == target }) else { return nil }
            return .reference(dataset: ds.name, column: column)
        case .C12: return .bedFacility(CodeLabels.ordered(Codes.bedFacilityTypes))
        case .C13: return .noOverlap
        case .C16: return spec.map { .key($0.key) }
        default: return nil
        }
    }

    /// The detail part of a stored reason (`message: detail` → `detail`).
    static func detail(_ reason: String, _ code: CheckCode, _ lang: Language) -> String {
        let m = code.check.message(lang)
        if reason == m { return "" }
        if reason.hasPrefix(m + ": ") { return String(reason.dropFirst(m.count + 2)) }
        return reason
    }
}

/// What `validate` found: the problems (sorted by file, line, column), files and rows checked,
/// and the checks skipped.
public struct ValidationReport: Sendable {
    public var problems: [Problem]
    public var files: Int
    public var rowsChecked: Int
    public var skipped: [CheckCode]

    /// Rows (file, line) with at least one problem that quarantines them.
    public var rowsWithProblems: Int {
        Set(problems.filter { $0.line > 1 && $0.code.check.severity == .row }.map { "\($0.file)\u{1F}\($0.line)" }).count
    }
    /// Problems that quarantine a row or a file (not warnings).
    public var hasErrors: Bool { problems.contains { $0.code.check.severity != .warning } }
    /// Problems per check code, in code order.
    public var byCheck: [(CheckCode, Int)] {
        Dictionary(grouping: problems, by: \.code).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
    }
}
