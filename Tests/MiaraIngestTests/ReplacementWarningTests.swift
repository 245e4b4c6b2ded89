import Foundation
import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// W03 (SPEC 2): a row that replaces the row of the same key from a file sorting after its own
/// warns (an older version re-sent after a correction); the row is kept. Checked on audits (a
/// dataset whose new rows are appended) and facilities (always derived again), over splits of
/// the same files into nights, and against a derivation from scratch.
final class ReplacementWarningTests: XCTestCase {
    static let header = "facility_id,date,criterion,result\n"
    /// The original, its correction, and the original re-sent under a name that sorts before the
    /// correction (CRLF line ends: other bytes, so it is read, not skipped as the same file).
    static let original = header + "F1,2024-03-01,K01,not_met\n"
    static let correction = header + "F1,2024-03-01,K01,met\n"
    static let resent = (header + "F1,2024-03-01,K01,not_met\n").replacingOccurrences(of: "\n", with: "\r\n")

    /// Warnings as `file:line:check:message`, sorted.
    func w03(_ store: Store) throws -> [String] {
        try store.db.query("SELECT file, line, check_code, message FROM warnings WHERE check_code = 'W03' ORDER BY file, line").map {
            "\($0[0].text!):\($0[1].int!):\($0[2].text!):\($0[3].text!)"
        }
    }

    func acceptedResult(_ store: Store) throws -> String? {
        try store.db.scalar("SELECT result FROM audits WHERE facility_id = 'F1' AND criterion = 'K01'")?.text
    }

    static let expected = ["ngo/audits/a-kopia.csv:2:W03:the row replaced the row of the same key from a file that sorts after its own (an older version re-sent after a correction?): ngo/audits/b.csv, line 2"]

    func testResentOriginalAfterACorrectionWarnsAndIsKept() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/audits/a.csv", Self.original)
        try h.ingest(runID: "night1")
        try h.file("ngo/audits/b.csv", Self.correction)
        let (s2, _) = try h.ingest(runID: "night2")
        XCTAssertEqual(try w03(s2), [], "a correction in path order is no reversal")
        XCTAssertEqual(try acceptedResult(s2), "met")
        try h.file("ngo/audits/a-kopia.csv", Self.resent)
        let (s3, _) = try h.ingest(runID: "night3")
        XCTAssertEqual(try w03(s3), Self.expected)
        XCTAssertEqual(try acceptedResult(s3), "not_met", "the later arrival still wins (SPEC 2); W03 only warns")
        XCTAssertEqual(try s3.db.scalar("SELECT run_id FROM warnings WHERE check_code = 'W03'")?.text, "night3")

        // A derivation from scratch (every table rebuilt) finds the same warning and keeps the
        // run that first wrote it; a quiet night adds nothing.
        try s3.db.execute("DELETE FROM derivations")
        let (s4, _) = try h.ingest(runID: "night4")
        XCTAssertEqual(try w03(s4), Self.expected)
        XCTAssertEqual(try s4.db.scalar("SELECT group_concat(run_id) FROM warnings WHERE check_code = 'W03'")?.text, "night3")
        let (s5, _) = try h.ingest(runID: "night5")
        XCTAssertEqual(try w03(s5), Self.expected)
    }

    func testSameFilesInPathOrderInOneNightDoNotWarn() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/audits/a.csv", Self.original)
        try h.file("ngo/audits/b.csv", Self.correction)
        try h.file("ngo/audits/a-kopia.csv", Self.resent)
        let (store, _) = try h.ingest()
        XCTAssertEqual(try w03(store), [])
        XCTAssertEqual(try acceptedResult(store), "met", "in one run the last in path order (b.csv) wins")
    }

    func testTwoSplitsWithTheSameArrivalOrderGiveTheSameWarning() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/audits/a.csv", Self.original)
        try h.file("ngo/audits/b.csv", Self.correction)
        try h.ingest(runID: "night1")
        try h.file("ngo/audits/a-kopia.csv", Self.resent)
        let (store, _) = try h.ingest(runID: "night2")
        XCTAssertEqual(try w03(store), Self.expected)
    }

    /// Facilities are referenced by other datasets, so they are derived again whole every time.
    func testReversalInADatasetDerivedWhole() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.ingest(runID: "night1")
        let header = "facility_id,provider_id,teryt,type,places,floor_area_m2,opened\n"
        try h.file("ngo/facilities/g.csv", header + "F1,KRS:0000184388,2464011,night_shelter,25,60,2020-01-01\n")
        let (s2, _) = try h.ingest(runID: "night2")
        XCTAssertEqual(try w03(s2), [])
        try h.file("ngo/facilities/f-kopia.csv", header + "F1,KRS:0000184388,2464011,night_shelter,20,60,2020-01-01\n")
        let (s3, _) = try h.ingest(runID: "night3")
        XCTAssertEqual(try w03(s3), ["ngo/facilities/f-kopia.csv:2:W03:the row replaced the row of the same key from a file that sorts after its own (an older version re-sent after a correction?): ngo/facilities/g.csv, line 2"])
        XCTAssertEqual(try s3.db.scalar("SELECT places FROM facilities WHERE facility_id = 'F1'")?.int, 20)
        // Another file of the dataset the next night: derived again, the warning kept once.
        try h.file("ngo/facilities/z.csv", header + "F9,KRS:0000184388,2464011,soup_kitchen,,,2021-01-01\n")
        let (s4, _) = try h.ingest(runID: "night4")
        XCTAssertEqual(try w03(s4).count, 1)
        XCTAssertEqual(try s4.db.scalar("SELECT run_id FROM warnings WHERE check_code = 'W03'")?.text, "night3")
    }

    /// Through the binary, three nights of `miara run`: W03 in the run folder's warnings.csv and
    /// on the console on the night the re-sent original arrives, not on the night of the correction.
    func testBinaryWritesW03ToWarningsCSVAndTheConsole() throws {
        let h = try IngestHarness()
        try h.baseline()
        let yaml = h.root.appendingPathComponent("p.yaml")
        try "inbox: inbox\nstore: miara.sqlite\noutputs: out\nas_of: 2024-12-31\nperiods: [2024]\nlang: en\nmax_reject_share: 1\n"
            .write(to: yaml, atomically: true, encoding: .utf8)
        func night() throws -> (err: String, warnings: String) {
            let r = try CommandLineTests.run(["run", "--pipeline", yaml.path], cwd: h.root)
            XCTAssertEqual(r.status, 0, r.err)
            let csv = try String(contentsOf: h.root.appendingPathComponent("out/latest/warnings.csv"), encoding: .utf8)
            return (r.err, csv)
        }
        try h.file("ngo/audits/a.csv", Self.original)
        _ = try night()
        try h.file("ngo/audits/b.csv", Self.correction)
        let n2 = try night()
        XCTAssertFalse(n2.warnings.contains("W03"), n2.warnings)
        XCTAssertFalse(n2.err.contains("W03"), n2.err)
        try h.file("ngo/audits/a-kopia.csv", Self.resent)
        let n3 = try night()
        XCTAssertTrue(n3.warnings.contains("ngo/audits/a-kopia.csv,2,ngo/audits,,W03,\"the row replaced the row of the same key from a file that sorts after its own (an older version re-sent after a correction?): ngo/audits/b.csv, line 2\"\n"), n3.warnings)
        XCTAssertTrue(n3.err.contains("warnings W03 (the row replaced the row of the same key from a file that sorts after its own (an older version re-sent after a correction?)): 1; listed in warnings.csv in the run folder"), n3.err)
    }
}
