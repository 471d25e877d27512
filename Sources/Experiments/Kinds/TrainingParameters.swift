// Keys, parameters, limits and data files the training kinds (`train`, `search`) share, on the MNIST subset in
// data/mnist/ of the source folder.

/// The IDX files of the subset, relative to the source folder.
enum MNISTFiles {
    static let folder = "data/mnist"
    static let train = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"]
    static let validation = ["valid-images-idx3-ubyte", "valid-labels-idx1-ubyte"]
    static let test = ["test-images-idx3-ubyte", "test-labels-idx1-ubyte"]
    /// The 5,000-image split that scores a study's trials (read by `study` only).
    static let trial = ["trial-images-idx3-ubyte", "trial-labels-idx1-ubyte"]
    static var all: [String] { (train + validation + test).map { folder + "/" + $0 } }
}

enum ModelChoice: String, Choice { case cnn, mlp }
enum OptimizerChoice: String, Choice { case sgd, adam, adamw }

/// The keys every training kind shares. `train` makes most of them grid keys; `search` takes one value each and has
/// smaller defaults, so a bare search fits the limits.
struct TrainingKeys: Sendable {
    let activation: Key<ActivationSpec>
    let layers, width, channels: Key<Int>
    let optimizer: Key<OptimizerChoice>
    let momentum, weightDecay: Key<Double>
    let batch, epochs, seeds, trainSize, validationSize, testSize, seed: Key<Int>

    init(grid: Bool, epochs defaultEpochs: Int, seeds defaultSeeds: Int, trainSize: Int, validationSize: Int, testSize: Int) {
        func g<V>(_ key: Key<V>) -> Key<V> { grid ? key : key.single }
        activation = g(.activation(default: .sigmoid, help: "activation of the fully connected hidden layers"))
        layers = g(.integer("layers", 1...32, default: 1, help: "fully connected hidden layers"))
        width = g(.integer("width", 1...1024, default: 64, help: "units per fully connected hidden layer"))
        channels = g(.integer("channels", 1...64, default: 8, help: "convolution channels (`cnn`)"))
        optimizer = g(.choice("optimizer", default: OptimizerChoice.adamw, help: "`sgd` (with `momentum`), `adam` or `adamw`"))
        momentum = g(.number("momentum", 0, 0.999, default: 0.9, help: "momentum of `sgd` (0 is plain SGD)"))
        weightDecay = g(.number("weight-decay", 0, 1, default: 0.01, help: "decoupled weight decay of `adamw`"))
        batch = g(.integer("batch", 1...2000, default: 32, help: "mini-batch size"))
        epochs = g(.integer("epochs", 1...200, default: defaultEpochs, help: "passes over the training images"))
        seeds = .integer("seeds", 1...10, default: defaultSeeds, .single, help: "repetitions with seeds `seed`, `seed`+1, …; results are mean ± std over them")
        self.trainSize = .integer("train-size", 1...2000, default: trainSize, .single, help: "training images used (first N of the subset)")
        self.validationSize = .integer("validation-size", 1...2000, default: validationSize, .single, help: "validation images used")
        self.testSize = .integer("test-size", 1...10_000, default: testSize, .single, help: "test images used")
        seed = g(Key.seed)
    }

    /// In README order.
    var parameters: [Parameter] {
        [activation.parameter, layers.parameter, width.parameter, channels.parameter, optimizer.parameter, momentum.parameter,
         weightDecay.parameter, batch.parameter, epochs.parameter, seeds.parameter, trainSize.parameter, validationSize.parameter,
         testSize.parameter, seed.parameter]
    }

    /// The work budget: image passes, summed over every training of a directive (`trainings` says how many a run has).
    /// Evaluated images count as much as trained ones (they cost less).
    /// `recording` says whether the runs record activity, which adds 300 probe images per record to the formula.
    static func budget<P: Sendable>(trainings: String, recording: @escaping @Sendable ([P]) -> Bool = { _ in false },
                                    _ measure: @escaping @Sendable (P) -> Double) -> Budget<P> {
        Budget(formula: { runs in
                   "((train-size + validation-size) × epochs + test-size\(recording(runs) ? " + 300 × records" : "")) × seeds" + trainings
               }, unit: "image passes", limit: Limits.trainingWork,
               keys: ["epochs", "train-size", "seeds", "validation-size", "test-size", "lr", "conv-init", "fc-init", "trials", "record-every"],
               measure: measure)
    }
}

/// One run's training setup (everything but the model's initializers and the learning rate).
struct TrainingSetup: Sendable {
    var activation: ActivationSpec
    var layers, width, channels: Int
    var optimizer: OptimizerChoice
    var momentum, weightDecay: Double
    var batch, epochs, seeds, trainSize, validationSize, testSize, seed: Int

    init(_ values: ParameterValues, _ keys: TrainingKeys) {
        activation = values[keys.activation]
        layers = values[keys.layers]
        width = values[keys.width]
        channels = values[keys.channels]
        optimizer = values[keys.optimizer]
        momentum = values[keys.momentum]
        weightDecay = values[keys.weightDecay]
        batch = values[keys.batch]
        epochs = values[keys.epochs]
        seeds = values[keys.seeds]
        trainSize = values[keys.trainSize]
        validationSize = values[keys.validationSize]
        testSize = values[keys.testSize]
        seed = values[keys.seed]
    }

    /// Image passes of all the seeds' trainings: ((train-size + validation-size) × epochs + test-size) × seeds.
    var imagePasses: Double {
        (Double(trainSize + validationSize) * Double(epochs) + Double(testSize)) * Double(seeds)
    }

    /// Mini-batch updates per epoch (the last batch may be smaller).
    var stepsPerEpoch: Int { (trainSize + batch - 1) / batch }

    /// The seeds of a run: `seed`, `seed` + 1, ….
    var seedValues: [UInt64] { (0..<seeds).map { UInt64(seed + $0) } }
}
