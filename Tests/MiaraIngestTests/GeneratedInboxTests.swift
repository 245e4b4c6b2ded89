import Foundation
import MiaraIngest
import MiaraPipeline
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// Properties over a whole generated inbox with known corruptions: every row read is accepted or
/// rejected, and the rejects are exactly the ones the generator planted.
final class GeneratedInboxTests: XCTestCase {
    func ingestGenerated(key: Bool) throws -> (IngestHarness, Store, [FileReport], [String]) {
        let h = try IngestHarness()
        h.asOf = Day(iso: "2026-10-31")!
        if !key { h.key = nil }
        _ = try GenerateStage.run(scale: "tiny", seed: 7, out: h.inbox.path, asOf: h.asOf, corrupt: true)
        h.questionnaires = try Questionnaire.loadAll(folder: Self.pipelines + "/surveys")
        let store = try Store.open(h.storePath, .readWrite)
        let (files, _) = try Inbox.discover(h.inbox)
        let settings = IngestSettings(asOf: h.asOf, pseudonymiser: h.settings.pseudonymiser,
                                      standard: try Standard.load(path: Self.pipelines + "/standard.yaml"), language: .en,
                                      planMeasures: IngestHarness.planMeasures)
        let reports = try Ingestor(store: store, settings: settings, runID: "t", questionnaires: h.questionnaires).ingest(files)
        let expected = try String(contentsOf: h.inbox.appendingPathComponent("expected-rejects.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
        return (h, store, reports, expected)
    }

    static var pipelines: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Pipelines").path
    }

    func testRowsReadEqualAcceptedPlusRejectedForEveryFile() throws {
        let (h, store, reports, expected) = try ingestGenerated(key: true)
        XCTAssertGreaterThan(reports.count, 20)
        // Expected counts from outside ingestion: records by an independent reader, rejects as the
        // generator planted them (expected-rejects.tsv, C rows only; C15 is pseudonymised with a key).
        let records = try IndependentCount.records(inbox: h.inbox)
        var planted: [String: Int] = [:]
        for e in expected {
            let f = e.split(separator: "\t").map(String.init)
            if f.count >= 3, f[2].hasPrefix("C"), f[2] != "C15" { planted[f[0], default: 0] += 1 }
        }
        for r in reports where r.duplicateOf == nil {
            let read = r.fileCheck == .C20 || r.fileCheck == .C21 ? 0 : records[r.path]
            XCTAssertEqual(r.rowsRead, read, r.path)
            let rejected = r.fileCheck != nil ? read : planted[r.path] ?? 0
            XCTAssertEqual(r.rowsRejected, rejected, r.path)
            XCTAssertEqual(r.rowsAccepted, (read ?? 0) - (rejected ?? 0), r.path)
            XCTAssertEqual(r.rowsRead, r.rowsAccepted + r.rowsRejected, r.path)
            // Accepted rows are stored under this file unless a later file replaced them.
            if let spec = Datasets.named(r.dataset), r.fileCheck == nil {
                let stored = try store.db.scalar("SELECT count(*) FROM \(spec.table) t JOIN files f ON f.id = t.file_id WHERE f.path = ?", [.text(r.path)])!.int!
                XCTAssertLessThanOrEqual(stored, r.rowsAccepted, r.path)
            }
        }
        let fromFiles = try store.db.query("SELECT sum(rows_read), sum(rows_accepted), sum(rows_rejected) FROM files")[0].map { $0.int! }
        XCTAssertEqual(fromFiles[0], fromFiles[1] + fromFiles[2])
    }

    func testRejectsAreExactlyThePlantedOnes() throws {
        let (h, store, _, expected) = try ingestGenerated(key: true)
        let got = try store.db.query("SELECT file, line, check_code FROM rejects").map { "\($0[0].text!)\t\($0[1].int!)\t\($0[2].text!)" }
        let warnings = try h.warnings(store).map { w -> String in let p = w.split(separator: ":"); return "\(p[0])\t\(p[1])\t\(p[3])" }
        // With a key configured the planted PESEL file is pseudonymised instead of rejected (C15).
        XCTAssertEqual(Set(got + warnings), Set(expected.filter { !$0.hasSuffix("\tC15") }))
        let codes = Set(got.map { String($0.split(separator: "\t")[2]) })
        for c in CheckCode.allCases where c.check.severity != .warning && c != .C15 {
            XCTAssertTrue(codes.contains(c.rawValue), "no reject with \(c.rawValue)")
        }
    }

    func testWithoutKeyThePESELFileIsRejectedWhole() throws {
        let (_, store, _, expected) = try ingestGenerated(key: false)
        let c15 = expected.filter { $0.hasSuffix("\tC15") }
        XCTAssertFalse(c15.isEmpty)
        let got = try store.db.query("SELECT file, line, check_code FROM rejects WHERE check_code = 'C15'").map { "\($0[0].text!)\t\($0[1].int!)\t\($0[2].text!)" }
        // The planted file, and every file of the city whose exports use PESELs, are rejected whole.
        XCTAssertTrue(Set(c15).isSubset(of: Set(got)))
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM files WHERE file_check = 'C15' AND rows_accepted > 0")?.int, 0)
    }
}
