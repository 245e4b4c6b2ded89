import Foundation
import MiaraTestSupport
import XCTest

/// The binary copied alone into an empty folder works from any folder: the catalogues are
/// compiled into it, and a pipeline file without `measures`, `standard` and `surveys` runs.
final class StandaloneBinaryTests: XCTestCase {
    /// The installed binary when `MIARA_INSTALLED` names one (scripts/install sets it), else the
    /// built binary copied alone into a fresh temporary folder.
    func standaloneBinary(in root: URL) throws -> URL {
        if let installed = ProcessInfo.processInfo.environment["MIARA_INSTALLED"] { return URL(fileURLWithPath: installed) }
        let built = try MiaraBinary.url()
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("miara")
        try FileManager.default.copyItem(at: built, to: copy)
        return copy
    }

    func testCopiedBinaryRunsTheSpecExamplePipelineFromAnEmptyFolder() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/contracts/c.csv", "contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln\nC1,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2024-12-31,120000\n")
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-15\n")
        try h.file("ngo/costs/k.csv", "contract_id,month,category,funding,amount_pln\nC1,2024-01,staff,municipal,9000\nC1,2024-02,staff,municipal,9000\n")
        let binary = try standaloneBinary(in: h.root)
        let etc = h.root.appendingPathComponent("etc")
        let work = h.root.appendingPathComponent("Pipelines")
        let empty = h.root.appendingPathComponent("empty")
        for d in [etc, work, empty] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let key = etc.appendingPathComponent("pseudonym.key")
        try "a-test-key-of-some-length".write(to: key, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        let pipeline = work.appendingPathComponent("pipeline.yaml")
        try """
            inbox: ../inbox
            store: ../Outputs/miara.sqlite
            outputs: ../Outputs
            as_of: 2024-12-31          # or YYYY-MM-DD
            periods: [year, halves, quarters]   # of the as-of year; or a list such as [2024, 2024H1, 2024-03]
            min_cell: 5
            max_reject_share: 0.05
            pseudonym_key_file: \(key.path)
            targets: { S05: { max: 120 }, S01: { min: 0.25 } }
            lang: pl
            author: MOPS Częstochowa

            """.write(to: pipeline, atomically: true, encoding: .utf8)

        let r = try Subprocess.run(binary, ["run", "--pipeline", pipeline.path], cwd: empty)
        XCTAssertEqual(r.status, 0, r.out + r.err)
        let measures = h.root.appendingPathComponent("Outputs/latest/measures.csv")
        let text = try String(contentsOf: measures, encoding: .utf8)
        XCTAssertTrue(text.contains("E01,2024,facility,F1,"), text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty.path), [], "nothing is written into the current folder")
    }
}
