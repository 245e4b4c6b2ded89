import ArgumentParser
import MiaraPipeline
/// `miara verify`: re-hash a run folder's outputs (and, given the inbox, its inputs) against
/// its manifest.json, and the manifest itself against the SHA-256 the store recorded for the run;
/// one line per mismatch; exit 0 when everything matches, 1 otherwise. `--recompute` reruns the
/// run from the manifest's inputs and compares every output; `--measures` checks every measure row
/// of a store against the records behind it.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a run folder against its manifest.json (outputs, inputs with --inbox, the manifest with --store).",
        discussion: """
            Prints one line per mismatch (missing, changed or extra file, an edited manifest). With --recompute (needs the \
            inbox), the manifest's inputs are read into a temporary store and the run is repeated with its as-of and \
            settings; every output that differs is listed. With --measures (and no run folder), every measure of the \
            catalogue is run over the pipeline's store and periods and the records `explain` lists for each row must \
            aggregate to its numerator, denominator and n. Exit status: 0 all match, 1 otherwise.
            """)
    @Argument(help: "The run folder (e.g. Outputs/latest or Outputs/2026-10-31/<run-id>).")
    var runFolder: String?
    @Option(help: "The inbox the run read: its files are re-hashed too.")
    var inbox: String?
    @Option(help: "The store the run was recorded in: the manifest's SHA-256 is compared with the one recorded.")
    var store: String?
    @Option(help: "Pipeline file: its inbox and store are used unless --inbox/--store say otherwise (and its catalogues, targets and key with --recompute or --measures).")
    var pipeline: String?
    @Flag(help: "Re-read the manifest's inputs from the inbox into a temporary store, rerun with the run's as-of and settings, and compare every output byte for byte.")
    var recompute = false
    @Flag(help: "Check every measure row of the store against the records behind it (no run folder needed).")
    var measures = false
    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD for --measures (overrides `as_of`).")
    var asOf: String?
    @Option(help: "Language of the lines printed: pl or en (overrides the pipeline's `lang`; default pl).")
    var lang: Language?

    func run() throws {
        let config = try pipeline.map { try PipelineConfig.load(path: $0) }
        var language = config?.language ?? .pl
        if let l = lang { language = l }
        Miara.language = language
        var stage = VerifyStage(config: config, language: language)
        stage.runFolder = runFolder; stage.inbox = inbox; stage.store = store
        stage.recompute = recompute; stage.measures = measures; stage.asOf = asOf
        let out = try stage.run()
        for line in out.lines { print(line) }
        if !out.ok { throw ExitCode(1) }
    }
}
