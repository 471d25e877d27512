// Shared test helpers: independent statistics (KS distance) and ulp distances.
import Foundation

enum Reference {
    /// The Kolmogorov–Smirnov distance sup |F_n(x) − F(x)| of sorted samples from the distribution `cdf`.
    static func kolmogorovSmirnov(sorted samples: [Double], cdf: (Double) -> Double) -> Double {
        let n = Double(samples.count)
        var distance = 0.0
        for (i, x) in samples.enumerated() {
            let f = cdf(x)
            distance = max(distance, abs(Double(i + 1) / n - f), abs(f - Double(i) / n))
        }
        return distance
    }

    /// The distance between two doubles in units in the last place of the reference value.
    static func ulps(_ value: Double, _ reference: Double) -> Double {
        if value == reference { return 0 }
        if reference.isNaN || value.isNaN || reference.isInfinite { return .infinity }
        return abs(value - reference) / max(reference.ulp, Double.leastNonzeroMagnitude)
    }

    static func ulps(_ value: Float, _ reference: Float) -> Float {
        if value == reference { return 0 }
        if reference.isNaN || value.isNaN || reference.isInfinite { return .infinity }
        return abs(value - reference) / max(reference.ulp, Float.leastNonzeroMagnitude)
    }
}
