import MiaraTestSupport
import XCTest
@testable import MiaraMeasures

/// E01–E08 on fixtures small enough to check by hand. Period 2024Q1 = 2024-01-01..2024-03-31
/// (91 days), as-of 2024-12-31 unless a test says otherwise.
final class EconomicMeasureTests: XCTestCase {
    /// F1 night shelter with a contract, F2 shelter without one.
    private func bedFixture() throws -> FixtureStore {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 5)
        try fx.contract("C1", teryt: tA, provider: prov, facility: "F1", service: "night_shelter",
                        start: "2024-01-01", end: "2024-12-31", amount: 12_000)
        for p in ["P000001", "P000002", "P000003", "P000004", "P000005"] { try fx.person(p, teryt: tA) }
        return fx
    }

    func testE01CostPerBedNightWithStaysCrossingBounds() throws {
        let fx = try bedFixture()
        try fx.cost(contract: "C1", month: "2024-01", amount: 1000)
        try fx.cost(contract: "C1", month: "2024-02", category: "food", amount: 820, funding: "own")
        try fx.cost(contract: "C1", month: "2024-04", amount: 500)                     // outside Q1
        // Crosses the start: nights 2024-01-01..2024-01-10 = 10.
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2023-12-20", discharged: "2024-01-11", destination: "street")
        // Ongoing, crosses the end: 2024-03-25..2024-03-31 = 7.
        try fx.stay("S2", person: "P000002", facility: "F1", admitted: "2024-03-25")
        // Same-day stay: 0 nights.
        try fx.stay("S3", person: "P000003", facility: "F1", admitted: "2024-02-10", discharged: "2024-02-10", destination: "street")
        // One night.
        try fx.stay("S4", person: "P000004", facility: "F1", admitted: "2024-02-01", discharged: "2024-02-02", destination: "street")
        // F2 has nights but no contract: not in E01.
        try fx.stay("S5", person: "P000005", facility: "F2", admitted: "2024-01-01", discharged: "2024-01-31", destination: "street")
        let rows = try compute(fx, "E01")
        // (1000 + 820) ÷ (10 + 7 + 0 + 1) = 1820 ÷ 18.
        assertValue(try row(rows, .facility, "F1"), 1820.0 / 18, num: 1820, den: 18)
        assertValue(try row(rows, .facility, "F2"), nil, num: 0, den: 0)
        assertValue(try row(rows, .provider, prov), 1820.0 / 18)
        assertValue(try row(rows, .provider, prov2), nil, num: 0, den: 0)
        assertValue(try row(rows, .municipality, tA), 1820.0 / 18)
        assertValue(try row(rows, .municipality, tB), nil)
        assertValue(try row(rows, .all, "all"), 1820.0 / 18)
        XCTAssertTrue(rows.allSatisfy { $0.unit == "PLN" && !$0.flags.contains(.provisional) })
    }

    func testE01FacilityWithoutStaysUsesBedNightServices() throws {
        let fx = try bedFixture()
        try fx.cost(contract: "C1", month: "2024-03", amount: 350)
        try fx.service(facility: "F1", date: "2024-01", service: "bed_night", quantity: 30)      // month starting in P
        try fx.service(facility: "F1", date: "2024-02-15", service: "bed_night", quantity: 5)
        try fx.service(facility: "F1", date: "2024-02-16", service: "meal", quantity: 50)       // not a bed-night
        try fx.service(facility: "F1", date: "2024-04", service: "bed_night", quantity: 100)    // outside
        // 350 ÷ (30 + 5) = 10.
        assertValue(try row(try compute(fx, "E01"), .facility, "F1"), 10, num: 350, den: 35)
    }

    func testE02CostPerPersonCountsDistinctPersonsAtAll() throws {
        let fx = try baseFixture()
        try fx.facility("FA", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("FB", provider: prov, teryt: tB, type: "soup_kitchen")
        try fx.contract("CA", teryt: tA, provider: prov, facility: "FA", service: "night_shelter", start: "2024-01-01", end: "2024-12-31")
        try fx.contract("CB", teryt: tB, provider: prov, facility: nil, service: "soup_kitchen", start: "2024-01-01", end: "2024-12-31")
        for p in ["P000001", "P000002", "P000003"] { try fx.person(p, teryt: tA) }
        try fx.cost(contract: "CA", month: "2024-01", amount: 600)
        try fx.cost(contract: "CB", month: "2024-02", amount: 400)
        // P1 stays in A and eats in B; P2 eats in B (month-dated row); P3 left before P.
        try fx.stay("S1", person: "P000001", facility: "FA", admitted: "2024-01-05", discharged: "2024-01-06", destination: "street")
        try fx.service(facility: "FB", date: "2024-03-01", service: "meal", quantity: 1, person: "P000001")
        try fx.service(facility: "FB", date: "2024-02", service: "meal", quantity: 20, person: "P000002")
        try fx.stay("S3", person: "P000003", facility: "FA", admitted: "2023-12-01", discharged: "2023-12-31", destination: "street")
        let rows = try compute(fx, "E02")
        assertValue(try row(rows, .municipality, tA), 600, num: 600, den: 1)   // 600 ÷ {P1}
        assertValue(try row(rows, .municipality, tB), 200, num: 400, den: 2)   // 400 ÷ {P1, P2}
        assertValue(try row(rows, .all, "all"), 500, num: 1000, den: 2)        // 1000 ÷ {P1, P2}, not ÷ 3
        assertValue(try row(rows, .provider, prov), 500)
        XCTAssertFalse(rows.contains { $0.grain == .facility })
    }

    func testE03CostPerHousingExitFromContractedFacilities() throws {
        let fx = try bedFixture()
        try fx.cost(contract: "C1", month: "2024-01", amount: 3000)
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2023-10-01", discharged: "2024-01-15", destination: "rented")
        try fx.stay("S2", person: "P000002", facility: "F1", admitted: "2024-01-01", discharged: "2024-03-31", destination: "own_flat")
        try fx.stay("S3", person: "P000003", facility: "F1", admitted: "2024-01-01", discharged: "2024-02-01", destination: "street")
        try fx.stay("S4", person: "P000004", facility: "F2", admitted: "2024-01-01", discharged: "2024-02-01", destination: "social_flat")
        try fx.stay("S5", person: "P000005", facility: "F1", admitted: "2024-01-01", discharged: "2024-04-01", destination: "rented")
        let rows = try compute(fx, "E03")
        // 3000 ÷ 2 housing exits of F1 in Q1 (F2 has no contract, S5 leaves after Q1).
        assertValue(try row(rows, .provider, prov), 1500, num: 3000, den: 2)
        assertValue(try row(rows, .municipality, tA), 1500)
        assertValue(try row(rows, .all, "all"), 1500)
        assertValue(try row(rows, .municipality, tB), nil, num: 0, den: 0)
    }

    func testE04OccupancyWithFacilityClosedAndOpenedMidPeriod() throws {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("F2", provider: prov, teryt: tA, type: "shelter", places: 4, closed: "2024-02-01")
        try fx.facility("F3", provider: prov, teryt: tB, type: "training_flat", places: 2, opened: "2024-03-22")
        try fx.facility("F4", provider: prov, teryt: tB, type: "shelter", places: 9, closed: "2023-12-31")
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.person("P000001", teryt: tA); try fx.person("P000002", teryt: tA)
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2023-06-01")                       // 91 nights
        try fx.stay("S2", person: "P000002", facility: "F2", admitted: "2024-01-15", discharged: "2024-02-01",
                    destination: "other_facility")                                                          // Jan 15..31 = 17
        let rows = try compute(fx, "E04")
        assertValue(try row(rows, .facility, "F1"), 0.1, num: 91, den: 910)              // 91 ÷ (10 × 91)
        assertValue(try row(rows, .facility, "F2"), 17.0 / 124, num: 17, den: 124)       // open Jan 1..31: 4 × 31
        assertValue(try row(rows, .facility, "F3"), 0, num: 0, den: 20)                  // open Mar 22..31: 2 × 10
        XCTAssertFalse(rows.contains { $0.unitID == "F4" || $0.unitID == "K1" })         // closed before P; not a bed facility
        assertValue(try row(rows, .municipality, tA), 108.0 / 1034)                      // (91 + 17) ÷ (910 + 124)
        assertValue(try row(rows, .all, "all"), 108.0 / 1054)                            // + F3's 20 place-days
        XCTAssertEqual(try row(rows, .all, "all").unit, "share")
    }

    func testE05UnitCostAgainstContractPrice() throws {
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.facility("D1", provider: prov, teryt: tA, type: "day_centre")
        try fx.person("P000001", teryt: tA)
        let y = (start: "2024-01-01", end: "2024-12-31")
        try fx.contract("C1", teryt: tA, provider: prov, facility: "F1", service: "night_shelter", start: y.start, end: y.end, unitPrice: 50)
        try fx.contract("C2", teryt: tA, provider: prov, facility: "K1", service: "soup_kitchen", start: y.start, end: y.end, unitPrice: 5)
        try fx.contract("C3", teryt: tA, provider: prov, facility: "D1", service: "day_centre", start: y.start, end: y.end, unitPrice: 10)
        try fx.contract("C4", teryt: tA, provider: prov, facility: "F1", service: "night_shelter", start: y.start, end: y.end)  // no price
        try fx.cost(contract: "C1", month: "2024-01", amount: 1100)
        try fx.cost(contract: "C2", month: "2024-02", amount: 540)
        try fx.cost(contract: "C3", month: "2024-03", amount: 100)
        try fx.cost(contract: "C4", month: "2024-03", amount: 999)
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2024-01-01", discharged: "2024-01-21", destination: "street") // 20 nights
        try fx.service(facility: "K1", date: "2024-02", service: "meal", quantity: 100)
        try fx.service(facility: "K1", date: "2024-03-05", service: "meal", quantity: 20)
        try fx.service(facility: "K1", date: "2024-03-05", service: "bath", quantity: 7)          // not a meal
        try fx.service(facility: "D1", date: "2024-01-10", service: "counselling", quantity: 7)
        try fx.service(facility: "D1", date: "2024-02-10", service: "bath", quantity: 3)
        let rows = try compute(fx, "E05")
        assertValue(try row(rows, .facility, "F1"), 1.1, num: 1100, den: 1000)   // 1100 ÷ (20 nights × 50)
        assertValue(try row(rows, .facility, "K1"), 0.9, num: 540, den: 600)     // 540 ÷ (120 meals × 5)
        assertValue(try row(rows, .facility, "D1"), 1.0, num: 100, den: 100)     // 100 ÷ ((7 + 3) × 10)
        assertValue(try row(rows, .provider, prov), 1740.0 / 1700)                // (1100+540+100) ÷ (1000+600+100)
        XCTAssertFalse(rows.contains { $0.grain == .municipality || $0.grain == .all })
    }

    func testE06MunicipalShareAndZeroDenominator() throws {
        let fx = try baseFixture()
        try fx.contract("C1", teryt: tA, provider: prov, facility: nil, service: "streetwork", start: "2024-01-01", end: "2024-12-31")
        try fx.cost(contract: "C1", month: "2024-01", amount: 300, funding: "municipal")
        try fx.cost(contract: "C1", month: "2024-01", amount: 100, funding: "own")
        try fx.cost(contract: "C1", month: "2024-03", category: "rent", amount: 100, funding: "eu")
        try fx.cost(contract: "C1", month: "2023-12", amount: 1000, funding: "own")   // outside
        let rows = try compute(fx, "E06")
        assertValue(try row(rows, .provider, prov), 0.6, num: 300, den: 500)          // 300 ÷ (300 + 100 + 100)
        assertValue(try row(rows, .municipality, tA), 0.6)
        assertValue(try row(rows, .all, "all"), 0.6)
        assertValue(try row(rows, .provider, prov2), nil, num: 0, den: 0)             // zero sums: 0 and 0, no value
        assertValue(try row(rows, .municipality, tB), nil, num: 0, den: 0)
    }

    func testE07CostPerMealOfSoupKitchenContracts() throws {
        let fx = try baseFixture()
        try fx.facility("K1", provider: prov, teryt: tA, type: "soup_kitchen")
        try fx.facility("K2", provider: prov, teryt: tB, type: "soup_kitchen")
        try fx.contract("C1", teryt: tA, provider: prov, facility: "K1", service: "soup_kitchen", start: "2024-01-01", end: "2024-12-31")
        try fx.contract("C2", teryt: tA, provider: prov, facility: nil, service: "soup_kitchen", start: "2024-01-01", end: "2024-12-31")
        try fx.cost(contract: "C1", month: "2024-01", amount: 600)
        try fx.cost(contract: "C2", month: "2024-01", amount: 100)                    // no facility: only E02, E06
        try fx.service(facility: "K1", date: "2024-01", service: "meal", quantity: 100)
        try fx.service(facility: "K1", date: "2024-03-31", service: "meal", quantity: 20)
        try fx.service(facility: "K2", date: "2024-03-31", service: "meal", quantity: 80)  // K2 not contracted
        let rows = try compute(fx, "E07")
        assertValue(try row(rows, .facility, "K1"), 5, num: 600, den: 120)            // 600 ÷ (100 + 20)
        assertValue(try row(rows, .facility, "K2"), nil, num: 0, den: 0)
        assertValue(try row(rows, .all, "all"), 5)
        assertValue(try row(rows, .municipality, tA), 5)
    }

    func testE08BenefitsPerPersonByBenefitTeryt() throws {
        let fx = try baseFixture()
        for p in ["P000001", "P000002", "P000003"] { try fx.person(p, teryt: tA) }
        try fx.benefit(person: "P000001", teryt: tA, dateFrom: "2024-02-01", amount: 300)
        try fx.benefit(person: "P000001", teryt: tA, benefit: "posilek", dateFrom: "2024-03-01", amount: 200)
        try fx.benefit(person: "P000002", teryt: tA, dateFrom: "2024-01-15", dateTo: "2024-06-30", amount: 100)
        try fx.benefit(person: "P000003", teryt: tA, dateFrom: "2023-12-31", dateTo: "2024-01-31", amount: 999) // from before P
        try fx.benefit(person: "P000003", teryt: tB, dateFrom: "2024-03-31", amount: 50)
        let rows = try compute(fx, "E08")
        assertValue(try row(rows, .municipality, tA), 300, num: 600, den: 2)          // (300 + 200 + 100) ÷ {P1, P2}
        assertValue(try row(rows, .municipality, tB), 50, num: 50, den: 1)
        assertValue(try row(rows, .all, "all"), 650.0 / 3, num: 650, den: 3)
    }

    func testE01E03ContractSideAndFacilitySideAreAttributedSeparately() throws {
        // SPEC 5: costs go to the contract's facility, provider and teryt; bed-nights and exits to
        // the facility's. F1 belongs to prov in A; its contract C1 is prov2's, signed in B.
        let fx = try baseFixture()
        try fx.facility("F1", provider: prov, teryt: tA, type: "night_shelter", places: 10)
        try fx.contract("C1", teryt: tB, provider: prov2, facility: "F1", service: "night_shelter",
                        start: "2024-01-01", end: "2024-12-31")
        try fx.person("P000001", teryt: tA)
        try fx.cost(contract: "C1", month: "2024-01", amount: 900)
        // 2024-01-01..2024-01-09 = 9 nights; one housing exit on 2024-01-10.
        try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2024-01-01", discharged: "2024-01-10", destination: "rented")
        let e01 = try compute(fx, "E01")
        assertValue(try row(e01, .facility, "F1"), 100, num: 900, den: 9)       // 900 ÷ 9
        assertValue(try row(e01, .provider, prov2), nil, num: 900, den: 0)      // costs, no nights
        assertValue(try row(e01, .provider, prov), 0, num: 0, den: 9)           // nights, no costs: 0 ÷ 9
        assertValue(try row(e01, .municipality, tB), nil, num: 900, den: 0)
        assertValue(try row(e01, .municipality, tA), 0, num: 0, den: 9)
        assertValue(try row(e01, .all, "all"), 100, num: 900, den: 9)
        let e03 = try compute(fx, "E03")
        assertValue(try row(e03, .provider, prov2), nil, num: 900, den: 0)
        assertValue(try row(e03, .municipality, tA), 0, num: 0, den: 1)
        assertValue(try row(e03, .all, "all"), 900, num: 900, den: 1)            // 900 ÷ 1 housing exit
    }
}
