// Forward probe: push a batch through L freshly initialized dense layers and record, per layer, the
// statistics of the pre-activations z_l = a_{l−1}·W_lᵀ + b_l and the activations a_l = φ_l(z_l). This is
// the classic "seed experiment" of the initialization literature (Glorot & Bengio 2010, section 4.2.1 and
// figure 6), generalized: any widths, an initializer and an activation per layer, an optional bias.
//
// Randomness: the probe's seed names a generator; the input, each layer's weights and each layer's bias
// come from their own named streams ("input", "weights"/l, "bias"/l), so changing one layer's
// initializer leaves every other number of the run unchanged.

public struct ForwardProbe: Sendable {
    /// One dense layer of the probe.
    public struct Layer: Sendable, Hashable {
        public var width: Int
        public var initializer: Initializer
        public var activation: Activation
        /// The bias initializer; nil for a layer without bias.
        public var bias: Initializer?

        public init(width: Int, initializer: Initializer, activation: Activation, bias: Initializer? = nil) {
            precondition(width > 0, "layer width must be positive")
            self.width = width
            self.initializer = initializer
            self.activation = activation
            self.bias = bias
        }
    }

    /// The input batch.
    public enum Input: Sendable, Equatable {
        /// `samples` × `features` standard normal values from the probe's "input" stream.
        case standardNormal(samples: Int, features: Int)
        /// A given batch, one example per row (a data set).
        case matrix(Matrix)
    }

    public var input: Input
    public var layers: [Layer]
    public var seed: UInt64
    public var preactivationBinning: Binning
    public var activationBinning: Binning
    /// Threads for the matrix products (results do not depend on it).
    public var threads: Int

    public init(input: Input, layers: [Layer], seed: UInt64, preactivationBinning: Binning = Binning(),
                activationBinning: Binning = Binning(), threads: Int = Matrix.defaultThreads) {
        precondition(!layers.isEmpty, "a probe needs at least one layer")
        self.input = input
        self.layers = layers
        self.seed = seed
        self.preactivationBinning = preactivationBinning
        self.activationBinning = activationBinning
        self.threads = threads
    }

    /// `count` layers of `width` units with the same initializer and activation.
    public static func uniformLayers(_ count: Int, width: Int, initializer: Initializer, activation: Activation,
                                     bias: Initializer? = nil) -> [Layer] {
        Array(repeating: Layer(width: width, initializer: initializer, activation: activation, bias: bias), count: count)
    }

    /// The statistics of one layer's forward quantities.
    public struct LayerRecord: Sendable, Equatable {
        public var preactivations: TensorStatistics
        public var activations: TensorStatistics
    }

    /// Everything the forward pass computed, kept for the backward probe.
    public struct Pass: Sendable {
        public var input: Matrix
        public var layers: [Dense]
        public var activationFunctions: [Activation]
        /// preactivations[l] = z of layer l; activations[l] = φ(z), both batch × width.
        public var preactivations: [Matrix]
        public var activations: [Matrix]
        public var threads: Int
    }

    public struct Result: Sendable {
        public var layers: [LayerRecord]
        public var pass: Pass
    }

    /// The input batch this probe uses.
    public func makeInput() -> Matrix {
        switch input {
        case .matrix(let m):
            return m
        case .standardNormal(let samples, let features):
            var stream = RandomGenerator(seed: seed).stream(for: "input")
            return Matrix.normal(rows: samples, columns: features, using: &stream)
        }
    }

    /// Runs the forward pass and records every layer.
    public func run() -> Result {
        let x = makeInput()
        let root = RandomGenerator(seed: seed)
        var pass = Pass(input: x, layers: [], activationFunctions: layers.map(\.activation),
                        preactivations: [], activations: [], threads: threads)
        var records: [LayerRecord] = []
        var previous = x
        for (l, spec) in layers.enumerated() {
            var weightStream = root.stream(for: "weights").stream(for: UInt64(l))
            let fans = Fans.dense(inputs: previous.columns, outputs: spec.width)
            let w = spec.initializer.weights(rows: spec.width, columns: previous.columns, fans: fans, using: &weightStream)
            var bias: [Float]? = nil
            if let biasInitializer = spec.bias {
                var biasStream = root.stream(for: "bias").stream(for: UInt64(l))
                bias = biasInitializer.weights(rows: 1, columns: spec.width, fans: fans, using: &biasStream).elements
            }
            var dense = Dense(weights: w, bias: bias, usesBias: spec.bias != nil, threads: threads)
            var z = Matrix(rows: previous.rows, columns: spec.width)
            dense.forward(previous, into: &z)
            let a = spec.activation.apply(z)
            records.append(LayerRecord(
                preactivations: TensorStatistics(z.elements, binning: preactivationBinning),
                activations: TensorStatistics(a.elements, binning: activationBinning, asymptotes: spec.activation.asymptotes)))
            pass.layers.append(dense)
            pass.preactivations.append(z)
            pass.activations.append(a)
            previous = a
        }
        return Result(layers: records, pass: pass)
    }
}
