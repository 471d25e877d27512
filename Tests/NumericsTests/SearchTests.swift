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
