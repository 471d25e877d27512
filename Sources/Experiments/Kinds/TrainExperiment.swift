// `train`: the seed experiment's training on the MNIST subset (a small CNN or an MLP, softmax cross-entropy),
// repeated over seeds so the figure shows a spread, not one lucky run.

import Charts
import Diagnostics
import Foundation
import Numerics

enum Train: ExperimentKind {
    static let name = "train"
    static let summary = "Trains on the MNIST subset: loss and accuracy curves against the epoch (mean over seeds with a band of ±1 std) and a results table."
    static let valuePaths = "`test_accuracy`, `validation_accuracy`, `train_loss` (last epoch, mean over seeds) and each with `_std` (sample std over seeds, 0 for one seed); `epoch[e].train_loss`, `epoch[e].validation_loss`, `epoch[e].validation_accuracy` (mean over seeds, e = 1 … epochs; NaN after a seed diverged); `seed[s].test_accuracy` (s = 1 … seeds); `test_accuracy_ci95` (half-width of the 95 % confidence interval of the mean over seeds, Student's t; two seeds or more), `test_accuracy_se` (binomial standard error √(p(1 − p)/test-size) of one test set); `saturation` (share of the bounded hidden units — sigmoid, tanh, … — within 0.01 of an asymptote at initialization, over 500 training images, mean over seeds; absent without a bounded hidden activation); `diverged` (seeds whose loss became NaN or infinite); with `record-every`, the hidden layers' activity (i = 1 … hidden activation layers, a CNN's convolution first; mean over seeds): `step[k].layer[i].mean`, `.std` (of the activations on 300 validation images after k updates; k = 0 at initialization, then every `record-every` steps), `.saturated` (share within 0.01 of an asymptote: bounded activations), `.inactive` (share exactly 0: ReLU), and the same at each epoch's end as `epoch[e].layer[i].…`"

    static let initializer = Key.initializer(default: .heNormal(fanOut: false), help: "initializer of every layer (unless `conv-init` / `fc-init` say otherwise)")
    static let convInitializer = Key.optionalInitializer("conv-init", absent: "`init`", help: "initializer of the convolutions")
    static let fcInitializer = Key.optionalInitializer("fc-init", absent: "`init`", help: "initializer of the fully connected layers (hidden and output)")
    static let rate = Key.positive("lr", upTo: 10, default: 0.001, help: "learning rate")
    static let model = Key.choice("model", default: ModelChoice.cnn,
                                  help: "`cnn`: 3×3 convolutions + ReLU, 2×2 max pooling, a fully connected hidden layer, softmax; `mlp`: fully connected hidden layers")
    static let recordEvery = Key.integer("record-every", 0...100_000, default: 0, .single,
                                         help: "record each hidden layer's activation statistics every N mini-batch steps, at initialization and at every epoch's end, on 300 validation images (0: off; one run per directive): adds the activity charts")
    enum PlotChoice: String, Choice { case all, curves, activity }
    static let plot = Key.choice("plot", default: PlotChoice.all, .single,
                                 help: "charts: `curves` (loss and validation accuracy), `activity` (the `record-every` charts), or `all`")
    static let training = TrainingKeys(grid: true, epochs: 5, seeds: 3, trainSize: 2000, validationSize: 2000, testSize: 10_000)
    static let keys = [initializer.parameter, convInitializer.parameter, fcInitializer.parameter, rate.parameter, model.parameter,
                       recordEvery.parameter, plot.parameter] + training.parameters

    struct Parameters: Sendable {
        var model: ModelChoice
        var convInitializer: InitializerSpec
        var fcInitializer: InitializerSpec
        /// Whether `conv-init` was given (an MLP has no convolutions).
        var convInitializerGiven: Bool
        var rate: Double
        var recordEvery: Int
        var plot: PlotChoice
        var setup: TrainingSetup

        /// Activity records per seed at most: initialization, every `record-every` steps, every epoch's end.
        var records: Int {
            guard recordEvery > 0 else { return 0 }
            return 1 + setup.epochs + setup.epochs * setup.stepsPerEpoch / recordEvery
        }
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        let all = values[initializer]
        return Parameters(model: values[model], convInitializer: values[convInitializer] ?? all, fcInitializer: values[fcInitializer] ?? all,
                          convInitializerGiven: values[convInitializer] != nil, rate: values[rate], recordEvery: values[recordEvery],
                          plot: values[plot], setup: TrainingSetup(values, training))
    }

    /// Recording runs the probe's images forward once per record: counted as image passes too.
    static let budgets = [TrainingKeys.budget(trainings: "", recording: { (runs: [Parameters]) in runs.contains { $0.recordEvery > 0 } }) { (p: Parameters) in
        p.setup.imagePasses + Double(ActivityProbe.images * p.records * p.setup.seeds)
    }]

    /// The most activity records a run may take (each is a point of the charts and four values per layer).
    static let maximumRecords = 500

    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] {
        var problems: [LimitProblem] = []
        if runs.contains(where: { $0.parameters.model == .mlp && $0.parameters.convInitializerGiven }) {
            problems.append(LimitProblem(keys: ["conv-init"], message: "'conv-init' applies to 'model: cnn' only; an MLP has no convolutions"))
        }
        if let p = runs.first?.parameters, p.plot == .activity, p.recordEvery == 0 {
            problems.append(LimitProblem(keys: ["plot"], message: "'plot: activity' draws the activity 'record-every' records; give 'record-every: N' (mini-batch steps)"))
        }
        if let p = runs.first?.parameters, p.recordEvery > 0 {
            if runs.count > 1 {
                problems.append(LimitProblem(keys: ["record-every"], message: "'record-every' records one run's activity; this directive has \(runs.count) runs (give one value per key)"))
            } else if p.records > maximumRecords {
                let steps = p.setup.epochs * p.setup.stepsPerEpoch
                let smallest = (steps + maximumRecords - 2 - p.setup.epochs) / (maximumRecords - 1 - p.setup.epochs)
                problems.append(LimitProblem(keys: ["record-every"],
                                             message: "'record-every' is \(p.recordEvery): \(p.records) records per seed over \(steps) steps, the limit is \(maximumRecords); use record-every: \(max(smallest, p.recordEvery + 1)) or more"))
            }
        }
        return problems
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
            var configuration = TrainingSupport.configuration(p.setup, model: model, learningRate: p.rate)
            configuration.recordActivityEvery = p.recordEvery > 0 ? p.recordEvery : nil
            for seed in p.setup.seedValues { jobs.append((configuration, seed)) }
        }
        let trainings = try TrainingSupport.train(jobs, data: data, context: context)

        var values: [String: Double] = [:]
        var lossSeries: [LineChart.Series] = [], accuracySeries: [LineChart.Series] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        var offset = 0
        var activityCharts: [FigureData] = []
        var activityTable: ExperimentResult.Table?
        let recording = runs.contains { $0.parameters.recordEvery > 0 }
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

            if run.parameters.recordEvery > 0 { (activityCharts, activityTable) = activity(mine, setup: setup, prefix: prefix, values: &values) }

            let label = run.label.isEmpty ? "mean over \(count) seed\(count == 1 ? "" : "s")" : run.label
            let xs = (1...epochs).map(Double.init)
            lossSeries.append(.init(label, x: xs, y: loss.map(\.mean), lower: count > 1 ? loss.map { $0.mean - $0.std } : nil,
                                    upper: count > 1 ? loss.map { $0.mean + $0.std } : nil, markers: epochs <= 12))
            accuracySeries.append(.init(label, x: xs, y: accuracy.map(\.mean), lower: count > 1 ? accuracy.map { $0.mean - $0.std } : nil,
                                        upper: count > 1 ? accuracy.map { $0.mean + $0.std } : nil, markers: epochs <= 12))
            // One seed has no spread to show: a "± 0" would claim one.
            let spread = { (mean: String, std: String) in count > 1 ? mean + " ± " + std : mean }
            table.append([run.label.isEmpty ? "—" : run.label, spread(percent.prose(test.mean), percent.prose(test.std)),
                          spread(percent.prose(validation.mean), percent.prose(validation.std)), spread(f.prose(finalLoss.mean), f.prose(finalLoss.std)),
                          String(mine.filter(\.diverged).count)])
            let stepsPerEpoch = setup.stepsPerEpoch
            for (s, training) in mine.enumerated() {
                let seed = String(setup.seedValues[s])
                for record in training.epochs {
                    csv.append([run.label, seed, String(record.epoch), CSV.number(record.trainLoss),
                                CSV.number(record.validationLoss), CSV.number(record.validationAccuracy), record.epoch == training.epochs.count ? CSV.number(training.testAccuracy) : ""]
                               + (recording ? [String(record.epoch * stepsPerEpoch)] + Array(repeating: "", count: 5) : []))
                }
                // The activity records (`record-every`): the epoch column counts the epochs elapsed, as the charts' x.
                for record in training.activity {
                    for (i, layer) in record.layers.enumerated() {
                        csv.append([run.label, seed, CSV.number(Double(record.step) / Double(stepsPerEpoch)), "", "", "", "", String(record.step),
                                    String(i + 1), CSV.number(layer.mean), CSV.number(layer.std),
                                    layer.saturated.map(CSV.number) ?? "", layer.inactive.map(CSV.number) ?? ""])
                    }
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
            figures: (runs[0].parameters.plot == .activity ? [] : [FigureData(lossChart, idSuffix: "loss-"), FigureData(accuracyChart, idSuffix: "accuracy-")])
                + (runs[0].parameters.plot == .curves ? [] : activityCharts),
            caption: directive.caption ?? "Training on \(first.trainSize) MNIST images (\(first.optimizer.rawValue), \(first.epochs) epoch\(first.epochs == 1 ? "" : "s"), \(seeds) seed\(seeds == 1 ? "" : "s")).",
            tables: [.init(title: seeds > 1 ? "Results (mean ± std over seeds)" : "Results", columns: ["run", "test accuracy", "validation accuracy", "final training loss", "diverged seeds"], rows: table)]
                + (activityTable.map { [$0] } ?? []),
            csv: CSV.text(header: ["run", "seed", "epoch", "train_loss", "validation_loss", "validation_accuracy", "test_accuracy"]
                            + (recording ? ["step", "layer", "activation_mean", "activation_std", "saturated", "inactive"] : []), rows: csv),
            runLabels: runs.map(\.label), values: values)
    }
}

extension Train {
    /// The hidden layers' activity over training, mean over seeds (up to the last record every seed has: a seed that
    /// diverged stops early): value paths, charts of each layer's mean activation, standard deviation of the
    /// activations, saturated share (bounded activations) and inactive share (ReLU) against the epoch, and a table
    /// of each layer's statistics at initialization and at the last record.
    static func activity(_ trainings: [TrainingRun], setup: TrainingSetup, prefix: String,
                         values: inout [String: Double]) -> (charts: [FigureData], table: ExperimentResult.Table?) {
        let count = trainings.map(\.activity.count).min() ?? 0
        guard count > 0 else { return ([], nil) }
        let records = trainings[0].activity.prefix(count)
        let layers = records[0].layers.count
        let stepsPerEpoch = Double(setup.stepsPerEpoch)
        let metrics: [(name: String, read: (LayerActivity) -> Double?)] = [("mean", { $0.mean }), ("std", { $0.std }),
                                                                            ("saturated", { $0.saturated }), ("inactive", { $0.inactive })]
        // series[metric][layer]: the mean over seeds per record (nil when the layer has no such statistic).
        var series = [[[Double]?]](repeating: [[Double]?](repeating: [], count: layers), count: metrics.count)
        for (k, record) in records.enumerated() {
            for i in 0..<layers {
                for (m, metric) in metrics.enumerated() {
                    let xs = trainings.compactMap { metric.read($0.activity[k].layers[i]) }
                    guard xs.count == trainings.count else { series[m][i] = nil; continue }
                    let mean = xs.reduce(0, +) / Double(xs.count)
                    series[m][i]?.append(mean)
                    values["\(prefix)step[\(record.step)].layer[\(i + 1)].\(metric.name)"] = mean
                    if let e = record.epochEnd { values["\(prefix)epoch[\(e)].layer[\(i + 1)].\(metric.name)"] = mean }
                }
            }
        }
        let x = records.map { Double($0.step) / stepsPerEpoch }
        // One line per layer in each chart (Glorot & Bengio draw the layers together); shares on their full 0–100 % scale.
        let charts: [(metric: Int, title: String, axis: Axis, suffix: String)] = [
            (0, "Mean activation per hidden layer", Axis("activation"), "activity-mean-"),
            (1, "Activation std per hidden layer", Axis("standard deviation"), "activity-std-"),
            (2, "Saturated share per hidden layer", Axis("share", range: 0...1, numberStyle: .percent), "saturated-"),
            (3, "Inactive share per hidden layer", Axis("share", range: 0...1, numberStyle: .percent), "inactive-")]
        let figures = charts.compactMap { chart -> FigureData? in
            let lines = (0..<layers).compactMap { i in series[chart.metric][i].map { LineChart.Series("layer \(i + 1)", x: x, y: $0, slot: i) } }
            return lines.isEmpty ? nil : FigureData(LineChart(title: chart.title, x: Axis("epoch"), y: chart.axis, series: lines), idSuffix: chart.suffix)
        }
        // The table: a column per statistic some layer has, a row per layer at the first and at the last record.
        let shown = metrics.indices.filter { m in series[m].contains { $0 != nil } }
        let f = ValueFormat.significant(3), percent = ValueFormat.percent(1)
        let rows = [0, count - 1].flatMap { k in
            (0..<layers).map { i in
                ["layer \(i + 1)", f.prose(x[k])] + shown.map { m in
                    series[m][i].map { (m < 2 ? f : percent).prose($0[k]) } ?? "—"
                }
            }
        }
        let title = "Hidden-layer activity at the start and the end" + (trainings.count > 1 ? " (mean over seeds)" : "")
        let table = ExperimentResult.Table(title: title,
                                           columns: ["layer", "epoch"] + shown.map { metrics[$0].name }, rows: rows)
        return (figures, table)
    }
}
