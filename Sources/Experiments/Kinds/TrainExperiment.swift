// `train`: the seed experiment's training on the MNIST subset (a small CNN or an MLP, softmax cross-entropy),
// repeated over seeds so the figure shows a spread, not one lucky run.

import Charts
import Diagnostics
import Foundation
import Numerics

enum Train: ExperimentKind {
    static let name = "train"
    static let summary = "Trains on the MNIST subset: loss and accuracy curves against the epoch (mean over seeds with a band of ±1 std) and a results table."
    static let valuePaths = "`test_accuracy`, `validation_accuracy`, `train_loss` (last epoch, mean over seeds) and each with `_std` (sample std over seeds, 0 for one seed); `epoch[e].train_loss`, `epoch[e].validation_loss`, `epoch[e].validation_accuracy` (mean over seeds, e = 1 … epochs; NaN after a seed diverged); `seed[s].test_accuracy` (s = 1 … seeds); `test_accuracy_ci95` (half-width of the 95 % confidence interval of the mean over seeds, Student's t; two seeds or more), `test_accuracy_se` (binomial standard error √(p(1 − p)/test-size) of one test set); `saturation` (share of the bounded hidden units — sigmoid, tanh, … — within 0.01 of an asymptote at initialization, over 500 training images, mean over seeds; absent without a bounded hidden activation); `diverged` (seeds whose loss became NaN or infinite)"

    static let initializer = Key.initializer(default: .heNormal(fanOut: false), help: "initializer of every layer (unless `conv-init` / `fc-init` say otherwise)")
    static let convInitializer = Key.optionalInitializer("conv-init", absent: "`init`", help: "initializer of the convolutions")
    static let fcInitializer = Key.optionalInitializer("fc-init", absent: "`init`", help: "initializer of the fully connected layers (hidden and output)")
    static let rate = Key.positive("lr", upTo: 10, default: 0.001, help: "learning rate")
    static let model = Key.choice("model", default: ModelChoice.cnn,
                                  help: "`cnn`: 3×3 convolutions + ReLU, 2×2 max pooling, a fully connected hidden layer, softmax; `mlp`: fully connected hidden layers")
    static let training = TrainingKeys(grid: true, epochs: 5, seeds: 3, trainSize: 2000, validationSize: 2000, testSize: 10_000)
    static let keys = [initializer.parameter, convInitializer.parameter, fcInitializer.parameter, rate.parameter, model.parameter]
        + training.parameters

    struct Parameters: Sendable {
        var model: ModelChoice
        var convInitializer: InitializerSpec
        var fcInitializer: InitializerSpec
        /// Whether `conv-init` was given (an MLP has no convolutions).
        var convInitializerGiven: Bool
        var rate: Double
        var setup: TrainingSetup
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        let all = values[initializer]
        return Parameters(model: values[model], convInitializer: values[convInitializer] ?? all, fcInitializer: values[fcInitializer] ?? all,
                          convInitializerGiven: values[convInitializer] != nil, rate: values[rate], setup: TrainingSetup(values, training))
    }

    static let budgets = [TrainingKeys.budget(trainings: "") { (p: Parameters) in p.setup.imagePasses }]

    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] {
        runs.contains { $0.parameters.model == .mlp && $0.parameters.convInitializerGiven }
            ? [LimitProblem(keys: ["conv-init"], message: "'conv-init' applies to 'model: cnn' only; an MLP has no convolutions")] : []
    }

    static func dataFiles(_ run: Parameters) -> [String] { MNISTFiles.all }
}

enum TrainingSupport {
    /// The MNIST subset in the source folder; a missing or corrupt file is an error at the directive.
    static func data(_ context: RunContext) throws -> DataSplits {
        if let data = context.trainingData { return data }
        let folder = context.sourceRoot.appendingPathComponent(MNISTFiles.folder, isDirectory: true)
        // Checked first, so a FIFO or a device is named and explained instead of blocking or filling memory.
        for file in MNISTFiles.all {
            do { try Files.checkReadable(context.sourceRoot.appendingPathComponent(file).path) } catch {
                throw Diagnostic(.error, path: context.directive.path, location: context.directive.location,
                                 message: "cannot read the data file '\(file)': \(error)")
            }
        }
        do {
            return try MNIST.load(from: folder)
        } catch {
            throw Diagnostic(.error, path: context.directive.path, location: context.directive.location,
                             message: "cannot read the MNIST subset in \(MNISTFiles.folder): \(error)")
        }
    }

    /// The network a run describes.
    static func model(_ model: ModelChoice, _ run: TrainingSetup, conv: InitializerSpec, fc: InitializerSpec) -> ModelDescription {
        let hidden = Array(repeating: run.width, count: run.layers)
        let activation = run.activation.engine
        if model == .mlp {
            return .multilayerPerceptron(hidden: hidden, activation: activation, initializer: fc.engine)
        }
        return ModelDescription(
            input: Shape(height: 28, width: 28, channels: 1),
            layers: [.convolution(channels: run.channels, kernelSize: 3, activation: .relu), .maxPool(size: 2), .flatten]
                + hidden.map { .dense(units: $0, activation: activation) } + [.dense(units: 10, activation: .identity)],
            convolutionInitializer: conv.engine, denseInitializer: fc.engine)
    }

    static func optimizer(_ run: TrainingSetup, learningRate: Double) -> Optimizer {
        let rate = Float(learningRate)
        switch run.optimizer {
        case .sgd: return .sgd(learningRate: rate, momentum: Float(run.momentum))
        case .adam: return .adam(learningRate: rate)
        case .adamw: return .adamW(learningRate: rate, weightDecay: Float(run.weightDecay))
        }
    }

    static func configuration(_ run: TrainingSetup, model: ModelDescription, learningRate: Double) -> TrainingConfiguration {
        TrainingConfiguration(model: model, optimizer: optimizer(run, learningRate: learningRate), epochs: run.epochs,
                              batchSize: run.batch, trainingExamples: run.trainSize,
                              validationExamples: run.validationSize, testExamples: run.testSize,
                              testEveryEpoch: false, threads: 1)
    }

    /// Runs every job; two at a time (the results do not depend on it: each training is single-threaded and
    /// results come back in job order). A configuration the engine refuses is an error at the directive.
    static func train(_ jobs: [(TrainingConfiguration, UInt64)], data: DataSplits, context: RunContext) throws -> [TrainingRun] {
        do {
            return try Training.run(jobs, on: data, parallelism: min(2, jobs.count))
        } catch {
            throw Diagnostic(.error, path: context.directive.path, location: context.directive.location, message: "cannot train: \(error)")
        }
    }
}

extension Train {
    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let data = try TrainingSupport.data(context)
        var jobs: [(TrainingConfiguration, UInt64)] = []
        for run in runs {
            let p = run.parameters
            let model = TrainingSupport.model(p.model, p.setup, conv: p.convInitializer, fc: p.fcInitializer)
            let configuration = TrainingSupport.configuration(p.setup, model: model, learningRate: p.rate)
            for seed in p.setup.seedValues { jobs.append((configuration, seed)) }
        }
        let trainings = try TrainingSupport.train(jobs, data: data, context: context)

        var values: [String: Double] = [:]
        var lossSeries: [LineChart.Series] = [], accuracySeries: [LineChart.Series] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        var offset = 0
        let percent = ValueFormat.percent(1), f = ValueFormat.significant(3)
        for run in runs {
            let setup = run.parameters.setup
            let count = setup.seeds
            let mine = Array(trainings[offset..<offset + count])
            offset += count
            let prefix = run.label.isEmpty ? "" : run.label + "."
            let epochs = setup.epochs
            // Per epoch, over seeds; a seed that diverged and stopped has no later epochs (NaN: the line breaks).
            func perEpoch(_ metric: (EpochRecord) -> Double) -> [(mean: Double, std: Double)] {
                (0..<epochs).map { e in
                    let xs = mine.map { e < $0.epochs.count ? metric($0.epochs[e]) : .nan }
                    return xs.contains { $0.isNaN } ? (.nan, .nan) : meanAndSpread(xs)
                }
            }
            let loss = perEpoch(\.trainLoss), accuracy = perEpoch(\.validationAccuracy), validationLoss = perEpoch(\.validationLoss)
            for e in 0..<epochs {
                values[prefix + "epoch[\(e + 1)].train_loss"] = loss[e].mean
                values[prefix + "epoch[\(e + 1)].validation_accuracy"] = accuracy[e].mean
                values[prefix + "epoch[\(e + 1)].validation_loss"] = validationLoss[e].mean
            }
            let test = meanAndSpread(mine.map(\.testAccuracy))
            let validation = meanAndSpread(mine.map(\.validationAccuracy))
            let finalLoss = meanAndSpread(mine.map { $0.epochs.last?.trainLoss ?? .nan })
            values[prefix + "test_accuracy"] = test.mean
            values[prefix + "test_accuracy_std"] = test.std
            values[prefix + "validation_accuracy"] = validation.mean
            values[prefix + "validation_accuracy_std"] = validation.std
            values[prefix + "train_loss"] = finalLoss.mean
            values[prefix + "train_loss_std"] = finalLoss.std
            values[prefix + "diverged"] = Double(mine.filter(\.diverged).count)
            for (s, training) in mine.enumerated() { values[prefix + "seed[\(s + 1)].test_accuracy"] = training.testAccuracy }
            // Uncertainty: over seeds (Student's t interval of the mean) and of one test set (binomial).
            if count > 1, let ci95 = SampleSummary(mine.map(\.testAccuracy)).ci95 { values[prefix + "test_accuracy_ci95"] = ci95 }
            values[prefix + "test_accuracy_se"] = Inference.binomialStandardError(accuracy: min(1, max(0, test.mean)), trials: setup.testSize)
            // Saturation at initialization (bounded hidden activations only), mean over the seeds' initial networks.
            let model = TrainingSupport.model(run.parameters.model, setup, conv: run.parameters.convInitializer, fc: run.parameters.fcInitializer)
            let saturations = setup.seedValues.compactMap { try? model.saturationAtInitialization(seed: $0, on: data.train, examples: 500) }.compactMap { $0 }
            if saturations.count == count { values[prefix + "saturation"] = saturations.reduce(0, +) / Double(count) }

            let label = run.label.isEmpty ? "mean over \(count) seed\(count == 1 ? "" : "s")" : run.label
            let xs = (1...epochs).map(Double.init)
            lossSeries.append(.init(label, x: xs, y: loss.map(\.mean), lower: count > 1 ? loss.map { $0.mean - $0.std } : nil,
                                    upper: count > 1 ? loss.map { $0.mean + $0.std } : nil, markers: epochs <= 12))
            accuracySeries.append(.init(label, x: xs, y: accuracy.map(\.mean), lower: count > 1 ? accuracy.map { $0.mean - $0.std } : nil,
                                        upper: count > 1 ? accuracy.map { $0.mean + $0.std } : nil, markers: epochs <= 12))
            table.append([run.label.isEmpty ? "—" : run.label, percent.prose(test.mean) + " ± " + percent.prose(test.std),
                          percent.prose(validation.mean) + " ± " + percent.prose(validation.std), f.prose(finalLoss.mean) + " ± " + f.prose(finalLoss.std),
                          String(mine.filter(\.diverged).count)])
            for (s, training) in mine.enumerated() {
                for record in training.epochs {
                    csv.append([run.label, String(setup.seedValues[s]), String(record.epoch), CSV.number(record.trainLoss),
                                CSV.number(record.validationLoss), CSV.number(record.validationAccuracy), record.epoch == training.epochs.count ? CSV.number(training.testAccuracy) : ""])
                }
            }
        }
        let seeds = runs[0].parameters.setup.seeds
        let band = seeds > 1 ? "±1 std over \(seeds) seeds" : ""
        let lossChart = LineChart(title: "Training loss", x: Axis("epoch"), y: Axis("cross-entropy"), series: lossSeries, bandLabel: band)
        let accuracyChart = LineChart(title: "Validation accuracy", x: Axis("epoch"), y: Axis("accuracy", numberStyle: .percent), series: accuracySeries, bandLabel: band)
        let first = runs[0].parameters.setup
        return ExperimentResult(
            kind: directive.kind, name: directive.name,
            figures: [FigureData(lossChart, idSuffix: "loss-"), FigureData(accuracyChart, idSuffix: "accuracy-")],
            caption: directive.caption ?? "Training on \(first.trainSize) MNIST images (\(first.optimizer.rawValue), \(first.epochs) epoch\(first.epochs == 1 ? "" : "s"), \(seeds) seed\(seeds == 1 ? "" : "s")).",
            tables: [.init(title: "Results (mean ± std over seeds)", columns: ["run", "test accuracy", "validation accuracy", "final training loss", "diverged seeds"], rows: table)],
            csv: CSV.text(header: ["run", "seed", "epoch", "train_loss", "validation_loss", "validation_accuracy", "test_accuracy"], rows: csv),
            runLabels: runs.map(\.label), values: values)
    }
}
