// Inference over repeated runs: the summary of a result replicated over seeds (mean, sample standard
// deviation, 95 % confidence interval from Student's t), the binomial standard error of an accuracy, and
// Welch's unequal-variance t-test (Welch 1947) with its p-value. Student's t distribution is computed here
// from the regularized incomplete beta function (continued fraction, modified Lentz; Press et al.,
// "Numerical Recipes", 3rd ed., §6.4) and a Lanczos log-gamma, all over `Elementary`, so the numbers are
// the same bits on every machine. Tested against SciPy values stored in the tests.

/// Mean, spread and 95 % confidence interval of a sample (e.g. one accuracy over several seeds).
public struct SampleSummary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// The sample standard deviation (n − 1 in the denominator); 0 for a single value.
    public let std: Double
    /// Half-width of the 95 % confidence interval of the mean: t(0.975, n − 1) · std / √n; nil below two values.
    public let ci95: Double?

    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a summary needs at least one value")
        let n = values.count
        let average = values.reduce(0, +) / Double(n)
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        let deviation = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        count = n
        mean = average
        std = deviation
        ci95 = n > 1 ? StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * deviation / Double(n).squareRoot() : nil
    }
}

public enum Inference {
    /// The standard error of an accuracy measured on `trials` independent examples: √(p(1 − p)/n).
    public static func binomialStandardError(accuracy p: Double, trials n: Int) -> Double {
        precondition(n > 0 && p >= 0 && p <= 1, "an accuracy in 0…1 over a positive number of examples")
        return (p * (1 - p) / Double(n)).squareRoot()
    }
}

/// Welch's t-test of two independent samples with possibly different variances.
public struct WelchTest: Sendable, Equatable {
    public let t: Double
    public let degreesOfFreedom: Double
    /// Two-sided p-value: the probability, if the means were equal, of a |t| at least this large.
    public let twoSidedP: Double
    /// One-sided p-value of the alternative "mean of a > mean of b".
    public let greaterP: Double

    /// Needs at least two values in each sample. Two constant samples give t = ±∞ (p = 0 or 1) when
    /// their means differ and t = 0 (p = 1, one-sided 0.5) when they agree.
    public init(_ a: [Double], _ b: [Double]) {
        precondition(a.count >= 2 && b.count >= 2, "Welch's test needs at least two values per sample")
        let sa = SampleSummary(a), sb = SampleSummary(b)
        let va = sa.std * sa.std / Double(a.count), vb = sb.std * sb.std / Double(b.count)
        let difference = sa.mean - sb.mean
        if va + vb == 0 {
            t = difference == 0 ? 0 : difference > 0 ? .infinity : -.infinity
            degreesOfFreedom = Double(a.count + b.count - 2)
            twoSidedP = difference == 0 ? 1 : 0
            greaterP = difference == 0 ? 0.5 : difference > 0 ? 0 : 1
            return
        }
        t = difference / (va + vb).squareRoot()
        degreesOfFreedom = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let tail = StudentT.upperTail(abs(t), degreesOfFreedom: degreesOfFreedom)
        twoSidedP = 2 * tail
        greaterP = t >= 0 ? tail : 1 - tail
    }
}

/// Student's t distribution.
public enum StudentT {
    /// P(T > t) for t ≥ 0: ½ · I_{ν/(ν+t²)}(ν/2, 1/2).
    public static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && t >= 0)
        if t.isInfinite { return 0 }
        return 0.5 * Beta.regularizedIncomplete(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// P(T ≤ t).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        t >= 0 ? 1 - upperTail(t, degreesOfFreedom: nu) : upperTail(-t, degreesOfFreedom: nu)
    }

    /// The t with P(T ≤ t) = p, for p in [0.5, 1): bisection on the upper tail (monotone, 100 halvings
    /// reach the last bit of any quantile below 10⁶).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p >= 0.5 && p < 1 && nu > 0)
        let target = 1 - p
        var low = 0.0, high = 1.0
        while upperTail(high, degreesOfFreedom: nu) > target { high *= 2 }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if upperTail(middle, degreesOfFreedom: nu) > target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

/// The beta and gamma functions the t distribution needs.
public enum Beta {
    /// ln Γ(x) for x > 0: Lanczos' approximation (g = 7, nine coefficients; relative error ≈ 10⁻¹⁵).
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0)
        if x < 0.5 {
            // Γ(x) = Γ(x + 1) / x keeps the series in its accurate range.
            return logGamma(x + 1) - Elementary.log(x)
        }
        let coefficients: [Double] = [0.999_999_999_999_809_93, 676.520_368_121_885_1, -1_259.139_216_722_402_8,
                                      771.323_428_777_653_13, -176.615_029_162_140_59, 12.507_343_278_686_905,
                                      -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6, 1.505_632_735_149_311_6e-7]
        let z = x - 1
        var sum = coefficients[0]
        for i in 1..<9 { sum += coefficients[i] / (z + Double(i)) }
        let t = z + 7.5
        let halfLog2Pi = 0.918_938_533_204_672_741_780_329_736_406
        return halfLog2Pi + (z + 0.5) * Elementary.log(t) - t + Elementary.log(sum)
    }

    /// I_x(a, b), the regularized incomplete beta function, for x in [0, 1] and a, b > 0.
    public static func regularizedIncomplete(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0 && x >= 0 && x <= 1)
        if x == 0 || x == 1 { return x }
        let logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Elementary.log(x) + b * Elementary.log1p(-x)
        let front = Elementary.exp(logFront)
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a).
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of I_x(a, b), evaluated by the modified Lentz method.
    static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300, epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...1000 {
            let m = Double(m), m2 = 2 * m
            // Even step.
            var numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < epsilon { break }
        }
        return h
    }
}
