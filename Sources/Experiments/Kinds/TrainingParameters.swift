// Keys, limits and data files the training kinds (`train`, `search`) share, on the MNIST subset in data/mnist/ of the source folder.

/// The IDX files of the subset, relative to the source folder (docs-src/).
enum MNISTFiles {
    static let folder = "data/mnist"
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
    return [("epochs|train-size|seeds|validation-size|test-size|lr|conv-init|fc-init|trials", "experiment too large: \(ValueFormat.significant(3).plain(work)) image passes (((train-size + validation-size) × epochs + test-size) × seeds over all trainings), the limit is \(ValueFormat.significant(3).plain(Limits.trainingWork))")]
}

