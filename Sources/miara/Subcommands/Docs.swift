import ArgumentParser
import Foundation
import MiaraMeasures
import MiaraPipeline

/// `miara docs`: writes the measures formula book generated from the catalogue.
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the generated documentation pages: the measures formula book (measures.md) from the catalogue in use and the datasets reference (datasets.md).")
    @OptionGroup var options: PipelineOptions
    @Argument(help: "Folder to write measures.md and datasets.md into.") var folder: String = "docs"

    func run() throws {
        let config = try options.config()
        let catalogue: MeasureCatalogue
        catalogue = try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures))
        let dir = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in [(FormulaBook.fileName, FormulaBook.markdown(catalogue)), (DatasetsBook.fileName, DatasetsBook.markdown())] {
            try AtomicFile.write(Data(text.utf8), to: dir.appendingPathComponent(name))
            options.console(config).info(dir.appendingPathComponent(name).path)
        }
    }
}
