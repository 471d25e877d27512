// Keys and limits the probe kinds (`activations`, `gradients`, `depth`) share: a stack of dense layers fed a batch
// of standard-normal inputs, probed layer by layer. Each kind declares its schema in its own file.

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
    return [("samples|width|layers", "experiment too large: \(ValueFormat.significant(3).plain(work)) multiply-adds (samples × width² × layers\(factor > 1 ? " × 3" : "") over \(runs.count) run\(runs.count == 1 ? "" : "s")), the limit is \(ValueFormat.significant(3).plain(Limits.probeWork))")]
}

