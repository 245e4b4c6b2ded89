import Foundation
import MiaraPipeline
import MiaraReport
import XCTest

/// `miara verify` finds changed, missing and extra outputs and changed inputs.
final class VerifyTests: XCTestCase {
    func testFreshRunVerifies() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-v")
        XCTAssertEqual(Verifier.verify(runFolder: r.runFolder, inbox: ws.inbox), [])
        XCTAssertEqual(Verifier.verify(runFolder: ws.outputs.appendingPathComponent("latest"), inbox: ws.inbox), [])
    }

    func testChangedOutputByteIsFound() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-v")
        let url = r.runFolder.appendingPathComponent("measures.csv")
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: url)
        let problems = Verifier.verify(runFolder: r.runFolder)
        XCTAssertEqual(problems.map(\.kind), [.changedOutput])
        XCTAssertEqual(problems.first?.path, "measures.csv")
    }

    func testChangedInputIsFound() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-v")
        let input = r.manifest.inputs.first { $0.path.hasPrefix("ngo/stays/") }!
        let h = try FileHandle(forWritingTo: ws.inbox.appendingPathComponent(input.path))
        h.seekToEndOfFile(); h.write(Data("\n".utf8)); h.closeFile()
        XCTAssertEqual(Verifier.verify(runFolder: r.runFolder), [], "inputs are only checked with the inbox")
        let problems = Verifier.verify(runFolder: r.runFolder, inbox: ws.inbox)
        XCTAssertEqual(problems.map(\.kind), [.changedInput])
        XCTAssertEqual(problems.first?.path, input.path)
    }

    func testMissingAndExtraFilesAreFound() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-v")
        try FileManager.default.removeItem(at: r.runFolder.appendingPathComponent("benchmark.csv"))
        try Data("x".utf8).write(to: r.runFolder.appendingPathComponent("notes.txt"))
        let removed = r.manifest.inputs.first { $0.path.hasPrefix("ngo/costs/") }!
        try FileManager.default.removeItem(at: ws.inbox.appendingPathComponent(removed.path))
        let problems = Verifier.verify(runFolder: r.runFolder, inbox: ws.inbox)
        XCTAssertEqual(problems.map(\.description), [
            "missing output: benchmark.csv", "extra file: notes.txt (not in the manifest)", "missing input: \(removed.path)",
        ])
    }

    func testVerifyCommandExitStatus() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-v")
        let ok = try ReportHarness.miara(["verify", r.runFolder.path, "--inbox", ws.inbox.path])
        XCTAssertEqual(ok.status, 0, ok.out + ok.err)
        XCTAssertTrue(ok.out.hasPrefix("ok: "), ok.out)
        let url = r.runFolder.appendingPathComponent("rejects.csv")
        try (String(decoding: try Data(contentsOf: url), as: UTF8.self) + "x").write(to: url, atomically: true, encoding: .utf8)
        let bad = try ReportHarness.miara(["verify", ws.outputs.appendingPathComponent("latest").path, "--lang", "en"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.out.hasPrefix("changed output: rejects.csv (sha256 "), bad.out)
        XCTAssertEqual(bad.out.split(separator: "\n").count, 1)
    }
}
