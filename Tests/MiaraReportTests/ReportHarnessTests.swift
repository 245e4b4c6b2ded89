import Foundation
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// Workspaces for the run-folder, manifest, verify, reproducibility and command tests: a generated
/// tiny inbox (with the known bad rows) ingested once into a template store; each test gets its
/// own copy (inbox, store, key, pipeline file) in a fresh temporary folder.
enum ReportHarness {
    static let asOf = Day(iso: "2026-10-31")!
    static let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Pipelines")

    /// One test's folder: `inbox/`, `miara.sqlite` (unless `ingested` was false), `key`, `p.yaml`;
    /// outputs go to `out/`.
    struct Workspace {
        let dir: URL
        var pipeline: URL { dir.appendingPathComponent("p.yaml") }
        var inbox: URL { dir.appendingPathComponent("inbox") }
        var outputs: URL { dir.appendingPathComponent("out") }
        var store: URL { dir.appendingPathComponent("miara.sqlite") }
        func config() throws -> PipelineConfig { try PipelineConfig.load(path: pipeline.path) }
        /// `latest`'s target as written (relative).
        var latestTarget: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: outputs.appendingPathComponent("latest").path) }
        /// The published run folders under `out/<as-of>/`.
        var runFolders: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: outputs.appendingPathComponent(asOf.iso).path)) ?? []).sorted()
        }
        /// Entries of `out/` whose name starts with `.tmp-` or `.latest-`.
        var leftovers: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? [])
                .filter { $0.hasPrefix(".tmp-") || $0.hasPrefix(".latest-") }
        }
    }

    // nonisolated(unsafe) proof: XCTest runs the test methods of this process one at a time, on one thread.
    nonisolated(unsafe) private static var template: Result<URL, Error> = Result { try makeTemplate() }
    nonisolated(unsafe) private static var counter = 0
    /// This test process's folders: pid plus a random part (pids repeat across pid namespaces).
    private static let runTag = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    /// A fresh copy of the template; `ingested: false` leaves the store out (for `miara run`).
    static func workspace(ingested: Bool = true, maxRejectShare: Double = 0.05, file: StaticString = #filePath,
                          line: UInt = #line) throws -> Workspace {
        let t = try template.get()
        counter += 1
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("miara-rf-\(runTag)-\(counter)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fm = FileManager.default
        try fm.copyItem(at: t.appendingPathComponent("inbox"), to: dir.appendingPathComponent("inbox"))
        try fm.copyItem(at: t.appendingPathComponent("key"), to: dir.appendingPathComponent("key"))
        if ingested {
            for name in ["miara.sqlite", "miara.sqlite-wal", "miara.sqlite-shm"] where fm.fileExists(atPath: t.appendingPathComponent(name).path) {
                try fm.copyItem(at: t.appendingPathComponent(name), to: dir.appendingPathComponent(name))
            }
        }
        try pipelineYAML(maxRejectShare: maxRejectShare).write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return Workspace(dir: dir)
    }

    static func pipelineYAML(maxRejectShare: Double) -> String {
        """
        inbox: inbox
        store: miara.sqlite
        outputs: out
        as_of: 2026-10-31
        periods: [2026, 2026H1, 2026Q1]
        max_reject_share: \(maxRejectShare)
        standard: \(pipelines.path)/standard.yaml
        surveys: \(pipelines.path)/surveys
        measures: \(pipelines.path)/measures.yaml
        pseudonym_key_file: key
        targets: { S05: { max: 120 } }
        author: MOPS Test

        """
    }

    private static func makeTemplate() throws -> URL {
        let tmp = FileManager.default.temporaryDirectory
        // Templates of earlier test processes, removed once they are an hour old. Not judged by
        // pid: test processes in other pid namespaces share this folder, and a pid is reused.
        let fm = FileManager.default
        for old in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where old.hasPrefix("miara-rf-") {
            let url = tmp.appendingPathComponent(old)
            if let m = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
               Date().timeIntervalSince(m) > 3600 {
                try? fm.removeItem(at: url)
            }
        }
        let dir = tmp.appendingPathComponent("miara-rf-template-\(runTag)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try GenerateStage.run(scale: "tiny", seed: 11, out: dir.appendingPathComponent("inbox").path, asOf: asOf, corrupt: true)
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("key").path,
                                       contents: Data("00112233445566778899aabbccddeeff\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        try pipelineYAML(maxRejectShare: 0.05).write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: dir.appendingPathComponent("p.yaml").path)
        _ = try IngestStage().run(RunContext(config: config, runID: "template-ingest", command: "ingest", console: Printer(mode: .quiet)))
        // Fold the WAL into the main file so a plain copy of `miara.sqlite` is complete.
        let db = try SQLiteDatabase(path: dir.appendingPathComponent("miara.sqlite").path)
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return dir
    }

    /// Runs `miara report` in-process on a workspace.
    @discardableResult
    static func report(_ ws: Workspace, runID: String, configure: (inout ReportStage) -> Void = { _ in }) throws -> ReportStage.Result {
        let config = try ws.config()
        var s = ReportCommandStage(config: config)
        configure(&s.stage)
        return try s.run(RunContext(config: config, runID: runID, command: "report", console: Printer(mode: .quiet))).1
    }

    // MARK: The built binary

    /// The `miara` executable built beside the test bundle.
    static var binary: URL? { try? MiaraBinary.url() }

    /// Runs the binary (both pipes drained at once); returns its exit status and standard output / error.
    static func miara(_ args: [String], cwd: URL? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let r = try MiaraBinary.run(args, cwd: cwd, environment: environment)
        return (r.status, r.out, r.err)
    }
}

extension XCTestCase {
    /// A fresh workspace, removed when the test ends.
    func workspace(ingested: Bool = true, maxRejectShare: Double = 0.05) throws -> ReportHarness.Workspace {
        let ws = try ReportHarness.workspace(ingested: ingested, maxRejectShare: maxRejectShare)
        addTeardownBlock { try? FileManager.default.removeItem(at: ws.dir) }
        return ws
    }
}

/// Checks the harness itself (the template builds and a report publishes).
final class ReportHarnessTests: XCTestCase {
    func testWorkspaceHasAnIngestedStore() throws {
        let ws = try workspace()
        let db = try SQLiteDatabase(path: ws.store.path)
        XCTAssertGreaterThan(try db.scalar("SELECT count(*) FROM files")?.int ?? 0, 30)
        XCTAssertGreaterThan(try db.scalar("SELECT count(*) FROM stays")?.int ?? 0, 0)
    }
}
