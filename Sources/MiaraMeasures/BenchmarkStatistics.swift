import Foundation

/// The statistics of the GWD benchmark (SPEC 7) over the published values of one measure and
/// period across municipalities.
public struct BenchmarkStatistics: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let median: Double
    public let q1: Double
    public let q3: Double
    public let min: Double
    public let max: Double

    /// nil when there are no values.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let xs = values.sorted()
        count = xs.count
        mean = xs.reduce(0, +) / Double(xs.count)
        median = Self.quartileInc(xs, 0.5)
        q1 = Self.quartileInc(xs, 0.25)
        q3 = Self.quartileInc(xs, 0.75)
        min = xs[0]
        max = xs[xs.count - 1]
    }

    /// Spreadsheet QUARTILE.INC / PERCENTILE.INC over ascending `xs`: position h = (n − 1)·p,
    /// linear interpolation between the values at ⌊h⌋ and ⌊h⌋ + 1.
    public static func quartileInc(_ xs: [Double], _ p: Double) -> Double {
        let h = Double(xs.count - 1) * p
        let lo = Int(h.rounded(.down))
        let frac = h - Double(lo)
        guard lo + 1 < xs.count, frac > 0 else { return xs[lo] }
        return xs[lo] + frac * (xs[lo + 1] - xs[lo])
    }

    /// Rounds to 9 decimals: the precision at which SPEC 7 compares values (ties, below average).
    public static func round9(_ v: Double) -> Double {
        (v * 1e9).rounded(.toNearestOrAwayFromZero) / 1e9
    }

    /// True when `a` is strictly better than `b` by `direction`, both rounded to 9 decimals.
    public static func isBetter(_ a: Double, than b: Double, _ direction: Direction) -> Bool {
        let x = round9(a), y = round9(b)
        return direction == .higherIsBetter ? x > y : x < y
    }

    /// Rank of `value` among `values` (which include it): 1 + the number strictly better.
    public static func rank(of value: Double, among values: [Double], _ direction: Direction) -> Int {
        1 + values.filter { isBetter($0, than: value, direction) }.count
    }

    /// The ranks of values among one group's values, each in O(log n): the group's values rounded
    /// to 9 decimals once and sorted, the values strictly better than a value counted by binary
    /// search. `rank(of:)` gives what `BenchmarkStatistics.rank(of:among:_:)` gives over the same
    /// values (a national period compares about 2,500 municipalities per measure: counting them
    /// for each municipality would compare millions of pairs per measure and period).
    public struct Ranking: Sendable {
        let rounded: [Double]
        let direction: Direction

        public init(_ values: [Double], _ direction: Direction) {
            rounded = values.map(BenchmarkStatistics.round9).sorted()
            self.direction = direction
        }

        /// 1 + the number of the group's values strictly better than `value` (at 9 decimals).
        public func rank(of value: Double) -> Int {
            let v = BenchmarkStatistics.round9(value)
            // The first position whose value is above v (higher is better) or at least v (lower is better).
            var lo = 0, hi = rounded.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let before = direction == .higherIsBetter ? rounded[mid] <= v : rounded[mid] < v
                if before { lo = mid + 1 } else { hi = mid }
            }
            return 1 + (direction == .higherIsBetter ? rounded.count - lo : lo)
        }
    }

    /// value ÷ mean − 1; nil when the mean is 0 (at 9 decimals).
    public func deviation(of value: Double) -> Double? {
        Self.round9(mean) == 0 ? nil : value / mean - 1
    }

    /// Worse than the mean by `direction`, both rounded to 9 decimals.
    public func isBelowAverage(_ value: Double, _ direction: Direction) -> Bool {
        Self.isBetter(mean, than: value, direction)
    }
}
