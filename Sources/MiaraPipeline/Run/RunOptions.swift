import Foundation
import MiaraValues

/// The settings every pipeline command shares, as the command line gave them: the pipeline file,
/// the flags that override its keys, and how much the console prints. `RunContext.make` turns them
/// into a run.
public struct RunOptions {
    /// The pipeline file (YAML); without it, the built-in settings.
    public var pipeline: String?
    public var inbox: String?
    public var store: String?
    /// `YYYY-MM-DD` or `yesterday` (overrides `as_of`).
    public var asOf: String?
    public var pseudonymKey: String?
    public var lang: Language?
    public var console: ConsoleMode = .normal
    /// Called with the configuration once the flags are applied and before its paths are checked:
    /// the command learns the language its errors are printed in.
    public var onConfig: (PipelineConfig) -> Void = { _ in }

    public init() {}

    /// The pipeline file's configuration (or the built-in one) with every flag applied; a flag
    /// names itself as the origin of the key it sets, for the messages that name it.
    public func config() throws -> PipelineConfig {
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
        onConfig(c)
        try c.checkPaths()
        return c
    }

    /// The console of a run of `config`: its language, this verbosity.
    public func printer(_ config: PipelineConfig) -> Printer { Printer(mode: console, language: config.language) }
}

extension RunContext {
    /// How every command starts: the options turned into a configuration (`adjust` applies the
    /// command's own flags, e.g. `--period`), then the run resolved once — as-of date, periods,
    /// catalogues, standard, console — with the store used as `mode` says (opened when first needed).
    public static func make(_ options: RunOptions, mode: StoreUse, command: String, runID: String = RunID.make(),
                            adjust: (inout PipelineConfig) throws -> Void = { _ in }) throws -> RunContext {
        var config = try options.config()
        try adjust(&config)
        return try RunContext(config: config, runID: runID, command: command, console: options.printer(config), storeUse: mode)
    }
}
