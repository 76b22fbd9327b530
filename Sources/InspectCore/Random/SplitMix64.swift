/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seeded generator whose
/// output depends only on the seed, on every platform and Swift version.
///
/// Use ``next(below:)`` rather than the standard library's `random(in:using:)`
/// where results must replay exactly: the standard library does not promise how
/// it maps generator output to a range.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The current state; a generator made with `SplitMix64(seed: state)` continues the sequence.
    public private(set) var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed integer in `0..<bound` (rejection sampling, no modulo bias).
    /// - Precondition: `bound > 0`.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        let limit = UInt64.max - UInt64.max % range
        while true {
            let value = next()
            if value < limit { return Int(value % range) }
        }
    }
}
