import MiaraValues
import XCTest
@testable import MiaraMeasures

final class DisclosureTests: XCTestCase {
    func testSmallCountIsSuppressedWithoutBelowFlagsButOwnViewKeepsTheValue() throws {
        // Q01 (count = n): n = 4 < 5 → suppressed; its value 1.5 misses the target min 3, but a
        // suppressed row gets no below_* flag. n = 5 is published (and misses the target).
        let rows = [
            PubFixture.row("Q01", "2024H1", "A", value: 1.5, num: 6, den: 4, n: 4),
            PubFixture.row("Q01", "2024H1", "B", value: 2, num: 10, den: 5, n: 5),
            PubFixture.row("Q01", "2024H1", .all, "all", value: 1.8, num: 16, den: 9, n: 9),
        ]
        let out = PubFixture.publish(rows, targets: [MeasureCode("Q01"): Target(min: 3)])
        let a = try XCTUnwrap(out.measures.first { $0.unitID == "A" })
        XCTAssertNil(a.value); XCTAssertNil(a.numerator); XCTAssertNil(a.denominator); XCTAssertNil(a.n)
        XCTAssertEqual(a.flags, [.suppressed])
        let b = try XCTUnwrap(out.measures.first { $0.unitID == "B" })
        XCTAssertEqual(b.value, 2); XCTAssertEqual(b.n, 5)
        // B is the only published municipality: mean 2, so B is not below average.
        XCTAssertEqual(b.flags, [.below_target])
        let own = try XCTUnwrap(out.ownView.first { $0.unitID == "A" })
        XCTAssertEqual(own.value, 1.5); XCTAssertEqual(own.n, 4)
        XCTAssertEqual(own.flags, [.suppressed, .below_target, .below_average])   // 1.5 < published mean 2
        let bench = try XCTUnwrap(out.benchmark.first { $0.teryt == "A" })
        XCTAssertNil(bench.value); XCTAssertEqual(bench.flags, [.suppressed]); XCTAssertEqual(bench.mean, 2)
    }

    func testZeroCountAndNoValueAreNotSuppressed() {
        let rows = [
            PubFixture.row("S01", "2024H1", "A", value: nil, num: 0, den: 0),     // count 0: no value only
            PubFixture.row("Q06", "2024H1", "B", value: nil, num: 3, den: nil),   // count 3 but no value (FTE unknown)
            PubFixture.row("E01", "2024H1", "C", value: 120, num: 1200, den: 10), // E01 has no person count
        ]
        let out = PubFixture.publish(rows)
        // sorted: E01 C, Q06 B, S01 A
        XCTAssertEqual(out.measures.map(\.flags), [[], [.no_denominator], [.no_denominator]])
        XCTAssertEqual(out.measures[1].numerator, 3)
        XCTAssertEqual(out.measures[0].value, 120)
    }

    func testPersonCountSourcesFollowSpec8() {
        let cat = try! catalogue()
        XCTAssertEqual(cat.definition(MeasureCode("E02"))?.personCount, .denominator)
        XCTAssertEqual(cat.definition(MeasureCode("S05"))?.personCount, .n)
        XCTAssertEqual(cat.definition(MeasureCode("S09"))?.personCount, .numerator)
        XCTAssertEqual(cat.definition(MeasureCode("Q04"))?.personCount, PersonCountSource.none)
        // S09's numerator is persons served: 4 < 5 suppresses at every grain.
        let r = PubFixture.row("S09", "2024H1", .all, "all", value: 0.4, num: 4, den: 100_000)
        XCTAssertTrue(Disclosure.isSuppressed(r, personCount: .numerator, minCell: 5))
        XCTAssertFalse(Disclosure.isSuppressed(r, personCount: .numerator, minCell: 4))
    }
}
