// Finite-difference gradient checks: the dense layer, softmax cross-entropy, and the backward probe
// through a whole network. Losses are evaluated in Double from Float forward passes.
import Foundation
import Testing
@testable import Numerics

@Suite struct GradientTests {
    @Test func denseLayerGradientsMatchFiniteDifferences() {
        var g = RandomGenerator(seed: 31)
        var layer = Dense(inputs: 7, outputs: 5, initializer: .xavier(.normal), using: &g)
        layer.parameters[1].value = Matrix.normal(rows: 1, columns: 5, using: &g)
        let x = Matrix.normal(rows: 4, columns: 7, using: &g)
        let r = Matrix.normal(rows: 4, columns: 5, using: &g)   // L = Σ r ⊙ z, so ∂L/∂z = r

        func loss(_ layer: Dense, _ x: Matrix) -> Double {
            var copy = layer
            var z = Matrix(rows: x.rows, columns: 5)
            copy.forward(x, into: &z)
            return zip(z.elements, r.elements).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        var z = Matrix(rows: 4, columns: 5)
        layer.forward(x, into: &z)
        var dx = Matrix(rows: 4, columns: 7)
        layer.backward(input: x, output: z, outputGradient: r, inputGradient: &dx, propagate: true)

        // The loss is linear in every coordinate, so a large step is exact up to Float rounding.
        let h: Float = 0.25
        for i in x.elements.indices {
            var plus = x, minus = x
            plus.elements[i] += h; minus.elements[i] -= h
            let numeric = (loss(layer, plus) - loss(layer, minus)) / Double(2 * h)
            #expect(abs(Double(dx.elements[i]) - numeric) < 1e-4, "∂x[\(i)]")
        }
        for p in 0..<2 {
            for i in layer.parameters[p].value.elements.indices {
                var plus = layer, minus = layer
                plus.parameters[p].value.elements[i] += h; minus.parameters[p].value.elements[i] -= h
                let numeric = (loss(plus, x) - loss(minus, x)) / Double(2 * h)
                #expect(abs(Double(layer.parameters[p].gradient.elements[i]) - numeric) < 1e-4, "parameter \(p)[\(i)]")
            }
        }
    }

    @Test func softmaxCrossEntropyValueAndGradient() {
        // Equal logits: every probability 1/C and the loss log C.
        let (uniformLoss, p) = SoftmaxCrossEntropy.forward(logits: Matrix(rows: 2, columns: 4, repeating: 3), labels: [0, 3])
        #expect(abs(uniformLoss - Foundation.log(4)) < 1e-12 && p.elements.allSatisfy { $0 == 0.25 })
        // Huge logits do not overflow: log-sum-exp is shifted by the row maximum.
        let (bigLoss, _) = SoftmaxCrossEntropy.forward(logits: Matrix([[1000, 0], [0, 1000]]), labels: [1, 1])
        #expect(abs(bigLoss - 500) < 1e-9)

        var g = RandomGenerator(seed: 5)
        let logits = Matrix.normal(rows: 6, columns: 5, std: 2, using: &g)
        let labels = [0, 4, 2, 2, 1, 3]
        let (_, probabilities) = SoftmaxCrossEntropy.forward(logits: logits, labels: labels)
        var gradient = Matrix(rows: 6, columns: 5)
        SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, into: &gradient)
        let h: Float = 1e-2
        for i in logits.elements.indices {
            var plus = logits, minus = logits
            plus.elements[i] += h; minus.elements[i] -= h
            let numeric = (SoftmaxCrossEntropy.forward(logits: plus, labels: labels).loss
                           - SoftmaxCrossEntropy.forward(logits: minus, labels: labels).loss) / Double(2 * h)
            // Central-difference error h²/6·|∂³L| ≤ 10⁻⁵ here, Float rounding of the step ~10⁻⁶.
            #expect(abs(Double(gradient.elements[i]) - numeric) < 2e-5, "∂z[\(i)]: \(gradient.elements[i]) vs \(numeric)")
        }
    }

    /// A small network's cross-entropy as a function of one weight, recomputed from scratch.
    static func loss(_ probe: ForwardProbe, labels: [Int], layer: Int, index: Int, delta: Float) -> Double {
        var pass = probe.run().pass
        // Re-run the forward pass with one weight changed.
        var input = pass.input
        for l in pass.layers.indices {
            if l == layer { pass.layers[l].parameters[0].value.elements[index] += delta }
            var z = Matrix(rows: input.rows, columns: pass.layers[l].outputShape.count)
            pass.layers[l].forward(input, into: &z)
            input = pass.activationFunctions[l].apply(z)
        }
        return SoftmaxCrossEntropy.forward(logits: input, labels: labels).loss
    }

    @Test(arguments: [Activation.tanh, .sigmoid, .gelu, .elu(alpha: 1), .softplus])
    func backwardProbeWeightGradientsMatchFiniteDifferences(activation: Activation) {
        let layers = [
            ForwardProbe.Layer(width: 6, initializer: .xavier(.normal), activation: activation, bias: .constant(0.1)),
            ForwardProbe.Layer(width: 5, initializer: .xavier(.normal), activation: activation),
            ForwardProbe.Layer(width: 3, initializer: .xavier(.normal), activation: .identity),
        ]
        let probe = ForwardProbe(input: .standardNormal(samples: 8, features: 4), layers: layers, seed: 3)
        let labels = [0, 1, 2, 0, 1, 2, 2, 1]
        let backward = BackwardProbe(loss: .softmaxCrossEntropy(labels: labels), seed: 3).run(probe.run().pass)
        let h: Float = 1e-2
        for layer in 0..<3 {
            for index in stride(from: 0, to: backward.weightGradients[layer].elements.count, by: 3) {
                let numeric = (Self.loss(probe, labels: labels, layer: layer, index: index, delta: h)
                               - Self.loss(probe, labels: labels, layer: layer, index: index, delta: -h)) / Double(2 * h)
                let analytic = Double(backward.weightGradients[layer].elements[index])
                #expect(abs(analytic - numeric) < 1e-3 * max(1, abs(numeric)) + 2e-5,
                        "\(activation.identifier) layer \(layer) weight \(index): \(analytic) vs \(numeric)")
            }
        }
    }

    @Test func orthogonalLinearNetworkPreservesGradientNorms() {
        // With identity activations and square orthogonal weights, ‖∂L/∂a_l‖ is the same at every layer
        // (Saxe et al. 2014): each backward step multiplies by an orthogonal matrix.
        let layers = ForwardProbe.uniformLayers(6, width: 64, initializer: .orthogonal(gain: 1), activation: .identity)
        let forward = ForwardProbe(input: .standardNormal(samples: 32, features: 64), layers: layers, seed: 9).run()
        let backward = BackwardProbe(loss: .randomOutputGradient, seed: 9).run(forward.pass)
        let norms = backward.layers.map { $0.activationGradients.meanSquare }
        for n in norms { #expect(abs(n / norms[0] - 1) < 1e-4, "\(norms)") }
        // Forward as well: the activations' second moment is the input's.
        let input = forward.layers[0].preactivations.meanSquare
        for record in forward.layers { #expect(abs(record.activations.meanSquare / input - 1) < 1e-4) }
    }

    @Test func heFanOutKeepsBackwardGradientsAndFanInTheForwardSignal() {
        // He et al. 2015, section 2.2: with Var(w) = 2/fan_out, ∂L/∂a keeps its second moment going
        // backwards through ReLU layers (each step multiplies it by n_l·Var(w)·E[relu′²] = n_l·(2/n_l)·½);
        // with Var(w) = 2/fan_in the forward signal is kept instead, and the gradient's second moment
        // changes by n_l/n_{l−1} per layer. Widths alternate 400, 800 so the two differ by 2× a layer.
        func run(_ mode: FanMode) -> (forward: [Double], backward: [Double]) {
            let layers = (0..<8).map { l in
                ForwardProbe.Layer(width: l % 2 == 0 ? 400 : 800, initializer: .he(.normal, mode: mode), activation: .relu)
            }
            let forward = ForwardProbe(input: .standardNormal(samples: 100, features: 800), layers: layers, seed: 13).run()
            let backward = BackwardProbe(loss: .randomOutputGradient, seed: 13).run(forward.pass)
            return (forward.layers.map(\.preactivations.meanSquare), backward.layers.map(\.activationGradients.meanSquare))
        }
        // One layer's ratio fluctuates by about √(5/n) ≈ 0.11 at n = 400 (see MeanFieldTests); allow 4 of them.
        let fanOut = run(.fanOut), fanIn = run(.fanIn)
        for l in 1..<8 {
            let kept = fanOut.backward[l - 1] / fanOut.backward[l]
            #expect(abs(kept - 1) < 0.45, "fan_out: gradient ratio \(kept) at layer \(l)")
            // ∂a_{l−1} = ∂z_l·W_l: under fan_in the ratio is n_l/n_{l−1}, which is 2 when layer l is 800 wide.
            let expected = l % 2 == 1 ? 2.0 : 0.5
            let changed = fanIn.backward[l - 1] / fanIn.backward[l]
            #expect(abs(changed / expected - 1) < 0.45, "fan_in: gradient ratio \(changed) at layer \(l), expected \(expected)")
            let forwardRatio = fanIn.forward[l] / fanIn.forward[l - 1]
            #expect(abs(forwardRatio - 1) < 0.45, "fan_in: forward ratio \(forwardRatio) at layer \(l + 1)")
        }
    }
}
