// `search`: the seed experiment's grid over conv init × fc init, each cell trained at several learning rates (a grid
// of rates, or rates drawn log-uniformly with a fixed seed), the rate chosen on mean validation accuracy, the cell
// reported by its test accuracy at that rate: a heatmap and a table.

import Charts
import Diagnostics
import Foundation
import Numerics

enum Search: ExperimentKind {
    static let name = "search"
    static let summary = "Searches conv init × fc init of the CNN (each cell trained at several learning rates, the same rates for every cell, the best chosen on mean validation accuracy): a heatmap of test accuracy and a table."
    static let valuePaths = "per cell, labelled `CONV.FC` (conv init, then fc init): `CONV.FC.test_accuracy`, `.validation_accuracy`, `.lr` (the rate with the best mean validation accuracy, the first on ties); `best.test_accuracy`, `best.validation_accuracy`, `best.lr` and `worst.test_accuracy` (by test accuracy)"

    enum Strategy: String, Choice { case grid, random }

    static let initializers: [InitializerSpec] = [.constant(0), .constant(0.5), .normal(std: 0.01), .xavierUniform, .xavierNormal,
                                                  .heUniform(fanOut: false), .heNormal(fanOut: false)]
    static let convInitializers = Key.initializerList("conv-init", max: 12, default: initializers, help: "initializers of the convolutions (rows)")
    static let fcInitializers = Key.initializerList("fc-init", max: 12, default: initializers, help: "initializers of the fully connected layers (columns)")
    static let strategy = Key.choice("strategy", default: Strategy.grid, .single,
                                     help: "`grid`: every rate in `lr`; `random`: `trials` rates drawn log-uniformly from `lr-range` (fixed seed)")
    static let rates = Key.positiveList("lr", upTo: 10, max: 8, default: [0.001, 0.003], help: "learning rates tried in every cell (`grid`)")
    static let rateRange = Key.range("lr-range", within: 1e-6...10, default: ValueRange(lower: 1e-4, upper: 1e-2), help: "learning-rate range (`random`)")
    static let trials = Key.integer("trials", 1...8, default: 3, .single, help: "rates drawn per cell (`random`)")
    // Smaller defaults than `train`, so a bare search fits the limits: 98 trainings of 1,000 images, 1 epoch, 1 seed.
    static let training = TrainingKeys(grid: false, epochs: 1, seeds: 1, trainSize: 1000, validationSize: 1000, testSize: 2000)
    static let keys = [convInitializers.parameter, fcInitializers.parameter, strategy.parameter, rates.parameter, rateRange.parameter,
                       trials.parameter] + training.parameters

    struct Parameters: Sendable {
        var convInitializers: [InitializerSpec]
        var fcInitializers: [InitializerSpec]
        var strategy: Strategy
        var rates: [Double]
        var rateRange: ValueRange
        var trials: Int
        var setup: TrainingSetup

        /// Learning rates tried per cell.
        var rateCount: Int { strategy == .grid ? rates.count : trials }
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(convInitializers: values[convInitializers], fcInitializers: values[fcInitializers], strategy: values[strategy],
                   rates: values[rates], rateRange: values[rateRange], trials: values[trials], setup: TrainingSetup(values, training))
    }

    static let budgets = [TrainingKeys.budget(trainings: " × conv-init × fc-init × rates") { (p: Parameters) in
        p.setup.imagePasses * Double(p.convInitializers.count * p.fcInitializers.count * p.rateCount)
    }]

    static func dataFiles(_ run: Parameters) -> [String] { MNISTFiles.all }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let run = runs[0].parameters
        let convs = run.convInitializers, fcs = run.fcInitializers
        let rates = try learningRates(run, context: context)
        let seeds = run.setup.seedValues
        let data = try TrainingSupport.data(context)

        var jobs: [(TrainingConfiguration, UInt64)] = []
        for conv in convs {
            for fc in fcs {
                let model = TrainingSupport.model(.cnn, run.setup, conv: conv, fc: fc)
                for rate in rates {
                    let configuration = TrainingSupport.configuration(run.setup, model: model, learningRate: rate)
                    for seed in seeds { jobs.append((configuration, seed)) }
                }
            }
        }
        let trainings = try TrainingSupport.train(jobs, data: data, context: context)

        var values: [String: Double] = [:]
        var heat: [[Double]] = []
        var cells: [(label: String, conv: String, fc: String, rate: Double, validation: Double, test: Double, testStd: Double)] = []
        var csv: [[String]] = []
        var index = 0
        for conv in convs {
            var row: [Double] = []
            for fc in fcs {
                // The rate with the best mean validation accuracy; ties go to the earlier rate (stable).
                var best: (rate: Double, validation: Double, test: (mean: Double, std: Double))?
                for rate in rates {
                    let mine = Array(trainings[index..<index + seeds.count])
                    index += seeds.count
                    let validation = meanAndSpread(mine.map(\.validationAccuracy)).mean
                    let test = meanAndSpread(mine.map(\.testAccuracy))
                    csv.append([conv.spelling, fc.spelling, CSV.number(rate), CSV.number(validation), CSV.number(test.mean), CSV.number(test.std)])
                    if best == nil || validation > best!.validation { best = (rate, validation, test) }
                }
                let label = conv.spelling + "." + fc.spelling
                values[label + ".test_accuracy"] = best!.test.mean
                values[label + ".validation_accuracy"] = best!.validation
                values[label + ".lr"] = best!.rate
                row.append(best!.test.mean)
                cells.append((label, conv.spelling, fc.spelling, best!.rate, best!.validation, best!.test.mean, best!.test.std))
            }
            heat.append(row)
        }
        // Best and worst by test accuracy; ties go to the first cell in grid order.
        let bestCell = cells.indices.max { cells[$0].test < cells[$1].test || (cells[$0].test == cells[$1].test && $0 > $1) }!
        let worstCell = cells.indices.min { cells[$0].test < cells[$1].test || (cells[$0].test == cells[$1].test && $0 < $1) }!
        values["best.test_accuracy"] = cells[bestCell].test
        values["best.validation_accuracy"] = cells[bestCell].validation
        values["best.lr"] = cells[bestCell].rate
        values["worst.test_accuracy"] = cells[worstCell].test

        let heatmap = Heatmap(title: "Test accuracy at the best learning rate", rows: convs.map(\.spelling), columns: fcs.map(\.spelling),
                              values: heat, rowTitle: "conv init", columnTitle: "fc init", value: Axis("test accuracy", numberStyle: .percent))
        let percent = ValueFormat.percent(1)
        let rows = cells.map { [$0.conv, $0.fc, ValueFormat.significant(3).prose($0.rate), percent.prose($0.validation),
                                percent.prose($0.test) + (seeds.count > 1 ? " ± " + percent.prose($0.testStd) : "")] }
        let strategy = run.strategy == .grid ? "learning rates " + rates.map { NumberSpelling.normalized($0) }.joined(separator: ", ")
                                                      : "\(rates.count) learning rates drawn log-uniformly from \(run.rateRange.spelling)"
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [FigureData(heatmap)],
            caption: directive.caption ?? "Test accuracy for each conv init × fc init at its best learning rate (\(strategy); \(run.setup.epochs) epoch\(run.setup.epochs == 1 ? "" : "s") on \(run.setup.trainSize) images).",
            tables: [.init(title: "Best learning rate per cell", columns: ["conv init", "fc init", "learning rate", "validation accuracy", "test accuracy"], rows: rows)],
            csv: CSV.text(header: ["conv_init", "fc_init", "lr", "validation_accuracy", "test_accuracy", "test_accuracy_std"], rows: csv),
            runLabels: cells.map(\.label), values: values)
    }

    /// The rates tried in every cell: the `lr` list, or the engine's log-uniform draw of `trials` rates from `lr-range`
    /// (seeded with `seed`), in increasing order.
    static func learningRates(_ run: Parameters, context: RunContext) throws -> [Double] {
        if run.strategy == .grid { return run.rates }
        let range = run.rateRange
        let search = LearningRateSearch(candidates: .logUniform(lower: Float(range.lower), upper: Float(range.upper),
                                                                count: run.trials, seed: UInt64(run.setup.seed)))
        do {
            return try search.rates().map(Double.init).sorted()
        } catch {
            throw Diagnostic(.error, path: context.directive.path, location: context.directive.location, message: "cannot search: \(error)")
        }
    }
}
