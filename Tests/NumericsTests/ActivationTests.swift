// Activations: values against independent formulas (Foundation), derivatives against central finite
// differences, gains and asymptotes against their published values, and the batch paths against the
// scalar definitions.
import Foundation
import Testing
@testable import Numerics

@Suite struct ActivationTests {
    /// Arguments avoiding the kink at 0, where only one-sided derivatives exist.
    static let xs: [Double] = stride(from: -8.0, through: 8.0, by: 0.0625).map { $0 + 0.013 }

    @Test(arguments: Activation.allCases)
    func derivativeMatchesCentralDifferences(activation: Activation) {
        let h = 1e-5
        var worst = (error: 0.0, x: 0.0)
        for x in Self.xs {
            let numeric = (activation.value(x + h) - activation.value(x - h)) / (2 * h)
            let error = abs(activation.derivative(x) - numeric) / max(1, abs(numeric))
            if error > worst.error { worst = (error, x) }
        }
        // Central differences have error h²·φ‴/6 ≈ 10⁻¹¹ plus rounding ε/h ≈ 10⁻¹¹.
        #expect(worst.error < 1e-8, "\(activation.identifier): \(worst.error) at x = \(worst.x)")
    }

    @Test func valuesMatchIndependentFormulas() {
        let reference: [(Activation, (Double) -> Double)] = [
            (.identity, { $0 }),
            (.sigmoid, { 1 / (1 + Foundation.exp(-$0)) }),
            (.tanh, { Foundation.tanh($0) }),
            (.relu, { max($0, 0) }),
            (.leakyReLU(alpha: 0.2), { $0 > 0 ? $0 : 0.2 * $0 }),
            (.elu(alpha: 1), { $0 > 0 ? $0 : Foundation.exp($0) - 1 }),
            (.selu, { 1.0507009873554805 * ($0 > 0 ? $0 : 1.6732632423543772 * (Foundation.exp($0) - 1)) }),
            (.gelu, { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }),
            (.softsign, { $0 / (1 + abs($0)) }),
            (.softplus, { Foundation.log(1 + Foundation.exp($0)) }),
        ]
        for (activation, formula) in reference {
            for x in Self.xs {
                let expected = formula(x)
                #expect(abs(activation.value(x) - expected) <= 1e-12 * max(1, abs(expected)), "\(activation.identifier) at \(x)")
            }
        }
    }

    /// An overflow upstream must stay visible downstream: every activation maps NaN to NaN (as PyTorch does),
    /// in the scalar and in the batch path, so probes count it instead of reporting a dead unit.
    @Test(arguments: Activation.allCases)
    func notANumberPassesThrough(activation: Activation) {
        #expect(activation.value(Double.nan).isNaN, "\(activation.identifier)")
        var output = Matrix(rows: 1, columns: 3)
        activation.apply(Matrix(rows: 1, columns: 3, elements: [.nan, -1, 2]), into: &output)
        #expect(output.elements[0].isNaN, "\(activation.identifier)")
        #expect(output.elements[2] == activation.value(Float(2)), "\(activation.identifier)")
    }

    @Test func gainsAreThePublishedOnes() {
        #expect(Activation.identity.gain == 1 && Activation.sigmoid.gain == 1)
        #expect(Activation.tanh.gain == 5.0 / 3)
        #expect(Activation.relu.gain == 2.0.squareRoot())
        #expect(abs(Activation.leakyReLU(alpha: 0.01).gain - (2 / 1.0001).squareRoot()) < 1e-15)
        #expect(Activation.selu.gain == 0.75)
    }

    @Test func identifiersFollowTheDirectiveNames() {
        #expect(Activation.allCases.map(\.identifier) ==
                ["identity", "sigmoid", "tanh", "relu", "leaky-relu(0.01)", "elu", "selu", "gelu", "softsign", "softplus"])
        #expect(Activation.elu(alpha: 0.5).identifier == "elu(0.5)")
    }

    @Test func seluFixesTheStandardNormal() {
        // Klambauer et al.: for z ~ N(0, 1), SELU(z) has mean 0 and variance 1. Trapezoid on [−12, 12].
        var mean = 0.0, square = 0.0
        let h = 1e-3
        for i in -12_000...12_000 {
            let z = Double(i) * h, density = Foundation.exp(-z * z / 2) / (2 * Double.pi).squareRoot()
            let y = Activation.selu.value(z)
            mean += y * density * h
            square += y * y * density * h
        }
        #expect(abs(mean) < 1e-6 && abs(square - 1) < 1e-6)
    }

    @Test(arguments: Activation.allCases)
    func batchPathsEqualTheScalarDefinitions(activation: Activation) {
        var g = RandomGenerator(seed: 3)
        let z = Matrix.normal(rows: 17, columns: 13, std: 3, using: &g)
        let da = Matrix.normal(rows: 17, columns: 13, using: &g)
        let a = activation.apply(z)
        var dz = Matrix(rows: 17, columns: 13, repeating: 0.5)
        activation.backward(preactivations: z, activationGradient: da, addingInto: &dz)
        for i in z.elements.indices {
            #expect(a.elements[i] == activation.value(z.elements[i]))
            #expect(dz.elements[i] == Float(0.5).addingProduct(da.elements[i], activation.derivative(z.elements[i])))
        }
    }

    /// The eight-lane backward of sigmoid and tanh against the scalar derivative, bit for bit, over a wide
    /// range and the special values (both zeros, infinities, NaN, the saturated tails).
    @Test(arguments: [Activation.sigmoid, .tanh])
    func laneBackwardIsTheScalarDerivative(activation: Activation) {
        var g = RandomGenerator(seed: 29)
        var values = Matrix.normal(rows: 1, columns: 100_003, std: 8, using: &g).elements
        values.replaceSubrange(0..<9, with: [0, -0, .infinity, -.infinity, .nan, 40, -40, 1e-30, -745])
        let z = Matrix(rows: 1, columns: values.count, elements: values)
        let da = Matrix.normal(rows: 1, columns: values.count, using: &g)
        var dz = Matrix(rows: 1, columns: values.count, repeating: -0.25)
        activation.backward(preactivations: z, activationGradient: da, addingInto: &dz)
        let expected = values.indices.map { Float(-0.25).addingProduct(da.elements[$0], activation.derivative(values[$0])) }
        #expect(dz.elements.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
