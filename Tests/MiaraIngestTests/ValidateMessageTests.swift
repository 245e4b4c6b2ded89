import Foundation
import MiaraPipeline
import MiaraStore
import MiaraValues
import MiaraXLSX
import XCTest

/// `miara validate` teaches: one test per kind of message, on files small enough to read.
final class ValidateMessageTests: XCTestCase {
    /// The printed lines of `validate` on one file of `dataset`.
    func validate(_ dataset: String, _ name: String, _ text: String, lang: Language = .pl, format: ValidateOutput.Format = .text,
                  inbox: String? = nil, h: IngestHarness? = nil) throws -> [String] {
        let h = try h ?? IngestHarness()
        let f = try h.file(name, text)
        var config = PipelineConfig()
        config.asOfText = "2024-12-31"
        config.language = lang
        let report = try ValidateStage(dataset: dataset, paths: [f.path], inbox: inbox).run(RunContext(config: config, command: "validate", console: Printer(mode: .quiet), storeUse: .read))
        var lines: [String] = []
        ValidateOutput(format: format, language: lang) { lines.append($0.replacingOccurrences(of: PersonalData.masked(f.path), with: name)) }.print(report)
        return lines
    }

    func testEveryProblemOfARowIsShownWhileRejectsKeepTheFirst() throws {
        let h = try IngestHarness()
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024/03/05,2024-05-01,nowhere\n", h: h)
        XCTAssertEqual(lines.filter { $0.hasPrefix("s.csv:2:") }.map { String($0.split(separator: " ")[1]) }, ["C03", "C05"], "\(lines)")
        try h.file("ngo/stays/s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024/03/05,2024-05-01,nowhere\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["ngo/stays/s.csv:2:admitted:C03"], "ingestion keeps the first problem of the row")
    }

    func testUnknownCodeNamesTheClosestCode() throws {
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-03-05,2024-05-01,mieszkanie socjalne\nS2,person02,F1,2024-03-05,2024-05-01,socail_flat\n")
        XCTAssertTrue(lines[0].hasPrefix("s.csv:2:destination: C05 kod spoza listy: mieszkanie socjalne — czy chodziło o social_flat? dozwolone: "), lines[0])
        XCTAssertTrue(lines[1].contains("socail_flat — czy chodziło o social_flat?"), lines[1])
    }

    func testUnknownCodeWithNothingCloseListsTheCodes() throws {
        let lines = try validate("ngo/costs", "c.csv", "contract_id,month,category,amount_pln,funding\nU1,2024-03,stuff,10,municipal\n", lang: .en)
        XCTAssertEqual(lines[0], "c.csv:2:category: C05 a code is not in its list: stuff — did you mean staff? allowed: staff, food, utilities, rent, maintenance, admin, other")
        let far = try validate("ngo/costs", "c.csv", "contract_id,month,category,amount_pln,funding\nU1,2024-03,xyzzyq,10,municipal\n", lang: .en)
        XCTAssertEqual(far[0], "c.csv:2:category: C05 a code is not in its list: xyzzyq — allowed: staff, food, utilities, rent, maintenance, admin, other")
    }

    func testDateAndMonthProblemsGiveTheAcceptedFormats() throws {
        let lines = try validate("ngo/costs", "c.csv", "contract_id,month,category,amount_pln,funding\nU1,2024/03,staff,10,municipal\n")
        XCTAssertEqual(lines[0], "c.csv:2:month: C03 nieczytelna data lub miesiąc: 2024/03 — miesiąc w postaci RRRR-MM lub MM.RRRR")
    }

    func testNumbersSayWholeNumberAtLeastZero() throws {
        let lines = try validate("ngo/services", "s.csv", "facility_id,date,service,quantity\nF1,2024-03-05,meal,\"12,5\"\nF1,2024-03-06,meal,-2\n")
        XCTAssertEqual(lines[0], "s.csv:2:quantity: C04 nieczytelna liczba: 12,5 — liczba całkowita ≥ 0")
        XCTAssertEqual(lines[1], "s.csv:3:quantity: C09 wartość ujemna: -2 — liczba całkowita ≥ 0")
        let amounts = try validate("ngo/costs", "c.csv", "contract_id,month,category,amount_pln,funding\nU1,2024-03,staff,\"1.234,50\",municipal\n", lang: .en)
        XCTAssertTrue(amounts[0].hasSuffix("— a number ≥ 0, e.g. 1234.5 or 1 234.50 (a decimal comma only in a ;-delimited CSV)"), amounts[0])
    }

    func testConditionalRequirementSaysWhy() throws {
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-03-05,2024-05-01,\n")
        XCTAssertEqual(lines[0], "s.csv:2:destination: C02 brak wymaganej wartości — wymagane, bo podano discharged")
        let en = try validate("ngo/facilities", "f.csv", "facility_id,provider_id,teryt,type,places,opened\nF1,KRS:0000184388,2464011,night_shelter,,2020-01-01\n", lang: .en)
        XCTAssertEqual(en[0], "f.csv:2:places: C02 a required value is empty — required because type is warming_centre/night_shelter/shelter/shelter_care/training_flat/supported_flat")
    }

    func testHeaderTypoNamesTheClosestColumn() throws {
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admited\nS1,person01,F1,2024-03-05\nS2,person01,F1,-5\n")
        XCTAssertEqual(lines[0], "s.csv:0:admitted: C01 brak wymaganej kolumny: admitted — admited → admitted?")
        XCTAssertEqual(lines[1], "s.csv:1:admited: W01 pominięto nieznane kolumny: admited — admited → admitted?")
        // The values under the misspelt header are checked as the column it looks like.
        XCTAssertEqual(lines[2], "s.csv:3:admitted: C03 nieczytelna data lub miesiąc: -5 — data w postaci RRRR-MM-DD lub DD.MM.RRRR (albo komórka z datą w XLSX)")
        XCTAssertEqual(lines.count, 4, "\(lines)")
    }

    func testPolishHeaderGetsOneMessageOfferingTheTemplate() throws {
        let lines = try validate("ngo/stays", "s.csv", "identyfikator pobytu,identyfikator osoby,placówka,data przyjęcia\nS1,person01,F1,2024-03-05\n")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines[0].hasPrefix("s.csv:1:stay_id: C01 brak wymaganej kolumny: identyfikator pobytu, identyfikator osoby, placówka, data przyjęcia — nagłówek ma polskie nazwy kolumn; nagłówki to nazwy angielskie: stay_id, person_id, facility_id, admitted, discharged, destination. Gotowy wzór: miara template --dataset ngo/stays --out stays.xlsx"), lines[0])
    }

    func testClosingLineCountsAndNamesSkippedChecks() throws {
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024/03/05,,\nS2,person01,F1,2024-03-05,2024-04-01,zz\nS3,person02,F1,2024-03-05,,\n", lang: .en)
        XCTAssertEqual(lines.last, "rows checked: 3 (files: 1); rows with problems: 2; problems by check: C03 1, C05 1; "
                       + "not fully checked: C11 (refers to a record that does not exist), C12 (the stay's facility is not a bed facility) — without --inbox and a store (--store or --pipeline) the records of other datasets are not known; "
                       + "not fully checked: C13 (the stay overlaps another stay of the same person) — checked among the given files only (no --inbox and no store)")
        let clean = try validate("ngo/providers", "p.csv", "provider_id,name\nKRS:0000184388,Fundacja\n")
        XCTAssertEqual(clean, ["sprawdzono 1 wiersz (1 plik); wiersze z problemami: 0; bez błędów"])
    }

    func testWithAnInboxReferencesAreCheckedAgainstTheInboxAndTheLastLineSaysSo() throws {
        let h = try IngestHarness()
        try h.baseline()
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admitted\nS1,person01,F9,2024-03-05\n", lang: .en, inbox: h.inbox.path, h: h)
        XCTAssertEqual(lines.first, "s.csv:2:facility_id: C11 refers to a record that does not exist: facilities.facility_id — facility_id must exist among the accepted rows of ngo/facilities (sent earlier or in the same inbox)")
        XCTAssertTrue(lines.last!.hasSuffix("not fully checked: C11 (refers to a record that does not exist), C12 (the stay's facility is not a bed facility), C13 (the stay overlaps another stay of the same person) — checked against the inbox only: without a store (--store or --pipeline) the rows accepted on earlier runs are not known"), lines.last!)
    }

    func testXLSXProblemsNameSheetAndCell() throws {
        // An XLSX file as a spreadsheet leaves it, written with miara's own writer (see TemplateTests).
        let h = try IngestHarness()
        let url = h.root.appendingPathComponent("s.xlsx")
        try writeXLSX(url.path, sheet: "Pobyty 2024", [["stay_id", "person_id", "facility_id", "admitted", "discharged", "destination"],
                                                       ["S1", "person01", "F1", "2024/03/05", "2024-05-01", "nowhere"]])
        var config = PipelineConfig()
        config.asOfText = "2024-12-31"
        let report = try ValidateStage(dataset: "ngo/stays", paths: [url.path], inbox: nil).run(RunContext(config: config, command: "validate", console: Printer(mode: .quiet), storeUse: .read))
        let lines = report.problems.map { $0.teaching(.en).replacingOccurrences(of: PersonalData.masked(url.path), with: "s.xlsx") }
        XCTAssertEqual(lines, ["s.xlsx:'Pobyty 2024'!D2: C03 admitted: a date or month cannot be read: 2024/03/05 — a date as YYYY-MM-DD or DD.MM.YYYY (or a date cell in XLSX)",
                               "s.xlsx:'Pobyty 2024'!F2: C05 destination: a code is not in its list: nowhere — allowed: own_flat, social_flat, rented, supported_flat, training_flat, family, other_facility, institution, street, died, expelled, unknown"])
    }

    func testJSONHasOneObjectPerProblemAndASummary() throws {
        let lines = try validate("ngo/services", "s.csv", "facility_id,date,service,quantity\nF1,2024-03-05,meals,-1\n", lang: .en, format: .json)
        XCTAssertEqual(lines.count, 3)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(objects[0]["code"] as? String, "C05")
        XCTAssertEqual(objects[0]["hint"] as? String, "did you mean meal? allowed: bed_night, meal, bath, clothing, counselling, streetwork_contact, medical")
        XCTAssertEqual(objects[1]["column"] as? String, "quantity")
        XCTAssertEqual(objects[1]["line"] as? Int, 2)
        let summary = objects[2]["summary"] as? [String: Any]
        XCTAssertEqual(summary?["rows_with_problems"] as? Int, 1)
        XCTAssertEqual(summary?["problems_by_check"] as? [String: Int], ["C05": 1, "C09": 1])
    }

    func testPrintedLinesNeverShowAPESEL() throws {
        // A PESEL typed into a code column comes back in the message: masked on the way out.
        let lines = try validate("ngo/stays", "s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-03-05,2024-05-01,44051401359\n")
        XCTAssertFalse(lines.joined().contains("44051401359"), "\(lines)")
        XCTAssertTrue(lines[0].contains("[PESEL]"), lines[0])
    }
}

/// Checks across rows say what is expected too.
final class ValidateCrossRowMessageTests: XCTestCase {
    func testRepeatedKeyAndOverlappingStayExplainThemselves() throws {
        let h = try IngestHarness()
        let f = try h.file("s.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-03-01,2024-03-10,family\nS1,person02,F1,2024-03-01,,\nS2,person01,F1,2024-03-05,,\n")
        var config = PipelineConfig()
        config.asOfText = "2024-12-31"
        let report = try ValidateStage(dataset: "ngo/stays", paths: [f.path], inbox: nil).run(RunContext(config: config, command: "validate", console: Printer(mode: .quiet), storeUse: .read))
        let lines = report.problems.map { $0.teaching(.en).replacingOccurrences(of: PersonalData.masked(f.path), with: "s.csv") }
        XCTAssertEqual(lines, ["s.csv:3:: C16 a key repeats within the file — the same key earlier in the file: stay_id",
                               "s.csv:4:admitted: C13 the stay overlaps another stay of the same person — one person's stays must not overlap; admission on the day of a discharge is allowed"])
    }
}

/// Writes rows of text cells into a one-sheet workbook.
func writeXLSX(_ path: String, sheet: String, _ rows: [[String]]) throws {
    let wb = try XLSXWorkbook(path: path)
    let ws = try wb.addWorksheet(sheet)
    for (r, row) in rows.enumerated() { for (c, v) in row.enumerated() { ws.write(r, c, string: v) } }
    try wb.close()
}
