import Foundation
import MiaraPipeline
import MiaraReport
import MiaraValues
import XCTest

/// `verify` refuses manifests that point outside the run folder or the inbox, never waits on a
/// FIFO, and tells an edited manifest by the SHA-256 the store recorded; `validate` refuses a FIFO;
/// `explain` lists the valid dimensions and facility types.
final class VerifyHardeningTests: XCTestCase {
    func testManifestPathsOutsideTheRunFolderOrInboxAreRefused() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-h")
        var m = r.manifest
        m.outputs.append(.init(path: "../../../etc/passwd", sha256: "00", bytes: 1))
        m.outputs.append(.init(path: "/etc/hostname", sha256: "00", bytes: 1))
        m.inputs[0].path = "../outside.csv"
        try m.encoded().write(to: r.runFolder.appendingPathComponent("manifest.json"))
        let problems = Verifier.verify(runFolder: r.runFolder, inbox: ws.inbox)
        XCTAssertEqual(problems.filter { $0.kind == .refusedPath }.map(\.path), ["../../../etc/passwd", "/etc/hostname", "../outside.csv"])
    }

    func testFIFOsAreNeverOpened() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-f")
        let csv = r.runFolder.appendingPathComponent("measures.csv")
        try FileManager.default.removeItem(at: csv)
        XCTAssertEqual(mkfifo(csv.path, 0o600), 0)
        // Would block for ever if opened; verify reports it instead.
        let problems = Verifier.verify(runFolder: r.runFolder)
        XCTAssertEqual(problems.first { $0.path == "measures.csv" }?.detail.en, "not a regular file")
        let fifo = ws.dir.appendingPathComponent("s.csv")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let v = try ReportHarness.miara(["validate", "--dataset", "ngo/stays", "--as-of", "2026-10-31", "--lang", "en", fifo.path])
        // A problem of that file (C20, decision 76), reported without opening it.
        XCTAssertEqual(v.status, 3, v.err)
        XCTAssertTrue(v.out.contains(":0:: C20 ") && v.out.contains("not a regular file"), v.out)
    }

    func testVerifyComparesTheManifestWithTheDigestRecordedInTheStore() throws {
        let ws = try workspace()
        let run = try ReportHarness.miara(["report", "--pipeline", ws.pipeline.path])
        XCTAssertEqual(run.status, 0, run.err)
        let latest = ws.outputs.appendingPathComponent("latest")
        let ok = try ReportHarness.miara(["verify", latest.path, "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertEqual(ok.status, 0, ok.out + ok.err)
        let digest = Verifier.manifestDigest(runFolder: latest)!
        XCTAssertTrue(ok.out.contains("manifest sha256 \(digest); recorded in the store \(digest)"), ok.out)
        // Edit the manifest consistently (a changed output with its new hash): only the digest tells.
        let url = latest.appendingPathComponent("measures.csv")
        try (try String(contentsOf: url, encoding: .utf8) + "E99,2026,all,all,,,1,,,,,\n").write(to: url, atomically: true, encoding: .utf8)
        var m = try Manifest.load(latest.appendingPathComponent("manifest.json"))
        let i = m.outputs.firstIndex { $0.path == "measures.csv" }!
        m.outputs[i].sha256 = try FileScan(url: url).sha256
        try m.encoded().write(to: latest.appendingPathComponent("manifest.json"))
        XCTAssertEqual(Verifier.verify(runFolder: latest), [], "the edited manifest agrees with the edited output")
        let caught = try ReportHarness.miara(["verify", latest.path, "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertEqual(caught.status, 1, caught.out)
        XCTAssertTrue(caught.out.contains("changed manifest: manifest.json"), caught.out)
    }

    func testExplainWithAnUnknownDimensionOrFacilityTypeListsTheValidOnes() throws {
        let ws = try workspace()
        let d = try ReportHarness.miara(["explain", "Q01", "--unit", "all", "--period", "2026", "--dimension", "nope", "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertEqual(d.status, 2, d.out + d.err)
        XCTAssertTrue(d.err.contains("unknown dimension nope for Q01 (known: "), d.err)
        let t = try ReportHarness.miara(["explain", "S05", "--unit", "all", "--period", "2026", "--facility-type", "castle", "--pipeline", ws.pipeline.path, "--lang", "en"])
        XCTAssertEqual(t.status, 2, t.out + t.err)
        XCTAssertTrue(t.err.contains("unknown facility type castle (known: night_shelter, shelter, shelter_care, supported_flat, training_flat, warming_centre)"), t.err)
    }
}

