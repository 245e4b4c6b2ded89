import Foundation
import MiaraIngest
import MiaraMeasures
import MiaraStore
import MiaraValues

/// `miara validate`: checks files of one dataset before they are sent, and tells what `miara
/// ingest` would tell. The files are ingested as ingest would read them (`IngestSimulation`: with
/// the inbox's files, into a private copy of the store when one is given), so the checks across
/// rows and files are exactly ingestion's; every file is also read by `FileInspector`, which
/// reports every problem of a row (not only the first that ingestion keeps) with what is allowed.
/// What cannot be checked without the inbox or the store is listed with the reason (`skipped`).
public struct ValidateStage {
    /// The dataset of the files.
    public var dataset: String
    /// The files to check, as given.
    public var paths: [String]
    /// The inbox and the store ingest would see besides them (either may be nil).
    public var inbox: String?
    public var store: String?

    public init(dataset: String, paths: [String], inbox: String?, store: String? = nil) {
        self.dataset = dataset; self.paths = paths; self.inbox = inbox; self.store = store
    }

    /// Checks of `dataset` that need the other datasets: C11 where it names rows of other datasets
    /// (surveys: their units), C12 and C13 for stays.
    public static func crossChecks(_ dataset: String) -> [CheckCode] {
        guard let spec = Datasets.named(dataset) else { return [.C11] }
        return (spec.columns.contains { $0.references != nil } ? [.C11] : []) + (spec.table == "stays" ? [.C12, .C13] : [])
    }

    /// The checks of `dataset` not made in full, and why, given what ingest's view lacks.
    static func skipped(_ dataset: String, inbox: Bool, store: Bool) -> [SkippedCheck] {
        crossChecks(dataset).compactMap { code in
            switch (inbox, store) {
            case (true, true): return nil
            case (true, false): return SkippedCheck(code: code, reason: .inboxOnly)
            case (false, true): return SkippedCheck(code: code, reason: .storeOnly)
            case (false, false): return SkippedCheck(code: code, reason: code == .C13 ? .givenFilesOnly : .noOtherDatasets)
            }
        }
    }

    /// Checks only ingestion makes (across rows or files, or on the whole file); the inspector
    /// reports the rest with their hints.
    static let ingestionOnly: Set<CheckCode> = [.C11, .C12, .C13, .C14, .C15, .C16, .C17, .C20, .C21, .W02, .W03]

    /// Checks the files at `paths` as files of `dataset`; `inbox` and `store` are what ingest would
    /// see besides them (either may be nil). A file that cannot be read is a C20 problem naming it.
    public func run(_ context: RunContext) throws -> ValidationReport {
        let config = context.config
        guard Datasets.named(dataset) != nil || dataset.hasPrefix("surveys/") else {
            throw MiaraError.configuration(file: "--dataset", ConfigText.unknownDataset(dataset, Datasets.all.map(\.name).joined(separator: ", ") + ", surveys/<name>"))
        }
        let settings = IngestSettings(asOf: context.asOf, pseudonymiser: try config.pseudonymiser(),
                                      standard: context.standard, language: config.language,
                                      planMeasures: context.catalogue.planMeasureCodes)
        let questionnaires = context.questionnaires
        var listing: [InboxFile]? = nil
        if let inbox {
            do { listing = try Inbox.list(URL(fileURLWithPath: inbox)).files } catch let e as MiaraError where e.isConfiguration {
                throw config.error(for: "inbox", e.message)
            }
        }
        var problems: [Problem] = []
        // The files that can be opened, by their path as given and as ingest would read them.
        var checked: [(given: String, file: InboxFile)] = []
        for p in paths {
            if let why = Self.unopenable(p, settings.language) {
                problems.append(Problem(code: .C20, file: p, line: 0, detail: why))
                continue
            }
            let url = URL(fileURLWithPath: p).standardizedFileURL
            checked.append((p, InboxFile(path: IngestSimulation.place(url, dataset: dataset, inbox: listing), url: url, dataset: dataset)))
        }
        var simulation = IngestSimulation(settings: settings, questionnaires: questionnaires, inbox: listing, storePath: store)
        let outcome = try simulation.run(checked.map(\.file))

        var inspected: [String: FileInspector.Result] = [:]
        for c in checked where c.file.spec != nil {
            inspected[c.given] = FileInspector.inspect(InboxFile(path: c.given, url: c.file.url, dataset: dataset), settings: settings)
        }
        for c in checked { problems += inspected[c.given]?.problems ?? [] }
        let isSurvey = dataset.hasPrefix("surveys/")
        /// Ingestion's findings about one file, under the path as given.
        func load(_ given: String, _ sha256: String, from store: Store, skip: (Problem) -> Bool = { _ in false }) throws {
            let rows = try store.read { db in
                try StoreRecords.rejects(db, sha256: sha256).map { ($0.line, $0.column, $0.check, $0.reason) }
                    + StoreRecords.warnings(db, sha256: sha256).map { ($0.line, $0.column, $0.check, $0.message) }
            }
            for (line, column, check, text) in rows {
                guard let code = CheckCode(rawValue: check), isSurvey || Self.ingestionOnly.contains(code) else { continue }
                var p = Problem(code: code, file: given, line: line, column: column, detail: Self.detail(text, code, settings.language),
                                hint: Self.hint(code, column: column, dataset: dataset))
                if line > 0 { p.cell = inspected[given]?.cell(line: line, column: column) }
                if !skip(p) { problems.append(p) }
            }
        }
        var rowsRead = 0
        var withoutKey: [Int] = []
        for (i, (c, report)) in zip(checked, outcome.reports).enumerated() {
            if let failure = report.failure {
                // Not readable for a reason outside its bytes (permissions): ingest reports C20 too.
                problems.append(Problem(code: .C20, file: c.given, line: 0, detail: failure))
                continue
            }
            try load(c.given, report.sha256, from: outcome.store)
            if report.fileCheck == .C15 && settings.pseudonymiser == nil { withoutKey.append(i) }
            if let r = inspected[c.given] { rowsRead += r.rowsRead }
            else { rowsRead += try outcome.store.read { try StoreRecords.file($0, sha256: report.sha256) }?.rowsRead ?? 0 }
        }
        if !withoutKey.isEmpty {
            // Files rejected whole for PESELs without a key (C15): their other problems are those an
            // ingest with a key would find (a throw-away key: nothing of it is kept). A reference
            // from a cell that held a PESEL is left out: that cell is reported already.
            simulation.settings.pseudonymiser = Pseudonymiser(keyBytes: (0..<32).map { _ in UInt8.random(in: 0...255) })
            let second = try simulation.run(checked.map(\.file))
            for i in withoutKey {
                let given = checked[i].given
                let pesel = inspected[given]?.peselCells ?? []
                try load(given, second.reports[i].sha256, from: second.store) { p in
                    p.code == .C15 || (p.code == .C11 && pesel.contains(.init(line: p.line, column: p.column)))
                }
            }
        }
        let order = Dictionary((Datasets.named(dataset)?.columns ?? []).enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        problems.sort { a, b in
            let ka = (a.file, a.line, a.column.isEmpty ? -1 : order[a.column] ?? 999), kb = (b.file, b.line, b.column.isEmpty ? -1 : order[b.column] ?? 999)
            return ka != kb ? ka < kb : a.code < b.code
        }
        return ValidationReport(problems: problems, files: paths.count, rowsChecked: rowsRead,
                                skipped: Self.skipped(dataset, inbox: inbox != nil, store: store != nil))
    }

    /// Why the file at `path` cannot be opened as a data file, or nil: it does not exist, is not a
    /// regular file (a FIFO or a device is never opened: reading one could wait for ever), or is
    /// not a `.csv` or `.xlsx` file. A problem of the file (C20), not of the configuration.
    static func unopenable(_ path: String, _ lang: Language) -> String? {
        let pl = lang == .pl
        var st = stat()
        guard stat(path, &st) == 0 else {
            return errno == ENOENT ? (pl ? "nie ma takiego pliku" : "no such file") : String(cString: strerror(errno))
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            return pl ? "to nie jest zwykły plik (folder, kolejka FIFO lub urządzenie)" : "not a regular file (a folder, FIFO or device)"
        }
        guard TabularFile.isSupported(URL(fileURLWithPath: path)) else {
            return pl ? "to nie jest plik .csv ani .xlsx" : "not a .csv or .xlsx file"
        }
        return nil
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
        case .C15: return dataset.hasPrefix("ngo/") ? .pseudonymFromCentre : nil
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
/// and the checks not made in full, with why.
public struct ValidationReport: Sendable {
    public var problems: [Problem]
    public var files: Int
    public var rowsChecked: Int
    public var skipped: [SkippedCheck]

    /// Rows (file, line) with at least one problem that quarantines them or their file.
    public var rowsWithProblems: Int {
        Set(problems.filter { $0.line > 1 && $0.code.check.severity != .warning }.map { "\($0.file)\u{1F}\($0.line)" }).count
    }
    /// Problems that quarantine a row or a file (not warnings).
    public var hasErrors: Bool { problems.contains { $0.code.check.severity != .warning } }
    /// Problems per check code, in code order.
    public var byCheck: [(CheckCode, Int)] {
        Dictionary(grouping: problems, by: \.code).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
    }
}

/// A check `validate` could not make in full, and why.
public struct SkippedCheck: Sendable, Equatable {
    public var code: CheckCode
    public var reason: Reason

    /// What was missing from ingest's view.
    public enum Reason: String, Sendable, Equatable {
        /// Neither an inbox nor a store: no other dataset is known.
        case noOtherDatasets
        /// Neither an inbox nor a store: checked among the given files only (C13).
        case givenFilesOnly
        /// An inbox without a store: the rows accepted on earlier nights are not known.
        case inboxOnly
        /// A store without an inbox: the files waiting in the inbox are not known.
        case storeOnly

        public func text(_ lang: Language) -> String {
            let pl = lang == .pl
            switch self {
            case .noOtherDatasets:
                return pl ? "bez --inbox i magazynu (--store lub --pipeline) nie wiadomo, jakie rekordy innych zbiorów istnieją"
                          : "without --inbox and a store (--store or --pipeline) the records of other datasets are not known"
            case .givenFilesOnly:
                return pl ? "sprawdzone tylko wśród podanych plików (bez --inbox i magazynu)"
                          : "checked among the given files only (no --inbox and no store)"
            case .inboxOnly:
                return pl ? "sprawdzone tylko względem skrzynki: bez magazynu (--store lub --pipeline) nie widać wierszy przyjętych w poprzednich przebiegach"
                          : "checked against the inbox only: without a store (--store or --pipeline) the rows accepted on earlier runs are not known"
            case .storeOnly:
                return pl ? "sprawdzone tylko względem magazynu: bez --inbox nie widać plików czekających w skrzynce"
                          : "checked against the store only: without --inbox the files waiting in the inbox are not known"
            }
        }
    }
}
