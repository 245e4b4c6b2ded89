import Foundation
import MiaraStore
import MiaraXLSX
import MiaraValues

/// Ingests inbox files into the store (SPEC 1–2): every record of a new file is staged — rows
/// that pass the checks of their own values in `staged_<table>`, the others in `rejects` — and
/// then every decision that depends on other rows, other files or the as-of date is derived
/// again from all staged rows (`Derivation`).
public final class Ingestor {
    let store: Store
    let settings: IngestSettings
    let runID: String
    let questionnaires: [String: Questionnaire]
    /// Called with each warning (duplicate files, ignored files, W01, W02 counts).
    public var onWarning: (String) -> Void = { _ in }
    /// Called with each file skipped because the same bytes were ingested before; when nil, such
    /// files are reported through `onWarning`.
    public var onDuplicate: ((String) -> Void)?
    /// Called after each file with the files done so far and the file's report (progress).
    public var onFileDone: ((Int, FileReport) -> Void)?
    /// Threads of the ingest: 2 (the default) reads, validates and packs the files on a worker
    /// of the work pool while this thread writes the store (`StagingPrefetch`); 1 does both on
    /// this thread. The store is written the same either way (same rows, ids and rejects, in
    /// the same order).
    public var workers = 2

    private var seenThisRun: [String: String] = [:]
    /// The store's writer while `ingest` runs (its one transaction).
    private var writer: StoreWriter?
    /// The store's per-record writes of this ingest (statements prepared once).
    lazy var staging = db.staging(runID: runID, language: settings.language)
    /// Bytes of the new files staged into each staged table by this ingest (`beforeStaging`).
    private var stagedBytes: [String: Int] = [:]
    /// Wall time of the last run's cross-row checks.
    public private(set) var crossCheckSeconds: Double = 0
    /// Wall time of building the indexes a bulk load deferred and the read indexes at the end of
    /// the ingest (about 0 when nothing was loaded in bulk).
    public private(set) var indexSeconds: Double = 0
    /// Whether the derivation may use what the writer recorded of the staged rows
    /// (`StagedRowLedger`); off only to compare the two ways in tests.
    var usesLedger = true
    /// The staged tables the last derivation decided with the ledger's help.
    private(set) var ledgerTables: [String] = []
    /// Indexes of staged tables dropped for this ingest's bulk loads, built before the derivation.
    private var deferredIndexes: [DeferredIndex] = []

    public init(store: Store, settings: IngestSettings, runID: String, questionnaires: [String: Questionnaire] = [:]) {
        self.store = store; self.settings = settings; self.runID = runID; self.questionnaires = questionnaires
    }

    /// The writer of the ingest's transaction (only used inside `ingest`).
    var db: StoreWriter {
        guard let writer else { preconditionFailure("the store is written only inside Ingestor.ingest") }
        return writer
    }

    /// Ingests files in the given order into staging, then derives the dataset tables, the
    /// derived rejects and the files' counts from everything staged; returns a report per file.
    /// The whole ingest is one transaction, so a reader sees the store before or after it. A
    /// file that fails for a reason outside its bytes leaves no trace: its report is a C20 with
    /// the failure, and the next ingest reads it again.
    public func ingest(_ listed: [InboxFile], crossChecks: CrossChecks.Scope = .all) throws -> [FileReport] {
        // A byte copy under another name is the duplicate, its original is read (decisions.md 139).
        let files = Originals.first(listed)
        // Sheets in clear that a killed run left in the temporary folder go first.
        XLSXTemporaryFiles.removeStale()
        // The derivation's sorts and the index builds spill to temporary files, not memory.
        return try store.write(spilling: true) { db in
            writer = db
            deferredIndexes = []
            stagedBytes = [:]
            defer { writer = nil }
            // Files are read and planned on a second thread while this one writes the store.
            let known = Set(try StoreRecords.files(db).filter { !Self.retriedChecks.contains($0.fileCheck ?? "") }.map(\.sha256))
            let (questionnaires, staged) = (self.questionnaires, stagingSettings)
            let prefetch = workers < 2 ? nil : StagingPrefetch(files: files, known: known) { f in
                Self.planner(for: f, questionnaires: questionnaires, settings: staged)
            }
            defer { prefetch?.close() }
            var reports: [FileReport] = []
            for (i, f) in files.enumerated() {
                let t0 = Date()
                var r = try ingestFile(f, prefetched: prefetch?.start(i), prefetch: prefetch)
                r.seconds = Date().timeIntervalSince(t0)
                reports.append(r)
                onFileDone?(reports.count, r)
            }
            try derive(crossChecks: crossChecks)
            // The counts after the derivation (a row held back by a cross-row check counts as rejected).
            let counts = Dictionary(try StoreRecords.files(db).map { ($0.sha256, $0) }, uniquingKeysWith: { a, _ in a })
            let final = reports.map { r in
                guard r.duplicateOf == nil, r.fileCheck == nil, r.failure == nil, let f = counts[r.sha256] else { return r }
                var r = r
                r.rowsAccepted = f.rowsAccepted; r.rowsRejected = f.rowsRejected
                return r
            }
            // In the same transaction: a file version read over the share is never lost to a crash.
            try RejectShareNotes(db: db, settings: settings, runID: runID).record(final, stored: counts)
            return final
        }
    }

    /// Re-derives every decision from staging (as-of, key repeats, replacement, cross-row
    /// checks) with this ingest's as-of date, then the files' counts. A read index is dropped
    /// before its table is rebuilt and built once after.
    func derive(crossChecks: CrossChecks.Scope) throws {
        // The indexes the bulk loads deferred, each built once from the loaded rows: the
        // derivation's look-ups and cross-row checks read them.
        let t0 = Date()
        try db.createIndexes(deferredIndexes)
        deferredIndexes = []
        let deferredSeconds = Date().timeIntervalSince(t0)
        let t1 = Date()
        try db.derive(asOf: settings.asOf, runID: runID, language: settings.language, scope: crossChecks,
                      ledger: usesLedger ? staging.ledger : nil)
        ledgerTables = staging.ledger.answered.sorted()
        staging.forgetLedger()
        try fillDerivedRejectText()
        crossCheckSeconds = Date().timeIntervalSince(t1)
        let t2 = Date()
        try db.createReadIndexes()
        indexSeconds = deferredSeconds + Date().timeIntervalSince(t2)
        try updateCounts()
    }

    /// rows_rejected = the file's reject rows (all its rows for a file-level reject); accepted = read − rejected.
    func updateCounts() throws {
        try StoreRecords.updateFileCounts(db)
    }

    // MARK: one file

    /// A file's planner (`RecordPlanner`); nil for a survey folder without its map (C21, nothing to read).
    static func planner(for f: InboxFile, questionnaires: [String: Questionnaire], settings: IngestSettings) -> RecordPlanner? {
        var q: Questionnaire? = nil
        if f.isSurvey {
            guard let m = questionnaires[String(f.dataset.dropFirst("surveys/".count))] else { return nil }
            q = m
        }
        return RecordPlanner(file: f, questionnaire: q, settings: settings)
    }

    /// One file: `prefetched` is its digest from the planning thread and whether its planned
    /// records follow in `prefetch`; without them the file is read here.
    func ingestFile(_ f: InboxFile, prefetched: StagingPrefetch.Start? = nil, prefetch: StagingPrefetch? = nil) throws -> FileReport {
        // Planned records not used below are skipped, so the next file's stream starts in step.
        var stream = prefetched?.planned == true ? prefetch : nil
        defer { stream?.drain() }
        let scan: FileScan
        do { scan = try (prefetched?.scan.get() ?? FileScan(url: f.url)) } catch { return notRecorded(f, Self.plainReason(f.url, error)) }
        var stored: String? = nil
        if let row = try StoreRecords.file(db, sha256: scan.sha256) {
            if let c = row.fileCheck, Self.retriedChecks.contains(c) || row.dataset != f.dataset {
                // Rejected for want of a key or a survey map, or rejected whole in another dataset's
                // folder (read there by mistake, it holds no row of that dataset): read again, as a
                // file arriving now, so a copy in the wrong folder never hides the right one.
                try StoreRecords.forgetFile(db, fileID: row.id)
                if row.dataset != f.dataset { seenThisRun[scan.sha256] = nil }
            } else {
                stored = row.path
            }
        }
        if let earlier = seenThisRun[scan.sha256] ?? stored {
            (onDuplicate ?? onWarning)("\(f.path): skipped, the same bytes as \(earlier) were ingested already")
            return FileReport(path: f.path, dataset: f.dataset, sha256: scan.sha256, encoding: "", rowsRead: 0,
                              rowsAccepted: 0, rowsRejected: 0, fileCheck: nil, duplicateOf: earlier)
        }
        seenThisRun[scan.sha256] = f.path
        let planned = stream
        stream = nil
        do {
            return try db.savepoint { try readFile(f, scan: scan, peselWithoutKeyAllowed: true, planned: planned) }.report
        } catch let e as MiaraError where e.isEnvironmental {
            seenThisRun[scan.sha256] = nil
            return notRecorded(f, e.message(settings.language))
        } catch is StopForC15 {
            // C15: nothing of the file is kept; one file-level reject.
            return try db.savepoint { try readFile(f, scan: scan, peselWithoutKeyAllowed: false) }.report
        }
    }

    /// C21's detail: the map file to add, and where (the pipeline's `surveys:` folder).
    static func missingMap(_ name: String, _ language: Language) -> String {
        language == .pl ? "brak pliku \(name).yaml w folderze map kwestionariuszy (ustawienie surveys: w pliku potoku)"
            : "no file \(name).yaml in the questionnaire maps folder (the pipeline's surveys: setting)"
    }

    /// File-level checks caused by the configuration, not the file's bytes (no pseudonym key, no
    /// questionnaire map): the file is listed as rejected and read again by every later ingest.
    static let retriedChecks: Set<String> = [CheckCode.C15.rawValue, CheckCode.C21.rawValue]

    struct Attempt { var report: FileReport; var peselWithoutKey: Bool }
    // Control flow only: `ingestFile` catches it at once and reads the file again for its C15 reject.
    private struct StopForC15: Error {}

    /// Reads one file inside the caller's transaction. When a PESEL without a key turns up, throws
    /// so the transaction rolls back, and is called again to record the C15 file reject alone.
    private func readFile(_ f: InboxFile, scan: FileScan, peselWithoutKeyAllowed: Bool, planned: StagingPrefetch? = nil) throws -> Attempt {
        let format = TabularFile.format(of: f.url)!
        let fileID = try StoreRecords.insertFile(db, path: f.path, sha256: scan.sha256, dataset: f.dataset, format: format.rawValue,
                                                 bytes: scan.bytes, ingestedAt: UTCTimestamp.string(), runID: runID)
        var report = FileReport(path: f.path, dataset: f.dataset, sha256: scan.sha256, encoding: "", rowsRead: 0,
                                rowsAccepted: 0, rowsRejected: 0, fileCheck: nil, duplicateOf: nil)
        let c15Only = !peselWithoutKeyAllowed

        func fileReject(_ code: CheckCode, column: String = "", detail: String = "") throws {
            report.fileCheck = code
            try insertReject(fileID: fileID, file: f.path, line: 0, dataset: f.dataset,
                             problem: RowFailure(code: code, column: column, detail: detail), raw: "")
            try StoreRecords.setFileCheck(db, fileID: fileID, check: code.rawValue)
        }

        // C21: a survey folder without a map, decided before reading.
        var questionnaire: Questionnaire? = nil
        if f.isSurvey {
            let name = String(f.dataset.dropFirst("surveys/".count))
            guard let q = questionnaires[name] else {
                try fileReject(.C21, detail: Self.missingMap(name, settings.language))
                try finish(fileID, &report, encoding: "")
                return Attempt(report: report, peselWithoutKey: false)
            }
            questionnaire = q
        }
        if c15Only {
            // Second pass after a PESEL without key: count records only, then reject the file.
            var n = 0
            let (enc, _) = try TabularFile.read(url: f.url, format: format, scan: scan, onHeader: { _, _ in }, onRecord: { _ in n += 1 })
            report.rowsRead = n
            try fileReject(.C15, column: "person_id")
            try finish(fileID, &report, encoding: enc)
            return Attempt(report: report, peselWithoutKey: false)
        }

        var writer: StagingWriter? = nil
        var missing: String? = nil
        var peselFound = false
        var stagedRows = false
        var archive: (packed: [UInt8], bytes: Int)? = nil
        let encoding: String
        func header(_ h: HeaderPlan) throws {
            missing = h.missing
            if h.present, !h.unknown.isEmpty, missing == nil {
                try self.insertWarning(fileID: fileID, file: f.path, line: 0, dataset: f.dataset, column: h.unknown.joined(separator: ","),
                                       code: .W01, detail: h.unknown.joined(separator: ", "))
            }
            if missing == nil {
                if let spec = f.spec, questionnaire == nil { try self.beforeStaging(table: spec.table, bytes: scan.bytes) }
                writer = try StagingWriter(ingestor: self, file: f, fileID: fileID, questionnaire: questionnaire)
            }
        }
        func record(_ r: StagedRecord, _ packed: PackedValues) throws {
            report.rowsRead += 1
            if case .peselWithoutKey = r { peselFound = true; return }
            switch r { case .row, .response: stagedRows = true; default: break }
            try writer?.write(r, packed)
        }
        do {
            if let planned {
                // The planning thread read the file: its steps, in order, up to its end.
                var result: Result<String, Error>? = nil
                while result == nil {
                    switch planned.next() {
                    case .header(let h): try header(h)
                    case .records(let rs, let packed): for r in rs { try record(r, packed) }
                    case .end(let e, let packed): result = e; archive = packed
                    }
                }
                encoding = try result!.get()
            } else {
                let planner = RecordPlanner(file: f, questionnaire: questionnaire, settings: stagingSettings)
                encoding = try planner.read(url: f.url, scan: scan, onHeader: header, onRecord: { r in
                    try record(r, planner.packed)
                    planner.packed.removeAll()
                })
            }
        } catch let e as MiaraError where e.code == .unreadableFile || e.isEnvironmental {
            if e.isEnvironmental { throw e } // rolls the file back: not recorded, tried again next run
            report.rowsRead = 0
            try fileReject(.C20, detail: e.message(settings.language))
            try finish(fileID, &report, encoding: "")
            return Attempt(report: report, peselWithoutKey: false)
        }
        if peselFound { throw StopForC15() }
        if let m = missing {
            try StoreRecords.deleteRejects(db, fileID: fileID)
            try fileReject(.C01, column: m, detail: m)
        } else if stagedRows && format == .csv {
            // Staged rows keep no text: a record a later derivation rejects is read from here.
            let a = try archive ?? FileArchive.pack(url: f.url)
            try StoreRecords.archiveFile(db, fileID: fileID, packed: a.packed, bytes: a.bytes)
        }
        try finish(fileID, &report, encoding: encoding)
        return Attempt(report: report, peselWithoutKey: false)
    }

    /// Called before a new file's rows are staged into `staged_<table>`: once this ingest's new
    /// files for the table would add more than an eighth of its rows (about 64 bytes a row) — on
    /// a first night, from the first file — the load is a bulk load: the table's indexes are
    /// dropped, so its rows are inserted into the table alone, and built once from the loaded
    /// rows (`derive`: the file, held and look-up indexes before the derivation, the read indexes
    /// after it) — building an index is cheaper than keeping it up to date row by row (national
    /// services' read index: 7 s against 44 s). A night's few files keep the indexes and update them.
    func beforeStaging(table: String, bytes: Int) throws {
        stagedBytes[table, default: 0] += bytes
        guard stagedBytes[table]! / 64 > (try db.stagedTop(table)) / 8 else { return }
        if Store.hasReadIndex(on: table) { try db.dropReadIndexes() }
        for i in try db.dropStagingIndexes(table) where !deferredIndexes.contains(where: { $0.name == i.name }) {
            deferredIndexes.append(i)
        }
    }

    /// A file that could not be read for a reason outside its bytes (permissions, temporary space):
    /// a C20 in the run's report and a warning, but nothing in the store, so the next run tries again.
    func notRecorded(_ f: InboxFile, _ reason: String) -> FileReport {
        onWarning("\(f.path): C20 \(Check.table[.C20]!.message(settings.language)): \(reason); not recorded, tried again on the next run")
        var r = FileReport(path: f.path, dataset: f.dataset, sha256: "", encoding: "", rowsRead: 0, rowsAccepted: 0,
                           rowsRejected: 0, fileCheck: .C20, duplicateOf: nil)
        r.failure = reason
        return r
    }

    /// Why a file cannot be opened, in plain words (`permission denied`, `is a directory`).
    static func plainReason(_ url: URL, _ error: Error) -> String {
        if access(url.path, R_OK) != 0 { return String(cString: strerror(errno)) }
        return error.localizedDescription
    }

    private func finish(_ fileID: Int64, _ report: inout FileReport, encoding: String) throws {
        report.encoding = encoding
        try StoreRecords.setRead(db, fileID: fileID, encoding: encoding, rowsRead: report.rowsRead)
        let rejected = report.fileCheck != nil ? report.rowsRead : try StoreRecords.rejectCount(db, fileID: fileID)
        report.rowsRejected = rejected
        report.rowsAccepted = report.rowsRead - rejected
    }
}
