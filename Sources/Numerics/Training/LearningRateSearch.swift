// Learning-rate search: train the same configuration at several learning rates (a fixed grid, or rates
// drawn log-uniformly from a range with a fixed seed — random search, Bergstra & Bengio 2012, which is what
// the seed experiment's Optuna study did for this one parameter, without pruning), several seeds each,
// and select the rate with the best mean validation accuracy. Test accuracy is reported, never used to select.

/// Which learning rates to try, and with which seeds.
public struct LearningRateSearch: Sendable, Hashable {
    public enum Candidates: Sendable, Hashable {
        /// Exactly these rates, in this order.
        case grid([Float])
        /// `count` rates drawn log-uniformly from lower...upper by a generator seeded with `seed`, in draw order.
        case logUniform(lower: Float, upper: Float, count: Int, seed: UInt64)
    }

    public var candidates: Candidates
    /// Every rate is trained once per seed; selection uses the mean over seeds.
    public var seeds: [UInt64]

    /// Largest number of rates or seeds a search may ask for.
    public static let maximumTrials = 1000

    public init(candidates: Candidates, seeds: [UInt64] = [1]) {
        self.candidates = candidates
        self.seeds = seeds
    }

    /// The rates to try, in order.
    /// - Throws: `ModelDescriptionError` for an empty or oversized search or a rate that is not positive.
    public func rates() throws -> [Float] {
        func fail(_ message: String) -> ModelDescriptionError { ModelDescriptionError(layer: nil, message: message) }
        guard !seeds.isEmpty, seeds.count <= Self.maximumTrials else { throw fail("a search needs 1...\(Self.maximumTrials) seeds, got \(seeds.count)") }
        switch candidates {
        case .grid(let rates):
            guard !rates.isEmpty, rates.count <= Self.maximumTrials else { throw fail("a grid needs 1...\(Self.maximumTrials) learning rates, got \(rates.count)") }
            guard rates.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw fail("learning rates must be positive numbers") }
            return rates
        case .logUniform(let lower, let upper, let count, let seed):
            guard (1...Self.maximumTrials).contains(count) else { throw fail("a random search needs 1...\(Self.maximumTrials) trials, got \(count)") }
            guard lower.isFinite, upper.isFinite, lower > 0, lower <= upper else {
                throw fail("a log-uniform range needs 0 < lower ≤ upper, got \(lower)...\(upper)")
            }
            var generator = RandomGenerator(seed: seed).stream(for: "learning-rate")
            let (low, high) = (Elementary.log(Double(lower)), Elementary.log(Double(upper)))
            return (0..<count).map { _ in Float(Elementary.exp(generator.uniform(low, high))) }
        }
    }
}

/// One learning rate's runs.
public struct LearningRateTrial: Sendable, Hashable, Codable {
    public let learningRate: Float
    /// One run per seed, in seed order.
    public let runs: [TrainingRun]
    /// Mean final validation accuracy over the seeds (a diverged run counts with its last measurement).
    public var meanValidationAccuracy: Double { runs.map(\.validationAccuracy).reduce(0, +) / Double(runs.count) }
    /// Mean final test accuracy over the seeds.
    public var meanTestAccuracy: Double { runs.map(\.testAccuracy).reduce(0, +) / Double(runs.count) }
}

/// Every trial of a search and the one selected.
public struct LearningRateSearchResult: Sendable, Hashable, Codable {
    /// In candidate order.
    public let trials: [LearningRateTrial]
    /// Index of the trial with the highest mean validation accuracy (the first one on ties).
    public let bestIndex: Int
    public var best: LearningRateTrial { trials[bestIndex] }
}

extension TrainingConfiguration {
    /// Trains at every candidate rate (the configuration's optimizer with its rate replaced) for every seed,
    /// up to `parallelism` runs at a time, and selects on validation accuracy.
    /// - Throws: `ModelDescriptionError` for an invalid configuration or search, before anything runs.
    public func searchLearningRate(_ search: LearningRateSearch, on data: DataSplits, parallelism: Int = 1) throws -> LearningRateSearchResult {
        let rates = try search.rates()
        var jobs: [(TrainingConfiguration, UInt64)] = []
        for rate in rates {
            var configuration = self
            configuration.optimizer = optimizer.with(learningRate: rate)
            for seed in search.seeds { jobs.append((configuration, seed)) }
        }
        let runs = try Training.run(jobs, on: data, parallelism: parallelism)
        let trials = rates.indices.map { r in
            LearningRateTrial(learningRate: rates[r], runs: Array(runs[r * search.seeds.count..<(r + 1) * search.seeds.count]))
        }
        var best = 0
        for (index, trial) in trials.enumerated() where trial.meanValidationAccuracy > trials[best].meanValidationAccuracy {
            best = index
        }
        return LearningRateSearchResult(trials: trials, bestIndex: best)
    }
}
