// A hyperparameter search: a mixed space (categorical choices, continuous ranges on a linear or log scale),
// a sampler that proposes points (random, grid, or TPE — TreeParzen.swift), and a driver that evaluates
// proposals in fixed batches.
//
// Conditional parameters (Optuna's define-by-run `if init == "gaussian": suggest std`): a parameter may exist only when
// an earlier categorical parameter takes one value; in the other trials its value is `.inactive`.
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

/// A parameter's value in one trial: a category's index, a number, or nothing (a conditional parameter whose
/// condition the trial does not meet).
public enum SearchValue: Sendable, Hashable {
    case category(Int)
    case number(Double)
    case inactive

    public var category: Int? { if case .category(let i) = self { i } else { nil } }
    public var number: Double? { if case .number(let x) = self { x } else { nil } }
}

/// When a conditional parameter exists: when the categorical parameter at index `parameter` takes `category`.
public struct SearchCondition: Sendable, Hashable {
    public var parameter: Int
    public var category: Int
    public init(parameter: Int, category: Int) {
        self.parameter = parameter
        self.category = category
    }
}

/// The searched parameters, in a fixed order (the order of `SearchValue`s in a point).
public struct SearchSpace: Sendable, Equatable {
    public var names: [String]
    public var dimensions: [SearchDimension]
    /// Per parameter, the condition under which it exists (nil: always).
    public var conditions: [SearchCondition?]

    public init(_ parameters: [(name: String, dimension: SearchDimension)]) {
        self.init(conditional: parameters.map { ($0.name, $0.dimension, nil) })
    }

    /// A space with conditional parameters; a condition names an earlier, unconditional categorical parameter.
    public init(conditional parameters: [(name: String, dimension: SearchDimension, condition: SearchCondition?)]) {
        names = parameters.map(\.name)
        dimensions = parameters.map(\.dimension)
        conditions = parameters.map(\.condition)
        precondition(dimensions.allSatisfy { $0.problem == nil }, "invalid search space: validate dimensions first")
        for (d, condition) in conditions.enumerated() {
            guard let condition else { continue }
            guard condition.parameter < d, conditions[condition.parameter] == nil,
                  case .categorical(let values) = dimensions[condition.parameter], values.indices.contains(condition.category) else {
                preconditionFailure("parameter \(d)'s condition must name an earlier, unconditional categorical parameter and one of its values")
            }
        }
    }

    /// Whether parameter `d` exists in a point (its condition, if any, holds).
    public func isActive(_ d: Int, in point: [SearchValue]) -> Bool {
        guard let condition = conditions[d] else { return true }
        return point[condition.parameter].category == condition.category
    }

    /// A point drawn uniformly (in each continuous parameter's scale); conditional parameters only when active.
    func randomPoint(using generator: inout RandomGenerator) -> [SearchValue] {
        var point: [SearchValue] = []
        for (d, dimension) in dimensions.enumerated() {
            guard isActive(d, in: point) else { point.append(.inactive); continue }
            switch dimension {
            case .categorical(let values):
                point.append(.category(Int(generator.next() % UInt64(values.count))))
            case .continuous(let lower, let upper, let log):
                point.append(.number(Self.uniform(lower, upper, log: log, using: &generator)))
            }
        }
        return point
    }

    /// A number drawn uniformly in lower…upper, or in its logarithm.
    static func uniform(_ lower: Double, _ upper: Double, log: Bool, using generator: inout RandomGenerator) -> Double {
        if !log { return generator.uniform(lower, upper) }
        let u = generator.uniform(Elementary.log(lower), Elementary.log(upper))
        return min(upper, max(lower, Elementary.exp(u)))
    }

    /// Grid values per parameter choice: a categorical parameter's value `c` stands for the product of the `steps`
    /// of the continuous parameters that exist only under it (1 when none do); an unconditional continuous
    /// parameter has `steps` values; a conditional one is counted under its category.
    private func options(_ d: Int, steps: Int) -> [Int] {
        switch dimensions[d] {
        case .categorical(let values):
            return values.indices.map { c in
                conditions.indices.reduce(1) { n, e in conditions[e] == SearchCondition(parameter: d, category: c) ? n * steps : n }
            }
        case .continuous:
            return conditions[d] == nil ? [steps] : []
        }
    }

    /// The number of grid points with `steps` values per continuous parameter (conditional ones only where they exist).
    public func gridSize(steps: Int) -> Int {
        dimensions.indices.reduce(1) { size, d in
            let counts = options(d, steps: steps)
            return counts.isEmpty ? size : size * counts.reduce(0, +)
        }
    }

    /// Grid point `index` (0 ≤ index < gridSize): the last parameter varies fastest; continuous parameters
    /// take `steps` evenly spaced values (in their scale) from lower to upper inclusive; a conditional parameter's
    /// values follow its category's.
    func gridPoint(_ index: Int, steps: Int) -> [SearchValue] {
        var rest = index
        var point = [SearchValue](repeating: .inactive, count: dimensions.count)
        func value(_ d: Int, step: Int) -> SearchValue {
            guard case .continuous(let lower, let upper, let log) = dimensions[d] else { preconditionFailure() }
            let fraction = steps == 1 ? 0.5 : Double(step) / Double(steps - 1)
            guard log else { return .number(lower + (upper - lower) * fraction) }
            let (a, b) = (Elementary.log(lower), Elementary.log(upper))
            return .number(step == 0 ? lower : step == steps - 1 ? upper : Elementary.exp(a + (b - a) * fraction))
        }
        for d in dimensions.indices.reversed() {
            let counts = options(d, steps: steps)
            if counts.isEmpty { continue }
            var k = rest % counts.reduce(0, +)
            rest /= counts.reduce(0, +)
            switch dimensions[d] {
            case .continuous:
                point[d] = value(d, step: k)
            case .categorical:
                var c = 0
                while k >= counts[c] { k -= counts[c]; c += 1 }
                point[d] = .category(c)
                // The conditional parameters under c, the last fastest.
                for e in conditions.indices.reversed() where conditions[e] == SearchCondition(parameter: d, category: c) {
                    point[e] = value(e, step: k % steps)
                    k /= steps
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
