// Finite-difference gradient checks for `Layer`s: the loss L = Σ r ⊙ output for a fixed random r,
// whose gradient with respect to the output is r. Central differences in float32 are compared with
// the gradients the layer's backward pass adds.
@testable import Numerics

struct GradientCheck {
    /// Largest |analytic − numeric| / max(1, |numeric|) over the checked coordinates, and where it was.
    struct Result: CustomStringConvertible {
        var worst = 0.0
        var place = ""
        var checked = 0
        var description: String { "worst relative difference \(worst) at \(place) (\(checked) coordinates)" }
    }

    /// Checks ∂L/∂input and ∂L/∂θ of `layer` at `input`, on up to `limit` coordinates per tensor (evenly spread).
    static func check<L: Layer>(_ layer: L, input: Matrix, step: Float = 1e-2, limit: Int = 400, seed: UInt64 = 7) -> Result {
        var generator = RandomGenerator(seed: seed)
        var layer = layer
        var output = Matrix(rows: input.rows, columns: layer.outputShape.count)
        layer.forward(input, into: &output)
        let weights = Matrix.normal(rows: output.rows, columns: output.columns, using: &generator)

        func loss(_ layer: L, _ input: Matrix) -> Double {
            var copy = layer
            var out = Matrix(rows: input.rows, columns: copy.outputShape.count)
            copy.forward(input, into: &out)
            var sum = 0.0
            for (o, r) in zip(out.elements, weights.elements) { sum += Double(o) * Double(r) }
            return sum
        }

        var inputGradient = Matrix(rows: input.rows, columns: input.columns)
        layer.backward(input: input, output: output, outputGradient: weights, inputGradient: &inputGradient, propagate: true)

        var result = Result()
        func compare(_ analytic: Float, _ plus: Double, _ minus: Double, _ place: String) {
            let numeric = (plus - minus) / (2 * Double(step))
            let difference = abs(Double(analytic) - numeric) / max(1, abs(numeric))
            result.checked += 1
            if difference > result.worst || difference.isNaN { result.worst = difference.isNaN ? .infinity : difference; result.place = place }
        }
        for i in stride(from: 0, to: input.elements.count, by: max(1, input.elements.count / limit)) {
            var plus = input, minus = input
            plus.elements[i] += step
            minus.elements[i] -= step
            compare(inputGradient.elements[i], loss(layer, plus), loss(layer, minus), "input[\(i)]")
        }
        for p in layer.parameters.indices {
            let count = layer.parameters[p].value.elements.count
            for i in stride(from: 0, to: count, by: max(1, count / limit)) {
                var plus = layer, minus = layer
                plus.parameters[p].value.elements[i] += step
                minus.parameters[p].value.elements[i] -= step
                compare(layer.parameters[p].gradient.elements[i], loss(plus, input), loss(minus, input), "parameter \(p)[\(i)]")
            }
        }
        return result
    }
}
