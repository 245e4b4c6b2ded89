import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara docs`: writes the measures formula book generated from the catalogue.
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the generated documentation pages: the measures formula book (measures.md) from the catalogue in use and the datasets reference (datasets.md).")
    @OptionGroup var options: PipelineOptions
    @Argument(help: "Folder to write measures.md and datasets.md into.") var folder: String = "docs"

    func run() throws {
        let context = try options.context("docs", mode: .read)
        for path in try DocsStage(folder: folder).run(context) { context.console.info(path) }
    }
}
