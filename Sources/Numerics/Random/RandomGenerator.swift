// RandomGenerator: the one source of randomness in the package.
// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021), seeded by
// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014) as its
// authors recommend. Only integer arithmetic, so a seed gives the same bits on every machine; the
// conversion to floating point is ours and documented below, not the standard library's.

/// A seeded xoshiro256** generator with independent, named sub-streams.
///
/// A generator remembers the *key* it was made from (its seed, or its parent's key mixed with a
/// stream label). `stream(for:)` derives a child from that key alone, never from how many numbers were
/// drawn, so the numbers of layer 3 do not change when layer 2 draws more.
///
///     let experiment = RandomGenerator(seed: 1)
///     var layer0 = experiment.stream(for: "weights").stream(for: 0)
///     let w = layer0.normal()
///
/// It conforms to `RandomNumberGenerator`, but the standard library's samplers (`Int.random(in:using:)`,
/// `shuffled(using:)`) are not part of the determinism guarantee: their algorithms may change between
/// toolchains. Use the samplers defined here, which depend only on `next()`.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    /// The key this generator was derived from; equal keys give equal sequences.
    public let key: UInt64
    private var s0, s1, s2, s3: UInt64
    /// The second normal deviate of the last polar-method pair (see `normal()`).
    var spareNormal: Double?

    /// A generator whose state is four SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        key = seed
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
        // SplitMix64 cannot return four zeros in a row, so xoshiro's forbidden all-zero state is impossible.
    }

    /// A generator started from an explicit xoshiro256** state (for checking against the reference
    /// implementation's published outputs).
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        key = 0
        (s0, s1, s2, s3) = state
    }

    /// An independent stream identified by `label`; depends only on `key` and `label`.
    public func stream(for label: UInt64) -> RandomGenerator {
        // Two rounds of the SplitMix64 finalizer decorrelate neighbouring keys and labels
        // (stream 1 of key 0 and stream 0 of key 1 differ).
        RandomGenerator(seed: SplitMix64.mix(SplitMix64.mix(key) ^ (label &* 0x9E37_79B9_7F4A_7C15 &+ 0xD1B5_4A32_D192_ED03)))
    }

    /// An independent stream identified by a name (its UTF-8 bytes hashed with 64-bit FNV-1a).
    public func stream(for label: String) -> RandomGenerator {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return stream(for: hash)
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 { nextBits() }

    @usableFromInline
    mutating func nextBits() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits times 2⁻⁵³, so every value is a multiple of 2⁻⁵³
    /// and each of the 2⁵³ values is equally likely.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform float in [0, 1): the top 24 bits times 2⁻²⁴ (exact in Float).
    @inlinable
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// SplitMix64: a 64-bit counter passed through a bijective finalizer; used to expand seeds.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function (a bijection of UInt64).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
