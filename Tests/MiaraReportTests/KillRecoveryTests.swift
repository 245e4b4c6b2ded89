import Foundation
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import XCTest

/// A `miara run` (the built binary) really killed with SIGKILL — while ingesting, and while writing
/// its run folder — then run again: every output equals, byte for byte, that of a run never
/// interrupted; no temporary folder is left and no run stays `running`.
final class KillRecoveryTests: XCTestCase {
    /// Starts `miara run` on the workspace and SIGKILLs it as soon as `moment` holds. Returns false
    /// when the run ended before the moment came.
    func runKilled(_ ws: ReportHarness.Workspace, when moment: () -> Bool) throws -> Bool {
        let bin = try MiaraBinary.url()
        let p = Process()
        p.executableURL = bin
        p.arguments = ["run", "--pipeline", ws.pipeline.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var killed = false
        while p.isRunning {
            if moment() { kill(p.processIdentifier, SIGKILL); killed = true; break }
            usleep(100)
        }
        p.waitUntilExit()
        return killed && p.terminationReason == .uncaughtSignal
    }

    /// The published files of the latest run, manifest aside (it holds the run id and clock times).
    func outputs(_ ws: ReportHarness.Workspace) throws -> [String: Data] {
        let latest = ws.outputs.appendingPathComponent("latest")
        var out: [String: Data] = [:]
        for f in try RunFolder.files(in: latest) where f != RunFolder.manifestName {
            out[f] = try Data(contentsOf: latest.appendingPathComponent(f))
        }
        return out
    }

    func testKilledRunsRecoverToTheSameBytes() throws {
        let reference = try workspace(ingested: false)
        let r = try ReportHarness.miara(["run", "--pipeline", reference.pipeline.path])
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        let expected = try outputs(reference)
        XCTAssertGreaterThan(expected.count, 5)

        let moments: [(String, (ReportHarness.Workspace) -> Bool)] = [
            // Ingesting, several files in: the store's write-ahead log is past 1 MB (the schema alone
            // takes 0.5 MB; this inbox's ingest ends near 4.6 MB).
            ("ingest", { ws in ((try? FileManager.default.attributesOfItem(atPath: ws.store.path + "-wal"))?[.size] as? Int ?? 0) > 1 << 20 }),
            // Publishing: the run folder is half written.
            ("report", { ws in
                let tmp = ((try? FileManager.default.contentsOfDirectory(atPath: ws.outputs.path)) ?? []).first { $0.hasPrefix(".tmp-") }
                return tmp.map { ((try? FileManager.default.contentsOfDirectory(atPath: ws.outputs.appendingPathComponent($0).path)) ?? []).count >= 2 } ?? false
            }),
        ]
        for (name, moment) in moments {
            let ws = try workspace(ingested: false)
            var killed = false
            for _ in 0..<5 where !killed {
                try? FileManager.default.removeItem(at: ws.outputs)
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ws.store.path + s) }
                killed = try runKilled(ws) { moment(ws) }
            }
            XCTAssertTrue(killed, "\(name): the run ended before it could be killed")
            let again = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path])
            XCTAssertTrue([0, 3].contains(again.status), "\(name): \(again.err)")
            let got = try outputs(ws)
            XCTAssertEqual(Set(got.keys), Set(expected.keys), name)
            for (f, data) in expected { XCTAssertTrue(got[f] == data, "\(name): \(f) differs after the rerun") }
            XCTAssertEqual(ws.leftovers, [], "\(name): temporary folders left")
            let db = try SQLiteDatabase(path: ws.store.path)
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM runs WHERE status = 'running'")?.int, 0, name)
        }
    }
}
