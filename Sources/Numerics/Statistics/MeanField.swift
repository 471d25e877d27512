// Mean-field predictions for wide random networks (Poole et al., "Exponential expressivity in deep neural
// networks through transient chaos", 2016; Schoenholz et al., "Deep information propagation", 2017):
// with weights N(0, σ_w²/n), biases N(0, σ_b²) and width n → ∞, each pre-activation is Gaussian and its
// second moment follows q_{l+1} = σ_w²·E_z[φ(√q_l·z)²] + σ_b², z ~ N(0, 1). The site draws these next to
// simulated layers; the tests compare them with simulations.

public enum MeanField {
    /// E_z[f(z)] for z ~ N(0, 1): the trapezoid rule on [−12, 12] with step 1/256. For smooth integrands
    /// the rule converges faster than any power of the step; kinks at 0 (ReLU and its kin) sit on a node
    /// where f·density keeps a continuous first derivative, leaving an error of order h⁴ ≈ 10⁻¹⁰.
    /// The mass beyond ±12 is below 10⁻³².
    public static func gaussianExpectation(_ f: (Double) -> Double) -> Double {
        let steps = 12 * 256
        let h = 1.0 / 256
        var sum = 0.0
        for i in -steps...steps {
            let z = Double(i) * h
            let weight = i == -steps || i == steps ? 0.5 : 1
            sum += weight * f(z) * Elementary.exp(-0.5 * z * z)
        }
        return sum * h * 0.398_942_280_401_432_677_939_946_059_934_381_868   // 1/√(2π)
    }

    /// The predicted pre-activation second moments q_1 … q_depth of a network whose input has second
    /// moment `inputSecondMoment` (1 for standard normal input), weights of variance
    /// `weightVariance`/fan_in (σ_w² = 2 for He with ReLU) and biases of variance `biasVariance`.
    public static func secondMoments(activation: Activation, weightVariance: Double, biasVariance: Double = 0,
                                     inputSecondMoment: Double = 1, depth: Int) -> [Double] {
        precondition(depth >= 1, "depth must be at least 1")
        var q = weightVariance * inputSecondMoment + biasVariance
        var moments = [q]
        for _ in 1..<depth {
            let scale = q.squareRoot()
            q = weightVariance * gaussianExpectation { z in
                let a = activation.value(scale * z)
                return a * a
            } + biasVariance
            moments.append(q)
        }
        return moments
    }
}
