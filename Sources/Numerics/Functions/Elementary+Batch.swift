// Batch versions of tanh and sigmoid for Float arrays: eight Double lanes at a time (SIMD8<Double>),
// performing in every lane exactly the IEEE operations of the scalar `Elementary.tanh` / `sigmoid`
// (same reduction, same fused Horner steps, same final divisions), with the scalar branches turned into
// lane selections. So `tanh(batch)[i] == Float(Elementary.tanh(Double(batch[i])))` bit for bit, which
// ElementaryTests checks over millions of arguments; the batch form is only faster.

extension Elementary {
    typealias Lanes = SIMD8<Double>

    /// e^r − 1 − r over r², lane by lane: the Horner steps of `expTail`.
    @inline(__always)
    static func expTail(_ r: Lanes) -> Lanes {
        var q = Lanes(repeating: 1.0 / 87_178_291_200)
        q = Lanes(repeating: 1.0 / 6_227_020_800).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 479_001_600).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 39_916_800).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 3_628_800).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 362_880).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 40_320).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 5_040).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 720).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 120).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 24).addingProduct(q, r)
        q = Lanes(repeating: 1.0 / 6).addingProduct(q, r)
        q = Lanes(repeating: 0.5).addingProduct(q, r)
        return q
    }

    /// 2^(k + offset) for integer-valued k with k + offset in 0...2046 (biased exponent), from bits.
    @inline(__always)
    static func powerOfTwo(_ k: Lanes, offset: Double) -> Lanes {
        // k + offset + 2⁵² holds the integer k + offset in its low mantissa bits.
        let biased = unsafeBitCast(k + (offset + 0x1p52), to: SIMD8<UInt64>.self) &- 0x4330_0000_0000_0000
        return unsafeBitCast(biased &<< 52, to: Lanes.self)
    }

    /// e^u for lanes with u ≤ 0, as `exp` computes it.
    @inline(__always)
    static func expNonPositive(_ u: Lanes) -> Lanes {
        // Clamp so the exponent arithmetic stays in range; lanes below the underflow bound become 0 below.
        // (By comparison and selection: the standard library's pointwiseMax handles NaN lane by lane, slowly.)
        let floor = Lanes(repeating: expUnderflow - 1)
        let v = u.replacing(with: floor, where: u .< floor)
        let k = (v * log2e).rounded(.toNearestOrEven)
        let r = v.addingProduct(-k, Lanes(repeating: ln2High)).addingProduct(-k, Lanes(repeating: ln2Low))
        let p = 1 + r.addingProduct(r * r, expTail(r))
        // p·2ᵏ as p·2^(k+600)·2^(−600): the first product is exact, the second rounds once — the same
        // value `scale` gives, whether the result is normal (exact either way) or subnormal.
        let e = p * powerOfTwo(k, offset: 1623) * Lanes(repeating: powerOfTwo(-600))
        return e.replacing(with: 0, where: u .< Lanes(repeating: expUnderflow))
    }

    /// sigmoid of eight lanes, as `sigmoid(_: Double)`.
    @inline(__always)
    static func sigmoid(_ x: Lanes) -> Lanes {
        let nonNegative = x .>= 0
        // exp(−x) for x ≥ 0, exp(x) otherwise: e^{−|x|}.
        let e = expNonPositive(x.replacing(with: -x, where: nonNegative))
        let y = (e / (1 + e)).replacing(with: 1 / (1 + e), where: nonNegative)
        return y.replacing(with: x, where: x .!= x)     // NaN stays NaN
    }

    /// tanh of eight lanes, as `tanh(_: Double)`.
    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes {
        let negative = x .< 0
        let a = x.replacing(with: -x, where: negative)
        // expm1(−2a) for 2^−28 ≤ a ≤ 22 (other lanes are replaced below): the reduction of `expm1`.
        let m = -2 * a.replacing(with: 22, where: a .> 22)
        let k = (m * log2e).rounded(.toNearestOrEven)
        let r = m.addingProduct(-k, Lanes(repeating: ln2High)).addingProduct(-k, Lanes(repeating: ln2Low))
        let em = r.addingProduct(r * r, expTail(r))
        let t = powerOfTwo(k, offset: 1023)
        var e = (t - 1).addingProduct(t, em).replacing(with: em, where: k .== 0)
        e = e.replacing(with: -1, where: m .< -40)
        let magnitude = -e / (2 + e)
        var y = magnitude.replacing(with: -magnitude, where: negative)
        y = y.replacing(with: x, where: a .< 0x1p-28)
        y = y.replacing(with: Lanes(repeating: 1).replacing(with: -1, where: .!(x .> 0)), where: a .> 22)
        return y.replacing(with: x, where: x .!= x)
    }

    /// output[i] = Float(f(Double(input[i]))) for f = tanh or sigmoid, eight at a time.
    @inline(__always)
    static func apply(_ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
                      lanes: (Lanes) -> Lanes, scalar: (Double) -> Double) {
        let count = input.count
        let whole = count - count % 8
        let source = UnsafeRawPointer(input.baseAddress!), target = UnsafeMutableRawPointer(output.baseAddress!)
        var i = 0
        while i < whole {
            let x = Lanes(source.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            target.storeBytes(of: SIMD8<Float>(lanes(x)), toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            output[i] = Float(scalar(Double(input[i])))
            i += 1
        }
    }

    /// tanh of every element, rounded to Float: the same bits as the scalar function.
    public static func tanh(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output too short")
        if input.isEmpty { return }
        apply(input, output, lanes: { tanh($0) }, scalar: { tanh($0) })
    }

    /// The logistic sigmoid of every element, rounded to Float: the same bits as the scalar function.
    public static func sigmoid(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output too short")
        if input.isEmpty { return }
        apply(input, output, lanes: { sigmoid($0) }, scalar: { sigmoid($0) })
    }
}

extension Elementary {
    /// log of eight lanes holding positive normal doubles, as `log(_: Double)` computes it (the lanes
    /// skip its checks for zero, subnormals, infinity and NaN, which callers rule out).
    @inline(__always)
    static func logPositiveNormal(_ x: Lanes) -> Lanes {
        let bits = unsafeBitCast(x, to: SIMD8<UInt64>.self)
        var e = SIMD8<Int64>(truncatingIfNeeded: (bits &>> 52) & 0x7FF) &- 1023
        var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: Lanes.self)
        let upperHalf = m .> 1.414_213_562_373_095_048_8
        m = m.replacing(with: m * 0.5, where: upperHalf)
        e = e &+ SIMD8<Int64>().replacing(with: 1, where: upperHalf)
        let f = m - 1
        let exponent = Lanes(e)
        return exponent * ln2High + (log1pReduced(f) + exponent * ln2Low)
    }

    /// `log1pReduced` lane by lane.
    @inline(__always)
    static func log1pReduced(_ f: Lanes) -> Lanes {
        let s = f / (2 + f)
        let z = s * s
        var R = Lanes(repeating: 2.0 / 25)
        R = Lanes(repeating: 2.0 / 23).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 21).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 19).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 17).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 15).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 13).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 11).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 9).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 7).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 5).addingProduct(R, z)
        R = Lanes(repeating: 2.0 / 3).addingProduct(R, z)
        R *= z
        let halfSquare = 0.5 * f * f
        return f - (halfSquare - s * (halfSquare + R))
    }
}
