import MiaraTestSupport
import MiaraValues
@testable import MiaraMeasures
import XCTest

/// A measure row's packed fields give back what was put in, and a row takes 136 bytes (it took
/// 200 with its numbers as optionals and its period as three fields).
final class MeasureRowPackingTests: XCTestCase {
    func testARowTakes136BytesOrLess() {
        XCTAssertLessThanOrEqual(MemoryLayout<MeasureRow>.stride, 136)
    }

    /// Random values (seed printed; MIARA_SEED replays), none among them, every period length,
    /// zeros of both signs, infinities and a NaN: read back as given, equal as `Double?` is.
    func testEveryFieldReadsBackAsGiven() {
        var rng = PropertySeed.generator("MeasureRowPackingTests.testEveryFieldReadsBackAsGiven")
        let specials: [Double?] = [nil, 0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-300]
        func number() -> Double? {
            let k = rng.next() % 12
            return k < UInt64(specials.count) ? specials[Int(k)] : Double(Int64(bitPattern: rng.next() % 2_000_000_000)) / 997
        }
        for _ in 0..<2000 {
            let length = [Period.Length.year, .half, .quarter, .month][Int(rng.next() % 4)]
            let period = Period(year: 1 + Int(rng.next() % 9999), length: length, index: 1 + Int(rng.next() % UInt64(12 / length.rawValue)))!
            let v = number(), num = number(), den = number(), sd = number()
            let n: Int? = rng.next() % 3 == 0 ? nil : [0, -1, Int.max, Int.min + 1, Int(rng.next() % 100_000)][Int(rng.next() % 5)]
            let grain = Grain.allCases[Int(rng.next() % 4)]
            var r = MeasureRow(measure: MeasureCode("E01"), period: period, grain: grain, unitID: "0202011-JAD1", facilityType: "shelter",
                               dimension: "bezpieczeństwo i godność", value: v, numerator: num, denominator: den, n: n, unit: "score 1–5",
                               flags: [.provisional], sd: sd)
            func same(_ a: Double?, _ b: Double?) -> Bool { a?.bitPattern == b?.bitPattern }
            XCTAssertEqual(r.period, period); XCTAssertEqual(r.grain, grain); XCTAssertEqual(r.n, n)
            XCTAssertTrue(same(r.value, v) && same(r.numerator, num) && same(r.denominator, den) && same(r.sd, sd),
                          "seed \(rng.seed): \(String(describing: v)) \(String(describing: num)) \(String(describing: den)) \(String(describing: sd))")
            // Equality as the optionals compare: a NaN is unequal to itself, -0 equals 0.
            XCTAssertEqual(r == r, v?.isNaN != true && num?.isNaN != true && den?.isNaN != true && sd?.isNaN != true)
            var copy = r
            copy.value = v.map { $0 == 0 ? -$0 : $0 }
            if v?.isNaN != true && num?.isNaN != true && den?.isNaN != true && sd?.isNaN != true { XCTAssertEqual(copy, r) }
            r.value = nil; r.n = nil; r.period = Period(year: 2026, length: .quarter, index: 4)!
            XCTAssertNil(r.value); XCTAssertNil(r.n); XCTAssertEqual(r.period.text, "2026Q4")
        }
    }
}
