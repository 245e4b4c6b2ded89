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
    /// The options as MiaraPipeline takes them; the configuration's language becomes the one
    /// `main` prints errors in as soon as it is known.
    var runOptions: RunOptions {
        var o = RunOptions()
        o.pipeline = pipeline; o.inbox = inbox; o.store = store; o.asOf = asOf; o.pseudonymKey = pseudonymKey; o.lang = lang
        o.console = quiet ? .quiet : verbose ? .verbose : .normal
        o.onConfig = { Miara.language = $0.language }
        return o
    }

    /// The run of `command` (`RunContext.make`): every command starts here.
    func context(_ command: String, mode: RunContext.StoreUse, adjust: (inout PipelineConfig) throws -> Void = { _ in }) throws -> RunContext {
        try RunContext.make(runOptions, mode: mode, command: command, adjust: adjust)
    }

    /// The console for `config` at this verbosity.
    func console(_ config: PipelineConfig) -> Printer { runOptions.printer(config) }

    /// The configuration with every flag applied.
    func config() throws -> PipelineConfig { try runOptions.config() }
}
