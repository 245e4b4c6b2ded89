import Foundation
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
import XCTest

/// Fast nights: a run with nothing new publishes the last run's outputs again (byte-identical to
/// a recompute); whatever its outputs depend on changes makes it recompute.
final class FastNightsTests: XCTestCase {
    /// Runs `miara run` once; returns its manifest and the console lines.
    private func night(_ config: PipelineConfig, _ id: String, reuse: Bool = true) throws -> (manifest: Manifest, folder: URL, lines: [String]) {
        var stage = RunStage(config: config)
        let console = Printer(mode: .normal, language: .en, timestamps: false, progressBars: false)
        let lines = LineBox()
        console.write = { text, _ in lines.append(text) }
        stage.reuse = reuse
        let r = try stage.run(RunContext(config: config, runID: id, console: console))
        return (try XCTUnwrap(r.manifest), try XCTUnwrap(r.runFolder), lines.lines)
    }

    /// Every file of a run folder but the manifest, with its bytes.
    private func outputs(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in try RunFolder.files(in: folder) where f != RunFolder.manifestName {
            out[f] = try Data(contentsOf: folder.appendingPathComponent(f))
        }
        return out
    }

    func testNothingNewReusesTheLastRunByteForByteAsARecompute() throws {
        let ws = try workspace(ingested: false)
        let config = try ws.config()
        let first = try night(config, "night-1")
        XCTAssertNil(first.manifest.reusedFrom)
        let second = try night(config, "night-2")
        XCTAssertEqual(second.manifest.reusedFrom, "night-1")
        XCTAssertEqual(second.lines.filter { $0.contains("nothing new since run night-1") }.count, 1, "\(second.lines)")
        XCTAssertFalse(second.lines.contains { $0.contains("compute:") }, "\(second.lines)")
        let db = try SQLiteDatabase(path: ws.store.path).reader
        let stages = try StageLog.stages(db, runID: "night-2").map(\.stage)
        XCTAssertTrue(stages.contains("reuse"), "\(stages)")
        XCTAssertFalse(stages.contains("compute") || stages.contains("report"), "\(stages)")
        // The folder verifies, and its files are the ones a forced recompute writes.
        XCTAssertEqual(Verifier.verify(runFolder: second.folder), [])
        let forced = try night(config, "night-3", reuse: false)
        XCTAssertNil(forced.manifest.reusedFrom)
        let recomputed = try outputs(forced.folder)
        XCTAssertGreaterThan(recomputed.keys.filter { $0.hasSuffix(".xlsx") }.count, 3)
        XCTAssertEqual(try outputs(second.folder), recomputed)
        XCTAssertEqual(try outputs(first.folder), recomputed)
        // The same files with the same inputs; the reused night's name the run they came from.
        XCTAssertEqual(second.manifest.outputs.map { [$0.path, $0.sha256, $0.inputsSHA256 ?? "-"] },
                       forced.manifest.outputs.map { [$0.path, $0.sha256, $0.inputsSHA256 ?? "-"] })
        XCTAssertEqual(Set(second.manifest.outputs.map { $0.reusedFrom ?? "" }), ["night-1"])
        XCTAssertEqual(Set(forced.manifest.outputs.map { $0.reusedFrom ?? "" }), [""], "--no-reuse writes every file")
        // The same inputs (a file rejected whole for want of a questionnaire map is tried again each night).
        XCTAssertEqual(second.manifest.inputs.map { [$0.path, $0.sha256] }, forced.manifest.inputs.map { [$0.path, $0.sha256] })
    }

    func testWhateverTheOutputsDependOnChangedRecomputes() throws {
        let ws = try workspace(ingested: false)
        var config = try ws.config()
        XCTAssertNil(try night(config, "n1").manifest.reusedFrom)
        XCTAssertEqual(try night(config, "n2").manifest.reusedFrom, "n1")

        // Another as-of date.
        config.asOfText = "2026-10-30"
        XCTAssertNil(try night(config, "n3").manifest.reusedFrom)
        XCTAssertEqual(try night(config, "n4").manifest.reusedFrom, "n3")
        config.asOfText = "2026-10-31"
        XCTAssertNil(try night(config, "n5").manifest.reusedFrom, "the last published run is n4, of another as-of")

        // A setting that reaches the outputs.
        config.minCell = 7
        XCTAssertNil(try night(config, "n6").manifest.reusedFrom)
        XCTAssertEqual(try night(config, "n7").manifest.reusedFrom, "n6")

        // The last run folder no longer verifies (an output edited by hand).
        let n7 = ws.outputs.appendingPathComponent("2026-10-31/n7/measures.csv")
        try (try String(contentsOf: n7, encoding: .utf8) + "x\n").write(to: n7, atomically: true, encoding: .utf8)
        XCTAssertNil(try night(config, "n8").manifest.reusedFrom)

        // An edited catalogue: a comment added to one measure's SQL.
        let pipelines = ws.dir.appendingPathComponent("Pipelines")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: config.measures).deletingLastPathComponent(), to: pipelines)
        config.measures = pipelines.appendingPathComponent("measures.yaml").path
        XCTAssertEqual(try night(config, "n9").manifest.reusedFrom, "n8", "a copy of the same catalogue is the same catalogue")
        let sql = pipelines.appendingPathComponent("measures/E01.sql")
        try ("-- edited\n" + (try String(contentsOf: sql, encoding: .utf8))).write(to: sql, atomically: true, encoding: .utf8)
        XCTAssertNil(try night(config, "n10").manifest.reusedFrom)

        // The standard and the questionnaire maps count as catalogues too.
        config.standard = pipelines.appendingPathComponent("standard.yaml").path
        XCTAssertEqual(try night(config, "n11").manifest.reusedFrom, "n10")
        let standard = URL(fileURLWithPath: config.standard)
        try (try String(contentsOf: standard, encoding: .utf8) + "\n# edited\n").write(to: standard, atomically: true, encoding: .utf8)
        XCTAssertNil(try night(config, "n12").manifest.reusedFrom)

        // A new file in the inbox (not a byte-copy of one the store holds).
        let costs = ws.inbox.appendingPathComponent("ngo/costs")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: costs.path).sorted().first { $0.hasSuffix(".csv") })
        let text = try String(contentsOf: costs.appendingPathComponent(name), encoding: .utf8)
        try (text.components(separatedBy: "\n").prefix(2).joined(separator: "\n") + "\n")
            .write(to: costs.appendingPathComponent("later.csv"), atomically: true, encoding: .utf8)
        let n13 = try night(config, "n13")
        XCTAssertNil(n13.manifest.reusedFrom)
        XCTAssertTrue(n13.manifest.inputs.contains { $0.path.hasSuffix("later.csv") })
        XCTAssertEqual(try night(config, "n14").manifest.reusedFrom, "n13")
    }

    func testARunAfterAReportWithNothingNewReusesTheReport() throws {
        let ws = try workspace()
        let config = try ws.config()
        let (_, report) = try ReportCommandStage(config: config).run(RunContext(config: config, runID: "report-1", command: "report", console: Printer(mode: .quiet)))
        let night = try night(config, "night-1")
        XCTAssertEqual(night.manifest.reusedFrom, "report-1")
        XCTAssertEqual(try outputs(night.folder), try outputs(report.runFolder))
    }

    func testTheFingerprintDescribesEverythingItCovers() throws {
        let ws = try workspace()
        let config = try ws.config()
        let context = try RunContext(config: config, runID: "fp", console: Printer(mode: .quiet))
        let fp = try context.read { try RunFingerprint(context: context, db: $0) }
        let keys = Set(fp.description.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") })
        for key in ["tool", "as_of", "periods", "min_cell", "max_reject_share", "lang", "author", "target", "measures", "sql",
                    "standard", "survey", "schema", "file"] {
            XCTAssertTrue(keys.contains(key), key)
        }
        XCTAssertFalse(fp.description.contains(ws.dir.path), "paths on this machine are not part of it")
        XCTAssertEqual(try context.read { try RunFingerprint(context: context, db: $0) }, fp)
    }
}

/// Lines a test console printed (the printer may write from several threads).
// @unchecked proof: `stored` is read and written only while `lock` is held.
final class LineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ s: String) { lock.lock(); stored.append(s); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored.joined().components(separatedBy: "\n") }
}
