// ChartMath: the two elementary functions chart layout needs — log₁₀ for log-axis positions and 10ˣ for
// margins and colour maths — computed by our own code, so figure bytes never depend on the platform's
// libm (glibc's last bits differ between releases). Charts needs ~1e-15 relative accuracy, not
// correct rounding: argument reduction to a mantissa near 1 and the atanh series, as in fdlibm's log,
// and a Taylor series for 2ʳ after reducing to |r| ≤ ½. Only +, −, ×, ÷ are used: IEEE-exact everywhere.

enum ChartMath {
    private static let ln2 = 0.693_147_180_559_945_309_417_232_121_458
    private static let ln10 = 2.302_585_092_994_045_684_017_991_454_684
    private static let log2of10 = 3.321_928_094_887_362_347_870_319_429_489

    /// Natural logarithm of x > 0 (NaN below 0, −∞ at 0).
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var m = x, e = 0
        if m < .leastNormalMagnitude { m *= 0x1p54; e = -54 }
        e += Int(m.exponent)
        m = m.significand                       // in [1, 2)
        if m > 1.414_213_562_373_095 { m *= 0.5; e += 1 }
        // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172: terms to s²³ leave < 1e-18.
        let s = (m - 1) / (m + 1), z = s * s
        var sum = 0.0
        for k in stride(from: 23, through: 3, by: -2) { sum = (sum + 1 / Double(k)) * z }
        return Double(e) * ln2 + 2 * s * (1 + sum)
    }

    /// log₁₀ x for x > 0.
    static func log10(_ x: Double) -> Double { log(x) / ln10 }

    /// 2ˣ: 2^round(x) exactly, times 2ʳ = eʳˡⁿ² by its Taylor series (|r ln 2| ≤ 0.35: 20 terms).
    static func exp2(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 1024 { return .infinity }
        if x < -1075 { return 0 }
        let k = x.rounded()
        let t = (x - k) * ln2
        var term = 1.0, sum = 1.0
        for n in 1...20 { term *= t / Double(n); sum += term }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// 10ˣ.
    static func exp10(_ x: Double) -> Double { exp2(x * log2of10) }

    /// xʸ for x > 0.
    static func pow(_ x: Double, _ y: Double) -> Double { exp2(y * log(x) / ln2) }
}
