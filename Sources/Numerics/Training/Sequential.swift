// Sequential: a network as a list of layers, each feeding the next (Layer.swift gives the contract).
// The network owns one activation buffer and one gradient buffer per layer boundary, allocated for a batch
// size and kept for every batch size seen (llm.c's "allocate once, index directly"): an epoch's short last
// batch and evaluation batches do not make the next training batch reallocate, so a training step
// allocates nothing after the first of its size. A layer followed by an activation layer runs both in one
// call, forward and backward (`Layer.forward(_:into:activation:activated:)`, `Layer.backward(…activation:…)`),
// which a convolution fuses.

public struct Sequential: Sendable {
    public private(set) var layers: [any Layer]

    /// activations[0] is the input batch, activations[l + 1] the output of layers[l].
    private var activations: [Matrix] = []
    /// gradients[l] is ∂L/∂activations[l] (gradients[0] stays empty: nothing consumes it).
    private var gradients: [Matrix] = []
    /// Buffers of the other batch sizes seen, by batch size.
    private var spareBuffers: [Int: (activations: [Matrix], gradients: [Matrix])] = [:]
    /// followingActivation[l]: the activation of layer l + 1 when that is an activation layer (run with layer l).
    private let followingActivation: [Activation?]
    /// The first layer of each call of a pass, in forward order (a layer and its following activation are one call).
    private let calls: [Int]

    /// A network of `layers`; each layer's input shape must equal the previous layer's output shape.
    public init(_ layers: [any Layer]) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        for (previous, next) in zip(layers, layers.dropFirst()) {
            precondition(previous.outputShape == next.inputShape,
                         "layer output \(previous.outputShape) does not match the next layer's input \(next.inputShape)")
        }
        self.layers = layers
        followingActivation = layers.indices.map { l in l + 1 < layers.count ? (layers[l + 1] as? ActivationLayer)?.activation : nil }
        var calls: [Int] = [], l = 0
        while l < layers.count {
            calls.append(l)
            l += followingActivation[l] == nil ? 1 : 2
        }
        self.calls = calls
    }

    public var inputShape: Shape { layers[0].inputShape }
    public var outputShape: Shape { layers[layers.count - 1].outputShape }

    /// Sizes of the parameter tensors in order (layer by layer, weights before bias): the optimizer's slots.
    public var parameterSizes: [Int] { layers.flatMap { $0.parameters.map(\.value.elements.count) } }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameterSizes.reduce(0, +) }

    /// Runs the batch (batch × inputShape.count) through every layer and returns the last layer's output.
    /// The input is copied into the network's own buffer, so the caller can refill its batch matrix freely.
    public mutating func forward(_ input: Matrix) -> Matrix {
        precondition(input.columns == inputShape.count, "input rows have \(input.columns) features, the network takes \(inputShape.count)")
        allocate(batch: input.rows)
        activations[0].elements.withUnsafeMutableBufferPointer { target in
            input.elements.withUnsafeBufferPointer { source in _ = target.update(fromContentsOf: source) }
        }
        for l in calls {
            if let activation = followingActivation[l] {
                // activations[l + 2] is moved out for the call (two buffers of one array cannot both be inout).
                var activated = Matrix(rows: 0, columns: 0)
                swap(&activated, &activations[l + 2])
                layers[l].forward(activations[l], into: &activations[l + 1], activation: activation, activated: &activated)
                swap(&activated, &activations[l + 2])
            } else {
                layers[l].forward(activations[l], into: &activations[l + 1])
            }
        }
        return activations[layers.count]
    }

    /// Back-propagates ∂L/∂output for the batch of the last `forward`, adding ∂L/∂θ into every parameter's
    /// gradient (call `zeroGradients()` first to get the gradient of this batch alone).
    public mutating func backward(_ outputGradient: Matrix) {
        let last = layers.count
        precondition(outputGradient.rows == activations[last].rows && outputGradient.columns == activations[last].columns,
                     "output gradient must have the output's shape")
        gradients[last] = outputGradient
        for l in calls.reversed() {
            if l > 0 && !layers[l].setsInputGradient { gradients[l].elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            if let activation = followingActivation[l] {
                // gradients[l + 1] (scratch for ∂L/∂output) is moved out for the call, as in `forward`.
                var outputGradient = Matrix(rows: 0, columns: 0)
                swap(&outputGradient, &gradients[l + 1])
                layers[l].backward(input: activations[l], output: activations[l + 1], activation: activation, activated: activations[l + 2],
                                   activatedGradient: gradients[l + 2], outputGradient: &outputGradient, inputGradient: &gradients[l],
                                   propagate: l > 0)
                swap(&outputGradient, &gradients[l + 1])
            } else {
                layers[l].backward(input: activations[l], output: activations[l + 1], outputGradient: gradients[l + 1],
                                   inputGradient: &gradients[l], propagate: l > 0)
            }
        }
        gradients[last] = Matrix(rows: 0, columns: 0)  // drop the caller's buffer
    }

    /// Sets every parameter gradient to zero.
    public mutating func zeroGradients() {
        for l in layers.indices {
            for p in layers[l].parameters.indices {
                layers[l].parameters[p].gradient.elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            }
        }
    }

    /// Every layer's parameter values, layers in order, each layer's tensors as in `Layer.parameters`. Reading is a
    /// cheap snapshot (the arrays are shared until the next update rewrites them), unlike copying the network,
    /// whose buffers the next step would all copy; writing back restores the weights of the snapshot.
    var parameterValues: [[Matrix]] {
        get { layers.map { $0.parameters.map(\.value) } }
        set {
            precondition(newValue.count == layers.count, "one list of parameter values per layer")
            for l in layers.indices {
                precondition(newValue[l].count == layers[l].parameters.count, "layer \(l) has \(layers[l].parameters.count) parameter tensors")
                for p in newValue[l].indices { layers[l].parameters[p].value = newValue[l][p] }
            }
        }
    }

    /// Applies one optimizer step to every parameter tensor (slots numbered as in `parameterSizes`).
    public mutating func update(with state: inout OptimizerState) {
        state.beginStep()
        var slot = 0
        for l in layers.indices {
            for p in layers[l].parameters.indices {
                let gradient = layers[l].parameters[p].gradient.elements
                state.update(&layers[l].parameters[p].value.elements, gradient: gradient, slot: slot)
                slot += 1
            }
        }
    }

    /// The activations of boundary `index` (0 = input, l + 1 = output of layer l) from the last forward pass.
    public func activation(at index: Int) -> Matrix { activations[index] }

    private mutating func allocate(batch: Int) {
        if activations.count == layers.count + 1 && activations[0].rows == batch { return }
        if !activations.isEmpty { spareBuffers[activations[0].rows] = (activations, gradients) }
        if let spare = spareBuffers.removeValue(forKey: batch) {
            (activations, gradients) = spare
            return
        }
        activations = [Matrix(rows: batch, columns: inputShape.count)] + layers.map { Matrix(rows: batch, columns: $0.outputShape.count) }
        gradients = [Matrix(rows: 0, columns: 0)] + layers.map { Matrix(rows: batch, columns: $0.outputShape.count) }
    }
}
