import Foundation
import MiaraStore
import MiaraValues

/// The tool's version, written into every run manifest.
public enum MiaraVersion {
    public static let current = "0.1.0"
}

/// The run manifest (SPEC 9.3): `manifest.json` in every published run folder.
///
/// It names the run (id, as-of, periods, tool version, pipeline file SHA-256), every input file
/// the store holds (path relative to the inbox, SHA-256, dataset, encoding, rows read / accepted /
/// rejected), every output of the run folder (path relative to it, SHA-256; the manifest itself is
/// not listed; a workbook with the digest of its inputs, `inputs_sha256`, and — when it was copied
/// from the previous run, its inputs unchanged — that run's id, `reused_from`) and the seconds
/// each stage took; the manifest's own `reused_from` names the run whose outputs an unchanged
/// night published again whole.
///
/// The JSON is written deterministically: keys sorted, two-space indentation, arrays in a fixed
/// order (inputs and outputs by path, bytewise). Two runs on the same store and as-of give
/// manifests that differ only in `run_id`, `started_at`, `timings` and the outputs' `reused_from`
/// (the outputs' hashes are the same because the outputs are byte-identical).
public struct Manifest: Codable, Equatable, Sendable {
    /// Identifies the file format; bumped when a field changes meaning.
    public var format: String = "miara-manifest/1"
    public var runID: String
    /// The command that produced the run (`report`, `run`, `demo`).
    public var command: String
    public var asOf: String
    public var periods: [String]
    public var toolVersion: String
    /// UTC, ISO 8601 (`2026-11-23T18:45:12Z`).
    public var startedAt: String
    public var pipeline: PipelineFile?
    public var settings: Settings
    public var inputs: [Input]
    public var outputs: [Output]
    public var timings: Timings
    /// Inputs whose rejected share exceeds `max_reject_share` (a file-level reject counts as 1).
    public var filesOverRejectShare: [String]
    /// The run whose outputs this run published again unchanged (nothing they depend on changed;
    /// see `RunFingerprint`); absent when the run computed its outputs.
    public var reusedFrom: String?

    public struct PipelineFile: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) { self.path = path; self.sha256 = sha256 }
    }

    public struct Settings: Codable, Equatable, Sendable {
        public var minCell: Int
        public var maxRejectShare: Double
        public var lang: String
        /// `cost_lag_days` (SPEC 5, 11); absent in manifests written before v1.4.
        public var costLagDays: Int?
        /// The settled date it gave (ISO): the cost-based measures run up to it.
        public var settledDate: String?
        /// `headline` as written in the pipeline (`year`, `previous_year`, `YYYY`).
        public var headline: String?
        /// `targets` (SPEC 11), by measure code; absent in manifests written before decisions.md 122.
        public var targets: [String: Bound]?
        /// SHA-256 of the pseudonym key's bytes (as `PipelineConfig.pseudonymiser` reads them), never
        /// the key; absent when no key was configured.
        public var pseudonymKeySHA256: String?
        /// SHA-256 of the measure catalogue, the standard and the questionnaire maps the run used.
        public var catalogues: Catalogues?
        public init(minCell: Int, maxRejectShare: Double, lang: String, costLagDays: Int? = nil, settledDate: String? = nil,
                    headline: String? = nil, targets: [String: Bound]? = nil, pseudonymKeySHA256: String? = nil,
                    catalogues: Catalogues? = nil) {
            self.minCell = minCell; self.maxRejectShare = maxRejectShare; self.lang = lang
            self.costLagDays = costLagDays; self.settledDate = settledDate; self.headline = headline
            self.targets = targets; self.pseudonymKeySHA256 = pseudonymKeySHA256; self.catalogues = catalogues
        }
        enum CodingKeys: String, CodingKey {
            case minCell = "min_cell", maxRejectShare = "max_reject_share", lang
            case costLagDays = "cost_lag_days", settledDate = "settled_date", headline
            case targets, pseudonymKeySHA256 = "pseudonym_key_sha256", catalogues
        }

        /// A target's bounds.
        public struct Bound: Codable, Equatable, Sendable {
            public var min: Double?
            public var max: Double?
            public init(min: Double?, max: Double?) { self.min = min; self.max = max }
        }

        /// The catalogues' SHA-256s: of measures.yaml, standard.yaml, and of the questionnaire
        /// maps' folder (each map's name and SHA-256, one `name sha256` line each, by name).
        public struct Catalogues: Codable, Equatable, Sendable {
            public var measures: String
            public var standard: String
            public var surveys: String
            public init(measures: String, standard: String, surveys: String) {
                self.measures = measures; self.standard = standard; self.surveys = surveys
            }
        }
    }

    /// One inbox file as the store recorded it.
    public struct Input: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        public var dataset: String
        public var format: String
        public var encoding: String
        public var bytes: Int
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsRejected: Int
        /// The file-level check that rejected the whole file (C01, C15, C20, C21), if any.
        public var fileCheck: String?
        /// rejected ÷ read; 1 for a file-level reject; 0 for a file with no rows.
        public var rejectShare: Double
        /// The run that ingested the file.
        public var ingestedBy: String

        enum CodingKeys: String, CodingKey {
            case path, sha256, dataset, format, encoding, bytes
            case rowsRead = "rows_read", rowsAccepted = "rows_accepted", rowsRejected = "rows_rejected"
            case fileCheck = "file_check", rejectShare = "reject_share", ingestedBy = "ingested_by"
        }
    }

    /// One file of the run folder.
    public struct Output: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        public var bytes: Int
        /// For a workbook: the SHA-256 of what it was built from (`WorkbookInputs`); absent for
        /// the other files and in manifests written before workbooks were reused.
        public var inputsSHA256: String?
        /// The run whose folder this file was copied from, its inputs unchanged (`WorkbookReuse`,
        /// or a whole run published again); absent for a file this run wrote.
        public var reusedFrom: String?
        public init(path: String, sha256: String, bytes: Int, inputsSHA256: String? = nil, reusedFrom: String? = nil) {
            self.path = path; self.sha256 = sha256; self.bytes = bytes; self.inputsSHA256 = inputsSHA256; self.reusedFrom = reusedFrom
        }
        enum CodingKeys: String, CodingKey {
            case path, sha256, bytes, inputsSHA256 = "inputs_sha256", reusedFrom = "reused_from"
        }
    }

    /// Seconds per stage (rounded to milliseconds); nil for a stage the command did not run.
    public struct Timings: Codable, Equatable, Sendable {
        public var ingest: Double?
        public var compute: Double?
        public var report: Double?
        public init(ingest: Double? = nil, compute: Double? = nil, report: Double? = nil) {
            self.ingest = ingest; self.compute = compute; self.report = report
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, command, periods, pipeline, settings, inputs, outputs, timings
        case runID = "run_id", asOf = "as_of", toolVersion = "tool_version", startedAt = "started_at"
        case filesOverRejectShare = "files_over_reject_share"
        case reusedFrom = "reused_from"
    }

    public init(runID: String, command: String, asOf: String, periods: [String], startedAt: String,
                pipeline: PipelineFile?, settings: Settings, inputs: [Input], outputs: [Output], timings: Timings) {
        self.runID = runID; self.command = command; self.asOf = asOf; self.periods = periods
        self.toolVersion = MiaraVersion.current; self.startedAt = startedAt; self.pipeline = pipeline
        self.settings = settings; self.inputs = inputs; self.outputs = outputs; self.timings = timings
        self.filesOverRejectShare = inputs.filter { RejectShare.isOver($0.rejectShare, max: settings.maxRejectShare) }.map(\.path)
    }

    /// The JSON text: sorted keys, pretty printed, `/` unescaped, a final newline.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }

    public static func decode(_ data: Data) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: data)
    }

    public static func load(_ url: URL) throws -> Manifest {
        try decode(try Data(contentsOf: url))
    }

    // MARK: Building

    /// Every file the store has read, sorted by path (bytewise), then SHA-256.
    public static func inputs(db: StoreReader) throws -> [Input] {
        let out = try StoreRecords.files(db).map { f in
            let fileCheck = f.fileCheck.flatMap { $0.isEmpty ? nil : $0 }
            let share = f.rejectShare
            return Input(path: f.path, sha256: f.sha256, dataset: f.dataset, format: f.format, encoding: f.encoding, bytes: f.bytes,
                         rowsRead: f.rowsRead, rowsAccepted: f.rowsAccepted, rowsRejected: f.rowsRejected, fileCheck: fileCheck,
                         rejectShare: (share * 1_000_000).rounded() / 1_000_000, ingestedBy: f.runID)
        }
        return out.sorted { [$0.path, $0.sha256].bytewisePrecedes([$1.path, $1.sha256]) }
    }

    /// Every regular file below `dir` except `manifest.json` at its top, with its SHA-256, sorted
    /// by relative path (bytewise). Hidden files are listed too (nothing should be hidden there).
    /// `known`: files whose SHA-256 and length the caller already has (a workbook copied from the
    /// previous run, checked on the bytes copied), by relative path; they are not read again.
    public static func outputs(in dir: URL, known: [String: (sha256: String, bytes: Int)] = [:]) throws -> [Output] {
        try RunFolder.files(in: dir).filter { $0 != RunFolder.manifestName }.map { rel in
            if let k = known[rel] { return Output(path: rel, sha256: k.sha256, bytes: k.bytes) }
            let scan = try FileScan.digest(url: dir.appendingPathComponent(rel))
            return Output(path: rel, sha256: scan.sha256, bytes: scan.bytes)
        }
    }

    /// The SHA-256 and length of each workbook copied from the previous run (`Workbooks.Written`).
    public static func copiedDigests(_ workbooks: [Workbooks.Written]) -> [String: (sha256: String, bytes: Int)] {
        var out: [String: (sha256: String, bytes: Int)] = [:]
        for w in workbooks { if let sha = w.copiedSHA256, let bytes = w.copiedBytes { out[w.path] = (sha, bytes) } }
        return out
    }

    /// `outputs` with what the workbook writer said of each workbook: its inputs' digest and the
    /// run it was copied from.
    public static func outputs(_ outputs: [Output], workbooks: [Workbooks.Written]) -> [Output] {
        let byPath = Dictionary(workbooks.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        return outputs.map { o in
            var o = o
            if let w = byPath[o.path] { o.inputsSHA256 = w.inputsSHA256; o.reusedFrom = w.reusedFrom }
            return o
        }
    }

    /// Seconds rounded to milliseconds, for `timings`.
    public static func seconds(_ s: Double) -> Double { (s * 1000).rounded() / 1000 }
}
