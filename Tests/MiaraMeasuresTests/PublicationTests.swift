import Foundation
import MiaraValues
import XCTest
@testable import MiaraMeasures

final class PublicationTests: XCTestCase {
    func testNormsOfQ05ToQ08() {
        let rows = [
            PubFixture.row("Q05", "2024H1", "A", value: 1.999, num: 1, den: 50_000),   // < 2
            PubFixture.row("Q05", "2024H1", "B", value: 2, num: 2, den: 100_000),      // = 2: met
            PubFixture.row("Q06", "2024H1", "A", value: 10.5, num: 21, den: 2),        // > 10
            PubFixture.row("Q06", "2024H1", "B", value: 10, num: 20, den: 2),
            PubFixture.row("Q07", "2024H1", "A", value: 2000.5, num: 4001, den: 2),    // > 2,000
            PubFixture.row("Q07", "2024H1", "B", value: 2000, num: 4000, den: 2),
            PubFixture.row("Q08", "2024H1", .facility, "F1", value: 3.5, num: 35, den: 10),  // shelter: 4
            PubFixture.row("Q08", "2024H1", .facility, "F2", value: 3.5, num: 35, den: 10),  // night_shelter: 3
            PubFixture.row("Q08", "2024H1", .facility, "F3", value: 1, num: 10, den: 10),    // training_flat: none
        ]
        let out = PubFixture.publish(rows, types: ["F1": "shelter", "F2": "night_shelter", "F3": "training_flat"])
        let norm = out.measures.map { "\($0.measure.raw) \($0.unitID) \($0.flags.contains(.below_norm))" }
        XCTAssertEqual(norm, ["Q05 A true", "Q05 B false", "Q06 A true", "Q06 B false", "Q07 A true", "Q07 B false",
                              "Q08 F1 true", "Q08 F2 false", "Q08 F3 false"])
    }

    func testTargetsAreStrictAtNineDecimalsAtEveryGrain() {
        let t = [MeasureCode("S05"): Target(max: 120), MeasureCode("S01"): Target(min: 0.25)]
        let rows = [
            PubFixture.row("S05", "2024H1", .facility, "F1", value: 120, n: 10, type: "shelter"),
            PubFixture.row("S05", "2024H1", .facility, "F2", value: 120.0000001, n: 10, type: "shelter"),
            PubFixture.row("S05", "2024H1", .facility, "F3", value: 120.0000000004, n: 10, type: "shelter"),
            PubFixture.row("S05", "2024H1", .all, "all", value: 121, n: 20, type: "shelter"),
            PubFixture.row("S01", "2024H1", .provider, "KRS:0000000001", value: 0.249999999, num: 10, den: 40.00000016),
            PubFixture.row("S01", "2024H1", .provider, "KRS:0000000002", value: 0.2499999999, num: 10, den: 40.0000000016),
            PubFixture.row("S01", "2024H1", .all, "all", value: 0.25, num: 10, den: 40),
        ]
        let flagged = PubFixture.publish(rows, targets: t).measures.map { $0.flags.contains(.below_target) }
        // sorted: S01 all, S01 provider 1 (0.249999999 < 0.25), S01 provider 2 (0.2499999999 rounds to
        // 0.25), S05 all, S05 F1, S05 F2 (120.0000001 > 120), S05 F3 (120.0000000004 rounds to 120)
        XCTAssertEqual(flagged, [false, true, false, true, false, true, false])
    }

    func testCatalogueOverloadUsesCatalogueRules() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Pipelines/measures.yaml")
        let cat = try MeasureCatalogue.load(from: url)
        let rows = [
            PubFixture.row("Q06", "2024H1", "A", value: 12, num: 24, den: 2),
            PubFixture.row("Q06", "2024H1", "B", value: 2, num: 4, den: 2),   // 4 persons < 5: suppressed
        ]
        let out = Publication.publish(rows: rows, catalogue: cat, standard: PubFixture.std, targets: [:], minCell: 5,
                                      requestedPeriods: [Period("2024H1")!])
        XCTAssertEqual(out.measures.map(\.flags), [[.below_norm], [.suppressed]])
        XCTAssertEqual(out.benchmark.map(\.rank), [1, nil])
    }
}
