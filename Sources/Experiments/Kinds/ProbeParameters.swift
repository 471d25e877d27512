// Keys, parameters and the budgets the probe kinds (`activations`, `gradients`, `depth`) share: a stack of dense
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

    /// The cost of `passes` passes over the batch and of drawing the weights, in multiply-adds:
    /// (passes × samples + draw + orthogonal × width) × width² × layers (see `Cost`).
    func cost(passes: Double) -> Double {
        let perWeight = passes * Double(samples) + Cost.draw + (Cost.isOrthogonal(initializer) ? Cost.orthogonal * Double(width) : 0)
        return perWeight * Double(width) * Double(width) * Double(layers)
    }

    init(initializer: InitializerSpec, activation: ActivationSpec, layers: Int, width: Int, samples: Int, bias: Double, seed: Int) {
        self.initializer = initializer
        self.activation = activation
        self.layers = layers
        self.width = width
        self.samples = samples
        self.bias = bias
        self.seed = seed
    }

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

    /// The time bound: `passes` passes over the batch (1 forward; the backward probe adds 2 per pass) and the weights.
    static func budget<P: Sendable>(passes: Int, _ probe: @escaping @Sendable (P) -> Probe) -> Budget<P> {
        Budget(formula: { runs in
                   let orthogonal = runs.contains { Cost.isOrthogonal(probe($0).initializer) }
                   return "(\(passes > 1 ? "\(passes) × " : "")samples + \(Int(Cost.draw))\(orthogonal ? " + \(Int(Cost.orthogonal)) × width for orthogonal" : "")) × width² × layers"
               },
               unit: "multiply-adds", limit: Limits.probeWork, keys: ["samples", "width", "layers", "init"],
               measure: { probe($0).cost(passes: Double(passes)) })
    }
}

/// What a probe costs besides its multiply-adds, in multiply-adds (the unit of the work limit): drawing one weight,
/// and the QR factorization of an orthogonal initializer per weight and unit of width. Measured with the benchmarks'
/// `directives` figures (`swift run -c release benchmarks directives`); they only need to be right within a small factor.
enum Cost {
    static let draw = 300.0
    static let orthogonal = 50.0

    static func isOrthogonal(_ initializer: InitializerSpec) -> Bool {
        if case .orthogonal = initializer { true } else { false }
    }
}
