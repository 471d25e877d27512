// Hyperparameter search: the same trials at any number of workers, the grid in order, the bad-input
// checks, and TPE against random search on a cheap objective with a known optimum (Bergstra et al. 2011
// report TPE ahead of random search; here averaged over many seeds).
import Testing
@testable import Numerics

private let space = SearchSpace([
    ("init", .categorical(["a", "b", "c", "d", "e", "f", "g"])),
    ("lr", .continuous(lower: 1e-4, upper: 1, log: true)),
    ("x", .continuous(lower: -5, upper: 5, log: false)),
])

/// Maximum 0 at init "e", lr = 10⁻², x = 1.3.
private func synthetic(_ point: [SearchValue]) -> Double {
    let lr = Elementary.log(point[1].number!) / Elementary.log(10)
    let x = point[2].number!
    return -((lr + 2) * (lr + 2) + (x - 1.3) * (x - 1.3) / 4 + (point[0].category! == 4 ? 0 : 1))
}

@Suite struct SearchTests {
    @Test(arguments: [Sampler.random, .tpe(TreeParzen())])
    func sameTrialsAtAnyWorkerCount(sampler: Sampler) {
        let search = HyperparameterSearch(space: space, sampler: sampler, seed: 5)
        let one = search.run(trials: 30, workers: 1) { _, p in synthetic(p) }
        for workers in [2, 3, 8] {
            #expect(search.run(trials: 30, workers: workers) { _, p in synthetic(p) } == one)
        }
        #expect(one.map(\.number) == Array(0..<30))
        #expect(Set(one.map { $0.point }).count == 30)
    }

    @Test func pointsStayInTheirRanges() {
        let trials = HyperparameterSearch(space: space, sampler: .tpe(TreeParzen()), seed: 1).run(trials: 60) { _, p in synthetic(p) }
        for trial in trials {
            #expect((0..<7).contains(trial.point[0].category!))
            #expect(trial.point[1].number! >= 1e-4 && trial.point[1].number! <= 1)
            #expect(trial.point[2].number! >= -5 && trial.point[2].number! <= 5)
        }
    }

    @Test func tpeBeatsRandomSearchOnAverage() {
        var tpeBest = 0.0, randomBest = 0.0, tpeWins = 0
        let seeds = 40
        for seed in 1...seeds {
            let tpe = HyperparameterSearch(space: space, sampler: .tpe(TreeParzen()), seed: UInt64(seed))
                .run(trials: 100) { _, p in synthetic(p) }.map(\.score).max()!
            let random = HyperparameterSearch(space: space, sampler: .random, seed: UInt64(seed))
                .run(trials: 100) { _, p in synthetic(p) }.map(\.score).max()!
            tpeBest += tpe / Double(seeds)
            randomBest += random / Double(seeds)
            if tpe > random { tpeWins += 1 }
        }
        // 100 trials, as the course's study. Regret (distance from the optimum 0): TPE's must be clearly
        // smaller (measured: a quarter of random search's; TPE ahead on 33 of 40 seeds; at 30 trials the
        // start-up phase dominates and the two are close).
        #expect(-tpeBest < 0.5 * -randomBest, "mean best: TPE \(tpeBest), random \(randomBest)")
        #expect(tpeWins > seeds * 2 / 3, "TPE won \(tpeWins) of \(seeds)")
    }

    @Test func tpeSplitAndWeightsFollowOptunasDefaults() {
        #expect([1, 10, 11, 100, 250, 1000].map(TreeParzen.goodCount) == [1, 1, 2, 10, 25, 25])
        #expect(TreeParzen.observationWeights(3) == [1, 1, 1])
        let w = TreeParzen.observationWeights(30)
        #expect(w.count == 30 && w[0] == 1.0 / 30 && w[4] == 1 && w[5...].allSatisfy { $0 == 1 })
    }

    @Test func gridEnumeratesEveryPointInOrder() {
        let grid = SearchSpace([("a", .categorical(["x", "y"])), ("lr", .continuous(lower: 1e-3, upper: 1e-1, log: true))])
        #expect(grid.gridSize(steps: 3) == 6)
        let trials = HyperparameterSearch(space: grid, sampler: .grid(steps: 3), seed: 1).run(trials: 6) { _, _ in 0 }
        #expect(trials.map { $0.point[0].category! } == [0, 0, 0, 1, 1, 1])
        let rates = trials.prefix(3).map { $0.point[1].number! }
        #expect(rates[0] == 1e-3 && rates[2] == 1e-1 && abs(rates[1] - 1e-2) < 1e-15)
    }

    @Test func failedTrialsRankLast() {
        let trials = HyperparameterSearch(space: space, sampler: .tpe(TreeParzen(startupTrials: 4)), seed: 2, batchSize: 2)
            .run(trials: 20) { n, p in n % 3 == 0 ? .nan : synthetic(p) }
        #expect(trials.count == 20 && trials.filter { $0.score.isNaN }.count == 7)
    }

    @Test func badDimensionsAreExplained() {
        #expect(SearchDimension.categorical(["he-normal"]).problem?.contains("at least two values") == true)
        #expect(SearchDimension.continuous(lower: 1, upper: 1, log: false).problem?.contains("empty") == true)
        #expect(SearchDimension.continuous(lower: 0, upper: 1, log: true).problem?.contains("positive") == true)
        #expect(SearchDimension.continuous(lower: 1e-3, upper: 1e-2, log: true).problem == nil)
    }
}

/// Seed 003's shape: a categorical choice whose "gaussian" value has its own std (a conditional parameter).
@Suite struct ConditionalSearchTests {
    let space = SearchSpace(conditional: [
        ("init", .categorical(["zeros", "gaussian", "xavier"]), nil),
        ("lr", .continuous(lower: 1e-3, upper: 1e-1, log: true), nil),
        ("std", .continuous(lower: 1e-3, upper: 1e-1, log: true), SearchCondition(parameter: 0, category: 1)),
    ])

    /// Best at the Gaussian with std = 10⁻² (score 0); xavier scores −1.5, zeros −3.
    func objective(_ point: [SearchValue]) -> Double {
        switch point[0].category! {
        case 1:
            let s = Elementary.log(point[2].number!) / Elementary.log(10)
            return -(s + 2) * (s + 2)
        case 2: return -1.5
        default: return -3
        }
    }

    @Test(arguments: [Sampler.random, .tpe(TreeParzen())])
    func theStdExistsExactlyWhenTheGaussianIsChosen(sampler: Sampler) {
        let trials = HyperparameterSearch(space: space, sampler: sampler, seed: 3).run(trials: 60) { _, p in objective(p) }
        for trial in trials {
            if trial.point[0].category == 1 {
                let std = trial.point[2].number
                #expect(std != nil && std! >= 1e-3 && std! <= 1e-1)
            } else {
                #expect(trial.point[2] == .inactive)
            }
        }
        #expect(trials.contains { $0.point[0].category == 1 } && trials.contains { $0.point[0].category != 1 })
    }

    @Test func sameTrialsAtAnyWorkerCount() {
        let search = HyperparameterSearch(space: space, sampler: .tpe(TreeParzen()), seed: 9)
        let one = search.run(trials: 40, workers: 1) { _, p in objective(p) }
        for workers in [2, 5] { #expect(search.run(trials: 40, workers: workers) { _, p in objective(p) } == one) }
    }

    /// TPE models the std from the Gaussian trials alone: late proposals crowd around the optimum 10⁻², and beat
    /// random search's best on most seeds.
    @Test func tpeLearnsTheConditionalStd() {
        var tpeRegret = 0.0, randomRegret = 0.0, late = 0, lateGaussian = 0, nearOptimum = 0
        for seed in 1...20 {
            let tpe = HyperparameterSearch(space: space, sampler: .tpe(TreeParzen()), seed: UInt64(seed)).run(trials: 60) { _, p in objective(p) }
            let random = HyperparameterSearch(space: space, sampler: .random, seed: UInt64(seed)).run(trials: 60) { _, p in objective(p) }
            tpeRegret -= tpe.map(\.score).max()! / 20
            randomRegret -= random.map(\.score).max()! / 20
            let gaussian = tpe.suffix(30).filter { $0.point[0].category == 1 }
            late += 30
            lateGaussian += gaussian.count
            nearOptimum += gaussian.filter { abs(Elementary.log($0.point[2].number!) - Elementary.log(1e-2)) < Elementary.log(2) }.count
        }
        // Random search puts a third of its trials on the Gaussian and a sixth of those within a factor 2 of 10⁻².
        #expect(lateGaussian * 2 > late, "\(lateGaussian) of \(late) late trials on the Gaussian")
        #expect(nearOptimum * 2 > lateGaussian, "\(nearOptimum) of \(lateGaussian) late Gaussian trials within a factor 2 of 0.01")
        #expect(tpeRegret < 0.5 * randomRegret, "mean regret: TPE \(tpeRegret), random \(randomRegret)")
    }

    @Test func gridGivesTheStdItsStepsUnderTheGaussianOnly() {
        // init × lr: zeros 1 + gaussian 3 (std steps) + xavier 1 = 5 choices, times 3 rates.
        #expect(space.gridSize(steps: 3) == 15)
        let points = (0..<15).map { space.gridPoint($0, steps: 3) }
        #expect(Set(points).count == 15)
        let gaussian = points.filter { $0[0].category == 1 }
        #expect(gaussian.count == 9 && Set(gaussian.map { $0[2] }).count == 3)
        #expect(points.filter { $0[0].category != 1 }.allSatisfy { $0[2] == .inactive })
    }

    @Test func importanceOfTheStdIsAmongTheTrialsThatHaveIt() {
        let points: [[SearchValue]] = [[.category(0), .number(0.01), .inactive], [.category(1), .number(0.01), .number(0.001)],
                                       [.category(1), .number(0.01), .number(0.1)], [.category(0), .number(0.02), .inactive]]
        let shares = space.importance(of: points, scores: [0, 0.2, 0.8, 0], bins: 2)
        // Among the two Gaussian trials the std explains everything; init splits 0, 0 from 0.2, 0.8.
        #expect(shares[2] == 1)
        // init: group means 0 and 0.5 around the mean 0.25: between 0.25, total 0.43 → η² = 0.25 / 0.43 (by hand).
        #expect(abs(shares[0] - 0.25 / 0.43) < 1e-12, "\(shares)")
    }
}
