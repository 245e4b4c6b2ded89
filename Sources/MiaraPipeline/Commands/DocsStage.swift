import Foundation
import MiaraValues

/// `miara docs`: writes the generated documentation pages — the measures formula book from the
/// run's catalogue and the datasets reference — into a folder.
public struct DocsStage {
    public let folder: String
    public init(folder: String) { self.folder = folder }

    /// Writes the pages; returns their paths.
    public func run(_ context: RunContext) throws -> [String] {
        let dir = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, text) in [(FormulaBook.fileName, FormulaBook.markdown(context.catalogue)), (DatasetsBook.fileName, DatasetsBook.markdown())] {
            try AtomicFile.write(Data(text.utf8), to: dir.appendingPathComponent(name))
            written.append(dir.appendingPathComponent(name).path)
        }
        return written
    }
}
