import Foundation
import MiaraIngest
@testable import MiaraStore
import MiaraValues
import MiaraXLSX
import XCTest

/// Files spread over nights: every decision that depends on other files, the as-of date or the
/// configuration is taken again by every ingest, so nothing is lost to the order of arrival.
final class NightsTests: XCTestCase {
    static let stays = "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-01-05,2024-01-20,rented\nS2,person02,F1,2024-02-03,,\n"
    static let services = "facility_id,date,service,quantity,person_id\nF1,2024-01-06,bed_night,1,person01\nF2,2024-03-05,meal,2,person02\n"

    func counts(_ reports: [FileReport], _ path: String) -> [Int] {
        let r = reports.first { $0.path == path }!
        return [r.rowsRead, r.rowsAccepted, r.rowsRejected]
    }

    func testNGOFilesBeforeMOPSPersonsWaitAndAreAcceptedWhenThePersonsArrive() throws {
        let h = try IngestHarness()
        try h.baseline()
        let persons = h.inbox.appendingPathComponent("mops/persons/p.csv")
        let personsText = try String(contentsOf: persons, encoding: .utf8)
        try FileManager.default.removeItem(at: persons)
        try h.file("ngo/stays/s.csv", Self.stays)
        try h.file("ngo/services/v.csv", Self.services)
        let (store, night1) = try h.ingest(runID: "n1")
        XCTAssertEqual(try h.rejects(store), [
            "ngo/services/v.csv:2:person_id:C11", "ngo/services/v.csv:3:person_id:C11",
            "ngo/stays/s.csv:2:person_id:C11", "ngo/stays/s.csv:3:person_id:C11",
        ], "waiting rows are listed with their check")
        XCTAssertEqual(counts(night1, "ngo/stays/s.csv"), [2, 0, 2], "a waiting row counts as rejected")

        try h.file("mops/persons/p.csv", personsText)
        let (_, night2) = try h.ingest(runID: "n2")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.count("stays"), 2)
        XCTAssertEqual(try store.count("services"), 2)
        XCTAssertEqual(night2.first { $0.path == "ngo/stays/s.csv" }?.duplicateOf, "ngo/stays/s.csv", "the stays file is not read again")
        XCTAssertEqual(try store.db.query("SELECT rows_read, rows_accepted, rows_rejected FROM files WHERE path = 'ngo/stays/s.csv'")
                        .first?.compactMap(\.int), [2, 2, 0])
    }

    func testBackDatedAsOfThenForwardAcceptsTheLaterRows() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/services/v.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-05,meal,2,person02\nF2,2024-11,meal,40,\n")
        h.asOf = Day(iso: "2024-06-30")!
        let (store, _) = try h.ingest(runID: "back")
        XCTAssertEqual(try h.rejects(store), ["ngo/services/v.csv:3:date:C10"])
        XCTAssertEqual(try store.db.scalar("SELECT reason FROM rejects")?.text, "a date after the as-of date: 2024-11 > 2024-06-30")
        h.asOf = Day(iso: "2024-12-31")!
        _ = try h.ingest(runID: "forward")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.scalar("SELECT sum(quantity) FROM services")?.int, 42)
    }

    func testAKeyRepeatedInAFileIsDecidedAgainWithTheAsOf() throws {
        // The first row of the key is after the back-dated as-of: the second is the file's row
        // then; with the as-of forward, the first row wins and the second repeats the key.
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-09-01\nS1,person01,F1,2024-03-01\n")
        h.asOf = Day(iso: "2024-06-30")!
        let (store, _) = try h.ingest(runID: "back")
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/s.csv:2:admitted:C10"])
        XCTAssertEqual(try store.db.scalar("SELECT admitted FROM stays")?.text, "2024-03-01")
        h.asOf = Day(iso: "2024-12-31")!
        _ = try h.ingest(runID: "forward")
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/s.csv:3::C16"])
        XCTAssertEqual(try store.db.scalar("SELECT admitted FROM stays")?.text, "2024-09-01")
    }

    func testAMissingKeyRejectsTheFileUntilTheKeyIsConfigured() throws {
        let h = try IngestHarness()
        h.key = nil
        try h.baseline()
        try h.file("mops/persons/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\n44051401359,m,1944,2464011,2024-01-01,2\n")
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,44051401359,F1,2024-03-01\n")
        let (store, _) = try h.ingest(runID: "nokey")
        XCTAssertEqual(try h.rejects(store), ["mops/persons/q.csv:0:person_id:C15", "ngo/stays/s.csv:0:person_id:C15"])
        h.key = Array("test-key".utf8)
        let (_, reports) = try h.ingest(runID: "key")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(counts(reports, "ngo/stays/s.csv"), [1, 1, 0])
        XCTAssertEqual(try store.count("persons"), 3)
        XCTAssertEqual(try store.count("stays"), 1)
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM files WHERE path = 'ngo/stays/s.csv'")?.int, 1)
    }

    func testASurveyFolderWithoutAMapIsReadOnceTheMapExists() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("surveys/uzytkownicy/a.csv", """
            Placówka;Data wypełnienia;Personel traktuje mnie z szacunkiem;Czuję się tu niebezpiecznie
            F1;2024-05-01;raczej się zgadzam;Zdecydowanie się nie zgadzam
            """)
        h.questionnaires = ["uzytkownik": SurveyIngestTests.map]   // a typo in the maps
        let (store, _) = try h.ingest(runID: "typo")
        XCTAssertEqual(try h.rejects(store), ["surveys/uzytkownicy/a.csv:0::C21"])
        h.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
        _ = try h.ingest(runID: "fixed")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.count("survey_answers"), 2)
    }

    func testATemporaryFolderFailureLeavesNoTraceAndTheFileIsReadNextTime() throws {
        let h = try IngestHarness()
        try h.baseline()
        let url = h.inbox.appendingPathComponent("ngo/stays/s.xlsx")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("Pobyty")
        for (i, v) in ["stay_id", "person_id", "facility_id", "admitted"].enumerated() { ws.write(0, i, string: v) }
        for (i, v) in ["S1", "person01", "F1", "2024-03-01"].enumerated() { ws.write(1, i, string: v) }
        try wb.close()
        // A temporary folder below a regular file cannot be created.
        let blocker = h.root.appendingPathComponent("not-a-folder")
        try Data().write(to: blocker)
        let saved = ProcessInfo.processInfo.environment["TMPDIR"]
        setenv("TMPDIR", blocker.appendingPathComponent("tmp").path, 1)
        let failed: [FileReport]
        do {
            defer { if let s = saved { setenv("TMPDIR", s, 1) } else { unsetenv("TMPDIR") } }
            failed = try h.ingest(runID: "broken").1
        }
        let r = failed.first { $0.path == "ngo/stays/s.xlsx" }!
        XCTAssertNotNil(r.failure)
        let (store, _) = try h.ingest(runID: "check")
        // The failed night left nothing: the file was read by the night after, as a new file.
        XCTAssertEqual(try store.db.scalar("SELECT run_id FROM files WHERE path = 'ngo/stays/s.xlsx'")?.text, "check")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.count("stays"), 1)
    }

    func testACorrectionSentANightLaterWinsWhateverItsName() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/b-2024.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-05\n")
        let (store, _) = try h.ingest(runID: "n1")
        try h.file("ngo/stays/a-korekta.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-01-05,2024-01-09,rented\n")
        let (_, n2) = try h.ingest(runID: "n2")
        XCTAssertEqual(try store.db.scalar("SELECT discharged FROM stays WHERE stay_id = 'S1'")?.text, "2024-01-09")
        XCTAssertEqual(counts(n2, "ngo/stays/a-korekta.csv"), [1, 1, 0])
        // Both in one run: the later path wins.
        let one = try IngestHarness()
        try one.baseline()
        try one.file("ngo/stays/b-2024.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-05\n")
        try one.file("ngo/stays/a-korekta.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-01-05,2024-01-09,rented\n")
        let (oneStore, _) = try one.ingest()
        XCTAssertEqual(try oneStore.db.scalar("SELECT discharged FROM stays WHERE stay_id = 'S1'")?.isNull, true)
    }

    func testServicesAddedOnANightAreCheckedAndACorrectionOfOneReplacesIt() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/services/a.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-05,meal,2,person02\n")
        let (store, _) = try h.ingest(runID: "n1")
        // New keys only: added to the table; one names an unknown facility (C11).
        try h.file("ngo/services/b.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-06,meal,3,person02\nF9,2024-03-06,meal,1,\n")
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try h.rejects(store), ["ngo/services/b.csv:3:facility_id:C11"])
        XCTAssertEqual(try store.db.scalar("SELECT sum(quantity) FROM services")?.int, 5)
        // A correction of a.csv's row, under a name that sorts first: it replaces the row.
        try h.file("ngo/services/0-korekta.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-05,meal,20,person02\n")
        _ = try h.ingest(runID: "n3")
        XCTAssertEqual(try store.db.scalar("SELECT sum(quantity) FROM services")?.int, 23)
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM services")?.int, 2)
        XCTAssertEqual(try store.db.query("SELECT dataset FROM derivations WHERE as_of = '2024-12-31' ORDER BY 1").count, Datasets.all.count + 1)   // every dataset and the survey responses
    }

    /// The services' references are decided again only when the persons' ids change: a person
    /// corrected in a re-sent file (same ids) leaves the services' rejects as the first night
    /// wrote them (their run), a person added decides them again — and each night's store equals
    /// one ingest of the same inbox from scratch.
    func testACorrectedPersonKeepsTheReferenceDecisionsAndANewPersonRedecidesThem() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/services/v.csv", "facility_id,date,service,quantity,person_id\nF1,2024-01-06,bed_night,1,person01\nF1,2024-01-07,bed_night,1,person09\n")
        let (store, _) = try h.ingest(runID: "n1")
        let reject = "SELECT run_id FROM rejects WHERE file = 'ngo/services/v.csv' AND check_code = 'C11'"
        XCTAssertEqual(try h.rejects(store), ["ngo/services/v.csv:3:person_id:C11"])
        func scratch() throws -> [String] {
            let one = try IngestHarness()
            try FileManager.default.removeItem(at: one.inbox)
            try FileManager.default.copyItem(at: h.inbox, to: one.inbox)
            let (s, _) = try one.ingest()
            return try one.rejects(s) + s.db.query("SELECT person_id, ethos FROM persons ORDER BY 1").map { "\($0[0].text!) \($0[1].int!)" }
                + s.db.query("SELECT person_id FROM services ORDER BY 1").map { $0[0].text! }
        }
        func state() throws -> [String] {
            try h.rejects(store) + store.db.query("SELECT person_id, ethos FROM persons ORDER BY 1").map { "\($0[0].text!) \($0[1].int!)" }
                + store.db.query("SELECT person_id FROM services ORDER BY 1").map { $0[0].text! }
        }
        // person01's ETHOS category corrected: the same ids, so the reference decision stands.
        try h.file("mops/persons/p.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson01,m,1970,2464011,2024-01-10,4\nperson02,K,1980,2464011,2024-02-01,3\n")
        _ = try h.ingest(runID: "n2")
        XCTAssertEqual(try store.db.scalar("SELECT ethos FROM persons WHERE person_id = 'person01'")?.int, 4)
        XCTAssertEqual(try store.db.scalar(reject)?.text, "n1", "the services' references were not decided again")
        XCTAssertEqual(try state(), try scratch())
        // person09 arrives: the persons' ids changed, the waiting service row is accepted.
        try h.file("mops/persons/p.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson01,m,1970,2464011,2024-01-10,4\nperson02,K,1980,2464011,2024-02-01,3\nperson09,K,1990,2464011,2024-01-02,1\n")
        _ = try h.ingest(runID: "n3")
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM services")?.int, 2, "the reference decided again")
        XCTAssertEqual(try state(), try scratch())
    }

    func testASecondWriterOfTheStoreIsRefusedNamingTheHolder() throws {
        let h = try IngestHarness()
        try h.baseline()
        let held = try StoreLock.acquire(storePath: h.storePath)
        XCTAssertThrowsError(try StoreLock.acquire(storePath: h.storePath)) { e in
            XCTAssertEqual((e as? MiaraError)?.code, .lockHeld, "\(e)")
            XCTAssertEqual((e as? MiaraError)?.exitStatus, 75)
            XCTAssertTrue("\(e)".contains("(pid \(getpid()))"), "\(e)")
        }
        // The binary, with another output folder: exit 75 naming this process.
        let r = try CommandLineTests.run(["ingest", "--inbox", h.inbox.path, "--store", h.storePath, "--as-of", "2024-12-31"], cwd: h.root)
        XCTAssertEqual(r.status, 75, r.err)
        XCTAssertTrue(r.err.contains("pid \(getpid())"), r.err)
        let run = try CommandLineTests.run(["run", "--inbox", h.inbox.path, "--store", h.storePath, "--as-of", "2024-12-31",
                               "--out", h.root.appendingPathComponent("elsewhere").path], cwd: h.root)
        XCTAssertEqual(run.status, 75, run.err)
        XCTAssertTrue(run.err.contains("pid \(getpid())"), run.err)
        withExtendedLifetime(held) {}
    }

    func testAStoreOfTheEarlierReleaseIsMigratedAndANewerOneRefused() throws {
        let h = try IngestHarness()
        // The earlier release's schema: the migrations it shipped, and a row ingested by it.
        let old = try SQLiteDatabase(path: h.storePath)
        for (i, m) in Schema.migrations.prefix(7).enumerated() {   // the migrations of the earlier release
            try old.execute(m.sql)
            try old.execute("PRAGMA user_version = \(i + 1)")
        }
        try old.execute("""
            INSERT INTO files (id, path, sha256, dataset, format, encoding, bytes, rows_read, rows_accepted, ingested_at, run_id)
            VALUES (1, 'mops/municipalities/m.csv', 'abc', 'mops/municipalities', 'csv', 'utf-8', 10, 1, 1, '2024-01-01T00:00:00Z', 'old');
            INSERT INTO municipalities (key, file_id, line, raw, teryt, name, year, population)
            VALUES ('2464011' || char(31) || '2024', 1, 2, '2464011,Częstochowa,2024,214342', '2464011', 'Częstochowa', 2024, 214342);
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id)
            VALUES (1, 'mops/municipalities/m.csv', 3, 'mops/municipalities', 'teryt', 'C07', 'x', '24,Gmina,2024,1', 'old');
            """)
        let store = try Store.open(h.storePath, .readWrite)
        XCTAssertEqual(store.db.userVersion, Schema.migrations.count)
        XCTAssertEqual(try store.count("staged_municipalities"), 1)
        // The next ingest derives the table again from staging: the old row stays.
        try h.file("ngo/providers/p.csv", "provider_id,name,legal_form\nKRS:0000184388,Fundacja A,foundation\n")
        _ = try h.ingest()
        XCTAssertEqual(try store.db.scalar("SELECT population FROM municipalities WHERE teryt = '2464011'")?.int, 214342)
        XCTAssertEqual(try h.rejects(store), ["mops/municipalities/m.csv:3:teryt:C07"], "the earlier release's rejects stay")

        try store.db.execute("PRAGMA user_version = 99")
        let before = try Data(contentsOf: URL(fileURLWithPath: h.storePath))
        XCTAssertThrowsError(try Store.open(h.storePath, .readWrite)) { XCTAssertEqual(($0 as? MiaraError)?.code, .newerStore, "\($0)") }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: h.storePath)), before)
    }

    func testAnIngestDuringAReportDoesNotMixIntoItsSnapshot() throws {
        let h = try IngestHarness()
        try h.baseline()
        let (store, _) = try h.ingest(runID: "before")
        // The report's connections: the store's own and a read-only reader, in one snapshot.
        try store.measures(readers: 1) { m in
            XCTAssertEqual(m.connections.count, 2)
            try h.file("ngo/stays/s.csv", Self.stays)
            let (other, _) = try h.ingest(runID: "during")   // commits while the snapshot is open
            XCTAssertEqual(try other.count("stays"), 2)
            for c in m.connections {
                XCTAssertEqual(try c.scalar("SELECT count(*) FROM stays")?.int, 0)
                XCTAssertEqual(try c.scalar("SELECT count(*) FROM files WHERE path = 'ngo/stays/s.csv'")?.int, 0)
            }
        }
        XCTAssertEqual(try store.count("stays"), 2)
    }
}
