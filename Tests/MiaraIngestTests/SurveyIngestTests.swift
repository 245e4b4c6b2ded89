import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// Survey exports (SPEC 3): text answers to scores, reverse items, unknown answers, folders without a map.
final class SurveyIngestTests: XCTestCase {
    static let map = Questionnaire(
        name: "uzytkownicy", group: .users, unitColumn: "Placówka", unitKind: .facility,
        answers: [.init(text: "Zdecydowanie się nie zgadzam", score: 1), .init(text: "Raczej się nie zgadzam", score: 2),
                  .init(text: "Ani tak, ani nie", score: 3), .init(text: "Raczej się zgadzam", score: 4),
                  .init(text: "Zdecydowanie się zgadzam", score: 5), .init(text: "Trudno powiedzieć", score: nil)],
        items: [.init(column: "Personel traktuje mnie z szacunkiem", code: "U01", dimension: "staff"),
                .init(column: "Czuję się tu niebezpiecznie", code: "U05", dimension: "safety", reverse: true)],
        dateColumn: "Data wypełnienia")

    func testAnswersMapToScoresReverseItemsAndUnknownAnswers() throws {
        let h = try IngestHarness()
        h.questionnaires = ["uzytkownicy": Self.map]
        try h.baseline()
        try h.file("surveys/uzytkownicy/a.csv", """
            Placówka;Data wypełnienia;Personel traktuje mnie z szacunkiem;Czuję się tu niebezpiecznie
            F1;2024-05-01;raczej się zgadzam;Zdecydowanie się nie zgadzam
            F1;2024-05-02;5;Trudno powiedzieć
            F1;2024-05-03;Nie wiem;2
            F9;2024-05-04;4;4
            F1;2025-05-04;4;4
            F1;2024-05-05;;
            """)
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [
            "surveys/uzytkownicy/a.csv:4:Personel traktuje mnie z szacunkiem:C17",
            "surveys/uzytkownicy/a.csv:5:Placówka:C11",
            "surveys/uzytkownicy/a.csv:6:Data wypełnienia:C10",
        ])
        // Line 2: U01 = 4, U05 reversed 6 − 1 = 5; line 3: U01 = 5, U05 no answer; line 7: no answers.
        let answers = try store.db.query("""
            SELECT r.line, a.item, a.score FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id ORDER BY r.line, a.item
            """).map { "\($0[0].int!):\($0[1].text!)=\($0[2].double!)" }
        XCTAssertEqual(answers, ["2:U01=4.0", "2:U05=5.0", "3:U01=5.0"])
        XCTAssertEqual(try store.count("survey_responses"), 3)
        let r = reports.first { $0.dataset == "surveys/uzytkownicy" }!
        XCTAssertEqual([r.rowsRead, r.rowsAccepted, r.rowsRejected], [6, 3, 3])
    }

    func testC21SurveyFolderWithoutMap() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("surveys/nieznana/a.csv", "x,y\n1,2\n")
        let (store, reports) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["surveys/nieznana/a.csv:0::C21"])
        XCTAssertEqual(reports.first { $0.dataset == "surveys/nieznana" }?.rowsRead, 0)
        // The reason names the map to add and the setting that says where, not a project path.
        XCTAssertEqual(try StoreRecords.rejects(store.db.writer).first?.reason,
                       "a survey folder with no questionnaire map: no file nieznana.yaml in the questionnaire maps folder (the pipeline's surveys: setting)")
    }

    func testMissingItemColumnIsC01() throws {
        let h = try IngestHarness()
        h.questionnaires = ["uzytkownicy": Self.map]
        try h.baseline()
        try h.file("surveys/uzytkownicy/a.csv", "Placówka,Data wypełnienia,Personel traktuje mnie z szacunkiem\nF1,2024-05-01,4\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), ["surveys/uzytkownicy/a.csv:0:Czuję się tu niebezpiecznie:C01"])
    }
}
