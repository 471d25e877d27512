// Weight initializers and the variance each gives a weight, as a formula of fan_in and fan_out:
//   constant c            Var = 0
//   normal(σ)             Var = σ²
//   uniform(a): U(−a, a)  Var = a²/3                        (∫ x²/(2a) dx over [−a, a])
//   truncated-normal(σ)   Var = σ²·τ, τ = 1 − 2c·φ(c)/(2Φ(c) − 1) ≈ 0.774 at cutoff c = 2
//   LeCun                 Var = g²/fan_in                    (LeCun et al., "Efficient BackProp", 1998)
//   Xavier / Glorot       Var = g²·2/(fan_in + fan_out)      (Glorot & Bengio 2010, eq. 12 and 16)
//   He / Kaiming          Var = g²/fan, g = √2 for ReLU      (He et al. 2015, eq. 10 and 14)
//   orthogonal(g)         Var = g²/max(fan_in, fan_out)      (Saxe et al. 2014; rows or columns orthonormal)
// The scaled families come as normal (σ = √Var), uniform (a = √(3·Var)) or truncated normal (σ chosen so
// that the truncated variance is Var, as Keras does).

/// How a scaled initializer draws its weights once the variance is fixed.
public enum WeightDistribution: String, Sendable, Hashable, CaseIterable {
    case normal, uniform
    case truncatedNormal = "truncated-normal"
}

/// Which fan a He initializer divides by: fan_in keeps the forward signal's variance, fan_out the
/// backward gradient's (He et al. 2015, section 2.2).
public enum FanMode: String, Sendable, Hashable {
    case fanIn = "fan_in"
    case fanOut = "fan_out"
}

/// A rule for initial weights.
public enum Initializer: Sendable, Hashable {
    case zeros
    case constant(Double)
    /// N(0, std²).
    case normal(std: Double)
    /// U(−bound, bound).
    case uniform(bound: Double)
    /// N(0, std²) truncated at ±2·std (redrawn), so Var = std²·0.774.
    case truncatedNormal(std: Double)
    /// Var = gain²/fan_in.
    case lecun(WeightDistribution, gain: Double = 1)
    /// Var = gain²·2/(fan_in + fan_out).
    case xavier(WeightDistribution, gain: Double = 1)
    /// Var = gain²/fan, fan chosen by `mode`; the default gain √2 is ReLU's.
    case he(WeightDistribution, mode: FanMode = .fanIn, gain: Double = 2.0.squareRoot())
    /// A random orthogonal matrix (orthonormal rows or columns, whichever are fewer) times gain.
    case orthogonal(gain: Double = 1)

    /// The stable name used in experiment directives: `he-normal`, `he-uniform(fan_out)`, `normal(0.01)`, ….
    /// Gains other than the default are written after the mode, e.g. `xavier-normal(gain=1.667)`.
    public var identifier: String {
        switch self {
        case .zeros: return "zeros"
        case .constant(let c): return "constant(\(NumberText.short(c)))"
        case .normal(let std): return "normal(\(NumberText.short(std)))"
        case .uniform(let bound): return "uniform(\(NumberText.short(bound)))"
        case .truncatedNormal(let std): return "truncated-normal(\(NumberText.short(std)))"
        case .lecun(let d, let gain): return "lecun-\(d.rawValue)" + Self.arguments(gain == 1 ? [] : ["gain=\(NumberText.short(gain))"])
        case .xavier(let d, let gain): return "xavier-\(d.rawValue)" + Self.arguments(gain == 1 ? [] : ["gain=\(NumberText.short(gain))"])
        case .he(let d, let mode, let gain):
            var parts: [String] = []
            if mode == .fanOut { parts.append(mode.rawValue) }
            if gain != 2.0.squareRoot() { parts.append("gain=\(NumberText.short(gain))") }
            return "he-\(d.rawValue)" + Self.arguments(parts)
        case .orthogonal(let gain): return gain == 1 ? "orthogonal" : "orthogonal(\(NumberText.short(gain)))"
        }
    }

    private static func arguments(_ parts: [String]) -> String {
        parts.isEmpty ? "" : "(" + parts.joined(separator: ", ") + ")"
    }

    /// The variance of one weight for a tensor with these fans (the mean is 0 except for constants).
    public func variance(_ fans: Fans) -> Double {
        let fanIn = Double(fans.fanIn), fanOut = Double(fans.fanOut)
        switch self {
        case .zeros, .constant: return 0
        case .normal(let std): return std * std
        case .uniform(let bound): return bound * bound / 3
        case .truncatedNormal(let std): return std * std * TruncatedNormal.varianceFactor()
        case .lecun(_, let gain): return gain * gain / fanIn
        case .xavier(_, let gain): return gain * gain * 2 / (fanIn + fanOut)
        case .he(_, let mode, let gain): return gain * gain / (mode == .fanIn ? fanIn : fanOut)
        case .orthogonal(let gain): return gain * gain / max(fanIn, fanOut)
        }
    }

    /// The variance formula in words, with n_in = fan_in and n_out = fan_out:
    /// e.g. "2/n_in" for He normal, "a²/3 = 0.0033" for uniform(0.1).
    public var varianceFormula: String {
        switch self {
        case .zeros, .constant: return "0"
        case .normal(let std): return "σ² = \(NumberText.short(std))²"
        case .uniform(let bound): return "a²/3 = \(NumberText.short(bound))²/3"
        case .truncatedNormal(let std): return "0.774·σ² = 0.774·\(NumberText.short(std))²"
        case .lecun(_, let gain): return Self.scaled(gain, "1/n_in")
        case .xavier(_, let gain): return Self.scaled(gain, "2/(n_in + n_out)")
        case .he(_, let mode, let gain):
            let fan = mode == .fanIn ? "n_in" : "n_out"
            return gain == 2.0.squareRoot() ? "2/\(fan)" : Self.scaled(gain, "1/\(fan)")
        case .orthogonal(let gain): return Self.scaled(gain, "1/max(n_in, n_out)")
        }
    }

    /// The variance formula in TeX, for the site's math: e.g. `\frac{2}{n_{\text{in}}}`.
    public var varianceTeX: String {
        let nIn = "n_{\\text{in}}", nOut = "n_{\\text{out}}"
        func withGain(_ gain: Double, _ tex: String) -> String {
            gain == 1 ? tex : "\(NumberText.short(gain))^2 \\cdot \(tex)"
        }
        switch self {
        case .zeros, .constant: return "0"
        case .normal(let std): return "\\sigma^2 = \(NumberText.short(std))^2"
        case .uniform(let bound): return "\\frac{a^2}{3} = \\frac{\(NumberText.short(bound))^2}{3}"
        case .truncatedNormal(let std): return "0.774\\,\\sigma^2 = 0.774 \\cdot \(NumberText.short(std))^2"
        case .lecun(_, let gain): return withGain(gain, "\\frac{1}{\(nIn)}")
        case .xavier(_, let gain): return withGain(gain, "\\frac{2}{\(nIn) + \(nOut)}")
        case .he(_, let mode, let gain):
            let fan = mode == .fanIn ? nIn : nOut
            return gain == 2.0.squareRoot() ? "\\frac{2}{\(fan)}" : withGain(gain, "\\frac{1}{\(fan)}")
        case .orthogonal(let gain): return withGain(gain, "\\frac{1}{\\max(\(nIn), \(nOut))}")
        }
    }

    private static func scaled(_ gain: Double, _ formula: String) -> String {
        gain == 1 ? formula : "\(NumberText.short(gain))²·\(formula)"
    }

    /// How the weights are drawn, in words: the distribution and its parameter as a formula,
    /// e.g. "N(0, σ²), σ = √(2/n_in)" or "U(−a, a), a = √(6/(n_in + n_out))".
    public var distributionFormula: String {
        switch self {
        case .zeros: return "every weight 0"
        case .constant(let c): return "every weight \(NumberText.short(c))"
        case .normal(let std): return "N(0, σ²), σ = \(NumberText.short(std))"
        case .uniform(let bound): return "U(−a, a), a = \(NumberText.short(bound))"
        case .truncatedNormal(let std): return "N(0, σ²) truncated to ±2σ, σ = \(NumberText.short(std))"
        case .lecun(let d, _), .xavier(let d, _), .he(let d, _, _):
            let (std, bound) = scaleFormulas!
            switch d {
            case .normal: return "N(0, σ²), σ = \(std)"
            case .uniform: return "U(−a, a), a = \(bound)"
            case .truncatedNormal: return "N(0, σ²) truncated to ±2σ, σ = \(std)/0.880"
            }
        case .orthogonal(let gain): return "orthogonal matrix (Haar) × \(NumberText.short(gain))"
        }
    }

    /// For the scaled families, the normal's σ and the uniform's bound a as formulas of the fans,
    /// e.g. ("√(2/n_in)", "√(6/n_in)") for He; a gain other than the family's default multiplies them.
    public var scaleFormulas: (std: String, bound: String)? {
        func withGain(_ gain: Double, _ std: String, _ bound: String) -> (String, String) {
            gain == 1 ? (std, bound) : ("\(NumberText.short(gain))·\(std)", "\(NumberText.short(gain))·\(bound)")
        }
        switch self {
        case .lecun(_, let gain):
            return withGain(gain, "√(1/n_in)", "√(3/n_in)")
        case .xavier(_, let gain):
            return withGain(gain, "√(2/(n_in + n_out))", "√(6/(n_in + n_out))")
        case .he(_, let mode, let gain):
            let fan = mode == .fanIn ? "n_in" : "n_out"
            return gain == 2.0.squareRoot() ? ("√(2/\(fan))", "√(6/\(fan))") : withGain(gain, "√(1/\(fan))", "√(3/\(fan))")
        default:
            return nil
        }
    }

    /// A one-line description for the site: name, distribution and variance.
    public var description: String {
        "\(identifier): \(distributionFormula); Var(w) = \(varianceFormula)"
    }

    /// The standard deviation of the normal, or the bound of the uniform, that this initializer uses for
    /// these fans (nil for constants and orthogonal).
    public func scale(_ fans: Fans) -> (std: Double?, bound: Double?) {
        switch self {
        case .zeros, .constant, .orthogonal: return (nil, nil)
        case .normal(let std), .truncatedNormal(let std): return (std, nil)
        case .uniform(let bound): return (nil, bound)
        case .lecun(let d, _), .xavier(let d, _), .he(let d, _, _):
            let v = variance(fans)
            switch d {
            case .normal: return (v.squareRoot(), nil)
            case .uniform: return (nil, (3 * v).squareRoot())
            // Keras's correction: the std before truncation is √Var/√τ so the truncated variance is Var.
            case .truncatedNormal: return ((v / TruncatedNormal.varianceFactor()).squareRoot(), nil)
            }
        }
    }

    /// Draws a rows × columns weight matrix with the given fans (for a dense layer stored
    /// outputs × inputs, `Fans.dense(inputs: columns, outputs: rows)`).
    public func weights(rows: Int, columns: Int, fans: Fans, using generator: inout RandomGenerator) -> Matrix {
        var w = Matrix(rows: rows, columns: columns)
        switch self {
        case .zeros:
            break
        case .constant(let c):
            w.elements = [Float](repeating: Float(c), count: rows * columns)
        case .orthogonal(let gain):
            w = Orthogonal.matrix(rows: rows, columns: columns, gain: gain, using: &generator)
        case .uniform, .normal, .truncatedNormal, .lecun, .xavier, .he:
            let (std, bound) = scale(fans)
            let truncated: Bool = switch self {
            case .truncatedNormal, .lecun(.truncatedNormal, _), .xavier(.truncatedNormal, _), .he(.truncatedNormal, _, _): true
            default: false
            }
            if let bound {
                generator.fillUniform(&w.elements, -bound, bound)
            } else if let std, truncated {
                for i in w.elements.indices { w.elements[i] = Float(generator.truncatedNormal(std: std)) }
            } else if let std {
                generator.fillNormal(&w.elements, std: std)
            }
        }
        return w
    }
}
