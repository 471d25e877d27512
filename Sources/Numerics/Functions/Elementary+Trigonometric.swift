// sin and cos by our own code, for authors' formulas (the `plot` kind's expressions): the same bits on every
// machine, whatever the C library. Method (fdlibm's): x = k·π/2 + r with |r| ≤ π/4 by a three-part Cody–Waite
// reduction, then the Taylor polynomials of sin r and cos r (truncation below 10⁻¹⁷ on |r| ≤ π/4), chosen by k mod 4.
// The reduction is exact enough for |x| ≤ 2²⁰·π/2; beyond that the result would be noise, so it is NaN.

extension Elementary {
    // π/2 split into three parts whose products with k (|k| < 2²⁰) are exact: 33 + 33 bits and the rest.
    static let halfPiHigh = 1.570_796_326_734_125_614_17      // 0x3FF921FB54400000
    static let halfPiMiddle = 6.077_100_506_303_965_976_6e-11 // 0x3DD0B4611A600000
    static let halfPiLow = 2.022_266_248_795_950_732_4e-21    // π/2 − high − middle
    static let twoOverPi = 0.636_619_772_367_581_382_43
    /// Largest |x| reduced accurately.
    static let trigonometricLimit = 1_647_099.0  // 2²⁰ · π/2

    /// sin r for |r| ≤ π/4: r − r³/3! + … − r¹⁹/19!.
    @inline(__always)
    static func sinKernel(_ r: Double) -> Double {
        // Below 2⁻²⁷, r³/6 is under half an ulp of r: sin r rounds to r (and −0 stays −0).
        if Swift.abs(r) < 7.450_580_596_923_828e-9 { return r }
        let z = r * r
        var p = -1.0 / 121_645_100_408_832_000          // −1/19!
        p = (1.0 / 355_687_428_096_000).addingProduct(p, z)  // 1/17!
        p = (-1.0 / 1_307_674_368_000).addingProduct(p, z)   // −1/15!
        p = (1.0 / 6_227_020_800).addingProduct(p, z)        // 1/13!
        p = (-1.0 / 39_916_800).addingProduct(p, z)          // −1/11!
        p = (1.0 / 362_880).addingProduct(p, z)              // 1/9!
        p = (-1.0 / 5_040).addingProduct(p, z)               // −1/7!
        p = (1.0 / 120).addingProduct(p, z)                  // 1/5!
        p = (-1.0 / 6).addingProduct(p, z)                   // −1/3!
        return r.addingProduct(r * z, p)
    }

    /// cos r for |r| ≤ π/4: 1 − r²/2! + … + r²⁰/20!.
    @inline(__always)
    static func cosKernel(_ r: Double) -> Double {
        let z = r * r
        var p = 1.0 / 2_432_902_008_176_640_000          // 1/20!
        p = (-1.0 / 6_402_373_705_728_000).addingProduct(p, z)  // −1/18!
        p = (1.0 / 20_922_789_888_000).addingProduct(p, z)      // 1/16!
        p = (-1.0 / 87_178_291_200).addingProduct(p, z)         // −1/14!
        p = (1.0 / 479_001_600).addingProduct(p, z)             // 1/12!
        p = (-1.0 / 3_628_800).addingProduct(p, z)              // −1/10!
        p = (1.0 / 40_320).addingProduct(p, z)                  // 1/8!
        p = (-1.0 / 720).addingProduct(p, z)                    // −1/6!
        p = (1.0 / 24).addingProduct(p, z)                      // 1/4!
        // 1 − z/2 + z²·p, with the large terms added last.
        let half = 0.5 * z
        return (1.0 - half) + ((1.0 - (1.0 - half)) - half).addingProduct(z * z, p)
    }

    /// (k mod 4, r) with x = k·π/2 + r, or nil when |x| is beyond the accurate reduction (or not finite).
    static func reduceQuadrant(_ x: Double) -> (quadrant: Int, r: Double)? {
        guard abs(x) <= trigonometricLimit else { return nil }
        if abs(x) <= 0.785_398_163_397_448_279 { return (0, x) }
        let k = (x * twoOverPi).rounded(.toNearestOrEven)
        let r = x.addingProduct(-k, halfPiHigh).addingProduct(-k, halfPiMiddle).addingProduct(-k, halfPiLow)
        return (Int(k) & 3, r)
    }

    /// sin x; NaN for |x| > 2²⁰·π/2 (where a double's spacing exceeds what the reduction keeps) and for ±∞.
    public static func sin(_ x: Double) -> Double {
        guard let (q, r) = reduceQuadrant(x) else { return .nan }
        switch q {
        case 0: return sinKernel(r)
        case 1: return cosKernel(r)
        case 2: return -sinKernel(r)
        default: return -cosKernel(r)
        }
    }

    /// cos x; NaN for |x| > 2²⁰·π/2 and for ±∞.
    public static func cos(_ x: Double) -> Double {
        guard let (q, r) = reduceQuadrant(x) else { return .nan }
        switch q {
        case 0: return cosKernel(r)
        case 1: return -sinKernel(r)
        case 2: return -cosKernel(r)
        default: return sinKernel(r)
        }
    }
}
