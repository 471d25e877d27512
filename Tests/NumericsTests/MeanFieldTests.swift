// Simulated forward probes against mathematics computed independently of the simulation:
// the mean-field recursion of the pre-activations' second moment (Poole et al. 2016, Schoenholz et al.
// 2017): for weights N(0, σ²/n) and no bias, q_{l+1} = σ²·E_z[φ(√q_l·z)²] with z ~ N(0, 1), the expectation
// computed here by a fine trapezoid rule with Foundation's functions; and the classic facts of the
// initialization literature (He et al. 2015; Glorot & Bengio 2010).
import Foundation
import Testing
@testable import Numerics

@Suite struct MeanFieldTests {
    /// E_z[f(z)] for z ~ N(0, 1): trapezoid rule on [−12, 12] with step 10⁻³. For the smooth integrands
    /// here the error is far below 10⁻⁹ (the rule is spectrally accurate for smooth, decaying functions;
    /// ReLU's kink sits on a node and f·density has a continuous first derivative there).
    static func gaussianExpectation(_ f: (Double) -> Double) -> Double {
        let h = 1e-3
        var sum = 0.0
        for i in -12_000...12_000 {
            let z = Double(i) * h
            sum += f(z) * Foundation.exp(-z * z / 2)
        }
        return sum * h / (2 * Double.pi).squareRoot()
    }

    /// The activations as written with Foundation, independent of Activation.value.
    static func reference(_ activation: Activation) -> (Double) -> Double {
        switch activation {
        case .tanh: return { Foundation.tanh($0) }
        case .sigmoid: return { 1 / (1 + Foundation.exp(-$0)) }
        case .relu: return { max($0, 0) }
        default: fatalError("no reference for \(activation)")
        }
    }

    static let width = 500

    /// The recursion's prediction q_1 … q_depth, starting from the input's measured second moment.
    static func recursion(_ activation: Activation, sigma: Double, inputSquare: Double, depth: Int) -> [Double] {
        let phi = reference(activation)
        var q = sigma * sigma * inputSquare
        var predicted = [q]
        for _ in 1..<depth {
            let previous = q
            q = sigma * sigma * gaussianExpectation { z in let a = phi(previous.squareRoot() * z); return a * a }
            predicted.append(q)
        }
        return predicted
    }

    // Sampling error. A layer's simulated q is (1/n)·Σ_j W_jᵀ·C·W_j over its n units, C the batch's
    // second-moment matrix of the previous activations; its relative variance is 2·tr(C²)/(n·tr(C)²).
    // For tanh (zero-mean activations, examples nearly uncorrelated) that is about 2/(N·n), tiny; for
    // sigmoid and ReLU the activations share a mean, C is close to rank one and the relative standard
    // deviation approaches √(2/n) per layer, whatever the batch size. So the test averages K independent
    // networks (seeds) of width 500 and measures the standard error across them (≈ 0.02 of q for
    // sigmoid and ReLU), and accepts the recursion within 4 standard errors plus 1/n for the finite-width bias.
    static let meanFieldWidth = 500
    static let networks = 8

    // ReLU is positively homogeneous, so σ only rescales every q: two values suffice.
    @Test(arguments: [(Activation.tanh, 0.8), (.tanh, 1.5), (.tanh, 2.5), (.sigmoid, 1.0), (.sigmoid, 4.0),
                      (.relu, 1.0), (.relu, 1.7)])
    func simulatedSecondMomentsFollowTheRecursion(activation: Activation, sigma: Double) {
        let n = Self.meanFieldWidth, depth = 6, samples = 100
        var runs: [[Double]] = []
        var inputSquare = 0.0
        for seed in 1...Self.networks {
            let layers = ForwardProbe.uniformLayers(depth, width: n, initializer: .normal(std: sigma / Double(n).squareRoot()),
                                                    activation: activation)
            let probe = ForwardProbe(input: .standardNormal(samples: samples, features: n), layers: layers, seed: UInt64(seed))
            runs.append(probe.run().layers.map(\.preactivations.meanSquare))
            inputSquare += probe.makeInput().elements.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples * n)
        }
        let k = Double(Self.networks)
        let predicted = Self.recursion(activation, sigma: sigma, inputSquare: inputSquare / k, depth: depth)
        for l in 0..<depth {
            let values = runs.map { $0[l] }
            let mean = values.reduce(0, +) / k
            let standardError = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (k - 1) / k).squareRoot()
            let allowed = 4 * standardError + predicted[l] / Double(n)
            #expect(abs(mean - predicted[l]) < allowed,
                    "\(activation.identifier) σ = \(sigma) layer \(l + 1): simulated \(mean) ± \(standardError), predicted \(predicted[l])")
        }
    }

    @Test func tanhSecondMomentsFollowTheRecursionInOneNetwork() {
        // Zero-mean activations: one network of width 500 and batch 500 already agrees within 2%
        // (relative standard error ≈ √(2/(N·n)) ≈ 0.003 per layer, compounded over six layers).
        for sigma in [0.8, 1.2, 2.0] {
            let layers = ForwardProbe.uniformLayers(6, width: Self.width, initializer: .normal(std: sigma / Double(Self.width).squareRoot()),
                                                    activation: .tanh)
            let probe = ForwardProbe(input: .standardNormal(samples: 500, features: Self.width), layers: layers, seed: 2024)
            let simulated = probe.run().layers.map(\.preactivations.meanSquare)
            let inputSquare = probe.makeInput().elements.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(500 * Self.width)
            let predicted = Self.recursion(.tanh, sigma: sigma, inputSquare: inputSquare, depth: 6)
            for (l, (s, p)) in zip(simulated, predicted).enumerated() {
                #expect(abs(s / p - 1) < 0.02, "tanh σ = \(sigma) layer \(l + 1): simulated \(s), predicted \(p)")
            }
        }
    }

    @Test(arguments: [Activation.tanh, .sigmoid, .relu])
    func publicPredictionMatchesTheIndependentQuadrature(activation: Activation) {
        for sigma in [0.7, 1.3, 2.2] {
            let ours = MeanField.secondMoments(activation: activation, weightVariance: sigma * sigma, depth: 8)
            let reference = Self.recursion(activation, sigma: sigma, inputSquare: 1, depth: 8)
            for (a, b) in zip(ours, reference) { #expect(abs(a / b - 1) < 1e-9, "\(activation.identifier) σ = \(sigma)") }
        }
        // ReLU in closed form: q_{l+1} = σ²·q_l/2, plus the bias variance.
        let relu = MeanField.secondMoments(activation: .relu, weightVariance: 2, biasVariance: 0.1, depth: 4)
        #expect(zip(relu, [2.1, 2.2, 2.3, 2.4]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func quadratureReproducesClosedForms() {
        // E[z²] = 1, E[relu(z)²] = 1/2, E[z⁴] = 3: checks of the reference itself.
        #expect(abs(Self.gaussianExpectation { $0 * $0 } - 1) < 1e-12)
        #expect(abs(Self.gaussianExpectation { max($0, 0) * max($0, 0) } - 0.5) < 1e-9)
        #expect(abs(Self.gaussianExpectation { $0 * $0 * $0 * $0 } - 3) < 1e-10)
    }

    static func deepRelu(_ initializer: Initializer, depth: Int = 50) -> [Double] {
        let layers = ForwardProbe.uniformLayers(depth, width: width, initializer: initializer, activation: .relu)
        let probe = ForwardProbe(input: .standardNormal(samples: 100, features: width), layers: layers, seed: 7)
        return probe.run().layers.map(\.activations.meanSquare)
    }

    // Finite-width fluctuations in deep ReLU networks: the examples of a batch become nearly collinear
    // with depth, so each layer's ratio q_{l+1}/q_l fluctuates like one example's,
    // ‖relu(W·a)‖²/‖a‖² over n independent units: relative standard deviation √(5/n) ≈ 0.1 at n = 500
    // (E[relu(z)⁴] = 3s²/2 against (E[relu(z)²])² = s²/4). Over 49 layers the log-ratios add, so their
    // mean has standard deviation 0.1/√49 ≈ 0.014 (cf. Hanin & Rolnick 2018 on depth/width).
    static let perLayerSpread = (5.0 / Double(width)).squareRoot()

    /// The mean of log(q_{l+1}/q_l) over the layers, and the largest single-layer deviation from `factor`.
    static func trend(_ moments: [Double], factor: Double) -> (meanLog: Double, worst: Double) {
        let meanLog = (Foundation.log(moments[moments.count - 1]) - Foundation.log(moments[0])) / Double(moments.count - 1)
        let worst = (1..<moments.count).map { abs(moments[$0] / moments[$0 - 1] / factor - 1) }.max()!
        return (meanLog, worst)
    }

    @Test func heNormalWithReluKeepsTheSecondMomentAcrossFiftyLayers() {
        // Var(w) = 2/n makes q_{l+1} = 2·E[relu(z_l)²] = q_l (He et al. 2015, eq. 10).
        let moments = Self.deepRelu(.he(.normal))
        let (meanLog, worst) = Self.trend(moments, factor: 1)
        // Mean per-layer factor e^{meanLog} within 3.5 standard deviations (0.05) of 1; single layers within 4.
        #expect(abs(meanLog) < 0.05, "mean per-layer factor \(Foundation.exp(meanLog)), \(moments[0]) → \(moments[49])")
        #expect(worst < 4 * Self.perLayerSpread, "largest single-layer deviation \(worst)")
    }

    @Test func xavierWithReluHalvesTheSecondMomentPerLayer() {
        // Var(w) = 2/(n + n) = 1/n: q_{l+1} = q_l/2, so after 50 layers q is 2⁻⁴⁹ ≈ 2·10⁻¹⁵ of the first.
        let moments = Self.deepRelu(.xavier(.normal))
        let (meanLog, worst) = Self.trend(moments, factor: 0.5)
        #expect(abs(meanLog - Foundation.log(0.5)) < 0.05, "mean per-layer factor \(Foundation.exp(meanLog))")
        #expect(worst < 4 * Self.perLayerSpread, "largest single-layer deviation \(worst)")
        #expect(moments[49] < 1e-12 * moments[0])
    }

    /// The seed experiment: input 1000×100, 5 layers of 100 units.
    static func seedExperiment(_ initializer: Initializer, _ activation: Activation) -> ForwardProbe.Result {
        let layers = ForwardProbe.uniformLayers(5, width: 100, initializer: initializer, activation: activation)
        return ForwardProbe(input: .standardNormal(samples: 1000, features: 100), layers: layers, seed: 1,
                            activationBinning: Binning(bins: 30, range: -1...1)).run()
    }

    @Test func smallWeightsCollapseTanhActivations() {
        // std 0.01 with 100 inputs: each layer multiplies the activations' scale by 0.01·√100 = 0.1
        // (tanh is the identity near 0), so after the first layer everything is near 0.
        let result = Self.seedExperiment(.normal(std: 0.01), .tanh)
        let stds = result.layers.map(\.activations.std)
        #expect(abs(stds[0] - 0.1) < 0.005)
        for l in 1..<5 {
            #expect(abs(stds[l] / stds[l - 1] - 0.1) < 0.01, "layer \(l + 1): \(stds)")
        }
        #expect(stds[4] < 2e-5)
        // All mass in the two middle bins of [−1, 1] from layer 2 on.
        let h = result.layers[1].activations.histogram
        #expect(h.counts[14] + h.counts[15] == h.total)
    }

    @Test func unitWeightsSaturateTanh() {
        // std 1 with 100 inputs: pre-activations have std ≈ 10·√E[a²], so most land where |tanh| > 0.99.
        let result = Self.seedExperiment(.normal(std: 1), .tanh)
        for (l, record) in result.layers.enumerated() {
            #expect(record.activations.saturatedFraction! > 0.7, "layer \(l + 1): \(record.activations.saturatedFraction!)")
            let h = record.activations.histogram
            #expect(Double(h.counts[0] + h.counts[29]) > 0.65 * Double(h.total))
        }
    }

    @Test func probesAreDeterministicAndLayersIndependentlySeeded() {
        let layers = ForwardProbe.uniformLayers(3, width: 64, initializer: .he(.uniform), activation: .relu)
        let one = ForwardProbe(input: .standardNormal(samples: 100, features: 32), layers: layers, seed: 5, threads: 1).run()
        let two = ForwardProbe(input: .standardNormal(samples: 100, features: 32), layers: layers, seed: 5, threads: 2).run()
        #expect(one.layers == two.layers)
        #expect(one.pass.activations.map(\.elements) == two.pass.activations.map(\.elements))
        // Changing the last layer's initializer leaves the earlier layers' numbers unchanged.
        var changed = layers
        changed[2].initializer = .xavier(.normal)
        let three = ForwardProbe(input: .standardNormal(samples: 100, features: 32), layers: changed, seed: 5).run()
        #expect(three.layers[0] == one.layers[0] && three.layers[1] == one.layers[1] && three.layers[2] != one.layers[2])
        // Another seed, other numbers.
        let other = ForwardProbe(input: .standardNormal(samples: 100, features: 32), layers: layers, seed: 6).run()
        #expect(other.layers[0] != one.layers[0])
    }
}
