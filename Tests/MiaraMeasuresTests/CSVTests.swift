import MiaraTestSupport
import MiaraValues
import XCTest
@testable import MiaraMeasures

final class CSVTests: XCTestCase {
    private func r(_ code: String, _ period: String, _ grain: Grain, _ unit: String, type: String = "", dim: String = "",
                   value: Double?, num: Double? = nil, den: Double? = nil, n: Int? = nil, u: String,
                   flags: Set<MeasureFlag> = []) -> MeasureRow {
        MeasureRow(measure: MeasureCode(code), period: Period(period)!, grain: grain, unitID: unit, facilityType: type,
                   dimension: dim, value: value, numerator: num, denominator: den, n: n, unit: u, flags: flags)
    }

    func testMeasuresCSVIsByteExactSortedBeforeEscaping() {
        let rows = [
            r("Q08", "2024", .facility, "+X", value: 4.5, num: 90, den: 20, u: "m²", flags: [.below_norm]),
            // `'Y` sorts before `+X` (0x27 < 0x2B) although `'+X` would sort before `'Y` after escaping.
            r("Q08", "2024", .facility, "'Y", value: 0.1234567, num: 1.234567, den: 10, u: "m²"),
            r("Q08", "2024", .facility, "-F1", value: nil, num: 0, den: 0, u: "m²",
              flags: [.no_denominator, .provisional]),
            r("Q01", "2024H1", .municipality, "2464011", dim: "staff", value: 3.75, num: 7.5, den: 2, n: 2,
              u: "score 1–5", flags: [.below_average, .provisional, .below_target]),
            r("Q01", "2024H1", .municipality, "2464011", value: 2.5, num: 5, den: 2, n: 2, u: "score 1–5"),
            r("Q01", "2024", .facility, "=cmd", value: nil, u: "score 1–5", flags: [.suppressed, .provisional]),
            r("Q01", "2024Q1", .all, "all", value: -0.0000001, num: 1e-7, den: 1, n: 12, u: "score 1–5"),
            r("S05", "2024H1", .facility, "a,b", type: "shelter", value: 12, n: 7, u: "days"),
        ]
        let expected = """
            measure,period,grain,unit_id,facility_type,dimension,value,numerator,denominator,n,unit,flags
            Q01,2024,facility,'=cmd,,,,,,,score 1–5,provisional;suppressed
            Q01,2024H1,municipality,2464011,,,2.5,5,2,2,score 1–5,
            Q01,2024H1,municipality,2464011,,staff,3.75,7.5,2,2,score 1–5,provisional;below_target;below_average
            Q01,2024Q1,all,all,,,0,0,1,12,score 1–5,
            Q08,2024,facility,'Y,,,0.123457,1.234567,10,,m²,
            Q08,2024,facility,'+X,,,4.5,90,20,,m²,below_norm
            Q08,2024,facility,'-F1,,,,0,0,,m²,provisional;no_denominator
            S05,2024H1,facility,"a,b",shelter,,12,,,7,days,

            """
        let csv = MeasuresCSV.measures(rows)
        XCTAssertEqual(csv, expected)
        XCTAssertEqual(Array(csv.utf8), Array(expected.utf8))
        XCTAssertFalse(csv.contains("\r"))
    }

    func testBenchmarkCSVIsByteExact() {
        let rows = [
            BenchmarkRow(measure: MeasureCode("S01"), period: Period("2024H1")!, teryt: "2461011", value: nil,
                         mean: 0.475, median: 0.4, q1: 0.35, q3: 0.525, min: 0.2, max: 0.9, flags: [.no_denominator]),
            BenchmarkRow(measure: MeasureCode("S01"), period: Period("2024H1")!, teryt: "2464011", value: 0.2,
                         mean: 0.475, median: 0.4, q1: 0.35, q3: 0.525, min: 0.2, max: 0.9,
                         deviation: 0.2 / 0.475 - 1, rank: 4, deltaPrev: -0.1, flags: [.below_average, .provisional]),
            BenchmarkRow(measure: MeasureCode("E01"), period: Period("2024")!, teryt: "@1", value: 100, mean: 100,
                         median: 100, q1: 100, q3: 100, min: 100, max: 100, deviation: 0, rank: 1),
        ]
        let expected = """
            measure,period,teryt,value,mean,median,q1,q3,min,max,deviation,rank,delta_prev,flags
            E01,2024,'@1,100,100,100,100,100,100,100,0,1,,
            S01,2024H1,2461011,,0.475,0.4,0.35,0.525,0.2,0.9,,,,no_denominator
            S01,2024H1,2464011,0.2,0.475,0.4,0.35,0.525,0.2,0.9,-0.578947,4,-0.1,provisional;below_average

            """
        XCTAssertEqual(MeasuresCSV.benchmark(rows), expected)
    }
    /// Whole numbers take a path of their own in `CSVText.number` (their digits, without the C
    /// library): for random integral values of every magnitude up to 2^53 and past it, either sign,
    /// the text is the C library's `%.0f` of the value (what `%.6f` gives once its six zeros are
    /// trimmed), `-0` written `0`. Prints its seed (`MIARA_SEED` replays it).
    func testWholeNumbersAreWrittenAsTheCLibraryPrintsThem() {
        var rng = PropertySeed.generator("CSVTests.testWholeNumbersAreWrittenAsTheCLibraryPrintsThem")
        var values: [Double] = [0, -0.0, 1, -1, 9_007_199_254_740_991, -9_007_199_254_740_991, 9_007_199_254_740_992,
                                18_014_398_509_481_984, 1e300, -1e22]
        for _ in 0..<5000 {
            let bits = Int.random(in: 0...62, using: &rng)
            let magnitude = Double(UInt64.random(in: 0...(UInt64(1) << UInt64(bits)), using: &rng))
            values.append(Bool.random(using: &rng) ? -magnitude : magnitude)
        }
        for v in values {
            var expected = String(format: "%.0f", v)
            if expected == "-0" { expected = "0" }
            XCTAssertEqual(CSVText.number(v), expected, "\(v)")
        }
        // Next to a whole number, still through the C library.
        XCTAssertEqual(CSVText.number(4_503_599_627_370_495.5), "4503599627370495.5")
        XCTAssertEqual(CSVText.number(-2.5), "-2.5")
    }

    /// Doubles with a fraction take an integer path of their own in `CSVText.number`
    /// (`fraction6`): for random bit patterns of every exponent below 2^52, subnormals, values
    /// near a half of 10⁻⁶ and exact binary ties (j ÷ 2^k, k ≥ 7), either sign, the text is the
    /// C library's `%.6f` with its trailing zeros and `.` trimmed, `-0` written `0`. Prints its
    /// seed (`MIARA_SEED` replays it).
    func testFractionsAreWrittenAsTheCLibraryPrintsThem() {
        var rng = PropertySeed.generator("CSVTests.testFractionsAreWrittenAsTheCLibraryPrintsThem")
        var values: [Double] = [0.5, -0.5, 0.0000005, 0.0000015, 0.0000025, 1.0 / 128, 3.0 / 128, .leastNonzeroMagnitude,
                                -.leastNonzeroMagnitude, .leastNormalMagnitude, 4_503_599_627_370_495.5, -4_503_599_627_370_495.5,
                                0.03 / 32, 12.01 / 32, 0.09 / 32, 0.9999995, 0.99999949999999995, 999_999.9999995]
        for _ in 0..<20000 {
            let v: Double
            switch Int.random(in: 0...3, using: &rng) {
            case 0:   // any bit pattern with an exponent below 2^52
                let exponent = UInt64.random(in: 0...(1023 + 51), using: &rng)
                v = Double(bitPattern: exponent << 52 | UInt64.random(in: 0..<(1 << 52), using: &rng))
            case 1:   // an exact binary tie or near one: j ÷ 2^k
                let k = Int.random(in: 7...40, using: &rng)
                v = Double(UInt64.random(in: 0...(UInt64(1) << 40), using: &rng)) / Double(sign: .plus, exponent: k, significand: 1)
            case 2:   // a six-decimal value ± half a step, and its neighbours
                let base = Double(Int64.random(in: 0...10_000_000_000, using: &rng)) / 1_000_000 + 0.0000005
                v = [base.nextDown, base, base.nextUp][Int.random(in: 0...2, using: &rng)]
            default:  // a small measure value, as the measures give
                v = Double(Int.random(in: 0...100_000, using: &rng)) / Double(Int.random(in: 1...997, using: &rng))
            }
            values.append(Bool.random(using: &rng) ? -v : v)
        }
        for v in values where v.rounded(.towardZero) != v {
            var expected = String(format: "%.6f", v)
            while expected.hasSuffix("0") { expected.removeLast() }
            if expected.hasSuffix(".") { expected.removeLast() }
            if expected == "-0" { expected = "0" }
            XCTAssertEqual(CSVText.number(v), expected, "\(v) bits \(String(v.bitPattern, radix: 16))")
        }
    }

    /// SPEC 9.1 "numbers rounded to 6 decimals": the double itself is rounded, not the product
    /// v × 10⁶ (whose own rounding can land on an exact .5 and round the wrong way).
    func testNumbersAreRoundedFromTheExactDoubleValue() {
        // 0.03 / 32 is the double 0.000937499999999999965…: below the half, so 0.000937
        // (v × 10⁶ rounds to exactly 937.5 in binary, which used to give 0.000938).
        XCTAssertEqual(CSVText.number(0.03 / 32), "0.000937")
        // 12.01 / 32 = 0.3753125 in decimals; its double is 0.375312499999999993…: 0.375312.
        XCTAssertEqual(CSVText.number(12.01 / 32), "0.375312")
        // 0.09 / 32 → double 0.00281249999999999989…: 0.002812.
        XCTAssertEqual(CSVText.number(0.09 / 32), "0.002812")
        // A double just above a half rounds up: 0.0000015 is 0.00000150000000000000003…: 0.000002.
        XCTAssertEqual(CSVText.number(0.0000015), "0.000002")
        // Unchanged rules: trailing zeros dropped, integers bare, no "-0", large values whole.
        XCTAssertEqual(CSVText.number(12), "12")
        XCTAssertEqual(CSVText.number(0.5), "0.5")
        XCTAssertEqual(CSVText.number(-0.25), "-0.25")
        XCTAssertEqual(CSVText.number(-0.0000004), "0")
        XCTAssertEqual(CSVText.number(-0.0), "0")
        XCTAssertEqual(CSVText.number(1234567.1234564), "1234567.123456")
        XCTAssertEqual(CSVText.number(2e15 + 0.5), "2000000000000000.5")
        XCTAssertEqual(CSVText.number(1e20), "100000000000000000000")
    }
}
