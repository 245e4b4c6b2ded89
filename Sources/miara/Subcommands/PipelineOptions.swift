import ArgumentParser
import MiaraPipeline

/// The options every command shares: a pipeline file and flags that override its keys.
struct PipelineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Pipeline file (YAML); paths in it are relative to it. See \(DocumentationPath.of("running-nightly.md"))."))
    var pipeline: String?
    @Option(help: "Inbox folder (overrides `inbox`).")
    var inbox: String?
    @Option(help: "Store file (overrides `store`).")
    var store: String?
    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD or `yesterday` (overrides `as_of`).")
    var asOf: String?
    @Option(name: .customLong("pseudonym-key"), help: "Pseudonym key file, mode 0600 (overrides `pseudonym_key_file`).")
    var pseudonymKey: String?
    @Option(help: "Label and console language: pl or en (overrides `lang`).")
    var lang: Language?
    @Flag(name: .shortAndLong, help: "Print errors only (for cron).")
    var quiet = false
    @Flag(name: .shortAndLong, help: "Print a line per file besides the line per dataset.")
    var verbose = false

    /// The console of the command: its mode from --quiet/--verbose, its language from the configuration.
    func console(_ config: PipelineConfig) -> Printer {
        Printer(mode: quiet ? .quiet : verbose ? .verbose : .normal, language: config.language)
    }

    /// The pipeline file's settings with the flags applied.
    func config() throws -> PipelineConfig {
        var c = try pipeline.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
        if let v = inbox { c.inbox = v; c.setByFlag("inbox") }
        if let v = store { c.store = v; c.setByFlag("store") }
        if let v = asOf {
            c.asOfText = v
            c.setByFlag("as_of")
            _ = try c.asOf()
        }
        if let v = pseudonymKey { c.pseudonymKeyFile = v; c.setByFlag("pseudonym_key_file") }
        if let l = lang { c.language = l }
        Miara.language = c.language
        try c.checkPaths()
        return c
    }
}
