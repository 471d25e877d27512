// `train`: the seed experiment's training on the MNIST subset (a small CNN or an MLP, softmax cross-entropy),
// repeated over seeds so the figure shows a spread, not one lucky run.

import Charts
import Diagnostics
import Foundation
import Numerics

extension ExperimentKind {
    static let train = ExperimentKind(
        name: "train",
        summary: "Trains on the MNIST subset: loss and accuracy curves against the epoch (mean over seeds with a band of ±1 std) and a results table.",
        parameters: [.initializer(default: .heNormal(fanOut: false), help: "initializer of every layer (unless `conv-init` / `fc-init` say otherwise)"),
                     Parameter("conv-init", .initializer, default: nil, absent: "`init`", help: "initializer of the convolutions"),
                     Parameter("fc-init", .initializer, default: nil, absent: "`init`", help: "initializer of the fully connected layers (hidden and output)"),
                     .positive("lr", upTo: 10, default: 0.001, help: "learning rate")]
            + Parameter.training,
        check: { runs in
            let mlpWithConvInit = runs.contains { $0.value("model") == .name("mlp") && $0.value("conv-init") != nil }
            return (mlpWithConvInit ? [("conv-init", "'conv-init' applies to 'model: cnn' only; an MLP has no convolutions")] : [])
                + trainingWork(runs, trialsPerRun: { _ in 1 })
        },
        dataFiles: { _ in MNISTFiles.all },
        run: { try TrainExperiment.run($0) })
}


enum TrainingSupport {
    /// The MNIST subset in the source folder; a missing or corrupt file is an error at the directive.
    static func data(_ context: RunContext) throws -> DataSplits {
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
    static func model(_ run: ExperimentRun, conv: InitializerSpec, fc: InitializerSpec) -> ModelDescription {
        let hidden = Array(repeating: run.integer("width"), count: run.integer("layers"))
        let activation = run.activation("activation").engine
        if run.value("model") == .name("mlp") {
            return .multilayerPerceptron(hidden: hidden, activation: activation, initializer: fc.engine)
        }
        return ModelDescription(
            input: Shape(height: 28, width: 28, channels: 1),
            layers: [.convolution(channels: run.integer("channels"), kernelSize: 3, activation: .relu), .maxPool(size: 2), .flatten]
                + hidden.map { .dense(units: $0, activation: activation) } + [.dense(units: 10, activation: .identity)],
            convolutionInitializer: conv.engine, denseInitializer: fc.engine)
    }

    static func optimizer(_ run: ExperimentRun, learningRate: Double) -> Optimizer {
        let rate = Float(learningRate)
        switch run.name("optimizer") {
        case "sgd": return .sgd(learningRate: rate, momentum: Float(run.number("momentum")))
        case "adam": return .adam(learningRate: rate)
        default: return .adamW(learningRate: rate, weightDecay: Float(run.number("weight-decay")))
        }
    }

    static func configuration(_ run: ExperimentRun, model: ModelDescription, learningRate: Double) -> TrainingConfiguration {
        TrainingConfiguration(model: model, optimizer: optimizer(run, learningRate: learningRate), epochs: run.integer("epochs"),
                              batchSize: run.integer("batch"), trainingExamples: run.integer("train-size"),
                              validationExamples: run.integer("validation-size"), testExamples: run.integer("test-size"),
                              testEveryEpoch: false, threads: 1)
    }

    /// The seeds of a run: `seed`, `seed` + 1, ….
    static func seeds(_ run: ExperimentRun) -> [UInt64] {
        (0..<run.integer("seeds")).map { UInt64(run.integer("seed") + $0) }
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

enum TrainExperiment {
    static func run(_ context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let data = try TrainingSupport.data(context)
        var jobs: [(TrainingConfiguration, UInt64)] = []
        for run in directive.runs {
            let initializer = run.initializer("init")
            let conv = run.value("conv-init").flatMap { if case .initializer(let i) = $0 { i } else { nil } } ?? initializer
            let fc = run.value("fc-init").flatMap { if case .initializer(let i) = $0 { i } else { nil } } ?? initializer
            let configuration = TrainingSupport.configuration(run, model: TrainingSupport.model(run, conv: conv, fc: fc), learningRate: run.number("lr"))
            for seed in TrainingSupport.seeds(run) { jobs.append((configuration, seed)) }
        }
        let trainings = try TrainingSupport.train(jobs, data: data, context: context)

        var values: [String: Double] = [:]
        var lossSeries: [LineChart.Series] = [], accuracySeries: [LineChart.Series] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        var offset = 0
        let percent = ValueFormat.percent(1), f = ValueFormat.significant(3)
        for run in directive.runs {
            let count = run.integer("seeds")
            let mine = Array(trainings[offset..<offset + count])
            offset += count
            let prefix = run.label.isEmpty ? "" : run.label + "."
            let epochs = run.integer("epochs")
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
                    csv.append([run.label, String(TrainingSupport.seeds(run)[s]), String(record.epoch), CSV.number(record.trainLoss),
                                CSV.number(record.validationLoss), CSV.number(record.validationAccuracy), record.epoch == training.epochs.count ? CSV.number(training.testAccuracy) : ""])
                }
            }
        }
        let seeds = directive.runs[0].integer("seeds")
        let band = seeds > 1 ? "±1 std over \(seeds) seeds" : ""
        let lossChart = LineChart(title: "Training loss", x: Axis("epoch"), y: Axis("cross-entropy"), series: lossSeries, bandLabel: band)
        let accuracyChart = LineChart(title: "Validation accuracy", x: Axis("epoch"), y: Axis("accuracy", numberStyle: .percent), series: accuracySeries, bandLabel: band)
        let first = directive.runs[0]
        return ExperimentResult(
            kind: directive.kind, name: directive.name,
            figures: [lossChart.svg(idPrefix: context.idPrefix + "loss-"), accuracyChart.svg(idPrefix: context.idPrefix + "accuracy-")],
            caption: directive.caption ?? "Training on \(first.integer("train-size")) MNIST images (\(first.name("optimizer")), \(first.integer("epochs")) epoch\(first.integer("epochs") == 1 ? "" : "s"), \(seeds) seed\(seeds == 1 ? "" : "s")).",
            description: lossChart.summary + " " + accuracyChart.summary,
            tables: [.init(title: "Results (mean ± std over seeds)", columns: ["run", "test accuracy", "validation accuracy", "final training loss", "diverged seeds"], rows: table)],
            csv: CSV.text(header: ["run", "seed", "epoch", "train_loss", "validation_loss", "validation_accuracy", "test_accuracy"], rows: csv),
            runLabels: directive.runs.map(\.label), values: values)
    }
}
