// The schemas of the training kinds (`train`, `search`) on the MNIST subset in docs-src/data/mnist/.

/// The IDX files of the subset, repository-relative.
enum MNISTFiles {
    static let folder = "docs-src/data/mnist"
    static let train = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"]
    static let validation = ["valid-images-idx3-ubyte", "valid-labels-idx1-ubyte"]
    static let test = ["test-images-idx3-ubyte", "test-labels-idx1-ubyte"]
    static var all: [String] { (train + validation + test).map { folder + "/" + $0 } }
}

extension Parameter {
    /// The keys every training kind shares, in README order.
    static let training: [Parameter] = [
        .names("model", ["cnn", "mlp"], default: "cnn",
               help: "`cnn`: 3×3 convolutions + ReLU, 2×2 max pooling, a fully connected hidden layer, softmax; `mlp`: fully connected hidden layers"),
        .activation(default: .sigmoid, help: "activation of the fully connected hidden layers"),
        .integer("layers", 1...8, default: 1, help: "fully connected hidden layers"),
        .integer("width", 1...1024, default: 64, help: "units per fully connected hidden layer"),
        .integer("channels", 1...64, default: 8, help: "convolution channels (`cnn`)"),
        .names("optimizer", ["sgd", "adam", "adamw"], default: "adamw", help: "`sgd` (with `momentum`), `adam` or `adamw`"),
        Parameter("momentum", .number(lower: 0, upper: 0.999, lowerExclusive: false), default: [.number(0.9)], help: "momentum of `sgd` (0 is plain SGD)"),
        Parameter("weight-decay", .number(lower: 0, upper: 1, lowerExclusive: false), default: [.number(0.01)], help: "decoupled weight decay of `adamw`"),
        .integer("batch", 1...2000, default: 32, help: "mini-batch size"),
        .integer("epochs", 1...50, default: 5, help: "passes over the training images"),
        .integer("seeds", 1...10, default: 3, .single, help: "repetitions with seeds `seed`, `seed`+1, …; results are mean ± std over them"),
        .integer("train-size", 1...2000, default: 2000, .single, help: "training images used (first N of the subset)"),
        .integer("validation-size", 1...2000, default: 2000, .single, help: "validation images used"),
        .integer("test-size", 1...10_000, default: 10_000, .single, help: "test images used"),
        .seed,
    ]
}

/// Images a directive's trainings process: per training ((train-size + validation-size) × epochs + test-size),
/// times seeds and trials, summed over runs. Evaluated images count as much as trained ones (they cost less).
func trainingWork(_ runs: [ExperimentRun], trialsPerRun: (ExperimentRun) -> Int) -> [(key: String, message: String)] {
    var work = 0.0
    for run in runs {
        let perTraining = Double(run.integer("train-size") + run.integer("validation-size")) * Double(run.integer("epochs")) + Double(run.integer("test-size"))
        work += perTraining * Double(run.integer("seeds")) * Double(trialsPerRun(run))
    }
    guard work > Limits.trainingWork else { return [] }
    return [("epochs", "experiment too large: \(ValueFormat.significant(3).plain(work)) image passes (((train-size + validation-size) × epochs + test-size) × seeds over all trainings), the limit is \(ValueFormat.significant(3).plain(Limits.trainingWork))")]
}

extension ExperimentKind {
    static let train = ExperimentKind(
        name: "train",
        summary: "Trains on the MNIST subset: loss and accuracy curves against the epoch (mean over seeds with a band of ±1 std) and a results table.",
        parameters: [.initializer(default: .heNormal(fanOut: false), help: "initializer of every layer (unless `conv-init` / `fc-init` say otherwise)"),
                     Parameter("conv-init", .initializer, default: nil, absent: "`init`", help: "initializer of the convolutions"),
                     Parameter("fc-init", .initializer, default: nil, absent: "`init`", help: "initializer of the fully connected layers (hidden and output)"),
                     .positive("lr", upTo: 10, default: 0.001, help: "learning rate")]
            + Parameter.training,
        check: { trainingWork($0, trialsPerRun: { _ in 1 }) },
        dataFiles: { _ in MNISTFiles.all },
        run: { try TrainExperiment.run($0) })

    static let searchInitializers: [ParameterValue] = [
        .initializer(.constant(0)), .initializer(.constant(0.5)), .initializer(.normal(std: 0.01)), .initializer(.xavierUniform),
        .initializer(.xavierNormal), .initializer(.heUniform(fanOut: false)), .initializer(.heNormal(fanOut: false)),
    ]

    static let search = ExperimentKind(
        name: "search",
        summary: "Searches conv init × fc init of the CNN (each cell trained at several learning rates, the same rates for every cell, the best chosen on mean validation accuracy): a heatmap of test accuracy and a table.",
        parameters: [Parameter("conv-init", .initializer, .list(max: 12), default: searchInitializers, help: "initializers of the convolutions (rows)"),
                     Parameter("fc-init", .initializer, .list(max: 12), default: searchInitializers, help: "initializers of the fully connected layers (columns)"),
                     .names("strategy", ["grid", "random"], default: "grid", .single,
                            help: "`grid`: every rate in `lr`; `random`: `trials` rates drawn log-uniformly from `lr-range` (fixed seed)"),
                     Parameter("lr", .number(lower: 0, upper: 10, lowerExclusive: true), .list(max: 8), default: [.number(0.001), .number(0.003)],
                               help: "learning rates tried in every cell (`grid`)"),
                     Parameter("lr-range", .range(1e-6...10), .single, default: [.range(ValueRange(lower: 1e-4, upper: 1e-2))], help: "learning-rate range (`random`)"),
                     .integer("trials", 1...8, default: 3, .single, help: "rates drawn per cell (`random`)")]
            // Smaller defaults than `train`, so a bare search fits the limits: 98 trainings of 1,000 images, 1 epoch, 1 seed.
            + Parameter.training.filter { $0.key != "model" }.map {
                switch $0.key {
                case "seeds": .integer("seeds", 1...10, default: 1, .single, help: $0.help)
                case "epochs": .integer("epochs", 1...50, default: 1, .single, help: $0.help)
                case "train-size": .integer("train-size", 1...2000, default: 1000, .single, help: $0.help)
                case "validation-size": .integer("validation-size", 1...2000, default: 1000, .single, help: $0.help)
                case "test-size": .integer("test-size", 1...10_000, default: 2000, .single, help: $0.help)
                default: $0.single
                }
            },
        check: { runs in
            trainingWork(runs, trialsPerRun: { run in
                let rates = run.name("strategy") == "grid" ? run.list("lr").count : run.integer("trials")
                return run.list("conv-init").count * run.list("fc-init").count * rates
            })
        },
        dataFiles: { _ in MNISTFiles.all },
        run: { try SearchExperiment.run($0) })
}
