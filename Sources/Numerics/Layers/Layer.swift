// The layer contract of a sequential network (`Sequential` in Training/): each layer is a forward function
// and a backward function side by side (as in llm.c's `matmul_forward` / `matmul_backward`).
//
// A mini-batch is a `Matrix` with one row per example. An example's features are laid out as
// height × width × channels, channels fastest ("NHWC"), so a convolution's output rows need no reshuffling
// and a flattened image is the same row. The network owns every activation and activation-gradient
// buffer and hands them to the layers; a layer keeps only what its backward pass needs beyond its own
// input and output (a convolution's im2col matrix, a max pool's winners). Backward *adds* into gradient
// buffers, so buffers must be zeroed before a step and several contributions simply accumulate (a layer
// whose input gradient is one write per entry may set it instead: `setsInputGradient`).

/// The shape of one example as it flows between layers: height × width × channels; a plain vector is 1 × 1 × n.
public struct Shape: Sendable, Hashable, CustomStringConvertible {
    public var height: Int
    public var width: Int
    public var channels: Int

    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// A vector of `count` features.
    public static func vector(_ count: Int) -> Shape { Shape(height: 1, width: 1, channels: count) }

    /// Features per example (the row length of a batch matrix).
    public var count: Int { height * width * channels }

    public var description: String { height == 1 && width == 1 ? "\(channels)" : "\(height)×\(width)×\(channels)" }
}

/// A trainable tensor and the gradient of the loss with respect to it, the same shape.
public struct Parameter: Sendable {
    public var value: Matrix
    public var gradient: Matrix

    public init(_ value: Matrix) {
        self.value = value
        gradient = Matrix(rows: value.rows, columns: value.columns)
    }
}

/// A layer: a differentiable map from a batch of `inputShape` examples to a batch of `outputShape` examples.
public protocol Layer: Sendable {
    var inputShape: Shape { get }
    var outputShape: Shape { get }

    /// The trainable tensors (weights first, then bias), in a fixed order: the optimizer's slots.
    /// Empty for layers without parameters.
    var parameters: [Parameter] { get set }

    /// Computes `output` (batch × outputShape.count, allocated by the caller) from `input` (batch × inputShape.count).
    /// Keeps whatever `backward` needs that is not `input` or `output` themselves.
    mutating func forward(_ input: Matrix, into output: inout Matrix)

    /// `forward`, then `activated` ← activation(output): what a network runs when an activation layer follows.
    /// A layer may fuse the two (the default runs them one after the other); the bits are the same. A fusing
    /// layer may leave `output` unwritten when its `backward(…activation:…)` needs only `activated`.
    mutating func forward(_ input: Matrix, into output: inout Matrix, activation: Activation, activated: inout Matrix)

    /// Given ∂L/∂output for the batch of the last `forward`, adds ∂L/∂θ into each parameter's gradient and,
    /// when `propagate` is true, adds ∂L/∂input into `inputGradient` (the first layer skips that work).
    mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                           inputGradient: inout Matrix, propagate: Bool)

    /// Whether `backward` sets ∂L/∂input (to the bits adding into a zeroed buffer would give) instead of adding
    /// into it: the network then skips zeroing the buffer. False unless a layer says otherwise.
    var setsInputGradient: Bool { get }

    /// `backward` for a forward pass run with an activation (`forward(_:into:activation:activated:)`): given
    /// ∂L/∂activated, back-propagates ∂L/∂output = ∂L/∂activated ⊙ activation′(output). `outputGradient` is
    /// scratch space of the output's shape (its contents before and after are unspecified). A layer may fuse
    /// the two (the default runs them one after the other); the bits are the same.
    mutating func backward(input: Matrix, output: Matrix, activation: Activation, activated: Matrix, activatedGradient: Matrix,
                           outputGradient: inout Matrix, inputGradient: inout Matrix, propagate: Bool)
}

extension Layer {
    public var setsInputGradient: Bool { false }

    public mutating func forward(_ input: Matrix, into output: inout Matrix, activation: Activation, activated: inout Matrix) {
        forward(input, into: &output)
        activation.apply(output, into: &activated)
    }

    public mutating func backward(input: Matrix, output: Matrix, activation: Activation, activated: Matrix, activatedGradient: Matrix,
                                  outputGradient: inout Matrix, inputGradient: inout Matrix, propagate: Bool) {
        backwardThroughActivation(input: input, output: output, activation: activation, activatedGradient: activatedGradient,
                                  outputGradient: &outputGradient, inputGradient: &inputGradient, propagate: propagate)
    }

    /// The unfused backward pass through an activation: ∂L/∂output from zero, then `backward`.
    mutating func backwardThroughActivation(input: Matrix, output: Matrix, activation: Activation, activatedGradient: Matrix,
                                            outputGradient: inout Matrix, inputGradient: inout Matrix, propagate: Bool) {
        outputGradient.elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        activation.backward(preactivations: output, activationGradient: activatedGradient, addingInto: &outputGradient)
        backward(input: input, output: output, outputGradient: outputGradient, inputGradient: &inputGradient, propagate: propagate)
    }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.elements.count } }
}
