import ArgumentParser
import Foundation
import MiaraPipeline

extension ValidateOutput.Format: ExpressibleByArgument {}

/// `miara validate`: check files before sending them; exit 0 when clean, 3 when problems were found.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check files of one dataset without a store: every problem of every row, with what is allowed.",
        discussion: """
            Prints FILE:SHEET!CELL: (XLSX) or FILE:LINE:COLUMN: (CSV), the check's code, the message and what is \
            allowed there, then a line of counts. Without --inbox, references to other datasets are not checked. \
            Exit status: 0 clean (warnings allowed), 3 problems found, 2 usage or configuration error.
            """)
    @OptionGroup var options: PipelineOptions
    @Option(help: "The dataset of the files, e.g. ngo/stays or surveys/uzytkownicy.")
    var dataset: String
    @Option(help: "Output: text, or json (one object per problem, a summary object last).")
    var format: ValidateOutput.Format = .text
    @Argument(help: "Files to check (.csv or .xlsx).")
    var files: [String]

    func run() throws {
        let config = try options.config()
        let report = try ValidateStage(config: config).run(dataset: dataset, paths: files, inbox: options.inbox)
        ValidateOutput(format: format, language: config.language).print(report)
        if report.hasErrors { throw ExitCode(3) }
    }
}
