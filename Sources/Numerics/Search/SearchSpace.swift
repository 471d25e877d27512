// A hyperparameter search: a mixed space (categorical choices, continuous ranges on a linear or log scale),
// a sampler that proposes points (random, grid, or TPE — TreeParzen.swift), and a driver that evaluates
// proposals in fixed batches.
//
// Determinism at any number of workers: proposals are made a batch at a time (`batchSize` trials, a fixed
// number that does not depend on the workers), each from the scores of the earlier batches only and from
// its own random stream (seed, trial number). Workers then evaluate the batch's trials in any order, so the
// trials, their scores and every figure drawn from them are the same bits for 1 or 16 workers.

/// One searched parameter.
public enum SearchDimension: Sendable, Equatable {
    /// One of several named values (at least two).
    case categorical([String])
    /// A real number in lower…upper, sampled uniformly in the value or (`log`) in its logarithm.
    case continuous(lower: Double, upper: Double, log: Bool)

    /// Why the dimension cannot be searched, or nil when it can.
    public var problem: String? {
        switch self {
        case .categorical(let values):
            if values.count < 2 { return "a categorical parameter needs at least two values, got \(values.count)" }
            if Set(values).count != values.count { return "a categorical parameter lists a value twice" }
        case .continuous(let lower, let upper, let log):
            if !(lower.isFinite && upper.isFinite) { return "a range needs finite bounds" }
            if !(lower < upper) { return "the range \(lower)..\(upper) is empty: the lower bound must be below the upper" }
            if log && lower <= 0 { return "a log-scale range needs positive bounds, got \(lower)..\(upper)" }
        }
        return nil
    }
}

/// A parameter's value in one trial: a category's index, or a number.
public enum SearchValue: Sendable, Hashable {
    case category(Int)
    case number(Double)

    public var category: Int? { if case .category(let i) = self { i } else { nil } }
    public var number: Double? { if case .number(let x) = self { x } else { nil } }
}

/// The searched parameters, in a fixed order (the order of `SearchValue`s in a point).
public struct SearchSpace: Sendable, Equatable {
    public var names: [String]
    public var dimensions: [SearchDimension]

    public init(_ parameters: [(name: String, dimension: SearchDimension)]) {
        names = parameters.map(\.name)
        dimensions = parameters.map(\.dimension)
        precondition(dimensions.allSatisfy { $0.problem == nil }, "invalid search space: validate dimensions first")
    }

    /// A point drawn uniformly (in each continuous parameter's scale).
    func randomPoint(using generator: inout RandomGenerator) -> [SearchValue] {
        dimensions.map { dimension in
            switch dimension {
            case .categorical(let values):
                return .category(Int(generator.next() % UInt64(values.count)))
            case .continuous(let lower, let upper, let log):
                if !log { return .number(generator.uniform(lower, upper)) }
                let u = generator.uniform(Elementary.log(lower), Elementary.log(upper))
                return .number(min(upper, max(lower, Elementary.exp(u))))
            }
        }
    }

    /// The number of grid points with `steps` values per continuous parameter.
    public func gridSize(steps: Int) -> Int {
        dimensions.reduce(1) { size, dimension in
            if case .categorical(let values) = dimension { return size * values.count }
            return size * steps
        }
    }

    /// Grid point `index` (0 ≤ index < gridSize): the last parameter varies fastest; continuous parameters
    /// take `steps` evenly spaced values (in their scale) from lower to upper inclusive.
    func gridPoint(_ index: Int, steps: Int) -> [SearchValue] {
        var rest = index
        var point = [SearchValue](repeating: .category(0), count: dimensions.count)
        for d in dimensions.indices.reversed() {
            switch dimensions[d] {
            case .categorical(let values):
                point[d] = .category(rest % values.count)
                rest /= values.count
            case .continuous(let lower, let upper, let log):
                let step = rest % steps
                rest /= steps
                let fraction = steps == 1 ? 0.5 : Double(step) / Double(steps - 1)
                if log {
                    let (a, b) = (Elementary.log(lower), Elementary.log(upper))
                    point[d] = .number(step == 0 ? lower : step == steps - 1 ? upper : Elementary.exp(a + (b - a) * fraction))
                } else {
                    point[d] = .number(lower + (upper - lower) * fraction)
                }
            }
        }
        return point
    }
}

/// How the next points are chosen.
public enum Sampler: Sendable, Equatable {
    /// Independent uniform draws.
    case random
    /// The grid in order (continuous parameters at `steps` evenly spaced values); trials ≤ the grid size.
    case grid(steps: Int)
    /// The Tree-structured Parzen Estimator (TreeParzen.swift).
    case tpe(TreeParzen)
}

/// One evaluated trial.
public struct SearchTrial: Sendable, Equatable {
    public let number: Int
    public let point: [SearchValue]
    /// Higher is better; NaN (a failed trial) ranks below every number.
    public let score: Double
}

public struct HyperparameterSearch: Sendable {
    public var space: SearchSpace
    public var sampler: Sampler
    public var seed: UInt64
    /// Trials proposed together from the same history (independent of the number of workers).
    public var batchSize: Int

    public init(space: SearchSpace, sampler: Sampler, seed: UInt64, batchSize: Int = 4) {
        precondition(batchSize > 0)
        self.space = space
        self.sampler = sampler
        self.seed = seed
        self.batchSize = batchSize
    }

    /// The point of trial `number`, given the trials already evaluated (all of the earlier batches).
    public func propose(trial number: Int, history: [SearchTrial]) -> [SearchValue] {
        var generator = RandomGenerator(seed: seed).stream(for: "trial").stream(for: UInt64(number))
        switch sampler {
        case .random:
            return space.randomPoint(using: &generator)
        case .grid(let steps):
            precondition(number < space.gridSize(steps: steps), "trial \(number) is beyond the grid")
            return space.gridPoint(number, steps: steps)
        case .tpe(let tpe):
            return tpe.propose(in: space, history: history, using: &generator)
        }
    }

    /// Runs `trials` trials, evaluating each batch's proposals on up to `workers` threads with
    /// `objective(trial number, point)` (higher is better). The result does not depend on `workers`.
    public func run(trials: Int, workers: Int = 1,
                    objective: @Sendable (Int, [SearchValue]) -> Double) -> [SearchTrial] {
        var history: [SearchTrial] = []
        history.reserveCapacity(trials)
        var start = 0
        while start < trials {
            let numbers = start..<min(trials, start + batchSize)
            let points = numbers.map { propose(trial: $0, history: history) }
            let scores = UnsafeMutableBufferPointer<Double>.allocate(capacity: points.count)
            defer { scores.deallocate() }
            let slots = Shared(scores.baseAddress!)
            let threads = max(1, min(workers, points.count))
            PackedProduct.parallel(threads) { t in
                var i = t
                while i < points.count {
                    slots.pointer[i] = objective(numbers.lowerBound + i, points[i])
                    i += threads
                }
            }
            for (i, number) in numbers.enumerated() {
                history.append(SearchTrial(number: number, point: points[i], score: scores[i]))
            }
            start = numbers.upperBound
        }
        return history
    }
}
