// Samplers on top of RandomGenerator: uniform, normal (Marsaglia's polar method) and truncated normal.
// Normals use only our own `Elementary.log` and IEEE `squareRoot()`, so they are identical everywhere.
// Reference: G. Marsaglia & T. A. Bray, "A convenient method for generating normal variables", SIAM Review 6 (1964).

extension RandomGenerator {
    /// A uniform double in [lower, upper): `lower + (upper − lower)·u` with `u = nextDouble()`.
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextDouble()
    }

    /// A standard normal deviate (mean 0, variance 1).
    ///
    /// Polar method: draw (u, v) uniform in the square [−1, 1)² until s = u² + v² lies in (0, 1);
    /// then u·√(−2 ln s / s) and v·√(−2 ln s / s) are two independent standard normals. The second
    /// is kept and returned by the next call, so a sequence of calls uses every pair fully.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * nextDouble() - 1
            let v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s >= 1 || s == 0 { continue }
            let factor = (-2 * Elementary.log(s) / s).squareRoot()
            spareNormal = v * factor
            return u * factor
        }
    }

    /// A normal deviate with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double {
        mean + std * normal()
    }

    /// A normal deviate with standard deviation `std`, redrawn until it lies within `cutoff`
    /// standard deviations of 0 (the convention of TensorFlow and Keras, cutoff 2).
    /// Its variance is `std² · TruncatedNormal.varianceFactor(cutoff:)` (≈ 0.774 std² at cutoff 2).
    public mutating func truncatedNormal(std: Double, cutoff: Double = 2) -> Double {
        precondition(cutoff > 0, "truncation cutoff must be positive")
        while true {
            let z = normal()
            if abs(z) <= cutoff { return std * z }
        }
    }

    /// Fills `values` with independent N(mean, std²) samples, rounded to Float: exactly the values, and
    /// the generator state, of `values.count` calls of `normal()`.
    ///
    /// While at least 16 values remain, candidates are taken eight at a time: the 16 uniforms that the
    /// one-by-one method would draw for its next eight candidates (it will try all eight, since each gives
    /// at most two values) go through the polar formula in SIMD lanes, and the accepted ones are written
    /// in order. The rest is done one by one, so nothing is drawn ahead.
    public mutating func fillNormal(_ values: inout [Float], mean: Double = 0, std: Double = 1) {
        typealias Lanes = SIMD8<Double>
        values.withUnsafeMutableBufferPointer { out in
            var i = 0
            if !out.isEmpty, let spare = spareNormal {
                spareNormal = nil
                out[0] = Float(mean + std * spare)
                i = 1
            }
            while out.count - i >= 16 {
                var u = Lanes(), v = Lanes()
                for j in 0..<8 {
                    u[j] = 2 * nextDouble() - 1
                    v[j] = 2 * nextDouble() - 1
                }
                let s = u * u + v * v
                let accepted = (s .< 1) .& (s .!= 0)
                // Rejected lanes may hold 0 or values in [1, 2): harmless for the formula, never used.
                let safe = s.replacing(with: 0.5, where: .!accepted)
                let factor = (-2 * Elementary.logPositiveNormal(safe) / safe).squareRoot()
                let first = u * factor, second = v * factor
                for j in 0..<8 where accepted[j] {
                    out[i] = Float(mean + std * first[j])
                    out[i + 1] = Float(mean + std * second[j])
                    i += 2
                }
            }
            while i < out.count {
                out[i] = Float(mean + std * normal())
                i += 1
            }
        }
    }

    /// Fills `values` with independent U[lower, upper) samples, rounded to Float.
    public mutating func fillUniform(_ values: inout [Float], _ lower: Double, _ upper: Double) {
        for i in values.indices { values[i] = Float(uniform(lower, upper)) }
    }
}

/// Facts about the normal distribution truncated symmetrically at ±c standard deviations.
public enum TruncatedNormal {
    /// Var(Z | |Z| ≤ c) for standard normal Z: 1 − 2c·φ(c) / (2Φ(c) − 1). At c = 2 this is ≈ 0.77371.
    public static func varianceFactor(cutoff c: Double = 2) -> Double {
        let density = Elementary.exp(-0.5 * c * c) / (2 * Double.pi).squareRoot()
        let mass = Elementary.erf(c / 2.0.squareRoot())
        return 1 - 2 * c * density / mass
    }
}
