import Foundation
import MiaraPipeline
import MiaraReport
import XCTest

/// `miara verify --recompute`: a run is re-derived from the manifest's inputs byte for byte, and
/// an edited input shows in the outputs it changes.
final class RecomputeTests: XCTestCase {
    func testRunIsRecomputedByteForByteAndAnEditedInputIsCaught() throws {
        let ws = try workspace(ingested: false)
        let run = try RunStage(config: try ws.config()).run(RunContext(config: try ws.config(), runID: "run-r", console: Printer(mode: .quiet)))
        let folder = try XCTUnwrap(run.runFolder)
        let config = try ws.config()
        XCTAssertEqual(try Recompute.run(runFolder: folder, inbox: ws.inbox, config: config), [])

        // A new file in the inbox is not an input of the run: still identical.
        let costs = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: ws.inbox.appendingPathComponent("ngo/costs").path)
            .sorted().first { $0.hasSuffix(".csv") })
        let url = ws.inbox.appendingPathComponent("ngo/costs/" + costs)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        try (lines.joined(separator: "\n")).write(to: ws.inbox.appendingPathComponent("ngo/costs/later.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try Recompute.run(runFolder: folder, inbox: ws.inbox, config: config), [])

        // One amount changed by 10,000 PLN: measures.csv and benchmark.csv differ.
        let i = try XCTUnwrap(lines.indices.first { $0 > 0 && lines[$0].contains(",2026-0") && lines[$0].contains(",municipal") })
        var fields = lines[i].components(separatedBy: ",")
        fields[3] = String(format: "%.2f", (Double(fields[3]) ?? 0) + 10_000)
        lines[i] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let differences = try Recompute.run(runFolder: folder, inbox: ws.inbox, config: config).map(\.path)
        XCTAssertTrue(differences.contains("measures.csv"), "\(differences)")
        XCTAssertTrue(differences.contains("benchmark.csv"), "\(differences)")
        XCTAssertFalse(differences.contains(RunFolder.manifestName))
    }
}
