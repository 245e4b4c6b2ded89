import Foundation
import MiaraStore
import MiaraValues
import MiaraXLSX

/// The data-quality tables of the workbooks, read from the store once per run.
///
/// - Files: rows read, accepted, rejected per file, and the reasons (rejects grouped by file and
///   check).
/// - Completeness and validity, after the HUD data-quality report: per dataset and column, the
///   rows whose value was missing (C02 at that column), invalid (a type or range check at that
///   column: C03–C07, C09, C17–C19), their share of the dataset's rows read, and — for
///   information, not counted as errors — accepted rows where an optional column is empty.
/// - Timeliness: per municipality, dataset and event date (stays admitted/discharged, services
///   date, audits date), the days from the event to the night its file was read, in buckets
///   0, 1–3, 4–6, 7–10, 11+ (an event dated after that counts as 0). Services given as a month
///   have no day and are left out. A row belongs to its facility's municipality.
///
/// "The night a file was read" is the as-of date of the run that read it (the report's as-of when
/// no run is recorded, as after a bare `miara ingest`), never the clock: the same inputs and as-of
/// give the same workbook whenever they were ingested (`files.ingested_at` is not read here).
struct DataQualityTables {
    struct File {
        let id: Int, path: String, dataset: String, format: String, encoding: String, bytes: Int, sha256: String
        let rowsRead: Int, accepted: Int, rejected: Int, fileCheck: String?, ingestedAt: String
    }
    struct Reason { let fileID: Int, file: String, check: String, reason: String, count: Int }
    struct HUD { let dataset: String, column: String, rowsRead: Int, missing: Int, invalid: Int, emptyOptional: Int? }
    struct Timeliness { let dataset: String, column: String; var buckets: [Int] }

    var files: [File] = []
    var reasons: [Reason] = []
    var warnings: [Reason] = []
    /// The files the last ingest found in the inbox over `max_reject_share` (SPEC 10), with the
    /// store id of their version.
    var overShare: [(fileID: Int, notice: RejectShareNotice)] = []
    /// Completeness and validity counts per file: file id → dataset → column → counts.
    var hudByFile: [Int: [String: [String: (missing: Int, invalid: Int, empty: Int)]]] = [:]
    /// teryt → rows (dataset, column order).
    var timeliness: [String: [Timeliness]] = [:]

    static let invalidChecks: Set<String> = ["C03", "C04", "C05", "C06", "C07", "C09", "C17", "C18", "C19"]
    static var events: [(dataset: String, column: String)] { QualitySegments.events }
    /// The counts kept per segment of each dataset (`QualitySegments`), as loaded: the files'
    /// municipalities and the segments counted now.
    var segments = QualitySegments.Loaded()

    /// No tables yet (`WorkbookIndex` before `loadDataQuality`).
    init() {}

    /// Reads every table; a table the store cannot read (a broken store file: the store is at
    /// this miara's schema, decisions.md 110) throws, and the report fails naming it.
    /// `reuse`: the stored counts of the segments whose rows did not change may be taken (nil:
    /// every dataset is counted).
    init(db: StoreReader, labels: Labels, asOf: String, reuse: QualitySegments.Reuse? = nil) throws {
        try load(db: db, labels: labels, asOf: asOf, reuse: reuse)
    }

    /// The completeness and validity rows over `fileIDs` (nil: every file): every column of
    /// every dataset, then survey and other columns with column-level rejects.
    func hud(for fileIDs: Set<Int>?) -> [HUD] {
        var read: [String: Int] = [:]
        for f in files where fileIDs?.contains(f.id) ?? true { read[f.dataset, default: 0] += f.rowsRead }
        var sum: [String: [String: (missing: Int, invalid: Int, empty: Int)]] = [:]
        // A workbook's few files looked up, not every file of the store filtered.
        let perFile = fileIDs.map { ids in ids.compactMap { hudByFile[$0] } } ?? Array(hudByFile.values)
        for byDataset in perFile {
            for (ds, cols) in byDataset {
                for (c, x) in cols {
                    var t = sum[ds]?[c] ?? (0, 0, 0)
                    t.missing += x.missing; t.invalid += x.invalid; t.empty += x.empty
                    sum[ds, default: [:]][c] = t
                }
            }
        }
        var out: [HUD] = []
        var seen: Set<String> = []
        for spec in Datasets.all {
            for c in spec.columns {
                seen.insert(spec.name + "\u{1F}" + c.name)
                let x = sum[spec.name]?[c.name] ?? (0, 0, 0)
                out.append(HUD(dataset: spec.name, column: c.name, rowsRead: read[spec.name] ?? 0, missing: x.missing,
                               invalid: x.invalid, emptyOptional: c.required ? nil : x.empty))
            }
        }
        var extra: [(String, String)] = []
        for (ds, cols) in sum { for c in cols.keys where !seen.contains(ds + "\u{1F}" + c) { extra.append((ds, c)) } }
        for (ds, c) in extra.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            let x = sum[ds]![c]!
            out.append(HUD(dataset: ds, column: c, rowsRead: read[ds] ?? 0, missing: x.missing, invalid: x.invalid, emptyOptional: nil))
        }
        return out
    }

    private mutating func load(db: StoreReader, labels: Labels, asOf: String, reuse: QualitySegments.Reuse?) throws {
        files = try StoreRecords.files(db).map { f in
            File(id: Int(f.id), path: f.path, dataset: f.dataset, format: f.format, encoding: f.encoding, bytes: f.bytes,
                 sha256: f.sha256, rowsRead: f.rowsRead, accepted: f.rowsAccepted, rejected: f.rowsRejected,
                 fileCheck: f.fileCheck, ingestedAt: f.runAsOf ?? asOf)
        }
        func message(_ code: String, fallback: String) -> String {
            CheckCode(rawValue: code).map { $0.check.message(labels.lang) } ?? fallback
        }
        for g in try StoreRecords.rejectGroups(db) {
            // A row held back by the as-of date or a reference is pending: it is checked again by
            // every ingest and accepted once the as-of moves on or the reference arrives.
            let waiting = CheckCode(rawValue: g.check)?.isPending == true ? " (\(labels[.waitingNote]))" : ""
            reasons.append(Reason(fileID: g.fileID, file: g.file, check: g.check,
                                  reason: message(g.check, fallback: g.text) + waiting, count: g.count))
        }
        for g in try StoreRecords.warningGroups(db) {
            warnings.append(Reason(fileID: g.fileID, file: g.file, check: g.check, reason: message(g.check, fallback: g.text), count: g.count))
        }

        let idBySHA = Dictionary(files.map { ($0.sha256, $0.id) }, uniquingKeysWith: { a, _ in a })
        overShare = try StoreRecords.currentNotices(db).compactMap { n in idBySHA[n.sha256].map { ($0, n) } }

        // Completeness and validity, per file (a workbook sums over its own files).
        for r in try StoreRecords.columnRejectCounts(db) {
            var c = hudByFile[r.fileID]?[r.dataset]?[r.column] ?? (0, 0, 0)
            if r.check == "C02" { c.missing += r.count } else if Self.invalidChecks.contains(r.check) { c.invalid += r.count } else { continue }
            hudByFile[r.fileID, default: [:]][r.dataset, default: [:]][r.column] = c
        }
        // The empty optional columns, the files' municipalities and the timeliness: counted per
        // segment of each dataset, the segments whose rows did not change taken from the store.
        let counts = try QualitySegments.load(db, asOf: asOf, reuse: reuse)
        for spec in Datasets.all {
            let optional = spec.columns.filter { !$0.required }
            for (file, empty) in counts.empty[spec.table] ?? [:] {
                for (i, c) in optional.enumerated() {
                    var x = hudByFile[file]?[spec.name]?[c.name] ?? (0, 0, 0)
                    x.empty += empty[i]
                    hudByFile[file, default: [:]][spec.name, default: [:]][c.name] = x
                }
            }
        }
        for (teryt, rows) in counts.timeliness {
            timeliness[teryt] = zip(Self.events, rows).map { Timeliness(dataset: $0.0.dataset, column: $0.0.column, buckets: $0.1) }
        }
        segments = counts
    }
}

extension DataQualitySheet {
    /// The files over `max_reject_share` the inbox still holds (SPEC 10): named here every night,
    /// with their share and the as-of date since which they are over it, while the exit 3 comes
    /// once. Nothing is written when there are none; returns the next free row.
    static func overShareSection(_ ws: XLSXWorksheet, _ dq: DataQualityTables, from row: Int, files: Set<Int>?,
                                 styles s: WorkbookStyles, labels l: Labels) -> Int {
        let rows = dq.overShare.filter { files?.contains($0.fileID) ?? true }
        guard !rows.isEmpty else { return row }
        var r = row + 1
        r = section(ws, r, l[.sectionOverShare], [l[.file], l[.dataset], l[.rejectShare], l[.overShareSince]], styles: s)
        for x in rows {
            ws.write(r, 0, string: x.notice.path); ws.write(r, 1, string: x.notice.dataset)
            ws.write(r, 2, number: x.notice.share, s.share)
            ws.write(r, 3, isoDate: x.notice.since, s)
            r += 1
        }
        return r
    }
}

/// Writes the "Data quality" sheet (SPEC 9.2): files, reasons, completeness and validity,
/// timeliness (for `teryt`, or every municipality summed when nil), warnings. Sections follow
/// each other down the sheet, each with its own header row; the first is frozen and filtered.
enum DataQualitySheet {
    /// Column widths: file, check / column, then the counts.
    static let widths: [Double] = [48, 22, 14, 12, 12, 12, 14]

    /// A section's title at row `r` and its column titles below it; returns the row after them.
    static func section(_ ws: XLSXWorksheet, _ r: Int, _ title: String, _ titles: [String], styles s: WorkbookStyles) -> Int {
        ws.write(r, 0, string: title, s.title)
        for (i, t) in titles.enumerated() { ws.write(r + 1, i, string: t, s.header) }
        ws.fitRowHeight(r + 1, titles, widths: Self.widths)
        return r + 2
    }

    /// One row per reason (file, check, reason, count) from row `r`; returns the row after them.
    static func countRows(_ ws: XLSXWorksheet, _ r: Int, _ reasons: [DataQualityTables.Reason], styles s: WorkbookStyles) -> Int {
        var r = r
        for x in reasons {
            ws.write(r, 0, string: x.file); ws.write(r, 1, string: x.check); ws.write(r, 2, string: x.reason)
            ws.write(r, 3, number: Double(x.count), s.count)
            r += 1
        }
        return r
    }

    /// `files`: the store ids of the files to list (nil: every file).
    static func write(_ ws: XLSXWorksheet, _ dq: DataQualityTables, teryt: String?, files: Set<Int>?, styles s: WorkbookStyles,
                      labels l: Labels, print: WorkbookPrint) {
        var r = 0
        ws.write(r, 0, string: l[.sectionFiles], s.title); r += 1
        let fileHeader = [l[.file], l[.dataset], l[.rowsRead], l[.rowsAccepted], l[.rowsRejected], l[.rejectShare], l[.fileCheck]]
        ws.header(r, fileHeader, s, widths: Self.widths)
        let headerRow = r
        print.apply(ws, landscape: false, headerRows: headerRow...headerRow)
        r += 1
        for f in dq.files where files?.contains(f.id) ?? true {
            ws.write(r, 0, string: f.path)
            ws.write(r, 1, string: f.dataset)
            ws.write(r, 2, number: Double(f.rowsRead), s.count)
            ws.write(r, 3, number: Double(f.accepted), s.count)
            ws.write(r, 4, number: Double(f.rejected), s.count)
            if f.rowsRead > 0 { ws.write(r, 5, number: Double(f.rejected) / Double(f.rowsRead), s.share) }
            else if f.fileCheck != nil { ws.write(r, 5, number: 1, s.share) }
            ws.write(r, 6, text: f.fileCheck)
            r += 1
        }
        ws.filter(headerRow: headerRow, lastRow: r - 1, columns: fileHeader.count)

        r += 1
        r = section(ws, r, l[.sectionReasons], [l[.file], l[.check], l[.reason], l[.count]], styles: s)
        r = countRows(ws, r, dq.reasons.filter { files?.contains($0.fileID) ?? true }, styles: s)

        r += 1
        r = section(ws, r, l[.sectionHUD], [l[.dataset], l[.column], l[.rowsRead], l[.missing], l[.invalid], l[.errorShare], l[.emptyOptional]], styles: s)
        for h in dq.hud(for: files) {
            ws.write(r, 0, string: h.dataset); ws.write(r, 1, string: h.column)
            ws.write(r, 2, number: Double(h.rowsRead), s.count)
            ws.write(r, 3, number: Double(h.missing), s.count)
            ws.write(r, 4, number: Double(h.invalid), s.count)
            if h.rowsRead > 0 { ws.write(r, 5, number: Double(h.missing + h.invalid) / Double(h.rowsRead), s.share) }
            if let e = h.emptyOptional { ws.write(r, 6, number: Double(e), s.count) }
            r += 1
        }

        r += 1
        r = section(ws, r, l[.sectionTimeliness], [l[.dataset], l[.event], l[.days0], l[.days1to3], l[.days4to6], l[.days7to10], l[.days11plus], l[.total]], styles: s)
        var rows = DataQualityTables.events.map { DataQualityTables.Timeliness(dataset: $0.dataset, column: $0.column, buckets: [0, 0, 0, 0, 0]) }
        if let teryt { if let own = dq.timeliness[teryt] { rows = own } }
        else {
            for t in dq.timeliness.keys.sorted() {
                for (i, x) in dq.timeliness[t]!.enumerated() { for b in 0..<5 { rows[i].buckets[b] += x.buckets[b] } }
            }
        }
        for t in rows {
            ws.write(r, 0, string: t.dataset); ws.write(r, 1, string: t.column)
            for b in 0..<5 { ws.write(r, 2 + b, number: Double(t.buckets[b]), s.count) }
            ws.write(r, 7, number: Double(t.buckets.reduce(0, +)), s.count)
            r += 1
        }

        r = overShareSection(ws, dq, from: r, files: files, styles: s, labels: l)

        let warnings = dq.warnings.filter { files?.contains($0.fileID) ?? true }
        if !warnings.isEmpty {
            r += 1
            r = section(ws, r, l[.sectionWarnings], [l[.file], l[.warning], l[.message], l[.count]], styles: s)
            r = countRows(ws, r, warnings, styles: s)
        }
    }
}
