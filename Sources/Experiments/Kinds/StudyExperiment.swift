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

    static let valuePaths = "`best.trial`, `best.score` (trial-split accuracy of the best trial), `best.lr`, `best.validation_accuracy`, `best.test_accuracy` (reported, never used to choose), `best.test_accuracy_se` and `best.score_se` (binomial standard errors), `best.epochs`; names: `best.conv-init`, `best.fc-init` (the best trial's choices as listed, `normal` for a searched Gaussian) and, when that choice is the searched Gaussian, `best.conv-std` / `best.fc-std`; `trial[t].score`, `.lr`, `.test_accuracy`, `.epochs`, `.conv-init`, `.fc-init` (names), `.conv-std`, `.fc-std` (when searched) (t = 0 … trials − 1); `cell[CONV,FC].best_score` (no space after the comma; a searched Gaussian is `normal`), `.test_accuracy` (of that cell's best trial), `.trials` (how many trials the sampler put there); `importance.conv-init`, `importance.fc-init`, `importance.lr` (main-effect share of the score variance, η²) and `importance.conv-std`, `importance.fc-std` (share of the variance among the trials that searched it, four bins: with few such trials it is close to 1 whatever the std does; not drawn); `trials`, `epochs` (all trials' epochs)"

    enum SamplerChoice: String, Choice { case tpe, random, grid }
    enum ScaleChoice: String, Choice { case log, linear }

    /// Seed 003's seven choices, the Gaussian with its std searched.
    static let choices: [SearchedInitializer] = Search.initializers.map {
        if case .normal = $0 { return .normal(std: ValueRange(lower: 1e-3, upper: 1e-1), log: true) }
        return .fixed($0)
    }
    static let convInitializers = Key.searchedInitializerList("conv-init", max: 12, default: choices,
                                                             help: "choices searched for the convolutions (at least two); `normal(a..b log)` (or `linear`) searches the Gaussian's std in a..b, a parameter of the trials that choose it")
    static let fcInitializers = Key.searchedInitializerList("fc-init", max: 12, default: choices, help: "choices searched for the fully connected layers (at least two), as for `conv-init`")
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
        var convInitializers: [SearchedInitializer]
        var fcInitializers: [SearchedInitializer]
        var rates: ValueRange
        var logScale: Bool
        var sampler: SamplerChoice
        var trials, startupTrials, gridSteps, patience, trialSize: Int
        var setup: TrainingSetup

        /// conv-init, fc-init, lr, then the searched stds (conditional on their choice): a study without a searched
        /// Gaussian has the three parameters it always had.
        var space: SearchSpace {
            var parameters: [(name: String, dimension: SearchDimension, condition: SearchCondition?)] = [
                ("conv-init", .categorical(convInitializers.map(\.label)), nil), ("fc-init", .categorical(fcInitializers.map(\.label)), nil),
                ("lr", .continuous(lower: rates.lower, upper: rates.upper, log: logScale), nil)]
            for (d, list) in [convInitializers, fcInitializers].enumerated() {
                for (c, choice) in list.enumerated() {
                    if case .normal(let std, let log) = choice {
                        parameters.append((Study.stdNames[d], .continuous(lower: std.lower, upper: std.upper, log: log), SearchCondition(parameter: d, category: c)))
                    }
                }
            }
            return SearchSpace(conditional: parameters)
        }

        /// The initializer a trial's point gives layer kind `d` (0 conv, 1 fc).
        func initializer(_ d: Int, _ point: [SearchValue], in space: SearchSpace) -> InitializerSpec {
            switch [convInitializers, fcInitializers][d][point[d].category!] {
            case .fixed(let spec): return spec
            case .normal: return .normal(std: point[space.names.firstIndex(of: Study.stdNames[d])!].number!)
            }
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
                if list.filter({ $0.label == "normal" }).count > 1 {
                    problems.append(LimitProblem(keys: [key], message: "'\(key)' searches the Gaussian's std twice; list one 'normal(a..b log)' (one range per choice)"))
                } else if let problem = SearchDimension.categorical(list.map(\.label)).problem {
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
                                                 message: "'trials' is \(run.trials) but the grid has only \(size) points (conv-init × fc-init × grid-steps\(run.space.conditions.contains { $0 != nil } ? ", a searched std taking grid-steps values under its choice" : "")); use at most \(size) trials"))
                }
            }
            if run.setup.seeds != 1 {
                problems.append(LimitProblem(keys: ["seeds"], message: "a study trains each trial once ('seeds: 1'); to compare seeds, train the best configuration with `experiment train`"))
            }
        }
        return problems
    }

    /// The searched stds' parameter names (conv, fc).
    static let stdNames = ["conv-std", "fc-std"]

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
        let setup = run.setup
        let configuration = StudyConfiguration(search: HyperparameterSearch(space: space, sampler: sampler, seed: UInt64(setup.seed)),
                                               trials: run.trials, patience: run.patience) { point in
            let model = TrainingSupport.model(.cnn, setup, conv: run.initializer(0, point, in: space), fc: run.initializer(1, point, in: space))
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
        let space = run.space
        let convs = run.convInitializers.map(\.label), fcs = run.fcInitializers.map(\.label)
        /// A trial's initializer as it trained: `he-normal`, `normal(0.0123)` for a searched std (3 digits).
        func spelled(_ d: Int, _ t: StudyTrial) -> String {
            let spec = run.initializer(d, t.point, in: space)
            if case .normal(let std) = spec, [convs, fcs][d][t.point[d].category!] == "normal" { return "normal(\(ValueFormat.significant(3).plain(std)))" }
            return spec.spelling
        }
        /// The searched std of layer kind `d` in a trial, when it chose the searched Gaussian.
        func std(_ d: Int, _ t: StudyTrial) -> Double? {
            space.names.firstIndex(of: stdNames[d]).flatMap { t.point[$0].number }
        }
        var values: [String: Double] = [:]
        var names: [String: ExperimentResult.NamedValue] = [:]
        func record(_ prefix: String, _ t: StudyTrial) {
            for d in 0..<2 {
                names[prefix + ["conv-init", "fc-init"][d]] = .init([convs, fcs][d][t.point[d].category!], choices: [convs, fcs][d])
                if let x = std(d, t) { values[prefix + stdNames[d]] = x }
            }
        }
        record("best.", best)
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
            record(prefix, trial)
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
        let importance = space.importance(of: trials.map(\.point), scores: trials.map(\.score))
        for (name, share) in zip(space.names, importance) { values["importance." + name] = share }

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
        // The chart compares the parameters every trial has; a searched std's share is of the few trials that have
        // it (four bins of a handful of trials explain almost anything), so it is a value, not a column beside them.
        let always = space.names.indices.filter { space.conditions[$0] == nil }
        let shares = Heatmap(title: "Share of the score variance per parameter (η²)", rows: ["η²"],
                             columns: always.map { space.names[$0] }, values: [always.map { importance[$0] }],
                             value: Axis("share", numberStyle: .percent), width: 480)

        let percent = ValueFormat.percent(1), f = ValueFormat.significant(3)
        let ranked = trials.filter { !$0.score.isNaN }.sorted { $0.score > $1.score || ($0.score == $1.score && $0.number < $1.number) }
        let rows = ranked.prefix(10).map { t in
            [String(t.number), spelled(0, t), spelled(1, t), f.prose(t.point[2].number!), String(t.epochsRun),
             percent.prose(t.validationAccuracy), percent.prose(t.score), percent.prose(t.testAccuracy)]
        }
        let cellRows = convs.indices.flatMap { i in fcs.indices.map { j in
            [convs[i], fcs[j], String(Int(values["cell[\(convs[i]),\(fcs[j])].trials"]!)),
             values["cell[\(convs[i]),\(fcs[j])].best_score"].map { percent.prose($0) } ?? "—"]
        } }
        let csv = trials.map { t in
            [String(t.number), convs[t.point[0].category!], std(0, t).map(CSV.number) ?? "", fcs[t.point[1].category!], std(1, t).map(CSV.number) ?? "",
             CSV.number(t.point[2].number!), String(t.epochsRun), String(t.bestEpoch), CSV.number(t.validationAccuracy), CSV.number(t.score),
             CSV.number(t.testAccuracy)]
        }
        let setup = run.setup
        return ExperimentResult(
            kind: directive.kind, name: directive.name,
            figures: [FigureData(history, idSuffix: "history-"), FigureData(cells, idSuffix: "cells-"), FigureData(byRate, idSuffix: "rate-"),
                      FigureData(shares, idSuffix: "importance-")],
            caption: directive.caption ?? "\(trials.count) \(run.sampler.rawValue) trials over conv init × fc init × learning rate (\(run.rates.spelling), \(run.logScale ? "log" : "linear") scale); each trained up to \(setup.epochs) epochs on \(setup.trainSize) images with early stopping (patience \(run.patience)) on \(setup.validationSize) validation images, scored on \(run.trialSize) trial images, tested on \(setup.testSize). Importance: each parameter's main-effect share of the score variance (η², the learning rate in four equal-count bins).",
            tables: [.init(title: "Top trials", columns: ["trial", "conv init", "fc init", "learning rate", "epochs", "validation", "trial score", "test"], rows: rows),
                     .init(title: "Trials per cell", columns: ["conv init", "fc init", "trials", "best score"], rows: cellRows)],
            csv: CSV.text(header: ["trial", "conv_init", "conv_std", "fc_init", "fc_std", "lr", "epochs", "best_epoch", "validation_accuracy", "score", "test_accuracy"], rows: csv),
            runLabels: [""], values: values, names: names)
    }
}
