// `study`: seed 003's hyperparameter study. A sampler (TPE, random or grid) proposes conv init × fc init × learning
// rate; each trial trains the CNN with per-epoch validation and early stopping, keeps its best-validation weights, is
// scored on the 5,000-image trial split and tested on the test split only to report. Figures: the optimization history,
// the best score per conv × fc cell with its trial count, the learning rate against the score by fc init, and each
// parameter's share of the score variance; a table of the top trials.

import Charts
import Diagnostics
import Foundation
import Numerics

enum Study: ExperimentKind {
    static let name = "study"
    static let summary = "A hyperparameter study of the CNN (TPE, random or grid over conv init × fc init × learning rate), each trial with early stopping on validation, scored on the trial split, tested only to report: history, conv × fc heatmap, learning rate against score, parameter importance and the top trials."

    static let valuePaths = "`best.trial`, `best.score` (trial-split accuracy of the best trial), `best.lr`, `best.validation_accuracy`, `best.test_accuracy` (reported, never used to choose), `best.test_accuracy_se` and `best.score_se` (binomial standard errors), `best.epochs`; `trial[t].score`, `.lr`, `.test_accuracy`, `.epochs` (t = 0 … trials − 1); `cell[CONV,FC].best_score` (no space after the comma), `.test_accuracy` (of that cell's best trial), `.trials` (how many trials the sampler put there); `importance.conv-init`, `importance.fc-init`, `importance.lr` (main-effect share of the score variance, η²); `trials`, `epochs` (all trials' epochs). Values are numbers: the best trial's initializers are in the top-trials table, not a value"

    enum SamplerChoice: String, Choice { case tpe, random, grid }
    enum ScaleChoice: String, Choice { case log, linear }

    static let convInitializers = Key.initializerList("conv-init", max: 12, default: Search.initializers, help: "initializers searched for the convolutions (at least two)")
    static let fcInitializers = Key.initializerList("fc-init", max: 12, default: Search.initializers, help: "initializers searched for the fully connected layers (at least two)")
    static let rates = Key.range("lr", within: 1e-6...10, default: ValueRange(lower: 5e-4, upper: 1e-2), help: "learning-rate range searched")
    static let rateScale = Key.choice("lr-scale", default: ScaleChoice.log, .single, help: "`log`: rates drawn uniformly in log(rate); `linear`: in the rate")
    static let sampler = Key.choice("sampler", default: SamplerChoice.tpe, .single,
                                    help: "`tpe` (Tree-structured Parzen Estimator, Optuna's defaults), `random`, or `grid` (every cell × `grid-steps` rates, in order)")
    static let trials = Key.integer("trials", 1...200, default: 100, .single, help: "trials run")
    static let startupTrials = Key.integer("startup-trials", 1...100, default: 10, .single, help: "random trials before TPE models the scores")
    static let gridSteps = Key.integer("grid-steps", 1...10, default: 3, .single, help: "learning rates per cell (`grid`)")
    static let patience = Key.integer("patience", 1...50, default: 2, .single, help: "epochs without a better validation accuracy before a trial stops")
    static let trialSize = Key.integer("trial-size", 1...5000, default: 5000, .single, help: "trial-split images that score a trial")
    // Up to 8 epochs per trial by default: with patience 2 most trials stop earlier.
    static let training = TrainingKeys(grid: false, epochs: 8, seeds: 1, trainSize: 2000, validationSize: 2000, testSize: 10_000)
    static let keys = [convInitializers.parameter, fcInitializers.parameter, rates.parameter, rateScale.parameter, sampler.parameter,
                       trials.parameter, startupTrials.parameter, gridSteps.parameter, patience.parameter, trialSize.parameter] + training.parameters

    struct Parameters: Sendable {
        var convInitializers: [InitializerSpec]
        var fcInitializers: [InitializerSpec]
        var rates: ValueRange
        var logScale: Bool
        var sampler: SamplerChoice
        var trials, startupTrials, gridSteps, patience, trialSize: Int
        var setup: TrainingSetup

        var space: SearchSpace {
            SearchSpace([("conv-init", .categorical(convInitializers.map(\.spelling))), ("fc-init", .categorical(fcInitializers.map(\.spelling))),
                         ("lr", .continuous(lower: rates.lower, upper: rates.upper, log: logScale))])
        }
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(convInitializers: values[convInitializers], fcInitializers: values[fcInitializers], rates: values[rates],
                   logScale: values[rateScale] == .log, sampler: values[sampler], trials: values[trials], startupTrials: values[startupTrials],
                   gridSteps: values[gridSteps], patience: values[patience], trialSize: values[trialSize], setup: TrainingSetup(values, training))
    }

    /// Every trial counted at its full epochs (early stopping only ever shortens it).
    static let budgets = [Budget(formula: "((train-size + validation-size) × epochs + trial-size + test-size) × trials",
                                 unit: "image passes", limit: Limits.trainingWork,
                                 keys: ["trials", "epochs", "train-size", "validation-size", "trial-size", "test-size"]) { (run: Parameters) in
        (Double(run.setup.trainSize + run.setup.validationSize) * Double(run.setup.epochs) + Double(run.trialSize + run.setup.testSize))
            * Double(run.trials)
    }]

    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] {
        var problems: [LimitProblem] = []
        for run in runs.map(\.parameters) {
            for (key, list) in [("conv-init", run.convInitializers), ("fc-init", run.fcInitializers)] {
                if let problem = SearchDimension.categorical(list.map(\.spelling)).problem {
                    problems.append(LimitProblem(keys: [key], message: "'\(key)': \(problem) (list the initializers to compare, e.g. `he-normal, xavier-normal`)"))
                }
            }
            if let problem = SearchDimension.continuous(lower: run.rates.lower, upper: run.rates.upper, log: run.logScale).problem {
                problems.append(LimitProblem(keys: ["lr", "lr-scale"], message: "'lr': \(problem)"))
            }
            if run.sampler == .grid, problems.isEmpty {
                let size = run.space.gridSize(steps: run.gridSteps)
                if run.trials > size {
                    problems.append(LimitProblem(keys: ["trials", "grid-steps"],
                                                 message: "'trials' is \(run.trials) but the grid has only \(size) points (conv-init × fc-init × grid-steps); use at most \(size) trials"))
                }
            }
            if run.setup.seeds != 1 {
                problems.append(LimitProblem(keys: ["seeds"], message: "a study trains each trial once ('seeds: 1'); to compare seeds, train the best configuration with `experiment train`"))
            }
        }
        return problems
    }

    static func dataFiles(_ run: Parameters) -> [String] { MNISTFiles.all + MNISTFiles.trial.map { MNISTFiles.folder + "/" + $0 } }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let run = runs[0].parameters
        let data = try TrainingSupport.data(context)
        let trialImages = try trialSplit(context, fallback: data.validation).evenlySpaced(run.trialSize)
        let space = run.space
        let sampler: Sampler = switch run.sampler {
        case .tpe: .tpe(TreeParzen(startupTrials: run.startupTrials))
        case .random: .random
        case .grid: .grid(steps: run.gridSteps)
        }
        let setup = run.setup, convs = run.convInitializers, fcs = run.fcInitializers
        let configuration = StudyConfiguration(search: HyperparameterSearch(space: space, sampler: sampler, seed: UInt64(setup.seed)),
                                               trials: run.trials, patience: run.patience) { point in
            let model = TrainingSupport.model(.cnn, setup, conv: convs[point[0].category!], fc: fcs[point[1].category!])
            return TrainingSupport.configuration(setup, model: model, learningRate: point[2].number!)
        }
        let result: StudyResult
        do {
            result = try configuration.run(on: StudyData(splits: data, trial: trialImages), workers: 2)
        } catch {
            throw Diagnostic(.error, path: directive.path, location: directive.location, message: "cannot train: \(error)")
        }
        return outcome(result, run: run, directive: directive)
    }

    /// The trial split, or (for the engine fingerprint's synthetic data) the validation images.
    static func trialSplit(_ context: RunContext, fallback: LabeledImages) throws -> LabeledImages {
        if context.trainingData != nil { return fallback }
        let folder = context.sourceRoot.appendingPathComponent(MNISTFiles.folder, isDirectory: true)
        do {
            return try MNIST.readSplit(images: folder.appendingPathComponent(MNISTFiles.trial[0]), labels: folder.appendingPathComponent(MNISTFiles.trial[1]))
        } catch {
            throw Diagnostic(.error, path: context.directive.path, location: context.directive.location,
                             message: "cannot read the trial split in \(MNISTFiles.folder): \(error)")
        }
    }

    static func outcome(_ result: StudyResult, run: Parameters, directive: ExperimentDirective) -> ExperimentResult {
        let trials = result.trials, best = result.best
        let convs = run.convInitializers.map(\.spelling), fcs = run.fcInitializers.map(\.spelling)
        var values: [String: Double] = [:]
        values["best.trial"] = Double(best.number)
        values["best.score"] = best.score
        values["best.lr"] = best.point[2].number!
        values["best.test_accuracy"] = best.testAccuracy
        values["best.test_accuracy_se"] = Inference.binomialStandardError(accuracy: best.testAccuracy, trials: run.setup.testSize)
        values["best.score_se"] = Inference.binomialStandardError(accuracy: best.score, trials: run.trialSize)
        values["best.validation_accuracy"] = best.validationAccuracy
        values["best.epochs"] = Double(best.epochsRun)
        values["trials"] = Double(trials.count)
        values["epochs"] = Double(trials.reduce(0) { $0 + $1.epochsRun })
        for trial in trials {
            let prefix = "trial[\(trial.number)]."
            values[prefix + "score"] = trial.score
            values[prefix + "lr"] = trial.point[2].number!
            values[prefix + "test_accuracy"] = trial.testAccuracy
            values[prefix + "epochs"] = Double(trial.epochsRun)
        }
        // Per conv × fc cell: the best score, its trial's test accuracy, and how many trials landed there.
        var heat: [[Double]] = []
        for (i, conv) in convs.enumerated() {
            var row: [Double] = []
            for (j, fc) in fcs.enumerated() {
                let mine = trials.filter { $0.point[0].category == i && $0.point[1].category == j && !$0.score.isNaN }
                let top = mine.max { $0.score < $1.score || ($0.score == $1.score && $0.number > $1.number) }
                let key = "cell[\(conv),\(fc)]."
                values[key + "trials"] = Double(mine.count)
                if let top {
                    values[key + "best_score"] = top.score
                    values[key + "test_accuracy"] = top.testAccuracy
                }
                row.append(top?.score ?? .nan)
            }
            heat.append(row)
        }
        let importance = SearchSpace([("conv-init", .categorical(convs)), ("fc-init", .categorical(fcs)),
                                      ("lr", .continuous(lower: run.rates.lower, upper: run.rates.upper, log: run.logScale))])
            .importance(of: trials.map(\.point), scores: trials.map(\.score))
        for (name, share) in zip(["conv-init", "fc-init", "lr"], importance) { values["importance." + name] = share }

        let numbers = trials.map { Double($0.number + 1) }
        var bestSoFar = -Double.infinity
        let running = trials.map { trial -> Double in
            if !trial.score.isNaN { bestSoFar = max(bestSoFar, trial.score) }
            return bestSoFar.isFinite ? bestSoFar : .nan
        }
        let history = LineChart(title: "Optimization history", x: Axis("trial"), y: Axis("trial-split accuracy", numberStyle: .percent), series: [
            .init("trial score", x: numbers, y: trials.map(\.score), line: false),
            .init("best so far", x: numbers, y: running),
        ])
        let cells = Heatmap(title: "Best trial score per cell (trials in the table)", rows: convs, columns: fcs, values: heat,
                            rowTitle: "conv init", columnTitle: "fc init", value: Axis("best trial-split accuracy", numberStyle: .percent),
                            emptyCellMeaning: "No scored trial")
        let byRate = LineChart(title: "Learning rate against score, by fc init", x: Axis("learning rate", scale: run.logScale ? .log : .linear),
                               y: Axis("trial-split accuracy", numberStyle: .percent),
                               series: fcs.enumerated().compactMap { j, fc in
                                   let mine = trials.filter { $0.point[1].category == j }
                                   return mine.isEmpty ? nil : .init(fc, x: mine.map { $0.point[2].number! }, y: mine.map(\.score), line: false)
                               })
        let shares = Heatmap(title: "Share of the score variance per parameter (η²)", rows: ["η²"],
                             columns: ["conv-init", "fc-init", "lr"], values: [importance], value: Axis("share", numberStyle: .percent), width: 480)

        let percent = ValueFormat.percent(1), f = ValueFormat.significant(3)
        let ranked = trials.filter { !$0.score.isNaN }.sorted { $0.score > $1.score || ($0.score == $1.score && $0.number < $1.number) }
        let rows = ranked.prefix(10).map { t in
            [String(t.number), convs[t.point[0].category!], fcs[t.point[1].category!], f.prose(t.point[2].number!), String(t.epochsRun),
             percent.prose(t.validationAccuracy), percent.prose(t.score), percent.prose(t.testAccuracy)]
        }
        let cellRows = convs.indices.flatMap { i in fcs.indices.map { j in
            [convs[i], fcs[j], String(Int(values["cell[\(convs[i]),\(fcs[j])].trials"]!)),
             values["cell[\(convs[i]),\(fcs[j])].best_score"].map { percent.prose($0) } ?? "—"]
        } }
        let csv = trials.map { t in
            [String(t.number), convs[t.point[0].category!], fcs[t.point[1].category!], CSV.number(t.point[2].number!), String(t.epochsRun),
             String(t.bestEpoch), CSV.number(t.validationAccuracy), CSV.number(t.score), CSV.number(t.testAccuracy)]
        }
        let setup = run.setup
        return ExperimentResult(
            kind: directive.kind, name: directive.name,
            figures: [FigureData(history, idSuffix: "history-"), FigureData(cells, idSuffix: "cells-"), FigureData(byRate, idSuffix: "rate-"),
                      FigureData(shares, idSuffix: "importance-")],
            caption: directive.caption ?? "\(trials.count) \(run.sampler.rawValue) trials over conv init × fc init × learning rate (\(run.rates.spelling), \(run.logScale ? "log" : "linear") scale); each trained up to \(setup.epochs) epochs on \(setup.trainSize) images with early stopping (patience \(run.patience)) on \(setup.validationSize) validation images, scored on \(run.trialSize) trial images, tested on \(setup.testSize). Importance: each parameter's main-effect share of the score variance (η², the learning rate in four equal-count bins).",
            tables: [.init(title: "Top trials", columns: ["trial", "conv init", "fc init", "learning rate", "epochs", "validation", "trial score", "test"], rows: rows),
                     .init(title: "Trials per cell", columns: ["conv init", "fc init", "trials", "best score"], rows: cellRows)],
            csv: CSV.text(header: ["trial", "conv_init", "fc_init", "lr", "epochs", "best_epoch", "validation_accuracy", "score", "test_accuracy"], rows: csv),
            runLabels: [""], values: values)
    }
}
