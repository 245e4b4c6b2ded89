@testable import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// One test per check code of SPEC 2, each on a fixture small enough to read by hand.
final class CheckCodeTests: XCTestCase {
    func check(_ path: String, _ text: String, expect: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file(path, text)
        let (store, _) = try h.ingest()
        let got = try h.rejects(store).filter { $0.hasPrefix(path) }
        XCTAssertEqual(got, expect, file: file, line: line)
    }

    func testC01MissingRequiredColumnRejectsFileNamingFirstMissing() throws {
        try check("ngo/stays/s.csv", "stay_id,facility_id,admitted\nS1,F1,2024-01-01\nS2,F1,2024-01-02\n",
                  expect: ["ngo/stays/s.csv:0:person_id:C01"])
    }

    func testC01EmptyFileHasEveryColumnMissing() throws {
        try check("ngo/stays/empty.csv", "", expect: ["ngo/stays/empty.csv:0:stay_id:C01"])
    }

    func testC02RequiredValueEmpty() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,,F1,2024-01-01\n",
                  expect: ["ngo/stays/s.csv:2:person_id:C02"])
    }

    func testC02DestinationRequiredWhenDischarged() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-01-01,2024-02-01,\n",
                  expect: ["ngo/stays/s.csv:2:destination:C02"])
    }

    func testC02PlacesRequiredForLevelledTypes() throws {
        try check("ngo/facilities/g.csv", "facility_id,provider_id,teryt,type,places,opened\nF9,KRS:0000184388,2464011,shelter,,2020-01-01\nF8,KRS:0000184388,2464011,day_centre,,2020-01-01\n",
                  expect: ["ngo/facilities/g.csv:2:places:C02"])
    }

    func testC03UnreadableDate() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-02-30\nS2,person01,F1,01.03.2024\n",
                  expect: ["ngo/stays/s.csv:2:admitted:C03"])
    }

    func testC04UnreadableNumberAndCommaDecimalOnlyInSemicolonFiles() throws {
        try check("ngo/costs/c.csv", "contract_id,month,category,amount_pln,funding\nK1,2024-01,staff,\"1234,5\",municipal\n",
                  expect: ["ngo/costs/c.csv:2:amount_pln:C04"])
    }

    func testC05CodeNotInList() throws {
        try check("mops/persons/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson03,x,1970,2464011,2024-01-01,2\n",
                  expect: ["mops/persons/q.csv:2:sex:C05"])
    }

    func testC05UnknownCriterion() throws {
        try check("ngo/audits/a.csv", "facility_id,date,criterion,result\nF1,2024-03-01,b01,met\nF1,2024-03-01,Z99,met\n",
                  expect: ["ngo/audits/a.csv:3:criterion:C05"])
    }

    func testC06ProviderChecksums() throws {
        // NIP 5261040828: 5·6+2·5+6·7+1·2+0·3+4·4+0·5+8·6+2·7 = 162, 162 mod 11 = 8 = last digit.
        // REGON 123456785: 1·8+2·9+3·2+4·3+5·4+6·5+7·6+8·7 = 192, 192 mod 11 = 5 = last digit.
        try check("ngo/providers/q.csv", """
            provider_id,name
            NIP:5261040828,ok nip
            nip:5261040827,bad nip checksum
            REGON:123456785,ok regon9
            REGON:123456786,bad regon
            KRS: 0000184388,space inside
            0000000001,bare krs
            """, expect: ["ngo/providers/q.csv:3:provider_id:C06", "ngo/providers/q.csv:5:provider_id:C06", "ngo/providers/q.csv:6:provider_id:C06"])
    }

    func testC07TerytNotSevenDigits() throws {
        try check("mops/staff/s.csv", "teryt,period,role,fte\n246401,2024,social_worker,3\n",
                  expect: ["mops/staff/s.csv:2:teryt:C07"])
    }

    func testC08DatesOutOfOrder() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-03-01,2024-02-01,street\n",
                  expect: ["ngo/stays/s.csv:2:discharged:C08"])
    }

    func testC09NegativeValue() throws {
        try check("mops/staff/s.csv", "teryt,period,role,fte\n2464011,2024,social_worker,-1\n",
                  expect: ["mops/staff/s.csv:2:fte:C09"])
    }

    func testC10AfterAsOfButNotForPlanDates() throws {
        try check("mops/programmes/p.csv", """
            programme_id,person_id,kind,start,planned_end,end,outcome
            G1,person01,ipwzb,2024-06-01,2025-06-01,,ongoing
            G2,person01,ipwzb,2025-01-01,,,ongoing
            """, expect: ["mops/programmes/p.csv:3:start:C10"])
    }

    func testC10StayDischargedAfterAsOfIsQuarantined() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-12-01,2025-01-05,street\n",
                  expect: ["ngo/stays/s.csv:2:discharged:C10"])
    }

    func testC11UnknownReferenceAndCascade() throws {
        let h = try IngestHarness()
        try h.baseline()
        // person03's teryt does not exist, so person03 is quarantined, and so is its stay.
        try h.file("mops/persons/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson03,m,1970,9999999,2024-01-01,2\n")
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person03,F1,2024-01-01\nS2,person01,F7,2024-01-01\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["mops/persons/q.csv:2:teryt:C11", "ngo/stays/s.csv:2:person_id:C11", "ngo/stays/s.csv:3:facility_id:C11"])
    }

    func testC12StayInFacilityWithoutBeds() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F2,2024-01-01\n",
                  expect: ["ngo/stays/s.csv:2:facility_id:C12"])
    }

    func testC13OverlappingStays() throws {
        // S1 [01-01, 02-01), S2 admitted on S1's discharge day: no overlap; S3 inside S2: overlap;
        // S4 ongoing from 03-01; S5 after it: overlaps the open-ended S4.
        try check("ngo/stays/s.csv", """
            stay_id,person_id,facility_id,admitted,discharged,destination
            S1,person01,F1,2024-01-01,2024-02-01,other_facility
            S2,person01,F1,2024-02-01,2024-02-20,street
            S3,person01,F1,2024-02-10,2024-02-12,street
            S4,person01,F1,2024-03-01,,
            S5,person01,F1,2024-05-01,2024-05-02,street
            """, expect: ["ngo/stays/s.csv:4:admitted:C13", "ngo/stays/s.csv:6:admitted:C13"])
    }

    func testC14WrongFieldCountAndTextAfterQuote() throws {
        try check("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1\nS2,\"person01\"x,F1,2024-01-01\nS3,person01,F1,2024-01-05,extra\nS4,person02,F1,2024-01-01\n",
                  expect: ["ngo/stays/s.csv:2::C14", "ngo/stays/s.csv:3::C14", "ngo/stays/s.csv:4::C14"])
    }

    func testC15PESELWithoutKeyRejectsWholeFile() throws {
        let h = try IngestHarness()
        h.key = nil
        try h.baseline()
        try h.file("mops/persons/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson03,m,1970,2464011,2024-01-01,2\n44051401359,m,1944,2464011,2024-01-01,2\n")
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["mops/persons/q.csv:0:person_id:C15"])
        let r = reports.first { $0.path == "mops/persons/q.csv" }!
        XCTAssertEqual([r.rowsRead, r.rowsAccepted, r.rowsRejected], [2, 0, 2])
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM persons WHERE person_id = 'person03'")?.int, 0)
    }

    func testC16KeyRepeatsWithinFileButLaterFileReplaces() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/a.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\ns1,person02,F1,2024-01-02\nS1,person01,F1,2024-01-03\n")
        try h.file("ngo/stays/b.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-01-01,2024-01-10,rented\n")
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/a.csv:4::C16"])
        // S1 came from b.csv (replaced by key); s1 is another key (ids are case-sensitive).
        XCTAssertEqual(try store.db.query("SELECT stay_id, line FROM stays ORDER BY stay_id").map { "\($0[0].text!)@\($0[1].int!)" }, ["S1@2", "s1@3"])
        XCTAssertEqual(try store.db.scalar("SELECT discharged FROM stays WHERE stay_id = 'S1'")?.text, "2024-01-10")
        let a = reports.first { $0.path == "ngo/stays/a.csv" }!
        XCTAssertEqual([a.rowsRead, a.rowsAccepted, a.rowsRejected], [3, 2, 1])
    }

    func testC18PersonIdNeitherPseudonymNorPESEL() throws {
        try check("mops/persons/q.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nab c,m,1970,2464011,2024-01-01,2\nabc,m,1970,2464011,2024-01-01,2\n",
                  expect: ["mops/persons/q.csv:2:person_id:C18", "mops/persons/q.csv:3:person_id:C18"])
    }

    func testC19OutOfRange() throws {
        try check("mops/persons/q.csv", """
            person_id,sex,birth_year,teryt,first_seen,ethos
            person03,m,1899,2464011,2024-01-01,2
            person04,m,1970,2464011,2024-01-01,7
            person05,m,1970,2464011,2024-01-01,2.5
            """, expect: ["mops/persons/q.csv:2:birth_year:C19", "mops/persons/q.csv:3:ethos:C19", "mops/persons/q.csv:4:ethos:C04"])
    }

    func testC19OutcomeWithoutEnd() throws {
        try check("mops/programmes/p.csv", "programme_id,person_id,kind,start,end,outcome\nG1,person01,ipwzb,2024-01-01,,completed\n",
                  expect: ["mops/programmes/p.csv:2:end:C19"])
    }

    func testC20UnreadableFiles() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/stays/bad.xlsx", "this is not a zip")
        try h.file("ngo/stays/cp.csv", bytes: Array("stay_id,person_id,facility_id,admitted\nS1,".utf8) + [0x81, 0x98] + Array(",F1,2024-01-01\n".utf8))
        try h.file("ngo/stays/q.csv", "stay_id,\"person_id,facility_id,admitted\nS1,person01,F1,2024-01-01\n")
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/bad.xlsx:0::C20", "ngo/stays/cp.csv:0::C20", "ngo/stays/q.csv:0::C20"])
        XCTAssertTrue(reports.filter { $0.dataset == "ngo/stays" }.allSatisfy { $0.rowsRead == 0 && $0.fileCheck == .C20 })
    }

    func testW01UnknownColumnsAndW02PESELInFreeText() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/audits/a.csv", "facility_id,date,criterion,result,note,inspector\nF1,2024-03-01,B01,met,kontrola pana 44051401359 ok,Kowalski\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.warnings(store), ["ngo/audits/a.csv:0:inspector:W01", "ngo/audits/a.csv:2:note:W02"])
        XCTAssertEqual(try store.db.scalar("SELECT note FROM audits")?.text, "kontrola pana [PESEL] ok")
        // The record's text is kept in the store's archive of the file (the staged row keeps
        // its values only), the PESEL masked there too.
        XCTAssertEqual(try store.db.scalar("SELECT raw FROM staged_audits")?.text, "")
        let a = try XCTUnwrap(try StoreRecords.archivedFile(store.db.reader, fileID: Int64(try store.db.scalar("SELECT id FROM files WHERE path = 'ngo/audits/a.csv'")?.int ?? 0)))
        XCTAssertEqual(String(decoding: try FileArchive.unpack(a.packed, size: a.bytes), as: UTF8.self),
                       "facility_id,date,criterion,result,note,inspector\nF1,2024-03-01,B01,met,kontrola pana [PESEL] ok,Kowalski\n")
    }
}
