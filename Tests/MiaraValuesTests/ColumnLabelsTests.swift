import MiaraValues
import XCTest

/// The labels beside the catalogue cover it: a column or code added without its label fails here,
/// before a template or a message would show a bare name.
final class ColumnLabelsTests: XCTestCase {
    func testEveryColumnOfEveryDatasetHasALabelAndAnExample() {
        for spec in Datasets.all {
            for c in spec.columns {
                let l = ColumnLabels.of(spec.name, c.name)
                XCTAssertNotNil(l, "\(spec.name).\(c.name)")
                XCTAssertFalse(l?.polishName.isEmpty ?? true, "\(spec.name).\(c.name)")
                XCTAssertFalse(l?.polish.isEmpty ?? true || l?.english.isEmpty ?? true, "\(spec.name).\(c.name)")
                if c.required { XCTAssertFalse(l?.example.isEmpty ?? true, "a required column needs an example: \(spec.name).\(c.name)") }
            }
        }
    }

    func testEveryCodeHasAPolishAndAnEnglishName() {
        for spec in Datasets.all {
            for c in spec.columns {
                for code in c.codes ?? [] {
                    XCTAssertNotNil(CodeLabels.name(code, .pl), "\(spec.name).\(c.name): \(code)")
                    XCTAssertNotNil(CodeLabels.name(code, .en), "\(spec.name).\(c.name): \(code)")
                }
            }
        }
        for ethos in 1...6 { XCTAssertNotNil(CodeLabels.name(String(ethos), .pl)) }
    }

    func testClosestFindsTyposAndPolishNamesButNotFarWords() {
        XCTAssertEqual(Closest.to("socail_flat", in: Codes.destinations.codes), ["social_flat"])
        XCTAssertEqual(Closest.to("Mieszkanie socjalne", in: Codes.destinations.codes), ["social_flat"])
        XCTAssertEqual(Closest.to("admited", in: Datasets.stays.columnNames), ["admitted"])
        XCTAssertEqual(Closest.to("xyz", in: Codes.destinations.codes), [])
        XCTAssertEqual(Closest.distance("kitten", "sitting"), 3)
    }

    func testConditionalRequirementsComeFromTheRowRules() {
        XCTAssertEqual(Datasets.stays.conditionalHint("destination"), .requiredBecause("discharged"))
        XCTAssertEqual(Datasets.programmes.conditionalHint("end"), .requiredUnlessOngoing)
        XCTAssertNil(Datasets.stays.conditionalHint("admitted"))
        XCTAssertEqual(Hint.requiredBecause("discharged").text(.pl), "wymagane, bo podano discharged")
        XCTAssertEqual(Hint.wholeNumber(min: 0, max: nil).text(.pl), "liczba całkowita ≥ 0")
    }
}
