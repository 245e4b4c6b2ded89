import Foundation
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// manifest.json (SPEC 9.3): inputs from the `files` table, outputs with their hashes, timings.
final class ManifestTests: XCTestCase {
    func testManifestListsInputsOutputsAndTimings() throws {
        let ws = try workspace()
        let r = try ReportHarness.report(ws, runID: "run-m")
        let m = try Manifest.load(r.runFolder.appendingPathComponent("manifest.json"))
        XCTAssertEqual(m, r.manifest)
        XCTAssertEqual(m.runID, "run-m")
        XCTAssertEqual(m.command, "report")
        XCTAssertEqual(m.asOf, "2026-10-31")
        XCTAssertEqual(m.periods, ["2026", "2026H1", "2026Q1"])
        XCTAssertEqual(m.toolVersion, MiaraVersion.current)
        XCTAssertEqual(m.pipeline?.sha256, try FileScan(url: ws.pipeline).sha256)
        // v1.4: the cost lag, the settled date it gives on the as-of date (a month's last day: itself)
        // and the headline key are recorded too.
        // decisions.md 122: the targets, the key's SHA-256 (of the workspace's key text) and the catalogues' too.
        XCTAssertEqual(m.settings, .init(minCell: 5, maxRejectShare: 0.05, lang: "pl", costLagDays: 0, settledDate: "2026-10-31",
                                         headline: "year", targets: ["S05": .init(min: nil, max: 120)],
                                         pseudonymKeySHA256: FileScan.sha256(Data("00112233445566778899aabbccddeeff".utf8)),
                                         catalogues: .init(measures: FileScan.sha256(try Data(contentsOf: ReportHarness.pipelines.appendingPathComponent("measures.yaml"))),
                                                           standard: FileScan.sha256(try Data(contentsOf: ReportHarness.pipelines.appendingPathComponent("standard.yaml"))),
                                                           surveys: m.settings.catalogues?.surveys ?? "")))

        // Inputs: every stored file, with rows read = accepted + rejected.
        let db = try SQLiteDatabase(path: ws.store.path)
        XCTAssertEqual(m.inputs.count, try db.scalar("SELECT count(*) FROM files")?.int)
        // Rows read as counted by a reader independent of ingestion.
        let records = try IndependentCount.records(inbox: ws.inbox)
        for i in m.inputs {
            let read = i.fileCheck == "C20" || i.fileCheck == "C21" ? 0 : records[i.path]
            XCTAssertEqual(i.rowsRead, read, i.path)
            if i.fileCheck != nil { XCTAssertEqual(i.rowsRejected, read, i.path) }
            XCTAssertEqual(i.rowsRead, i.rowsAccepted + i.rowsRejected, i.path)
            XCTAssertEqual(i.sha256, try FileScan(url: ws.inbox.appendingPathComponent(i.path)).sha256, i.path)
            XCTAssertTrue(i.path.hasPrefix(i.dataset + "/"), i.path)
        }
        XCTAssertEqual(m.inputs.map(\.path), m.inputs.map(\.path).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        // A file-level reject counts as a share of 1 and is over the limit.
        let whole = m.inputs.filter { $0.fileCheck != nil }
        XCTAssertFalse(whole.isEmpty)
        XCTAssertTrue(whole.allSatisfy { $0.rejectShare == 1 && m.filesOverRejectShare.contains($0.path) })
        XCTAssertTrue(m.inputs.filter { $0.rejectShare <= 0.05 }.allSatisfy { !m.filesOverRejectShare.contains($0.path) })

        // Outputs: every file of the folder but the manifest, hashed.
        XCTAssertEqual(m.outputs.map(\.path), try RunFolder.files(in: r.runFolder).filter { $0 != "manifest.json" })
        XCTAssertFalse(m.outputs.contains { $0.path == "manifest.json" })
        for o in m.outputs {
            XCTAssertEqual(o.sha256, try FileScan(url: r.runFolder.appendingPathComponent(o.path)).sha256, o.path)
        }
        XCTAssertNil(m.timings.ingest, "report does not ingest")
        XCTAssertNotNil(m.timings.compute)
        XCTAssertNotNil(m.timings.report)
    }

    /// Inputs sort by path bytewise, then SHA-256: an NFD path sorts before its NFC spelling
    /// whatever their digests (Swift's `==` finds the two paths equal and would fall to the digest).
    func testInputsSortByPathBytesBeforeDigest() throws {
        let db = try FixtureStore().db.writer
        for (path, sha) in [("ngo/stays/\u{F3}.csv", "00"), ("ngo/stays/o\u{301}.csv", "ff"), ("ngo/stays/a.csv", "11")] {
            try db.execute("""
                INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
                VALUES (?, ?, 'ngo/stays', 'csv', 'utf-8', 1, '2026-11-30T01:00:00Z', 'r')
                """, [.text(path), .text(sha)])
        }
        let inputs = try Manifest.inputs(db: db).filter { $0.dataset == "ngo/stays" && $0.bytes == 1 }
        XCTAssertEqual(inputs.map(\.sha256), ["11", "ff", "00"])
    }

    func testManifestJSONIsDeterministicWithSortedKeys() throws {
        let m = Manifest(runID: "r", command: "report", asOf: "2026-10-31", periods: ["2026"], startedAt: "2026-11-01T02:30:00Z",
                         pipeline: .init(path: "p.yaml", sha256: "ab"), settings: .init(minCell: 5, maxRejectShare: 0.05, lang: "pl"),
                         inputs: [], outputs: [.init(path: "measures.csv", sha256: "cd", bytes: 3)],
                         timings: .init(ingest: 1.25, compute: 0.5, report: nil))
        let a = try m.encoded(), b = try m.encoded()
        XCTAssertEqual(a, b)
        let text = String(decoding: a, as: UTF8.self)
        let keys = ["\"as_of\"", "\"command\"", "\"files_over_reject_share\"", "\"format\"", "\"inputs\"", "\"outputs\"",
                    "\"periods\"", "\"pipeline\"", "\"run_id\"", "\"settings\"", "\"started_at\"", "\"timings\"", "\"tool_version\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        XCTAssertEqual(positions, positions.sorted(), "top-level keys in sorted order")
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertEqual(try Manifest.decode(a), m)
    }
}
