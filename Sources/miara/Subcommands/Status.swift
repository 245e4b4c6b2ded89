import ArgumentParser
import MiaraPipeline

/// `miara status`: what the store holds and how the latest runs went.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the store's file counts and the latest runs, stage by stage.")
    @OptionGroup var options: PipelineOptions
    @Option(help: "How many runs to show.") var runs: Int = 10

    func run() throws {
        let context = try options.context("status", mode: .read)
        for line in try StatusStage(runs: runs).run(context) { print(line) }
    }
}
