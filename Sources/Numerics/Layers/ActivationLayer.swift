// An elementwise nonlinearity as a layer of a `Sequential` network: a = φ(z) forward,
// ∂L/∂z += ∂L/∂a ⊙ φ′(z) backward (the formulas live with `Activation`). Its input is the
// pre-activation z, which the network keeps, so the layer itself keeps nothing.

public struct ActivationLayer: Layer {
    public let activation: Activation
    public let inputShape: Shape
    public var outputShape: Shape { inputShape }
    public var parameters: [Parameter] = []

    public init(_ activation: Activation, shape: Shape) {
        self.activation = activation
        inputShape = shape
    }

    public mutating func forward(_ input: Matrix, into output: inout Matrix) {
        activation.apply(input, into: &output)
    }

    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        guard propagate else { return }
        activation.backward(preactivations: input, activationGradient: outputGradient, addingInto: &inputGradient)
    }
}
