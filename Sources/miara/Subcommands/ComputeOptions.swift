import ArgumentParser
import MiaraPipeline

/// The options of the commands that compute (`compute`, `report`, `run`): the periods, the
/// disclosure threshold and the output folder, each overriding its pipeline key.
struct ComputeOptions: ParsableArguments {
    @Option(name: .customLong("period"), help: "A period (2024, 2024H1, 2024Q3, 2024-03) or year|halves|quarters; repeatable (overrides `periods`).")
    var periods: [String] = []
    @Option(name: .customLong("min-cell"), help: "Disclosure threshold, at least 1 (overrides `min_cell`).")
    var minCell: Int?
    @Option(help: "Output folder (overrides `outputs`).")
    var out: String?

    func validate() throws {
        if let m = minCell, m < 1 { throw ValidationError("--min-cell must be at least 1 (found \(m))") }
    }

    /// `config` with the flags applied; the periods are expanded once to check them. `outputs`
    /// is set unless the command writes `--out` itself (`compute`).
    func apply(to config: inout PipelineConfig, setOutputs: Bool = true) throws {
        if !periods.isEmpty { config.periods = periods; _ = try config.resolvedPeriods(asOf: try config.asOf()) }
        if let m = minCell { config.minCell = m }
        if setOutputs, let o = out { config.outputs = o; config.setByFlag("outputs"); try config.checkPaths() }
    }
}
