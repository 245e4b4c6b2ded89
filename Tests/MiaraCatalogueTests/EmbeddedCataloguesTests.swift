import Foundation
import XCTest
@testable import MiaraCatalogue

/// The catalogues compiled into the binary are the files in `Pipelines/` (run
/// `scripts/embed-catalogues` after editing them).
final class EmbeddedCataloguesTests: XCTestCase {
    static let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Pipelines")

    /// The catalogue files on disk, relative to `Pipelines/`.
    func filesOnDisk() throws -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        for top in ["demo.yaml", "measures.yaml", "standard.yaml"] {
            out[top] = try String(contentsOf: Self.pipelines.appendingPathComponent(top), encoding: .utf8)
        }
        for (folder, ext) in [("measures", ".sql"), ("surveys", ".yaml")] {
            for n in try fm.contentsOfDirectory(atPath: Self.pipelines.appendingPathComponent(folder).path) where n.hasSuffix(ext) {
                out[folder + "/" + n] = try String(contentsOf: Self.pipelines.appendingPathComponent(folder + "/" + n), encoding: .utf8)
            }
        }
        return out
    }

    func testEmbeddedCataloguesMatchPipelinesFolder() throws {
        let disk = try filesOnDisk()
        XCTAssertEqual(Set(EmbeddedCatalogues.files.keys), Set(disk.keys), "stale: run scripts/embed-catalogues")
        for (k, v) in disk where EmbeddedCatalogues.files[k] != v {
            XCTFail("\(k) differs from Pipelines/\(k): run scripts/embed-catalogues")
        }
    }

    func testBuiltInPathsReadTheEmbeddedTexts() throws {
        XCTAssertEqual(CatalogueFiles.read(CatalogueFiles.builtIn("standard.yaml")), EmbeddedCatalogues.files["standard.yaml"])
        XCTAssertEqual(CatalogueFiles.read(CatalogueFiles.builtIn("measures/../measures/E01.sql")), EmbeddedCatalogues.files["measures/E01.sql"])
        XCTAssertNil(CatalogueFiles.read(CatalogueFiles.builtIn("nothing.yaml")))
        XCTAssertEqual(CatalogueFiles.list(CatalogueFiles.builtIn("surveys")),
                       ["mieszkancy.yaml", "profesjonalisci.yaml", "uzytkownicy.yaml", "wspolpraca.yaml"])
        XCTAssertEqual(CatalogueFiles.display(CatalogueFiles.builtIn("standard.yaml")), "built-in standard.yaml")
    }
}
