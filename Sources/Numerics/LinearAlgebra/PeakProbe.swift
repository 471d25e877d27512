// The fused multiply-add peak of one core, measured the way the issue asks: a loop of independent
// SIMD16 fmas on registers only (no memory traffic), so the matrix product's speed can be stated as a
// fraction of what the core can do. Lives in Numerics because only this target is compiled with
// `-target-cpu native`, which turns `addingProduct` into FMA instructions.

public enum PeakProbe {
    /// Runs `iterations` rounds of 16 independent SIMD16<Float> fmas (512 flops per round) and returns a
    /// value depending on all of them, so the work cannot be optimized away.
    @inline(never)
    public static func fusedMultiplyAdds(iterations: Int, seed: Float = 1) -> Float {
        typealias V = SIMD16<Float>
        // Multiplier just below 1 and a tiny addend keep the values finite and normal for any count.
        let m = V(repeating: 0.999_999), d = V(repeating: seed * 1e-7)
        var a0 = V(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5, a6 = a0 + 6, a7 = a0 + 7
        var a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11, a12 = a0 + 12, a13 = a0 + 13, a14 = a0 + 14, a15 = a0 + 15
        for _ in 0..<iterations {
            a0 = d.addingProduct(a0, m); a1 = d.addingProduct(a1, m); a2 = d.addingProduct(a2, m); a3 = d.addingProduct(a3, m)
            a4 = d.addingProduct(a4, m); a5 = d.addingProduct(a5, m); a6 = d.addingProduct(a6, m); a7 = d.addingProduct(a7, m)
            a8 = d.addingProduct(a8, m); a9 = d.addingProduct(a9, m); a10 = d.addingProduct(a10, m); a11 = d.addingProduct(a11, m)
            a12 = d.addingProduct(a12, m); a13 = d.addingProduct(a13, m); a14 = d.addingProduct(a14, m); a15 = d.addingProduct(a15, m)
        }
        let sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15))
        return sum.sum()
    }

    /// Floating-point operations per iteration of `fusedMultiplyAdds`.
    public static let flopsPerIteration = 16 * 16 * 2
}
