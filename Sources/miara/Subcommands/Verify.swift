import ArgumentParser
import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara verify`: re-hash a run folder's outputs (and, given the inbox, its inputs) against
/// its manifest.json; with `--measures`, check that every measure row equals what its
/// contributions give. One line per mismatch; exit 0 when everything matches, 1 otherwise.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a run folder against its manifest.json, or (--measures) every measure row against its records.",
        discussion: """
            Prints one line per mismatch (missing, changed or extra file). With --measures, runs every measure of the \
            catalogue over the pipeline's store and periods and checks that the records `explain` lists for each row \
            aggregate to its published numerator, denominator and n. Exit status: 0 all match, 1 otherwise.
            """)
    @Argument(help: "The run folder (e.g. Outputs/latest or Outputs/2026-10-31/<run-id>).")
    var runFolder: String?
    @Option(help: "The inbox the run read: its files are re-hashed too.")
    var inbox: String?
    @Flag(help: "Check every measure row against its contributions (uses --pipeline's store, catalogue and periods).")
    var measures = false
    @Flag(help: "Re-read the manifest's inputs from --inbox into a temporary store, rerun with the run's as-of and settings, and compare every output byte for byte.")
    var recompute = false
    @Option(help: "Pipeline file (with --measures or --recompute: catalogues, targets, pseudonym key).")
    var pipeline: String?
    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD (with --measures; overrides `as_of`).")
    var asOf: String?

    func run() throws {
        if measures { try verifyMeasures() }
        guard let runFolder else {
            if measures { return }
            throw ValidationError("give a run folder, or --measures")
        }
        let dir = URL(fileURLWithPath: runFolder)
        let problems = Verifier.verify(runFolder: dir, inbox: inbox.map { URL(fileURLWithPath: $0) })
        for p in problems { print(p.description) }
        if recompute {
            guard let inbox else { throw ValidationError("--recompute needs --inbox") }
            let config = try pipeline.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
            let differences = try Recompute.run(runFolder: dir, inbox: URL(fileURLWithPath: inbox), config: config)
            for d in differences { print(d.description) }
            if !problems.isEmpty || !differences.isEmpty { throw ExitCode(1) }
            print("ok: every output of \(runFolder) is recomputed byte for byte from the manifest's inputs")
            return
        }
        if !problems.isEmpty { throw ExitCode(1) }
        let m = try Manifest.load(dir.appendingPathComponent(RunFolder.manifestName))
        print("ok: \(m.outputs.count) outputs" + (inbox != nil ? ", \(m.inputs.count) inputs" : "") + " match the manifest of run \(m.runID)")
    }

    func verifyMeasures() throws {
        var config = try pipeline.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
        if let v = asOf { config.asOfText = v }
        guard FileManager.default.fileExists(atPath: config.store) else {
            throw ConfigError(file: config.file ?? "--pipeline", key: "store", "no store at \(config.store)")
        }
        let store = try Store(path: config.store)
        let catalogue: MeasureCatalogue
        do { catalogue = try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures)) }
        catch let e as MeasureCatalogueError { throw ConfigError(file: e.file, line: e.line, key: e.key, e.message) }
        let asOfDay = try config.asOf()
        let report = try MeasureConsistency.check(db: store.db, catalogue: catalogue, standard: try Standard.load(path: config.standard),
                                                  periods: try config.resolvedPeriods(asOf: asOfDay), asOf: asOfDay)
        for m in report.mismatches { print(m.description) }
        print("\(report.mismatches.isEmpty ? "ok" : "mismatch"): \(report.rowsChecked) measure rows of \(catalogue.definitions.count) measures checked against \(report.contributions) contributions, \(report.mismatches.count) mismatches")
        if !report.mismatches.isEmpty { throw ExitCode(1) }
    }
}
