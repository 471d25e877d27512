// The schemas of `symmetry`, `weights` and `derivation uniform-bound`. Run functions live in one file each.

extension ExperimentKind {
    static let symmetry = ExperimentKind(
        name: "symmetry",
        summary: "Symmetry probe: trains a small network and counts the distinct hidden units (and the rank of each weight matrix) over the steps; constant initialization never breaks the symmetry, random initialization does.",
        parameters: [Parameter("init", .initializer, default: [.initializer(.constant(0.5)), .initializer(.xavierNormal)], help: "weight initializer"),
                     .activation(default: .tanh),
                     .integer("layers", 1...8, default: 2, help: "number of hidden layers"),
                     .integer("width", 1...256, default: 16, help: "units per hidden layer"),
                     .integer("samples", 1...2000, default: 100, .single, help: "training examples (standard-normal inputs, random labels over 10 classes)"),
                     .integer("steps", 1...2000, default: 100, help: "full-batch gradient steps"),
                     .positive("lr", upTo: 10, default: 0.1, help: "learning rate (plain SGD)"),
                     .seed],
        check: { _ in [] },
        dataFiles: { _ in [] },
        run: { try SymmetryExperiment.run($0) })

    static let weights = ExperimentKind(
        name: "weights",
        summary: "Samples a weight matrix from each initializer: the histogram against the theoretical density, and the empirical against the analytic variance.",
        parameters: [Parameter("init", .initializer,
                               default: [.initializer(.xavierNormal), .initializer(.xavierUniform), .initializer(.heNormal(fanOut: false)), .initializer(.heUniform(fanOut: false))],
                               help: "weight initializer"),
                     .integer("fan-in", 1...4096, default: 256, help: "inputs of the layer (rows of the weight matrix)"),
                     .integer("fan-out", 1...4096, default: 256, help: "outputs of the layer (columns)"),
                     .integer("bins", 2...200, default: 50, .single, help: "histogram bins"),
                     .seed],
        check: { runs in
            runs.contains { $0.integer("fan-in") * $0.integer("fan-out") > Limits.weightsPerRun }
                ? [("fan-out", "too many weights: fan-in × fan-out must be at most \(Limits.weightsPerRun)")] : []
        },
        dataFiles: { _ in [] },
        run: { try WeightsExperiment.run($0) })

    static let uniformBound = ExperimentKind(
        name: "derivation uniform-bound",
        summary: "Derives the bound a of U(−a, a) from an initializer's target variance, step by step in display math, and checks it by sampling.",
        parameters: [.names("scheme", ["xavier", "he", "lecun"], default: "xavier", .single, help: "whose variance: Xavier 2/(n_in+n_out), He 2/n_in, LeCun 1/n_in"),
                     .integer("fan-in", 1...1_000_000, default: 100, .single, help: "n_in"),
                     .integer("fan-out", 1...1_000_000, default: 100, .single, help: "n_out"),
                     .integer("samples", 1...10_000_000, default: 1_000_000, .single, help: "draws of the Monte Carlo check"),
                     Parameter.seed.single],
        check: { _ in [] },
        dataFiles: { _ in [] },
        run: { try UniformBoundDerivation.run($0) })
}
