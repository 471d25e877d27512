// Dense (fully connected) layer: z = x·Wᵀ + b, stored as PyTorch's `Linear` stores it (W is outputs ×
// inputs, one row per unit), like Conv2D's weights. Forward and backward side by side (llm.c's
// matmul_forward / matmul_backward):
//   forward   x  N × inputs  →  z = x·Wᵀ + b   N × outputs        keeps nothing (backward gets x)
//   backward  ∂W += ∂zᵀ·x  (outputs × inputs),  ∂b += Σ_rows ∂z,  ∂x += ∂z·W  (N × inputs)

public struct Dense: Layer {
    public let inputShape: Shape
    public let outputShape: Shape
    /// [weights (outputs × inputs), bias (1 × outputs)].
    public var parameters: [Parameter]
    /// Whether the bias is part of the layer; without it the bias stays 0 and gets no gradient.
    public let usesBias: Bool
    /// Threads for the matrix products (results do not depend on it).
    public var threads: Int

    public var weights: Matrix { parameters[0].value }
    public var bias: [Float] { parameters[1].value.elements }

    /// A layer with the given weights (outputs × inputs) and bias (zeros when nil and unused).
    public init(weights: Matrix, bias: [Float]? = nil, usesBias: Bool = true, threads: Int = Matrix.defaultThreads) {
        let b = bias ?? [Float](repeating: 0, count: weights.rows)
        precondition(b.count == weights.rows, "one bias per output unit")
        precondition(usesBias || b.allSatisfy { $0 == 0 }, "a layer without bias must have a zero bias")
        inputShape = .vector(weights.columns)
        outputShape = .vector(weights.rows)
        self.usesBias = usesBias
        self.threads = threads
        parameters = [Parameter(weights), Parameter(Matrix(rows: 1, columns: b.count, elements: b))]
    }

    /// A layer of `outputs` units over `inputs` inputs, weights drawn by `initializer`, bias 0.
    public init(inputs: Int, outputs: Int, initializer: Initializer, usesBias: Bool = true,
                using generator: inout RandomGenerator, threads: Int = Matrix.defaultThreads) {
        let w = initializer.weights(rows: outputs, columns: inputs, fans: .dense(inputs: inputs, outputs: outputs),
                                    using: &generator)
        self.init(weights: w, usesBias: usesBias, threads: threads)
    }

    /// z = x·Wᵀ + b: each row of `output` starts at b and accumulates its products in order.
    public mutating func forward(_ input: Matrix, into output: inout Matrix) {
        precondition(input.columns == inputShape.count && output.rows == input.rows && output.columns == outputShape.count,
                     "dense forward: input \(input.rows)×\(input.columns), output \(output.rows)×\(output.columns)")
        let b = parameters[1].value.elements
        let width = b.count
        output.elements.withUnsafeMutableBufferPointer { out in
            for row in 0..<input.rows {
                for j in 0..<width { out[row * width + j] = b[j] }
            }
        }
        Matrix.multiply(input, parameters[0].value, .abT, into: &output, accumulating: true, threads: threads)
    }

    /// Adds ∂L/∂W = ∂zᵀ·x and ∂L/∂b = column sums of ∂z into the parameter gradients and, when
    /// `propagate`, ∂L/∂x = ∂z·W into `inputGradient`.
    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        Matrix.multiply(outputGradient, input, .aTb, into: &parameters[0].gradient, accumulating: true, threads: threads)
        if usesBias {
            let width = outputGradient.columns
            outputGradient.elements.withUnsafeBufferPointer { dz in
                parameters[1].gradient.elements.withUnsafeMutableBufferPointer { db in
                    for row in 0..<outputGradient.rows {
                        for j in 0..<width { db[j] += dz[row * width + j] }
                    }
                }
            }
        }
        if propagate {
            Matrix.multiply(outputGradient, parameters[0].value, .ab, into: &inputGradient, accumulating: true, threads: threads)
        }
    }
}
