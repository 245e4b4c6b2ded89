import ArgumentParser
import Foundation
import MiaraMeasures
import MiaraPipeline

/// `miara docs`: writes the measures formula book generated from the catalogue.
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the formula book of the measures (docs/measures.md) from the catalogue in use.")
    @OptionGroup var options: PipelineOptions
    @Argument(help: "Folder to write measures.md into.") var folder: String = "docs"

    func run() throws {
        let config = try options.config()
        let catalogue: MeasureCatalogue
        do { catalogue = try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures)) }
        catch let e as MeasureCatalogueError { throw ConfigError(file: e.file, line: e.line, key: e.key, e.message) }
        let url = URL(fileURLWithPath: folder).appendingPathComponent(FormulaBook.fileName)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data(FormulaBook.markdown(catalogue).utf8), to: url)
        options.console(config).info(url.path)
    }
}
