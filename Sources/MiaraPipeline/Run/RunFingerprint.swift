import Foundation
import MiaraCatalogue
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// What a run's outputs depend on, as one SHA-256: the tool (version and executable), the as-of
/// date and periods, the settings that reach the outputs, the catalogues' texts and the store's
/// input files. Two runs with the same fingerprint publish byte-identical outputs, so the second
/// may publish the first one's again (`RunReuse`).
///
/// `description` is the canonical text the digest is taken over: one `key value` line each, in a
/// fixed order; texts enter as their own SHA-256. Settings that do not reach an output (paths,
/// retention, the pseudonym key — pseudonyms are fixed when a file is ingested) are left out.
public struct RunFingerprint: Equatable, Sendable {
    public static let format = "miara-run-fingerprint/1"
    public let description: String
    public var sha256: String { FileScan.sha256(Data(description.utf8)) }

    /// The fingerprint of a run: its context (as-of, periods, catalogues) and the store's files now.
    public init(context: RunContext, db: StoreReader) throws {
        var lines = Self.settingsLines(config: context.config, asOf: context.asOf, periods: context.periods,
                                       catalogue: context.catalogue, schema: db.schemaVersion)
        for f in try RunFingerprints.inputLines(db) { lines.append("file \(Self.digest(f))") }
        // The files the Data quality sheet names as over the share (the inbox's, not the store's).
        for n in try StoreRecords.currentNotices(db) { lines.append("over_share \(Self.digest("\(n.path)\t\(n.sha256)\t\(n.since)"))") }
        description = lines.joined(separator: "\n") + "\n"
    }

    /// The lines of everything but the store's files: the tool, as-of, periods, settings,
    /// catalogues and the store's schema. Their SHA-256 (`settingsSHA256`) is the part every
    /// workbook's inputs share (`WorkbookInputs`).
    static func settingsLines(config: PipelineConfig, asOf: Day, periods: [Period], catalogue: MeasureCatalogue, schema: Int) -> [String] {
        var lines = [Self.format, "tool \(MiaraVersion.current) \(Self.executableIdentity())"]
        lines.append("as_of \(asOf.iso)")
        lines.append("periods \(periods.map(\.text).joined(separator: ","))")
        lines.append("min_cell \(config.minCell)")
        lines.append("max_reject_share \(config.maxRejectShare)")
        lines.append("lang \(config.language.rawValue)")
        lines.append("cost_lag_days \(config.costLagDays)")
        lines.append("headline \(config.headline)")
        lines.append("author \(Self.digest(config.author))")
        for code in config.targets.keys.sorted() {
            let t = config.targets[code]!
            lines.append("target \(code) \(t.min.map { "\($0)" } ?? "-") \(t.max.map { "\($0)" } ?? "-")")
        }
        lines.append("measures \(Self.digest(CatalogueFiles.read(config.measures)))")
        for d in catalogue.definitions {
            lines.append("sql \(d.code.raw) \(Self.digest(d.sqlPath)) \(Self.digest(d.sqlText)) \(Self.digest(String(describing: d.value)))")
        }
        lines.append("standard \(Self.digest(CatalogueFiles.read(config.standard)))")
        for name in CatalogueFiles.list(config.surveys) ?? [] {
            lines.append("survey \(Self.digest(name)) \(Self.digest(CatalogueFiles.read(config.surveys + "/" + name)))")
        }
        lines.append("schema \(schema)")
        return lines
    }

    /// The SHA-256 of `settingsLines`.
    static func settingsSHA256(config: PipelineConfig, asOf: Day, periods: [Period], catalogue: MeasureCatalogue, schema: Int) -> String {
        digest(settingsLines(config: config, asOf: asOf, periods: periods, catalogue: catalogue, schema: schema)
            .joined(separator: "\n") + "\n")
    }

    /// A text's SHA-256 (`-` for a missing text).
    static func digest(_ text: String?) -> String { text.map { FileScan.sha256(Data($0.utf8)) } ?? "-" }

    /// The running executable's size and modification time: a rebuilt or upgraded binary (the
    /// code that computes) never reuses an older one's outputs. Cheaper than hashing the binary.
    static func executableIdentity() -> String {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 || stat(CommandLine.arguments.first ?? "", &st) == 0 else { return "unknown" }
        #if os(Linux)
        return "\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        #else
        return "\(st.st_size)-\(st.st_mtimespec.tv_sec).\(st.st_mtimespec.tv_nsec)"
        #endif
    }
}
