// The schemas of the probe kinds (`activations`, `gradients`, `depth`): a stack of dense layers fed a batch of
// inputs, probed layer by layer. Their run functions live in one file each.

extension Parameter {
    static func layers(default value: Int, max: Int = 100) -> Parameter {
        .integer("layers", 1...max, default: value, help: "number of hidden layers")
    }
    static let width = Parameter.integer("width", 1...2048, default: 100, help: "units per hidden layer (and input dimension)")
    static let samples = Parameter.integer("samples", 1...10_000, default: 1000, .single, help: "input rows (standard-normal inputs)")
    static let bins = Parameter.integer("bins", 2...200, default: 30, .single, help: "histogram bins")
    static let histogramRange = Parameter("range", .range(-1e6...1e6), .single, default: nil,
                                          absent: "the activation's range for sigmoid (0..1), tanh and softsign (−1..1); else the run's min..max",
                                          help: "histogram range; values outside are counted as under/overflow, never dropped")
    static let bias = Parameter("bias", .number(lower: -100, upper: 100, lowerExclusive: false), .single, default: [.number(0)],
                                help: "constant initial bias of every layer")
}

/// samples × width² × layers, summed over runs, times `factor`; the message when it exceeds the limit.
func probeWork(_ runs: [ExperimentRun], factor: Double) -> [(key: String, message: String)] {
    var work = 0.0
    for run in runs {
        work += Double(run.integer("samples")) * Double(run.integer("width")) * Double(run.integer("width")) * Double(run.integer("layers")) * factor
    }
    guard work > Limits.probeWork else { return [] }
    return [("samples", "experiment too large: \(ValueFormat.significant(3).plain(work)) multiply-adds (samples × width² × layers\(factor > 1 ? " × 3" : "") over \(runs.count) run\(runs.count == 1 ? "" : "s")), the limit is \(ValueFormat.significant(3).plain(Limits.probeWork))")]
}

extension ExperimentKind {
    static let activations = ExperimentKind(
        name: "activations",
        summary: "Forward probe: per-layer histograms of the activations (small multiples: a row per run, a column per layer).",
        parameters: [.initializer(default: .xavierNormal), .activation(default: .tanh), .layers(default: 5), .width, .samples,
                     .bins, .histogramRange, .bias, .seed],
        check: { probeWork($0, factor: 1) },
        dataFiles: { _ in [] },
        run: { try ActivationsExperiment.run($0) })

    static let gradients = ExperimentKind(
        name: "gradients",
        summary: "Backward probe: per-layer histograms of the gradients with respect to activations and to weights, and their std per layer.",
        parameters: [.initializer(default: .xavierNormal), .activation(default: .tanh), .layers(default: 5), .width, .samples,
                     .bins, .bias,
                     .names("loss", ["random", "cross-entropy"], default: "random", .single,
                            help: "output gradient: `random` (unit-variance normal) or softmax `cross-entropy` over 10 classes with random labels"),
                     .seed],
        check: { probeWork($0, factor: 3) },
        dataFiles: { _ in [] },
        run: { try GradientsExperiment.run($0) })

    static let depth = ExperimentKind(
        name: "depth",
        summary: "Forward probe through a deep stack: a statistic of the activations against the layer, one line per run, log scale.",
        parameters: [Parameter("init", .initializer, default: [.initializer(.xavierNormal), .initializer(.heNormal(fanOut: false))], help: "weight initializer"),
                     .activation(default: .relu), .layers(default: 30, max: 200), .width, .samples, .bias,
                     .names("statistic", ["std", "rms"], default: "std", .single,
                            help: "what is plotted: the standard deviation or the root mean square √E[x²]"),
                     .seed],
        check: { probeWork($0, factor: 1) },
        dataFiles: { _ in [] },
        run: { try DepthExperiment.run($0) })
}
