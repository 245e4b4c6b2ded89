import Foundation
import MiaraValues
import XCTest
@testable import MiaraIngest

/// A byte copy under a longer name is the duplicate, whatever the bytewise order says
/// (decisions.md 139): `gminy (kopia).csv` sorts before `gminy.csv` (a space before a dot).
final class OriginalsTests: XCTestCase {
    func testTheShorterNameIsReadFirstAndOtherFilesKeepTheirPlaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-originals-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        func file(_ path: String, _ text: String, dataset: String = "mops/municipalities") throws -> InboxFile {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return InboxFile(path: path, url: url, dataset: dataset)
        }
        let same = "teryt,name\n2464011,Katowice\n"
        let copy = try file("mops/municipalities/gminy (kopia).csv", same)
        let other = try file("mops/municipalities/gminy-b.csv", "teryt,name\n2464011,Katowicf\n")   // same size, other bytes
        let original = try file("mops/municipalities/gminy.csv", same)
        let elsewhere = try file("ngo/providers/gminy.csv", same, dataset: "ngo/providers")          // another dataset
        XCTAssertTrue(copy.path.bytewisePrecedes(original.path), "the fixture must sort the copy first")
        let listed = [copy, other, original, elsewhere]
        XCTAssertEqual(Originals.first(listed).map(\.path),
                       [original.path, other.path, copy.path, elsewhere.path])
        XCTAssertEqual(Originals.first([other, elsewhere]).map(\.path), [other.path, elsewhere.path])
    }
}
