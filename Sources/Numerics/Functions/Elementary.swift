// Elementary functions computed by our own code: exp, expm1, log, log1p, tanh, sigmoid, erf, erfc.
// The C library's versions differ between glibc releases and CPUs in the last bit; the course must be
// byte-identical everywhere, so every transcendental value the simulations use comes from here.
// Method: argument reduction, then polynomials or series whose truncation error is far below an ulp,
// evaluated with fused multiply-add. The reduction and correction steps follow the classic fdlibm
// design (Sun Microsystems, 1993) and J.-M. Muller, "Elementary Functions", 3rd ed. (2016), ch. 11.
// Accuracy is measured against Foundation in Tests/NumericsTests/ElementaryTests.swift: a few ulp in
// Double; the Float versions round the Double result, so they are within one Float ulp.

/// Our own elementary functions (Double; the Float overloads round the Double result).
public enum Elementary {
    // ln 2 split so that k·ln2High is exact for |k| < 2¹¹ (the low 32 bits of ln2High are zero).
    @usableFromInline static let ln2High = Double(bitPattern: 0x3FE6_2E42_FEE0_0000)
    @usableFromInline static let ln2Low = 1.908_214_929_270_587_700_02e-10
    @usableFromInline static let log2e = 1.442_695_040_888_963_407_359_924_681_001_892_137

    /// 2ᵏ for an integer k in −1022...1023, made from its bits.
    @inline(__always)
    static func powerOfTwo(_ k: Int) -> Double {
        Double(bitPattern: UInt64(k + 1023) << 52)
    }

    /// p·2ᵏ for p near 1 and any k, rounded once.
    @inline(__always)
    static func scale(_ p: Double, _ k: Int) -> Double {
        if k >= -1022 && k <= 1023 { return p * powerOfTwo(k) }
        if k > 1023 { return p * powerOfTwo(1023) * powerOfTwo(k - 1023) }
        // A subnormal result: the first product is exact, the second rounds once.
        return p * powerOfTwo(k + 600) * powerOfTwo(-600)
    }

    /// (e^r − 1 − r) / r² for |r| ≤ ln2/2: the Taylor series to r¹² (so e^r to r¹⁴); the first omitted
    /// term is below 10⁻¹⁷ relative to e^r.
    @inline(__always)
    static func expTail(_ r: Double) -> Double {
        var q = 1.0 / 87_178_291_200          // 1/14!
        q = (1.0 / 6_227_020_800).addingProduct(q, r)   // 1/13!
        q = (1.0 / 479_001_600).addingProduct(q, r)     // 1/12!
        q = (1.0 / 39_916_800).addingProduct(q, r)      // 1/11!
        q = (1.0 / 3_628_800).addingProduct(q, r)       // 1/10!
        q = (1.0 / 362_880).addingProduct(q, r)         // 1/9!
        q = (1.0 / 40_320).addingProduct(q, r)          // 1/8!
        q = (1.0 / 5_040).addingProduct(q, r)           // 1/7!
        q = (1.0 / 720).addingProduct(q, r)             // 1/6!
        q = (1.0 / 120).addingProduct(q, r)             // 1/5!
        q = (1.0 / 24).addingProduct(q, r)              // 1/4!
        q = (1.0 / 6).addingProduct(q, r)               // 1/3!
        q = 0.5.addingProduct(q, r)                     // 1/2!
        return q
    }

    /// x = k·ln2 + r with k an integer and |r| ≤ ln2/2 (Cody–Waite reduction in two fused steps).
    @inline(__always)
    static func reduce(_ x: Double) -> (k: Double, r: Double) {
        let k = (x * log2e).rounded(.toNearestOrEven)
        return (k, x.addingProduct(-k, ln2High).addingProduct(-k, ln2Low))
    }

    // Beyond these, e^x overflows to +∞ or rounds to 0.
    static let expOverflow = 709.782_712_893_383_973_096
    static let expUnderflow = -745.133_219_101_941_108_420

    /// e^x.
    public static func exp(_ x: Double) -> Double {
        if !(x < expOverflow) { return x.isNaN ? x : .infinity }
        if x < expUnderflow { return 0 }
        let (k, r) = reduce(x)
        let p = 1 + r.addingProduct(r * r, expTail(r))
        return scale(p, Int(k))
    }

    /// e^x − 1, accurate also for tiny x.
    public static func expm1(_ x: Double) -> Double {
        if !(x < expOverflow) { return x.isNaN ? x : .infinity }
        if x < -40 { return -1 }    // e^−40 is below half an ulp of 1
        let (k, r) = reduce(x)
        let em = r.addingProduct(r * r, expTail(r))     // e^r − 1
        if k == 0 { return em }
        // e^x − 1 = 2ᵏ·(e^r − 1) + (2ᵏ − 1); for |k| ≤ 52, 2ᵏ − 1 is close to exact.
        if k > 52 { return scale(1 + em, Int(k)) - 1 }
        let t = powerOfTwo(Int(k))
        return (t - 1).addingProduct(t, em)
    }

    /// Natural logarithm; NaN for negative x, −∞ at 0.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var bits = x.bitPattern
        var e = 0
        if x < .leastNormalMagnitude {      // subnormal: scale into the normal range first
            bits = (x * 0x1p54).bitPattern
            e = -54
        }
        e += Int((bits >> 52) & 0x7FF) - 1023
        // m in [√½, √2): move the mantissa's upper half down one binade.
        var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        if m > 1.414_213_562_373_095_048_8 { m *= 0.5; e += 1 }
        let f = m - 1      // exact (Sterbenz)
        return Double(e) * ln2High + (log1pReduced(f) + Double(e) * ln2Low)
    }

    /// log(1 + f) for f in [√½ − 1, √2 − 1].
    /// With s = f/(2 + f): log(1 + f) = 2·atanh(s) = 2s + 2s³/3 + 2s⁵/5 + …, rearranged (fdlibm) as
    /// f − (f²/2 − s·(f²/2 + R)) with R = 2s²/3 + 2s⁴/5 + …, so the large term f enters exactly.
    @inline(__always)
    static func log1pReduced(_ f: Double) -> Double {
        let s = f / (2 + f)
        let z = s * s                       // z ≤ 0.0295; terms to z¹¹ leave < 10⁻¹⁸
        var R = 2.0 / 25
        R = (2.0 / 23).addingProduct(R, z)
        R = (2.0 / 21).addingProduct(R, z)
        R = (2.0 / 19).addingProduct(R, z)
        R = (2.0 / 17).addingProduct(R, z)
        R = (2.0 / 15).addingProduct(R, z)
        R = (2.0 / 13).addingProduct(R, z)
        R = (2.0 / 11).addingProduct(R, z)
        R = (2.0 / 9).addingProduct(R, z)
        R = (2.0 / 7).addingProduct(R, z)
        R = (2.0 / 5).addingProduct(R, z)
        R = (2.0 / 3).addingProduct(R, z)
        R *= z
        let halfSquare = 0.5 * f * f
        return f - (halfSquare - s * (halfSquare + R))
    }

    /// log(1 + x), accurate also for tiny x.
    public static func log1p(_ x: Double) -> Double {
        if x.isNaN || x < -1 { return .nan }
        if x == -1 { return -.infinity }
        if x == .infinity { return x }
        let u = 1 + x
        if u == 1 { return x }
        // u = 1 + x rounded; log(u)·x/(u − 1) cancels the rounding of u to first order
        // (D. Goldberg, "What every computer scientist should know about floating-point arithmetic", 1991).
        return log(u) * (x / (u - 1))
    }

    /// Hyperbolic tangent: tanh|x| = −t/(2 + t) with t = e^{−2|x|} − 1, sign restored.
    public static func tanh(_ x: Double) -> Double {
        let a = abs(x)
        if a.isNaN { return x }
        if a < 0x1p-28 { return x }          // tanh x = x − x³/3: the cubic is below half an ulp
        if a > 22 { return x > 0 ? 1 : -1 }  // 1 − tanh 22 < 2⁻⁶³
        let t = expm1(-2 * a)
        let y = -t / (2 + t)
        return x < 0 ? -y : y
    }

    /// The logistic sigmoid 1/(1 + e^{−x}), computed without overflow for either sign.
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    // 2/√π
    static let twoOverRootPi = 1.128_379_167_095_512_573_896_158_903_121_545_171_688

    /// e^{−x²} with x² split exactly into high and low parts, so the error of rounding x² (which would
    /// be magnified by x²) does not enter.
    static func expMinusSquare(_ x: Double) -> Double {
        let high = x * x
        let low = (-high).addingProduct(x, x)      // x² − high, exact by fma
        return exp(-high) * (1 - low)
    }

    /// The error function erf x = (2/√π) ∫₀ˣ e^{−t²} dt.
    ///
    /// For |x| < 0.5: erf x = (2/√π)·e^{−x²}·Σₙ 2ⁿx^{2n+1}/(1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6);
    /// every term is positive, so there is no cancellation. Beyond: 1 − erfc |x|.
    public static func erf(_ x: Double) -> Double {
        let a = abs(x)
        if a.isNaN || a == 0 { return x }
        let y: Double
        if a < 0.5 {
            y = twoOverRootPi * expMinusSquare(a) * erfSeries(a)
        } else if a < 6 {
            y = 1 - erfcContinuedFraction(a)
        } else {
            y = 1      // erfc 6 < 2⁻⁵⁴
        }
        return x < 0 ? -y : y
    }

    /// The complementary error function erfc x = 1 − erf x, accurate in the tail.
    public static func erfc(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0.5 { return 1 - erf(x) }      // erfc x > 0.47 here: no cancellation to speak of
        if x > 27.3 { return 0 }               // erfc 27.3 underflows
        return erfcContinuedFraction(x)
    }

    /// Σₙ 2ⁿx^{2n+1}/(1·3·…·(2n+1)), summed until a term no longer changes the sum.
    static func erfSeries(_ a: Double) -> Double {
        let twoSquare = 2 * a * a
        var term = a
        var sum = a
        var n = 1.0
        while n < 100 {
            term *= twoSquare / (2 * n + 1)
            let next = sum + term
            if next == sum { break }
            sum = next
            n += 1
        }
        return sum
    }

    /// erfc x for x ≥ 0.5 by Laplace's continued fraction
    /// erfc x = (e^{−x²}/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (A&S 7.1.14),
    /// evaluated backwards (which is numerically stable) from depth 40 + 190/x²: the depth at which
    /// forward evaluation was seen to converge to 10⁻¹⁷ for x in [0.5, 5], with margin.
    static func erfcContinuedFraction(_ x: Double) -> Double {
        var tail = x
        var k = (40 + 190 / (x * x)).rounded(.down)
        while k >= 1 {
            tail = x + (k / 2) / tail
            k -= 1
        }
        return expMinusSquare(x) / (tail * 1.772_453_850_905_516_027_298_167_483_341_145_182_8)
    }

    /// The standard normal distribution function Φ(x) = ½·erfc(−x/√2), cheaper than `erfc` and less
    /// accurate: absolute error below 10⁻¹⁵ and relative error below 10⁻¹⁰ (the lower tail near x = −3.5
    /// loses digits to cancellation). It uses the series up to |x|/√2 = 2.5 and the short continued
    /// fraction beyond, so at most ~70 terms. Meant for Float results such as GELU, whose rounding
    /// to 24 bits hides the difference.
    public static func normalCDF(_ x: Double) -> Double {
        let a = abs(x) * 0.707_106_781_186_547_524_400_844_362_104_849_039
        if a.isNaN { return x }
        let tail: Double    // ½·erfc(a) = Φ(−|x|)
        if a < 2.5 {
            tail = 0.5 - 0.5 * twoOverRootPi * expMinusSquare(a) * erfSeries(a)
        } else if a > 27.3 {
            tail = 0
        } else {
            tail = 0.5 * erfcContinuedFraction(a)
        }
        return x < 0 ? tail : 1 - tail
    }

    // Float versions: computed in Double and rounded once, so within one Float ulp.
    @inlinable public static func exp(_ x: Float) -> Float { Float(exp(Double(x))) }
    @inlinable public static func expm1(_ x: Float) -> Float { Float(expm1(Double(x))) }
    @inlinable public static func log(_ x: Float) -> Float { Float(log(Double(x))) }
    @inlinable public static func log1p(_ x: Float) -> Float { Float(log1p(Double(x))) }
    @inlinable public static func tanh(_ x: Float) -> Float { Float(tanh(Double(x))) }
    @inlinable public static func sigmoid(_ x: Float) -> Float { Float(sigmoid(Double(x))) }
    @inlinable public static func erf(_ x: Float) -> Float { Float(erf(Double(x))) }
    @inlinable public static func erfc(_ x: Float) -> Float { Float(erfc(Double(x))) }
}
