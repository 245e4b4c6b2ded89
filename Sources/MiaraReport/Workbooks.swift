import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues
import MiaraXLSX

/// The XLSX workbooks of SPEC 9.2.
///
/// Files written by `writeAll` (English names with `lang: en`):
/// - `gmina-<teryt>.xlsx` / `municipality-<teryt>.xlsx`: one per municipality, the
///   municipality's own view (values suppressed for others are shown, in italics);
/// - `podmiot-<slug of the name>-<id>.xlsx` / `provider-…`: one scorecard per provider (`:` of the
///   canonical id becomes `-`), disclosure control applied;
/// - `ministerstwo.xlsx` / `ministry.xlsx`: the ministry submission — fixed layout, Polish
///   sheet names and headers in both languages, disclosure control applied;
/// - `benchmark.xlsx`: every municipality side by side, quartiles, flags and charts,
///   disclosure control applied.
/// Every file's `created` property is the as-of date, so the same store and as-of give the same bytes.
public enum Workbooks {
    /// Writes every workbook into `dir` and returns their paths relative to dir, sorted.
    public static func writeAll(_ ctx: ReportContext, to dir: URL) throws -> [String] {
        try writeAll(ctx, targets: [:], to: dir)
    }

    /// As `writeAll(_:to:)`, with the pipeline's targets shown beside the values on the summary.
    public static func writeAll(_ ctx: ReportContext, targets: [MeasureCode: Target], to dir: URL, workers: Int = 1) throws -> [String] {
        try write(ctx, targets: targets, to: dir, workers: workers, reuse: nil).map(\.path)
    }

    /// One workbook of a run folder: its path relative to the folder, the digest of its inputs
    /// (nil when the run does not reuse workbooks) and the run it was copied from (nil: written).
    public struct Written: Sendable, Equatable {
        public let path: String
        public let inputsSHA256: String?
        public let reusedFrom: String?
        /// For a copy: the SHA-256 and length of the bytes copied (the previous manifest's, checked
        /// on them), so the manifest does not read the file again.
        public var copiedSHA256: String? = nil
        public var copiedBytes: Int? = nil
        public init(path: String, inputsSHA256: String?, reusedFrom: String?, copiedSHA256: String? = nil, copiedBytes: Int? = nil) {
            self.path = path; self.inputsSHA256 = inputsSHA256; self.reusedFrom = reusedFrom
            self.copiedSHA256 = copiedSHA256; self.copiedBytes = copiedBytes
        }
    }

    /// Writes every workbook into `dir`, or — with `reuse` — copies it from the previous run when
    /// its inputs did not change (`WorkbookReuse`); returns them sorted by path.
    ///
    /// The workbooks are independent files, written by `workers` threads of the work pool at once
    /// (each takes the next job of a fixed list). Every builder only reads the shared `WorkbookIndex`, whose
    /// lazily built tables are forced before the builders read them, and each has its own
    /// libxlsxwriter workbook, so the files are byte-identical whatever the number of workers.
    /// The data-quality tables (store queries) are the first job: the provider, ministry and
    /// benchmark workbooks, which do not read them, are written meanwhile, and the municipal
    /// workbooks (and their digests, which read them too) wait for them. The first error in
    /// file-name order is thrown.
    public static func write(_ ctx: ReportContext, targets: [MeasureCode: Target], to dir: URL, workers: Int = 1,
                             reuse: WorkbookReuse?) throws -> [Written] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let index = try WorkbookIndex(ctx)
        index.targets = targets
        _ = index.chartBlocks
        _ = index.withValueInHeadlinePeriod
        let inputs = reuse.map { WorkbookInputs(index, settings: $0.settings) }
        let en = ctx.language == .en
        let dataQuality = DispatchGroup()
        dataQuality.enter()
        typealias Job = (name: String?, inputs: @Sendable () -> String?, write: @Sendable (String) throws -> Void)
        var jobs: [Job] = []
        jobs.append((nil, { nil }, { _ in
            defer { dataQuality.leave() }
            // Its failure is this job's (thrown first: the job has no file name).
            try index.loadDataQuality()
        }))
        for p in index.providers {
            jobs.append((providerFileName(p, en: en), { inputs?.provider(index, p) }, { try ProviderWorkbook.write(index, provider: p, path: $0) }))
        }
        jobs.append((en ? "ministry.xlsx" : "ministerstwo.xlsx", { inputs?.ministry(index) }, { try MinistryWorkbook.write(index, path: $0) }))
        jobs.append(("benchmark.xlsx", { inputs?.benchmark(index) }, { try BenchmarkWorkbook.write(index, path: $0) }))
        for m in index.municipalities {
            let name = (en ? "municipality-" : "gmina-") + fileSafe(m.teryt) + ".xlsx"
            jobs.append((name, {
                dataQuality.wait()
                return inputs?.municipal(index, teryt: m.teryt)
            }, { try MunicipalWorkbook.write(index, teryt: m.teryt, path: $0) }))
        }
        let results = WorkPool.map(jobs.indices.map { $0 }, width: workers) { [jobs] i -> Written? in
            guard let name = jobs[i].name else { try jobs[i].write(""); return nil }
            let path = dir.appendingPathComponent(name).path
            let digest = jobs[i].inputs()
            let copied = digest.flatMap { reuse?.copy(name, inputs: $0, to: path) }
            if copied == nil { try jobs[i].write(path) }
            return Written(path: name, inputsSHA256: digest, reusedFrom: copied?.runID, copiedSHA256: copied?.sha256,
                           copiedBytes: copied?.bytes)
        }
        let failed = zip(jobs, results).compactMap { job, r -> (String, Error)? in
            guard case .failure(let e) = r else { return nil }
            return (job.name ?? "", e)
        }
        if let e = failed.min(by: { $0.0 < $1.0 }) { throw e.1 }
        // Every failure was thrown above: what is left are the successes.
        return results.compactMap { try? $0.get() }.compactMap { $0 }.sorted { $0.path < $1.path }
    }

    /// `podmiot-<slug of the name>-<id>.xlsx` (`provider-…` in English): the name in lower-case
    /// ASCII (Polish letters without their marks, any other character a `-`, at most 40), then the
    /// canonical id with `:` as `-`. Two providers cannot share a file: the id is unique.
    static func providerFileName(_ p: WorkbookIndex.Provider, en: Bool) -> String {
        let slug = slugify(p.name)
        return (en ? "provider-" : "podmiot-") + (slug.isEmpty ? "" : slug + "-") + fileSafe(p.id) + ".xlsx"
    }

    /// Lower-case ASCII letters and digits joined by single `-`, at most 40 characters.
    static func slugify(_ text: String) -> String {
        let polish: [Character: String] = ["ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z"]
        var out = ""
        var dash = false
        for ch in text.lowercased() {
            let mapped: String
            if let p = polish[ch] { mapped = p }
            else if ch.isASCII, ch.isLetter || ch.isNumber { mapped = String(ch) }
            else { mapped = "" }
            if mapped.isEmpty { dash = !out.isEmpty; continue }
            if dash { out += "-"; dash = false }
            out += mapped
            if out.count >= 40 { break }
        }
        return String(out.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// A file-name part from an id: `:` becomes `-`, anything but letters, digits, `-`, `_`
    /// and `.` becomes `_` (canonical ids have none of those).
    static func fileSafe(_ id: String) -> String {
        var out = ""
        for u in id.unicodeScalars {
            if u == ":" { out.append("-") }
            else if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "-" || u == "_" || u == "." { out.unicodeScalars.append(u) }
            else { out.append("_") }
        }
        return out.isEmpty ? "_" : out
    }

    /// Opens a workbook with the run's document properties (title, author, created = as-of).
    static func open(_ index: WorkbookIndex, path: String, title: String, constantMemory: Bool = false) throws -> XLSXWorkbook {
        try? FileManager.default.removeItem(atPath: path)
        let wb = try XLSXWorkbook(path: path, constantMemory: constantMemory,
                                  tmpdir: constantMemory ? FileManager.default.temporaryDirectory.path : nil)
        let c = index.ctx.asOf.components
        wb.setProperties(title: title, author: index.ctx.author, created: (c.year, c.month, c.day))
        return wb
    }
}

// MARK: - Sheets shared by several workbooks

enum WorkbookSheets {
    /// The marks of a value cell: shown only in the own view, incomplete, below norm or target.
    static func marks(_ row: MeasureRow) -> WorkbookStyles.Marks {
        var m: WorkbookStyles.Marks = []
        if row.flags.contains(.suppressed) && row.value != nil { m.insert(.ownOnly) }
        if row.isIncomplete { m.insert(.incomplete) }
        if row.flags.contains(.below_norm) || row.flags.contains(.below_target) { m.insert(.belowNorm) }
        return m
    }

    /// The catalogue: code, name, unit, direction, grains, split, formula, norm.
    static func definitions(_ ws: XLSXWorksheet, index: WorkbookIndex, styles s: WorkbookStyles, print: WorkbookPrint) {
        let l = index.labels
        let titles = [l[.code], l[.measure], l[.unit], l[.direction], l[.grains], l[.split], l[.formula], l[.norm]]
        let widths: [Double] = [7, 40, 14, 22, 36, 14, 90, 24]
        ws.header(0, titles, s, widths: widths)
        var r = 1
        for d in index.ctx.catalogue.definitions {
            ws.write(r, 0, string: d.code.raw)
            ws.write(r, 1, string: l.measureName(d))
            ws.write(r, 2, string: l.unit(d.unit))
            ws.write(r, 3, string: l.direction(d.direction))
            ws.write(r, 4, string: d.grains.map { l.grain($0) }.joined(separator: ", "))
            if d.split != .none { ws.write(r, 5, string: d.split == .dimension ? l[.dimension] : l[.facilityType]) }
            ws.write(r, 6, string: l.formula(d), s.wrap)
            ws.fitRowHeight(r, ["", "", "", "", "", "", l.formula(d)], widths: widths)
            ws.write(r, 7, text: l.norm(d.norm, unit: d.unit))
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
        print.apply(ws, landscape: true, headerRows: 0...0)
    }

    /// The input files: path, dataset, format, encoding, bytes, SHA-256, rows (no ingestion
    /// time: a workbook does not depend on the clock). `files`: the store ids to list (nil: all).
    static func sources(_ ws: XLSXWorksheet, index: WorkbookIndex, files: Set<Int>?, styles s: WorkbookStyles, print: WorkbookPrint) {
        let l = index.labels
        let titles = [l[.file], l[.dataset], l[.format], l[.encoding], l[.bytes], l[.sha256], l[.rowsRead], l[.rowsAccepted],
                      l[.rowsRejected], l[.fileCheck]]
        ws.header(0, titles, s, widths: [48, 22, 8, 14, 12, 66, 12, 12, 12, 14])
        var r = 1
        for f in index.dataQuality.files where files?.contains(f.id) ?? true {
            ws.write(r, 0, string: f.path)
            ws.write(r, 1, string: f.dataset)
            ws.write(r, 2, string: f.format)
            ws.write(r, 3, text: f.encoding)
            ws.write(r, 4, number: Double(f.bytes), s.count)
            ws.write(r, 5, string: f.sha256)
            ws.write(r, 6, number: Double(f.rowsRead), s.count)
            ws.write(r, 7, number: Double(f.accepted), s.count)
            ws.write(r, 8, number: Double(f.rejected), s.count)
            ws.write(r, 9, text: f.fileCheck)
            r += 1
        }
        ws.filter(headerRow: 0, lastRow: r - 1, columns: titles.count)
        print.apply(ws, landscape: true, headerRows: 0...0)
    }

    /// A benchmark row's measure code, measure name and period in columns 0–2.
    static func benchmarkLead(_ ws: XLSXWorksheet, _ r: Int, _ b: BenchmarkRow, _ d: MeasureDefinition?, labels l: Labels) {
        ws.write(r, 0, string: b.measure.raw)
        ws.write(r, 1, string: l.measureName(d))
        ws.write(r, 2, string: b.period.text)
    }

    /// One benchmark row's statistics from column `c` on: value, mean, median, q1, q3, min, max,
    /// deviation, rank, delta_prev, flags.
    /// A value flagged `incomplete` has the incomplete mark (the flags column names it).
    static func benchmarkCells(_ ws: XLSXWorksheet, _ r: Int, _ c: Int, _ b: BenchmarkRow, unit: String, styles s: WorkbookStyles, labels l: Labels) {
        let f = s.value(unit: unit)
        ws.write(r, c, optional: b.value, b.flags.contains(.incomplete) ? s.value(unit: unit, marks: [.incomplete]) : f)
        ws.write(r, c + 1, optional: b.mean, f)
        ws.write(r, c + 2, optional: b.median, f)
        ws.write(r, c + 3, optional: b.q1, f)
        ws.write(r, c + 4, optional: b.q3, f)
        ws.write(r, c + 5, optional: b.min, f)
        ws.write(r, c + 6, optional: b.max, f)
        ws.write(r, c + 7, optional: b.deviation, s.share)
        ws.write(r, c + 8, optionalInt: b.rank)
        ws.write(r, c + 9, optional: b.deltaPrev, f)
        ws.write(r, c + 10, text: l.flags(b.flags))
    }

    static func benchmarkTitles(_ l: Labels) -> [String] {
        [l[.value], l[.mean], l[.median], l[.q1], l[.q3], l[.min], l[.max], l[.deviation], l[.rank], l[.deltaPrev], l[.flags]]
    }
}

extension MeasureRow {
    /// The row's value was computed over facility-months with a report missing (flag `incomplete`).
    var isIncomplete: Bool { flags.contains { $0.rawValue == "incomplete" } }
}
