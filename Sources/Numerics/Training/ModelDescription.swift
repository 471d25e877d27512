// ModelDescription: a network written as data — an input shape, a list of layers, and one initializer for
// convolution kernels and one for fully connected weights (the seed experiment's `winit_conv` × `winit_fc`) —
// checked against explicit resource limits and built into a `Sequential` network for a seed.
// Biases start at 0 in every layer: one less source of randomness, and it makes the symmetry of constant
// initialization exact (every unit of a layer computes the same value).

/// One entry of a model description.
public enum LayerDescription: Sendable, Hashable, CustomStringConvertible {
    /// A kernelSize × kernelSize convolution to `channels` channels, stride 1, "same" zero padding, then `activation`.
    case convolution(channels: Int, kernelSize: Int = 3, activation: Activation)
    /// Max pooling over size × size windows, stride `size`.
    case maxPool(size: Int = 2)
    /// Average pooling over size × size windows, stride `size`.
    case averagePool(size: Int = 2)
    /// Image → vector (the data is already flat; this only marks the change of shape).
    case flatten
    /// A fully connected layer of `units` units, then `activation` (identity for the output logits).
    case dense(units: Int, activation: Activation)

    public var description: String {
        switch self {
        case .convolution(let channels, let k, let activation): "conv \(k)×\(k)×\(channels) + \(activation.identifier)"
        case .maxPool(let size): "max-pool \(size)×\(size)"
        case .averagePool(let size): "average-pool \(size)×\(size)"
        case .flatten: "flatten"
        case .dense(let units, let activation): "dense \(units) + \(activation.identifier)"
        }
    }
}

/// A model description that cannot be built: which layer (0-based index into `layers`, nil for the whole model) and why.
public struct ModelDescriptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let layer: Int?
    public let message: String
    public var description: String { layer.map { "layer \($0 + 1): \(message)" } ?? message }
}

/// A feed-forward network as data, with an initializer per layer kind.
public struct ModelDescription: Sendable, Hashable {
    public var input: Shape
    public var layers: [LayerDescription]
    /// Initializer for convolution kernels (fans: kernel² × channels in / out).
    public var convolutionInitializer: Initializer
    /// Initializer for fully connected weights, the output layer included.
    public var denseInitializer: Initializer

    /// Limits that keep a site build's experiments small (checked by `validate()`). With evaluation batches of
    /// 100 examples they bound a run's largest buffers to about 100 × 4 bytes × the per-example figures.
    public static let maximumParameters = 4_000_000
    public static let maximumFeaturesPerExample = 1 << 18
    /// A convolution's im2col matrix per example: output pixels × kernel² × input channels.
    public static let maximumConvolutionColumnsPerExample = 1 << 19
    public static let maximumLayers = 64

    public init(input: Shape, layers: [LayerDescription], convolutionInitializer: Initializer = .he(.normal),
                denseInitializer: Initializer = .xavier(.uniform)) {
        self.input = input
        self.layers = layers
        self.convolutionInitializer = convolutionInitializer
        self.denseInitializer = denseInitializer
    }

    /// The seed experiment's network for 28 × 28 digits: conv 3×3 (`channels`, "same") + ReLU → max-pool 2×2 →
    /// flatten → dense `hiddenUnits` + sigmoid → dense 10 (logits; softmax is part of the loss).
    /// 8 channels and 64 hidden units: 101,146 parameters.
    public static func seedCNN(convolution: Initializer, dense: Initializer, channels: Int = 8, hiddenUnits: Int = 64,
                               classes: Int = 10) -> ModelDescription {
        ModelDescription(input: Shape(height: 28, width: 28, channels: 1), layers: [
            .convolution(channels: channels, kernelSize: 3, activation: .relu),
            .maxPool(size: 2),
            .flatten,
            .dense(units: hiddenUnits, activation: .sigmoid),
            .dense(units: classes, activation: .identity),
        ], convolutionInitializer: convolution, denseInitializer: dense)
    }

    /// A multilayer perceptron on flattened `input` images: hidden layers of the given widths, each followed by
    /// `activation`, then a dense output layer of `classes` logits.
    public static func multilayerPerceptron(input: Shape = Shape(height: 28, width: 28, channels: 1), hidden: [Int],
                                            activation: Activation, initializer: Initializer, classes: Int = 10) -> ModelDescription {
        ModelDescription(input: input,
                         layers: [.flatten] + hidden.map { .dense(units: $0, activation: activation) } + [.dense(units: classes, activation: .identity)],
                         convolutionInitializer: initializer, denseInitializer: initializer)
    }

    /// The shape after each layer (index 0 is the input), or the first problem found.
    public func shapes() throws -> [Shape] {
        func fail(_ layer: Int?, _ message: String) -> ModelDescriptionError { ModelDescriptionError(layer: layer, message: message) }
        guard input.height > 0, input.width > 0, input.channels > 0, input.count <= Self.maximumFeaturesPerExample else {
            throw fail(nil, "input shape \(input) must be positive with at most \(Self.maximumFeaturesPerExample) features")
        }
        guard !layers.isEmpty, layers.count <= Self.maximumLayers else {
            throw fail(nil, "a model needs 1...\(Self.maximumLayers) layers, got \(layers.count)")
        }
        var shapes = [input]
        var parameters = 0
        for (index, layer) in layers.enumerated() {
            let shape = shapes[shapes.count - 1]
            let next: Shape
            switch layer {
            case .convolution(let channels, let kernel, _):
                guard channels > 0 else { throw fail(index, "a convolution needs at least 1 channel, got \(channels)") }
                guard kernel > 0, kernel % 2 == 1 else { throw fail(index, "kernel size must be odd and positive (\"same\" padding), got \(kernel)") }
                guard kernel <= shape.height + 2 * (kernel / 2), kernel <= shape.width + 2 * (kernel / 2) else {
                    throw fail(index, "a \(kernel)×\(kernel) kernel does not fit the \(shape) input")
                }
                next = Shape(height: shape.height, width: shape.width, channels: channels)
                guard shape.height * shape.width * kernel * kernel * shape.channels <= Self.maximumConvolutionColumnsPerExample else {
                    throw fail(index, "a \(kernel)×\(kernel) convolution of a \(shape) input exceeds the limit of \(Self.maximumConvolutionColumnsPerExample) im2col values per example")
                }
                parameters += kernel * kernel * shape.channels * channels + channels
            case .maxPool(let size), .averagePool(let size):
                guard size > 0, size <= shape.height, size <= shape.width else {
                    throw fail(index, "a \(size)×\(size) pooling window does not fit the \(shape) input")
                }
                next = Shape(height: shape.height / size, width: shape.width / size, channels: shape.channels)
            case .flatten:
                next = .vector(shape.count)
            case .dense(let units, _):
                guard units > 0 else { throw fail(index, "a dense layer needs at least 1 unit, got \(units)") }
                guard shape.height == 1 && shape.width == 1 else {
                    throw fail(index, "a dense layer needs a vector input, got \(shape): add `flatten` before it")
                }
                next = .vector(units)
                parameters += shape.count * units + units
            }
            guard next.count <= Self.maximumFeaturesPerExample else {
                throw fail(index, "output \(next) exceeds the limit of \(Self.maximumFeaturesPerExample) features per example")
            }
            guard parameters <= Self.maximumParameters else {
                throw fail(index, "the model exceeds the limit of \(Self.maximumParameters) parameters")
            }
            shapes.append(next)
        }
        return shapes
    }

    /// Checks shapes and limits; the shape of the output.
    @discardableResult
    public func validate() throws -> Shape { try shapes()[layers.count] }

    /// Builds the network. Each described layer draws its weights from its own stream of the seed, so changing
    /// one layer does not change the others' initial weights.
    /// - Parameter threads: threads for the matrix products (results do not depend on it).
    public func build(seed: UInt64, threads: Int = 1) throws -> Sequential {
        let shapes = try self.shapes()
        let weightStreams = RandomGenerator(seed: seed).stream(for: "weights")
        var built: [any Layer] = []
        for (index, layer) in layers.enumerated() {
            let shape = shapes[index]
            var generator = weightStreams.stream(for: UInt64(index))
            switch layer {
            case .convolution(let channels, let kernel, let activation):
                built.append(Conv2D(input: shape, outputChannels: channels, kernelSize: kernel, initializer: convolutionInitializer,
                                    using: &generator, threads: threads))
                if activation != .identity { built.append(ActivationLayer(activation, shape: shapes[index + 1])) }
            case .maxPool(let size):
                built.append(Pooling(.max, size: size, input: shape))
            case .averagePool(let size):
                built.append(Pooling(.average, size: size, input: shape))
            case .flatten:
                built.append(Flatten(input: shape))
            case .dense(let units, let activation):
                built.append(Dense(inputs: shape.count, outputs: units, initializer: denseInitializer, using: &generator, threads: threads))
                if activation != .identity { built.append(ActivationLayer(activation, shape: .vector(units))) }
            }
        }
        return Sequential(built)
    }
}
