import XCTest
@testable import MiaraValues

/// The code lists of `Codes` against SPEC 2, written out here by hand from its text.
final class CodeListTests: XCTestCase {
    func testFacilityTypesAndTheirLevelsAreSPECs() {
        let levelled: [String: Int] = ["warming_centre": 1, "night_shelter": 2, "shelter": 3, "shelter_care": 3,
                                       "training_flat": 4, "supported_flat": 5]
        let unlevelled = ["soup_kitchen", "day_centre", "streetwork", "bathhouse"]
        XCTAssertEqual(Set(Codes.facilityTypes.codes), Set(levelled.keys).union(unlevelled))
        XCTAssertEqual(Codes.bedFacilityTypes, Set(levelled.keys))
        for (type, level) in levelled {
            XCTAssertEqual(Codes.facilityLevels[type], level, type)
            // SPEC writes the level in brackets after the Polish name.
            XCTAssertTrue(Codes.facilityTypes[type]!.pl.hasSuffix(" [\(level)]"), type)
        }
        for type in unlevelled { XCTAssertEqual(Codes.facilityLevels[type], .some(nil), type) }
        XCTAssertEqual(CodeLabels.name("warming_centre", .pl), "ogrzewalnia [1]")
        XCTAssertEqual(CodeLabels.name("shelter_care", .en), "shelter with care services [3]")
    }

    func testDestinationsKeepSPECsOrderWithTheHousingOnesFirst() {
        XCTAssertEqual(Codes.destinations.codes, ["own_flat", "social_flat", "rented", "supported_flat", "training_flat", "family",
                                                  "other_facility", "institution", "street", "died", "expelled", "unknown"])
        XCTAssertEqual(Codes.housingDestinations, ["own_flat", "social_flat", "rented", "supported_flat"])
        XCTAssertEqual(Datasets.stays.column("destination")?.codes, Codes.destinations.codes)
    }

    func testEveryCodeColumnReadsItsListInTheListsOrder() {
        let expected: [String: [String]] = [
            "ngo/providers.legal_form": ["foundation", "association", "church", "cooperative", "other"],
            "ngo/services.service": ["bed_night", "meal", "bath", "clothing", "counselling", "streetwork_contact", "medical"],
            "mops/programmes.outcome": ["ongoing", "completed", "broken", "transferred"],
            "mops/persons.sex": ["f", "m"],
            "mops/plans.state": ["planned", "in_progress", "done", "dropped"],
        ]
        for (key, codes) in expected {
            let parts = key.split(separator: ".").map(String.init)
            XCTAssertEqual(Datasets.named(parts[0])?.column(parts[1])?.codes, codes, key)
        }
        // `K`, `kobieta` and `mężczyzna` are accepted spellings of the sex codes (SPEC 2).
        XCTAssertEqual(Datasets.persons.column("sex")?.synonyms.map(\.spelling), ["k", "kobieta", "mężczyzna"])
    }

    /// A code that stands in several lists (`other`, `supported_flat`) has the same names in each,
    /// so looking a name up by the code alone is sound; no list names a code twice.
    func testACodeHasOneNameWhereverItIsListed() {
        var names: [String: CodeList.Code] = [:]
        for list in Codes.all {
            XCTAssertEqual(Set(list.codes).count, list.codes.count, "\(list.codes)")
            for e in list.entries {
                if let seen = names[e.code] { XCTAssertEqual(seen, e, e.code) } else { names[e.code] = e }
            }
        }
        XCTAssertEqual(CodeLabels.name("other", .pl), "inne")
    }
}
