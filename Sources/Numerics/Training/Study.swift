// A hyperparameter study (seed 003's protocol): a search (Search/) proposes each trial's training
// configuration; the trial trains with per-epoch validation and early stopping, keeps the weights of its best
// validation epoch, is scored on a separate trial split, and is tested only to report — the test set never
// chooses anything. Trials run in the search's fixed batches, so the study is the same bits for any number of
// workers.
import Foundation

/// What a study trains on: the usual splits plus the trial split that scores each trial.
public struct StudyData: Sendable {
    public let splits: DataSplits
    public let trial: LabeledImages

    public init(splits: DataSplits, trial: LabeledImages) {
        self.splits = splits
        self.trial = trial
    }
}

public struct StudyConfiguration: Sendable {
    public var search: HyperparameterSearch
    public var trials: Int
    /// Stop a trial after this many epochs without a better validation accuracy.
    public var patience: Int
    /// A trial's training from its point; `epochs` is the most it may run.
    public var configure: @Sendable ([SearchValue]) -> TrainingConfiguration

    public init(search: HyperparameterSearch, trials: Int, patience: Int,
                configure: @escaping @Sendable ([SearchValue]) -> TrainingConfiguration) {
        precondition(trials > 0 && patience > 0)
        self.search = search
        self.trials = trials
        self.patience = patience
        self.configure = configure
    }
}

/// One trained trial.
public struct StudyTrial: Sendable, Hashable {
    public let number: Int
    public let point: [SearchValue]
    /// Accuracy of the kept weights on the trial split: what the search maximizes (NaN if training diverged
    /// before any epoch finished).
    public let score: Double
    /// The best per-epoch validation accuracy, and the epoch (from 1) that reached it.
    public let validationAccuracy: Double
    public let bestEpoch: Int
    /// Epochs run before early stopping (or divergence).
    public let epochsRun: Int
    public let diverged: Bool
    /// Accuracy of the kept weights on the test split: reported, never used to choose.
    public let testAccuracy: Double
    public let epochs: [EpochRecord]
}

public struct StudyResult: Sendable {
    public let trials: [StudyTrial]

    /// The trial with the highest score (the earliest on ties); NaN scores never win.
    public var best: StudyTrial {
        trials.max { a, b in
            if a.score.isNaN != b.score.isNaN { return a.score.isNaN }
            return a.score < b.score || (a.score == b.score && a.number > b.number)
        }!
    }
}

extension StudyConfiguration {
    /// Runs the study on up to `workers` threads (each trial single-threaded inside).
    /// - Throws: the `ModelDescriptionError` of the lowest-numbered trial whose configuration does not fit the data.
    public func run(on data: StudyData, workers: Int = 1) throws -> StudyResult {
        let outcomes = TrialSlots(count: trials)
        let failure = FirstError()
        _ = search.run(trials: trials, workers: workers) { number, point in
            let configuration = configure(point)
            do { try configuration.validate(for: data.splits) } catch {
                failure.record(error, trial: number)
                return .nan
            }
            let trial = configuration.trainWithEarlyStopping(point: point, number: number, patience: patience,
                                                             seed: search.seed, on: data)
            outcomes.store(trial, at: number)
            return trial.score
        }
        if let error = failure.error { throw error }
        return StudyResult(trials: outcomes.values())
    }
}

extension TrainingConfiguration {
    /// Trains up to `epochs` epochs, stopping after `patience` epochs without a better validation accuracy;
    /// the weights of the best epoch are scored on the trial split and tested.
    func trainWithEarlyStopping(point: [SearchValue], number: Int, patience: Int, seed: UInt64, on data: StudyData) -> StudyTrial {
        var seeds = RandomGenerator(seed: seed).stream(for: "trial-training").stream(for: UInt64(number))
        let runSeed = seeds.next()
        var model = try! self.model.build(seed: runSeed, threads: threads)  // validated by the caller
        let train = data.splits.train.prefix(trainingExamples ?? data.splits.train.count)
        let validation = data.splits.validation.evenlySpaced(validationExamples ?? data.splits.validation.count)
        var state = OptimizerState(optimizer: optimizer, slotSizes: model.parameterSizes)
        let shuffles = RandomGenerator(seed: runSeed).stream(for: "shuffle")
        var scratch = EpochScratch()
        var records: [EpochRecord] = []
        var best: (weights: [[Matrix]], accuracy: Double, epoch: Int)?  // the weights only: see `parameterValues`
        var diverged = false
        for epoch in 1...epochs {
            let trainLoss = model.trainEpoch(train, epoch: epoch, shuffles: shuffles, batchSize: batchSize, optimizer: &state, scratch: &scratch)
            diverged = !trainLoss.isFinite
            let (validationLoss, validationAccuracy) = model.evaluate(on: validation)
            records.append(EpochRecord(epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss,
                                       validationAccuracy: validationAccuracy, testAccuracy: nil))
            if diverged { break }
            if best == nil || validationAccuracy > best!.accuracy {
                best = (model.parameterValues, validationAccuracy, epoch)
            } else if epoch - best!.epoch >= patience {
                break
            }
        }
        guard let weights = best?.weights else {
            return StudyTrial(number: number, point: point, score: .nan, validationAccuracy: .nan, bestEpoch: 0,
                              epochsRun: records.count, diverged: true, testAccuracy: .nan, epochs: records)
        }
        model.parameterValues = weights
        let score = model.evaluate(on: data.trial).accuracy
        let test = data.splits.test.evenlySpaced(testExamples ?? data.splits.test.count)
        return StudyTrial(number: number, point: point, score: score, validationAccuracy: best!.accuracy, bestEpoch: best!.epoch,
                          epochsRun: records.count, diverged: diverged, testAccuracy: model.evaluate(on: test).accuracy, epochs: records)
    }
}

extension SearchSpace {
    /// Each parameter's main-effect share of the score's variance: the between-group sum of squares over
    /// the total (the correlation ratio η²), with one group per categorical value and `bins` equal-count
    /// bins (by value) for a continuous parameter. NaN scores are left out, and for a conditional parameter the
    /// trials that do not have it (its share is of the variance among the trials that do); 0 when the scores do not vary.
    public func importance(of points: [[SearchValue]], scores: [Double], bins: Int = 4) -> [Double] {
        dimensions.indices.map { d in
            let kept = scores.indices.filter { !scores[$0].isNaN && isActive(d, in: points[$0]) }
            guard kept.count > 1 else { return 0 }
            let mean = kept.reduce(0) { $0 + scores[$1] } / Double(kept.count)
            let total = kept.reduce(0) { $0 + (scores[$1] - mean) * (scores[$1] - mean) }
            guard total > 0 else { return 0 }
            var group = [Int](repeating: 0, count: kept.count)
            switch dimensions[d] {
            case .categorical:
                for (i, t) in kept.enumerated() { group[i] = points[t][d].category! }
            case .continuous:
                let order = kept.indices.sorted { (points[kept[$0]][d].number!, $0) < (points[kept[$1]][d].number!, $1) }
                for (rank, i) in order.enumerated() { group[i] = rank * bins / kept.count }
            }
            var sums: [Int: (sum: Double, count: Int)] = [:]
            for (i, t) in kept.enumerated() { sums[group[i], default: (0, 0)].sum += scores[t]; sums[group[i]]!.count += 1 }
            let between = sums.keys.sorted().reduce(0.0) { total, key in
                let (sum, count) = sums[key]!
                let groupMean = sum / Double(count)
                return total + Double(count) * (groupMean - mean) * (groupMean - mean)
            }
            return between / total
        }
    }
}

/// Trials written by worker threads, each into its own slot.
private final class TrialSlots: @unchecked Sendable {
    private var slots: [StudyTrial?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ trial: StudyTrial, at index: Int) { lock.lock(); slots[index] = trial; lock.unlock() }
    func values() -> [StudyTrial] { slots.map { $0! } }
}

/// The error of the lowest-numbered failing trial (the same whichever worker met it first).
private final class FirstError: @unchecked Sendable {
    private(set) var error: Error?
    private var trial = Int.max
    private let lock = NSLock()
    func record(_ error: Error, trial: Int) {
        lock.lock(); defer { lock.unlock() }
        if trial < self.trial { (self.error, self.trial) = (error, trial) }
    }
}
