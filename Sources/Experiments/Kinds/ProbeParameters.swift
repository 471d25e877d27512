// Keys, parameters and the work budget the probe kinds (`activations`, `gradients`, `depth`) share: a stack of dense
// layers fed a batch of standard-normal inputs, probed layer by layer. Each kind declares its schema in its own file.

/// The network and batch a probe run describes.
struct Probe: Sendable {
    var initializer: InitializerSpec
    var activation: ActivationSpec
    var layers: Int
    var width: Int
    var samples: Int
    var bias: Double
    var seed: Int

    /// Multiply-adds of the forward pass: samples × width² × layers.
    var work: Double { Double(samples) * Double(width) * Double(width) * Double(layers) }

    /// The shared keys, read through the kind's own `init` and `layers` keys (their defaults differ).
    init(_ values: ParameterValues, initializer: Key<InitializerSpec>, activation: Key<ActivationSpec>, layers: Key<Int>) {
        self.initializer = values[initializer]
        self.activation = values[activation]
        self.layers = values[layers]
        width = values[ProbeKeys.width]
        samples = values[ProbeKeys.samples]
        bias = values[ProbeKeys.bias]
        seed = values[Key.seed]
    }
}

enum ProbeKeys {
    static func layers(default value: Int, max: Int = 100) -> Key<Int> {
        .integer("layers", 1...max, default: value, help: "number of hidden layers")
    }
    static let width = Key.integer("width", 1...2048, default: 100, help: "units per hidden layer (and input dimension)")
    static let samples = Key.integer("samples", 1...10_000, default: 1000, .single, help: "input rows (standard-normal inputs)")
    static let bins = Key.integer("bins", 2...200, default: 30, .single, help: "histogram bins")
    static let histogramRange = Key.optionalRange("range", within: -1e6...1e6,
                                                  absent: "the activation's range for sigmoid (0..1), tanh and softsign (−1..1); else the run's min..max",
                                                  help: "histogram range; values outside are counted as under/overflow, never dropped")
    static let bias = Key.number("bias", -100, 100, default: 0, .single, help: "constant initial bias of every layer")

    /// samples × width² × layers, summed over runs, times `factor` (the backward pass costs twice the forward).
    static func budget(factor: Int) -> WorkBudget {
        WorkBudget(formula: "samples × width² × layers" + (factor > 1 ? " × \(factor)" : ""), unit: "multiply-adds",
                   limit: Limits.probeWork, keys: ["samples", "width", "layers"])
    }
}
