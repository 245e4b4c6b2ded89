import ArgumentParser
import MiaraPipeline

/// `miara generate`: a deterministic synthetic inbox in the SPEC layout.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a deterministic synthetic inbox (tiny, city or national).")
    @Option(help: "tiny | city | national") var scale: String = "tiny"
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "Output folder (the inbox).") var out: String
    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD (default: yesterday).") var asOf: String?
    @Flag(help: "Add known bad rows of every reject reason (listed in expected-rejects.tsv).") var corrupt = false

    func run() throws {
        var c = PipelineConfig()
        if let a = asOf { c.asOfText = a }
        let s = try GenerateStage.run(scale: scale, seed: seed, out: out, asOf: try c.asOf(), corrupt: corrupt)
        for f in s.files { print("\(f.path)  \(f.rows) rows") }
        print("\(s.files.count) files, \(s.persons) persons, \(s.stays) stays, \(s.serviceRows) service rows in \(out)")
    }
}

/// `miara demo`: generate the city inbox if absent and run every stage on it.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run miara on built-in demo data (Pipelines/demo.yaml; outside the project, a built-in copy in ./miara-demo).")
    @Option(help: "Pipeline file of the demo.") var pipeline: String = DemoStage.defaultPipeline
    @Option(help: "Label and console language: pl or en (overrides `lang`).") var lang: Language?
    @Flag(name: .shortAndLong, help: "Print errors only.") var quiet = false
    @Flag(name: .shortAndLong, help: "Print a line per file besides the line per dataset.") var verbose = false

    func run() throws {
        var demo = DemoStage(pipeline: pipeline)
        demo.language = lang
        demo.mode = quiet ? .quiet : verbose ? .verbose : .normal
        var options = try demo.options()
        options.onConfig = { Miara.language = $0.language }
        try demo.run(try RunContext.make(options, mode: .write, command: "demo"))
    }
}
