import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara validate`: check files before sending them; exit 0 when clean, 3 when problems were found.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check files of one dataset without a store; prints FILE:LINE:COLUMN: reason.",
        discussion: "Exit status: 0 clean, 3 problems found, 2 usage or configuration error.")
    @OptionGroup var options: PipelineOptions
    @Option(help: "The dataset of the files, e.g. ngo/stays or surveys/uzytkownicy.")
    var dataset: String
    @Argument(help: "Files to check (.csv or .xlsx).")
    var files: [String]

    func run() throws {
        let config = try options.config()
        let (problems, warnings) = try ValidateStage(config: config).run(dataset: dataset, paths: files, inbox: options.inbox)
        for p in problems { print(ValidateStage.format(p)) }
        for w in warnings { print(ValidateStage.format(w)) }
        if problems.isEmpty {
            print(config.language == .pl ? "bez błędów" : "no problems found")
        } else {
            throw ExitCode(3)
        }
    }
}
