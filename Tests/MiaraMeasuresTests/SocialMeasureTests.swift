import MiaraTestSupport
import XCTest
@testable import MiaraMeasures

/// S01–S09 on fixtures small enough to check by hand. Period 2024Q1 = 2024-01-01..2024-03-31
/// unless a test says otherwise.
final class SocialMeasureTests: XCTestCase {
    private func persons(_ fx: FixtureStore, _ n: Int, teryt: String = tA, firstSeen: String = "2020-01-01") throws -> [String] {
        let ids = (1...n).map { "P" + String(format: "%06d", $0) }
        for id in ids { try fx.person(id, teryt: teryt, firstSeen: firstSeen) }
        return ids
    }

    func testS01HousingExitRateLeavesOutTransfersAndDeaths() throws {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "shelter", places: 20)
        try fx.facility("F2", provider: prov, teryt: tB, type: "night_shelter", places: 5)
        let p = try persons(fx, 7)
        let destinations = ["rented", "own_flat", "street", "other_facility", "died", "unknown"]
        for (i, d) in destinations.enumerated() {
            try fx.stay("S\(i)", person: p[i], facility: "F1", admitted: "2023-11-01", discharged: "2024-02-0\(i + 1)", destination: d)
        }
        try fx.stay("S9", person: p[6], facility: "F1", admitted: "2024-01-01", discharged: "2024-04-01", destination: "rented") // after P
        let rows = try compute(fx, "S01")
        // housing {rented, own_flat} = 2 ÷ exits other than other_facility, died {rented, own_flat, street, unknown} = 4.
        assertValue(try row(rows, .facility, "F1"), 0.5, num: 2, den: 4)
        assertValue(try row(rows, .provider, prov), 0.5)
        assertValue(try row(rows, .municipality, tA), 0.5)
        assertValue(try row(rows, .all, "all"), 0.5)
        assertValue(try row(rows, .facility, "F2"), nil, num: 0, den: 0)              // no exits: no value
    }

    func testS02ProgrammeCoverageOfPersonsServedInBedFacilities() throws {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 20)
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        let p = try persons(fx, 4)
        for i in 0..<3 { try fx.stay("S\(i)", person: p[i], facility: "F1", admitted: "2024-01-0\(i + 1)") }
        try fx.service(facility: "K1", date: "2024-01-10", service: "meal", quantity: 1, person: p[3])
        try fx.programme("G1", person: p[0], start: "2023-05-01", end: "2024-01-05", outcome: "completed") // active Jan 1–5
        try fx.programme("G2", person: p[1], start: "2024-04-01")                                        // starts after P
        try fx.programme("G3", person: p[2], kind: "kontrakt", start: "2024-01-01")                      // not ipwzb
        try fx.programme("G4", person: p[3], start: "2024-01-01")                                        // not in a bed facility
        let rows = try compute(fx, "S02")
        // {P1} ÷ {P1, P2, P3}.
        assertValue(try row(rows, .municipality, tA), 1.0 / 3, num: 1, den: 3)
        assertValue(try row(rows, .all, "all"), 1.0 / 3)
        assertValue(try row(rows, .municipality, tB), nil, num: 0, den: 0)
    }

    func testS03ProgrammeCompletionByPersonsTeryt() throws {
        let fx = try baseFixture()
        let a = try persons(fx, 4)
        try fx.person("PB00001", teryt: tB)
        try fx.programme("G1", person: a[0], start: "2023-01-01", end: "2024-01-01", outcome: "completed")
        try fx.programme("G2", person: a[1], start: "2023-01-01", end: "2024-03-31", outcome: "completed")
        try fx.programme("G3", person: a[2], start: "2023-01-01", end: "2024-02-01", outcome: "transferred")  // left out
        try fx.programme("G4", person: a[3], start: "2023-01-01", end: "2024-04-02", outcome: "completed")    // after P
        try fx.programme("G5", person: a[3], kind: "kontrakt", start: "2023-01-01", end: "2024-02-01", outcome: "broken") // S04
        try fx.programme("G6", person: "PB00001", start: "2023-01-01", end: "2024-02-15", outcome: "broken")
        let rows = try compute(fx, "S03")
        assertValue(try row(rows, .municipality, tA), 1, num: 2, den: 2)           // 2 completed ÷ 2
        assertValue(try row(rows, .municipality, tB), 0, num: 0, den: 1)           // 0 ÷ 1 broken
        assertValue(try row(rows, .all, "all"), 2.0 / 3, num: 2, den: 3)
    }

    func testS04SocialContractCompletion() throws {
        let fx = try baseFixture()
        let p = try persons(fx, 3)
        try fx.programme("K1", person: p[0], kind: "kontrakt", start: "2023-06-01", end: "2024-01-31", outcome: "completed")
        try fx.programme("K2", person: p[1], kind: "kontrakt", start: "2023-06-01", end: "2024-03-01", outcome: "broken")
        try fx.programme("K3", person: p[2], kind: "kontrakt", start: "2023-06-01", end: "2024-03-01", outcome: "ongoing")
        try fx.programme("I1", person: p[2], kind: "ipwzb", start: "2023-06-01", end: "2024-03-01", outcome: "completed")
        let rows = try compute(fx, "S04")
        assertValue(try row(rows, .municipality, tA), 0.5, num: 1, den: 2)         // 1 completed ÷ (1 + 1 broken)
        assertValue(try row(rows, .all, "all"), 0.5)
    }

    func testS05MedianLengthOfStayPerTypeWithEvenCount() throws {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 20)
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 20)
        try fx.facility("F3", provider: prov, teryt: tB, type: "shelter", places: 20)
        let p = try persons(fx, 8)
        // F1 lengths 0 (same day), 10, 4, 30 → sorted 0, 4, 10, 30 → median (4 + 10) ÷ 2 = 7.
        try fx.stay("A1", person: p[0], facility: "F1", admitted: "2024-01-05", discharged: "2024-01-05", destination: "street")
        try fx.stay("A2", person: p[1], facility: "F1", admitted: "2024-01-01", discharged: "2024-01-11", destination: "street")
        try fx.stay("A3", person: p[2], facility: "F1", admitted: "2024-02-01", discharged: "2024-02-05", destination: "street")
        try fx.stay("A4", person: p[3], facility: "F1", admitted: "2023-12-31", discharged: "2024-01-30", destination: "street")
        // F2 lengths 5, 3, 9 → median 5.
        try fx.stay("B1", person: p[4], facility: "F2", admitted: "2024-03-01", discharged: "2024-03-06", destination: "rented")
        try fx.stay("B2", person: p[5], facility: "F2", admitted: "2024-03-01", discharged: "2024-03-04", destination: "rented")
        try fx.stay("B3", person: p[6], facility: "F2", admitted: "2024-03-01", discharged: "2024-03-10", destination: "rented")
        // F3 in B: length 1 → shelter at all: 5, 3, 9, 1 → 1, 3, 5, 9 → (3 + 5) ÷ 2 = 4.
        try fx.stay("C1", person: p[7], facility: "F3", admitted: "2024-03-01", discharged: "2024-03-02", destination: "rented")
        try fx.stay("C2", person: p[7], facility: "F3", admitted: "2024-03-02")                           // ongoing: no exit
        let rows = try compute(fx, "S05")
        let f1 = try row(rows, .facility, "F1", type: "night_shelter")
        assertValue(f1, 7); XCTAssertEqual(f1.n, 4); XCTAssertNil(f1.numerator); XCTAssertNil(f1.denominator)
        XCTAssertEqual(try row(rows, .facility, "F2", type: "shelter").value, 5)
        XCTAssertEqual(try row(rows, .municipality, tA, type: "night_shelter").value, 7)
        let aShelter = try row(rows, .municipality, tA, type: "shelter")
        XCTAssertEqual(aShelter.value, 5); XCTAssertEqual(aShelter.n, 3)
        let allShelter = try row(rows, .all, "all", type: "shelter")
        XCTAssertEqual(allShelter.value, 4); XCTAssertEqual(allShelter.n, 4)
        let warming = try row(rows, .all, "all", type: "warming_centre")
        assertValue(warming, nil); XCTAssertEqual(warming.n, 0)
        // One row per levelled type at municipality and all: 6 types × (2 teryt + all).
        XCTAssertEqual(rows.filter { $0.grain != .facility }.count, 18)
        XCTAssertFalse(rows.contains { $0.grain == .provider })
        XCTAssertTrue(rows.allSatisfy { $0.unit == "days" })
    }

    func testS06ReturnsWithinTwelveMonthsCohortBoundaries() throws {
        // Period 2024: e = 2024-12-31; cohort window (e − 730, e − 365] = (2023-01-01, 2024-01-01].
        let fx = try baseFixture()
        try fx.facility("H1", provider: prov, teryt: tA, type: "shelter", places: 20)
        try fx.facility("H2", provider: prov, teryt: tB, type: "shelter", places: 20)
        try fx.facility("SF", provider: prov, teryt: tA, type: "supported_flat", places: 2)
        for id in ["PA0001", "PB0001", "PC0001", "PD0001", "PE0001", "PF0001"] { try fx.person(id, teryt: tA) }
        // A: first housing exit on 2023-01-01 = e − 730: outside (the window is open there).
        try fx.stay("A1", person: "PA0001", facility: "H1", admitted: "2022-12-01", discharged: "2023-01-01", destination: "rented")
        try fx.stay("A2", person: "PA0001", facility: "H1", admitted: "2023-02-01", discharged: "2023-03-01", destination: "street")
        // B: exit 2023-01-02 (inside); back in a shelter 2024-01-02 = exactly 365 days later: returned.
        try fx.stay("B1", person: "PB0001", facility: "H1", admitted: "2022-12-01", discharged: "2023-01-02", destination: "own_flat")
        try fx.stay("B2", person: "PB0001", facility: "H1", admitted: "2024-01-02")
        // C: exit 2024-01-01 = e − 365 (inside, in B's municipality); back 2025-01-01 = 366 days later: not returned.
        try fx.stay("C1", person: "PC0001", facility: "H2", admitted: "2023-06-01", discharged: "2024-01-01", destination: "social_flat")
        try fx.stay("C2", person: "PC0001", facility: "H2", admitted: "2025-01-01")
        // D: exit 2023-06-01 (inside); next stay in a supported flat: not a return.
        try fx.stay("D1", person: "PD0001", facility: "H1", admitted: "2023-01-01", discharged: "2023-06-01", destination: "supported_flat")
        try fx.stay("D2", person: "PD0001", facility: "SF", admitted: "2023-07-01")
        // E: first housing exit 2022-05-01 (before the window); a later one inside does not count.
        try fx.stay("E1", person: "PE0001", facility: "H1", admitted: "2022-01-01", discharged: "2022-05-01", destination: "rented")
        try fx.stay("E2", person: "PE0001", facility: "H1", admitted: "2023-01-10", discharged: "2023-06-01", destination: "rented")
        // F: exit 2024-01-02 (after the window).
        try fx.stay("F1", person: "PF0001", facility: "H1", admitted: "2023-06-01", discharged: "2024-01-02", destination: "rented")
        try fx.stay("F2", person: "PF0001", facility: "H1", admitted: "2024-01-03")
        let rows = try compute(fx, "S06", periods: ["2024"], asOf: "2025-06-30")
        assertValue(try row(rows, .municipality, tA), 0.5, num: 1, den: 2)        // {B, D}: B returned
        assertValue(try row(rows, .municipality, tB), 0, num: 0, den: 1)          // {C}: not returned
        assertValue(try row(rows, .all, "all"), 1.0 / 3, num: 1, den: 3)
    }

    func testS06CohortWindowUsesTheClippedEnd() throws {
        // Period 2025 clipped at as-of 2025-01-02: e = 2025-01-02, window (2023-01-03, 2024-01-02].
        // An exit on 2024-01-02 is in the cohort (with the unclipped e = 2025-12-31 it would not be).
        let fx = try baseFixture()
        try fx.facility("H1", provider: prov, teryt: tA, type: "night_shelter", places: 20)
        try fx.person("PA0001", teryt: tA)
        try fx.stay("A1", person: "PA0001", facility: "H1", admitted: "2023-06-01", discharged: "2024-01-02", destination: "rented")
        try fx.stay("A2", person: "PA0001", facility: "H1", admitted: "2024-06-01")          // 151 days later: returned
        let rows = try compute(fx, "S06", periods: ["2025"], asOf: "2025-01-02")
        let a = try row(rows, .municipality, tA)
        assertValue(a, 1, num: 1, den: 1)
        XCTAssertTrue(a.flags.contains(.provisional))
    }

    func testS07ProgressionWithGapsOfSevenAndEightDays() throws {
        let fx = try baseFixture()
        let t = ["NS": "night_shelter", "SH": "shelter", "SC": "shelter_care", "TF": "training_flat"]
        for (id, type) in t { try fx.facility(id, provider: prov, teryt: tA, type: type, places: 10) }
        let p = try persons(fx, 5)
        // P1: night shelter (2) → shelter (3) 7 days later: a transition upwards.
        try fx.stay("A1", person: p[0], facility: "NS", admitted: "2024-01-01", discharged: "2024-02-01", destination: "other_facility")
        try fx.stay("A2", person: p[0], facility: "SH", admitted: "2024-02-08")
        // P2: shelter → training flat 8 days later: no transition.
        try fx.stay("B1", person: p[1], facility: "SH", admitted: "2024-01-01", discharged: "2024-02-01", destination: "other_facility")
        try fx.stay("B2", person: p[1], facility: "TF", admitted: "2024-02-09")
        // P3: training flat (4) → night shelter (2) the same day: a transition, not upwards.
        try fx.stay("C1", person: p[2], facility: "TF", admitted: "2024-01-01", discharged: "2024-03-01", destination: "street")
        try fx.stay("C2", person: p[2], facility: "NS", admitted: "2024-03-01")
        // P4: shelter → shelter with care (both level 3): a transition, not upwards.
        try fx.stay("D1", person: p[3], facility: "SH", admitted: "2024-01-01", discharged: "2024-03-10", destination: "other_facility")
        try fx.stay("D2", person: p[3], facility: "SC", admitted: "2024-03-12")
        // P5: discharged before P: not counted.
        try fx.stay("E1", person: p[4], facility: "NS", admitted: "2023-12-01", discharged: "2023-12-30", destination: "other_facility")
        try fx.stay("E2", person: p[4], facility: "SH", admitted: "2024-01-02")
        let rows = try compute(fx, "S07")
        assertValue(try row(rows, .municipality, tA), 1.0 / 3, num: 1, den: 3)     // {P1↑, P3, P4}
        assertValue(try row(rows, .all, "all"), 1.0 / 3)
        assertValue(try row(rows, .municipality, tB), nil, num: 0, den: 0)
    }

    func testS08NewEntrantsByPersonsTeryt() throws {
        let fx = try baseFixture()
        try fx.municipality("2401011", name: "Trzecia", population: 5_000)
        _ = try persons(fx, 3, teryt: tA, firstSeen: "2024-02-10")
        try fx.person("PB00001", teryt: tB, firstSeen: "2024-03-31")
        try fx.person("PB00002", teryt: tB, firstSeen: "2023-12-31")               // before P
        let rows = try compute(fx, "S08")
        assertValue(try row(rows, .municipality, tA), 3, num: 3)
        assertValue(try row(rows, .municipality, tB), 1, num: 1)
        assertValue(try row(rows, .municipality, "2401011"), 0, num: 0)              // a count of 0 is a value
        assertValue(try row(rows, .all, "all"), 4, num: 4)
        XCTAssertNil(try row(rows, .all, "all").denominator)
    }

    func testS09PersonsServedPer10kUsesLatestEarlierPopulation() throws {
        let fx = try FixtureStore()
        try fx.municipality(tA, year: 2023, population: 200_000)
        try fx.municipality(tA, year: 2025, population: 1)                          // later year: ignored for 2024
        try fx.municipality(tB, year: 2025, population: 50_000)                     // no population for 2024
        try fx.provider(prov)
        try fx.facility("FA", provider: prov, teryt: tA, type: "shelter", places: 10)
        try fx.facility("FB", provider: prov, teryt: tB, type: "shelter", places: 10)
        for i in 1...3 { try fx.person("PA000\(i)", teryt: tA) }
        try fx.person("PB0001", teryt: tB)
        for i in 1...3 { try fx.stay("A\(i)", person: "PA000\(i)", facility: "FA", admitted: "2024-0\(i)-01") }
        try fx.stay("B1", person: "PB0001", facility: "FB", admitted: "2023-01-01", discharged: "2024-01-01", destination: "street")
        let rows = try compute(fx, "S09", periods: ["2024"])
        assertValue(try row(rows, .municipality, tA), 0.15, num: 3, den: 200_000)   // 3 ÷ 200,000 × 10,000
        let b = try row(rows, .municipality, tB)
        assertValue(b, nil, num: 1); XCTAssertNil(b.denominator)                   // population unknown
        assertValue(try row(rows, .all, "all"), 0.2, num: 4, den: 200_000)         // 4 ÷ 200,000 × 10,000
        XCTAssertEqual(try row(rows, .all, "all").unit, "per 10k")
    }

    func testS07TransitionAfterPeriodEndCountsAtTheDischargedStaysFacility() throws {
        // SPEC 5/6: a discharge on e (2024-03-31) followed by an admission 7 days later (after P)
        // is a transition of P, attributed to the teryt of the facility of the discharged stay.
        let fx = try baseFixture()
        try fx.facility("NB", provider: prov, teryt: tB, type: "night_shelter", places: 10)
        try fx.facility("TA", provider: prov, teryt: tA, type: "training_flat", places: 2)
        let p = try persons(fx, 1)
        try fx.stay("A1", person: p[0], facility: "NB", admitted: "2024-03-01", discharged: "2024-03-31", destination: "other_facility")
        try fx.stay("A2", person: p[0], facility: "TA", admitted: "2024-04-07")
        let q1 = try compute(fx, "S07")
        assertValue(try row(q1, .municipality, tB), 1, num: 1, den: 1)               // level 2 → 4: upwards
        assertValue(try row(q1, .municipality, tA), nil, num: 0, den: 0)
        assertValue(try row(q1, .all, "all"), 1, num: 1, den: 1)
        let q2 = try compute(fx, "S07", periods: ["2024Q2"])
        assertValue(try row(q2, .all, "all"), nil, num: 0, den: 0)                   // no discharge in Q2
    }
}
