// Backward probe: back-propagate a loss gradient through the layers of a forward probe's pass and record,
// per layer, the statistics of ∂L/∂a_l (activation gradients), ∂L/∂z_l (pre-activation gradients) and
// ∂L/∂W_l (weight gradients) — Glorot & Bengio (2010), figure 7 and section 4.2.2, in small.
//
// Chain rule per layer l (batch N, z_l = a_{l−1}·W_lᵀ + b_l, a_l = φ_l(z_l)):
//   ∂L/∂z_l = ∂L/∂a_l ⊙ φ_l′(z_l)      ∂L/∂W_l = (∂L/∂z_l)ᵀ·a_{l−1}      ∂L/∂a_{l−1} = ∂L/∂z_l·W_l

public struct BackwardProbe: Sendable {
    /// Where the gradient at the output comes from.
    public enum Loss: Sendable, Equatable {
        /// ∂L/∂a_L has independent standard normal entries (from the seed's "output-gradient" stream):
        /// the gradient's scale then shows only what the layers do to it.
        case randomOutputGradient
        /// Mean softmax cross-entropy with the last layer's activations as logits (use `identity` as the
        /// last activation); `labels` has one class per input row, or nil for labels drawn uniformly
        /// from the seed's "labels" stream.
        case softmaxCrossEntropy(labels: [Int]?)
    }

    public var loss: Loss
    public var seed: UInt64
    public var activationGradientBinning: Binning
    public var weightGradientBinning: Binning
    /// Per-layer binnings (index 0 is the first layer), which replace the two above where given: histograms whose
    /// panels each have their own range.
    public var layerBinnings: [(activationGradients: Binning, weightGradients: Binning)]?

    public init(loss: Loss = .randomOutputGradient, seed: UInt64, activationGradientBinning: Binning = Binning(),
                weightGradientBinning: Binning = Binning()) {
        self.loss = loss
        self.seed = seed
        self.activationGradientBinning = activationGradientBinning
        self.weightGradientBinning = weightGradientBinning
    }

    public struct LayerRecord: Sendable, Equatable {
        /// ∂L/∂a_l, the gradient arriving at layer l's output.
        public var activationGradients: TensorStatistics
        /// ∂L/∂z_l = ∂L/∂a_l ⊙ φ′(z_l).
        public var preactivationGradients: TensorStatistics
        /// ∂L/∂W_l.
        public var weightGradients: TensorStatistics
    }

    public struct Result: Sendable {
        /// Per layer, in forward order (index 0 is the first layer).
        public var layers: [LayerRecord]
        /// The loss value for cross-entropy; nil for a random output gradient.
        public var loss: Double?
        /// ∂L/∂W per layer, kept for callers that need the tensors themselves.
        public var weightGradients: [Matrix]
    }

    /// Back-propagates through `pass` (from `ForwardProbe.run()`).
    public func run(_ pass: ForwardProbe.Pass) -> Result {
        let root = RandomGenerator(seed: seed)
        let output = pass.activations[pass.activations.count - 1]
        var gradient = Matrix(rows: output.rows, columns: output.columns)
        var lossValue: Double? = nil
        switch loss {
        case .randomOutputGradient:
            var stream = root.stream(for: "output-gradient")
            gradient = Matrix.normal(rows: output.rows, columns: output.columns, using: &stream)
        case .softmaxCrossEntropy(let given):
            let labels: [Int]
            if let given {
                precondition(given.count == output.rows, "one label per input row")
                labels = given
            } else {
                var stream = root.stream(for: "labels")
                labels = (0..<output.rows).map { _ in Int(stream.next() % UInt64(output.columns)) }
            }
            let (value, probabilities) = SoftmaxCrossEntropy.forward(logits: output, labels: labels)
            lossValue = value
            SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, into: &gradient)
        }

        var records: [LayerRecord] = []
        var weightGradients: [Matrix] = []
        var layers = pass.layers
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let z = pass.preactivations[l]
            let activation = pass.activationFunctions[l]
            var dz = Matrix(rows: z.rows, columns: z.columns)
            activation.backward(preactivations: z, activationGradient: gradient, addingInto: &dz)
            let input = l == 0 ? pass.input : pass.activations[l - 1]
            var previousGradient = Matrix(rows: input.rows, columns: input.columns)
            layers[l].backward(input: input, output: z, outputGradient: dz, inputGradient: &previousGradient, propagate: l > 0)
            let dw = layers[l].parameters[0].gradient
            records.append(LayerRecord(
                activationGradients: TensorStatistics(gradient.elements, binning: layerBinnings?[l].activationGradients ?? activationGradientBinning),
                preactivationGradients: TensorStatistics(dz.elements, binning: layerBinnings?[l].activationGradients ?? activationGradientBinning),
                weightGradients: TensorStatistics(dw.elements, binning: layerBinnings?[l].weightGradients ?? weightGradientBinning)))
            weightGradients.append(dw)
            gradient = previousGradient
        }
        return Result(layers: records.reversed(), loss: lossValue, weightGradients: weightGradients.reversed())
    }
}
