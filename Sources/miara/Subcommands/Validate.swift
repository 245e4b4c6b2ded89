import ArgumentParser
import Foundation
import MiaraPipeline


extension ValidateOutput.Format: ExpressibleByArgument {}

/// `miara validate`: check files before sending them; exit 0 when clean, 3 when problems were found.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check files of one dataset before sending them: every problem of every row, with what is allowed.",
        discussion: """
            Prints FILE:SHEET!CELL: (XLSX) or FILE:LINE:COLUMN: (CSV), the check's code, the message and what is \
            allowed there, then a line of counts. With --inbox and a store (--store, or --pipeline for both) the \
            files are checked as `miara ingest` would check them that night, references and overlapping stays \
            included; the store is only read. Checks that could not be made in full are named in the last line \
            with the reason. A file that is missing or cannot be read is a problem of that file (C20). \
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
        let context = try options.context("validate", mode: .read)
        let config = context.config
        // Ingest's view: the inbox and the store of the pipeline, or those the flags name.
        let inbox = options.inbox ?? (options.pipeline != nil ? config.inbox : nil)
        var store: String? = nil
        if options.store != nil || options.pipeline != nil {
            if FileManager.default.fileExists(atPath: config.store) { store = config.store }
            else if options.store != nil { throw MiaraError.configuration(file: "--store", ConfigText.noStore(config.store)) }
        }
        let report = try ValidateStage(dataset: dataset, paths: files, inbox: inbox, store: store).run(context)
        ValidateOutput(format: format, language: config.language).print(report)
        if report.hasErrors { throw ExitCode(3) }
    }
}
