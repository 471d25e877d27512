// `search`: the seed experiment's grid over conv init × fc init, each cell trained at several learning rates (a grid
// of rates, or rates drawn log-uniformly with a fixed seed), the rate chosen on mean validation accuracy, the cell
// reported by its test accuracy at that rate: a heatmap and a table.

import Charts
import Diagnostics
import Foundation
import Numerics

extension ExperimentKind {
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


enum SearchExperiment {
    static func run(_ context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let run = directive.runs[0]
        let convs = run.list("conv-init").compactMap { if case .initializer(let i) = $0 { i } else { nil } }
        let fcs = run.list("fc-init").compactMap { if case .initializer(let i) = $0 { i } else { nil } }
        let rates = try learningRates(run, context: context)
        let seeds = TrainingSupport.seeds(run)
        let data = try TrainingSupport.data(context)

        var jobs: [(TrainingConfiguration, UInt64)] = []
        for conv in convs {
            for fc in fcs {
                let model = TrainingSupport.model(run, conv: conv, fc: fc)
                for rate in rates {
                    let configuration = TrainingSupport.configuration(run, model: model, learningRate: rate)
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
        let strategy = run.name("strategy") == "grid" ? "learning rates " + rates.map { NumberSpelling.normalized($0) }.joined(separator: ", ")
                                                      : "\(rates.count) learning rates drawn log-uniformly from \(run.range("lr-range")!.spelling)"
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [heatmap.responsiveSVG(idPrefix: context.idPrefix)],
            caption: directive.caption ?? "Test accuracy for each conv init × fc init at its best learning rate (\(strategy); \(run.integer("epochs")) epoch\(run.integer("epochs") == 1 ? "" : "s") on \(run.integer("train-size")) images).",
            description: heatmap.summary,
            tables: [.init(title: "Best learning rate per cell", columns: ["conv init", "fc init", "learning rate", "validation accuracy", "test accuracy"], rows: rows)],
            csv: CSV.text(header: ["conv_init", "fc_init", "lr", "validation_accuracy", "test_accuracy", "test_accuracy_std"], rows: csv),
            runLabels: cells.map(\.label), values: values)
    }

    /// The rates tried in every cell: the `lr` list, or the engine's log-uniform draw of `trials` rates from `lr-range`
    /// (seeded with `seed`), in increasing order.
    static func learningRates(_ run: ExperimentRun, context: RunContext) throws -> [Double] {
        if run.name("strategy") == "grid" {
            return run.list("lr").compactMap { if case .number(let x) = $0 { x } else { nil } }
        }
        let range = run.range("lr-range")!
        let search = LearningRateSearch(candidates: .logUniform(lower: Float(range.lower), upper: Float(range.upper),
                                                                count: run.integer("trials"), seed: UInt64(run.integer("seed"))))
        do {
            return try search.rates().map(Double.init).sorted()
        } catch {
            throw Diagnostic(.error, path: context.directive.path, location: context.directive.location, message: "cannot search: \(error)")
        }
    }
}
