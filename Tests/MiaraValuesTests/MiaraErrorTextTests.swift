import Foundation
import MiaraValues
import XCTest

/// What a `MiaraError` prints: location, message in the run's language, then its cause — a
/// Foundation error in its own sentence, never Foundation's dump of the object.
final class MiaraErrorTextTests: XCTestCase {
    func testTheTextIsLocationMessageAndCauseInTheRunsLanguage() {
        let e = MiaraError(.configuration, Phrase(pl: "zła wartość", en: "bad value"),
                           at: .init(file: "p.yaml", line: 3, key: "keep.nights"), cause: SystemError("open", errno: 2, reason: "No such file"))
        XCTAssertEqual(e.text(.pl), "p.yaml:3: keep.nights: zła wartość: No such file")
        XCTAssertEqual(e.text(.en), "p.yaml:3: keep.nights: bad value: No such file")
        XCTAssertEqual(e.exitStatus, 2)
        let cell = MiaraError(.unreadableFile, Phrase(verbatim: "x"), at: .init(file: "a.xlsx", cell: "S!B2"))
        XCTAssertEqual(cell.text(.en), "a.xlsx:S!B2: x", "a cell follows the file as in a spreadsheet's reference")
    }

    func testAForeignErrorIsWrappedWithFoundationsOwnSentenceAsItsCause() {
        let refused = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/srv/miara/out"])
        let e = MiaraError.wrapping(refused)
        XCTAssertEqual(e.code, .unexpected)
        XCTAssertEqual(e.exitStatus, 1)
        let sentence = (refused as NSError).localizedDescription
        XCTAssertFalse(sentence.isEmpty)
        XCTAssertEqual(e.text(.pl), "polecenie nie powiodło się: " + sentence)
        XCTAssertFalse(e.text(.en).contains("Error Domain="), "Foundation's dump of the error: \(e.text(.en))")
        // A MiaraError is not wrapped again.
        XCTAssertEqual(MiaraError.wrapping(e).text(.en), e.text(.en))
    }

    func testAPESELInAnyPartIsMasked() {
        // 44051401359: a valid PESEL (check digit 9).
        let e = MiaraError(.database, Phrase(verbatim: "row 44051401359"), at: .init(file: "/in/44051401359.csv"),
                           cause: SystemError("open", errno: 2, reason: "44051401359"))
        XCTAssertFalse(e.text(.pl).contains("44051401359"), e.text(.pl))
        XCTAssertFalse(e.tree(.en).contains("44051401359"), e.tree(.en))
    }
}
