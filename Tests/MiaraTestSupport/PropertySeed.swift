import Foundation

/// The seed of a property test: a fresh one on every run, printed, or the one in `MIARA_SEED`
/// to replay a failure (`MIARA_SEED=123 swift test --filter NightsPropertyTests`).
///
/// ```swift
/// var rng = PropertySeed.generator("NightsPropertyTests.testAnySplitOverNightsEqualsOneRun")
/// let n = Int.random(in: 0..<10, using: &rng)
/// ```
public enum PropertySeed {
    /// `MIARA_SEED` when set (decimal), else a fresh random seed; printed with the test's name
    /// and the line that replays it.
    public static func draw(_ test: String) -> UInt64 {
        let env = ProcessInfo.processInfo.environment["MIARA_SEED"]
        let seed = env.flatMap { UInt64($0.trimmingCharacters(in: .whitespaces)) } ?? UInt64.random(in: 0...UInt64.max)
        let origin = env == nil ? "fresh" : "from MIARA_SEED"
        print("property seed \(test): \(seed) (\(origin); replay with MIARA_SEED=\(seed))")
        return seed
    }

    /// A generator seeded by `draw(test)`.
    public static func generator(_ test: String) -> SplitMix {
        SplitMix(seed: draw(test))
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same values on every
/// machine, so a printed seed replays a failing case.
public struct SplitMix: RandomNumberGenerator {
    public private(set) var state: UInt64
    public let seed: UInt64

    public init(seed: UInt64) { state = seed; self.seed = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
