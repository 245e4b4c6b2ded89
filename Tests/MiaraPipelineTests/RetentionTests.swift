import Foundation
import MiaraPipeline
import XCTest

/// `keep: {nights, month_ends}` and `miara prune`: what goes and what never goes.
final class RetentionTests: XCTestCase {
    var outputs: URL!

    override func setUpWithError() throws {
        outputs = FileManager.default.temporaryDirectory.appendingPathComponent("miara-prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: outputs) }

    /// A published run folder (one with a manifest) for as-of `day`.
    func publish(_ day: String, _ run: String) throws {
        let dir = outputs.appendingPathComponent(day).appendingPathComponent(run)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "{}".write(to: dir.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
    }

    func testKeepsLastNightsAndLastRunOfEachMonth() throws {
        // Nightly runs from 2026-09-25 to 2026-11-30.
        var day = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: 2026, month: 9, day: 25))!
        var all: [String] = []
        let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC")
        while f.string(from: day) <= "2026-11-30" {
            let d = f.string(from: day)
            try publish(d, "R" + d.replacingOccurrences(of: "-", with: ""))
            all.append(d)
            day = day.addingTimeInterval(86400)
        }
        // latest points at the newest; 2026-10-10 was sent to the ministry.
        try FileManager.default.createSymbolicLink(atPath: outputs.appendingPathComponent("latest").path, withDestinationPath: "2026-11-30/R20261130")
        try "# sent to the ministry\nR20261010\n".write(to: outputs.appendingPathComponent("submissions.txt"), atomically: true, encoding: .utf8)
        let removed = try Retention(nights: 5, monthEnds: 2).prune(outputs: outputs)
        let kept = Retention.runFolders(in: outputs).map(\.asOf)
        // Last 5 nights, the last run of the last two months (October, November), the submitted run.
        XCTAssertEqual(kept, ["2026-10-10", "2026-10-31", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"])
        XCTAssertEqual(removed.count, all.count - kept.count)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("2026-09-30").path), "empty as-of folders go")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("latest/manifest.json").path))
    }

    func testLatestIsNeverRemovedAndFoldersWithoutManifestAreLeftAlone() throws {
        try publish("2026-11-01", "A")
        try publish("2026-11-02", "B")
        try FileManager.default.createDirectory(at: outputs.appendingPathComponent("2026-11-01/.tmp-x"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: outputs.appendingPathComponent("latest").path, withDestinationPath: "2026-11-01/A")
        let removed = try Retention(nights: 1, monthEnds: 0).prune(outputs: outputs)
        XCTAssertEqual(removed.map(\.relative), [])
        XCTAssertEqual(Retention.runFolders(in: outputs).map(\.relative), ["2026-11-01/A", "2026-11-02/B"])
        XCTAssertEqual(try Retention(nights: 1, monthEnds: 0).prune(outputs: outputs, dryRun: true).count, 0)
    }

    func testKeepSettingIsReadAndChecked() throws {
        let p = outputs.appendingPathComponent("p.yaml")
        try "keep: { nights: 14, month_ends: 24 }\n".write(to: p, atomically: true, encoding: .utf8)
        XCTAssertEqual(try PipelineConfig.load(path: p.path).keep, Retention(nights: 14, monthEnds: 24))
        try "keep: { nights: 0 }\n".write(to: p, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PipelineConfig.load(path: p.path)) { XCTAssertTrue("\($0)".contains("keep.nights"), "\($0)") }
        try "keep: { weeks: 2 }\n".write(to: p, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PipelineConfig.load(path: p.path)) { XCTAssertTrue("\($0)".contains("p.yaml:1: keep.weeks"), "\($0)") }
    }
}
