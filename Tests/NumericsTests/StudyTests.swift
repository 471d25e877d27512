// The study: a small TPE study of the seed CNN on the committed MNIST subset, the same trials at any number
// of workers, early stopping within its patience, the trial split choosing and the test only reported; and the
// variance decomposition behind the importance chart on scores with known structure.
import Foundation
import Testing
@testable import Numerics

private let data: StudyData = {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs-src/data/mnist")
    let trial = try! MNIST.readSplit(images: directory.appendingPathComponent("trial-images-idx3-ubyte"),
                                     labels: directory.appendingPathComponent("trial-labels-idx1-ubyte"))
    return StudyData(splits: try! MNIST.load(from: directory), trial: trial.evenlySpaced(300))
}()

private let initializers: [Initializer] = [.zeros, .he(.normal), .xavier(.uniform)]

private func study(trials: Int) -> StudyConfiguration {
    let space = SearchSpace([
        ("conv-init", .categorical(initializers.map(\.identifier))),
        ("fc-init", .categorical(initializers.map(\.identifier))),
        ("lr", .continuous(lower: 5e-4, upper: 1e-2, log: true)),
    ])
    return StudyConfiguration(search: HyperparameterSearch(space: space, sampler: .tpe(TreeParzen(startupTrials: 3)), seed: 3, batchSize: 2),
                              trials: trials, patience: 2) { point in
        TrainingConfiguration(model: .seedCNN(convolution: initializers[point[0].category!], dense: initializers[point[1].category!]),
                              optimizer: .adamW(learningRate: Float(point[2].number!)), epochs: 6, batchSize: 32,
                              trainingExamples: 300, validationExamples: 200, testExamples: 300)
    }
}

@Suite struct StudyTests {
    @Test func sameStudyAtAnyWorkerCountWithEarlyStopping() throws {
        let configuration = study(trials: 6)
        let one = try configuration.run(on: data, workers: 1)
        let two = try configuration.run(on: data, workers: 2)
        #expect(one.trials == two.trials)
        #expect(one.trials.map(\.number) == Array(0..<6))
        for trial in one.trials {
            #expect(trial.epochsRun == trial.epochs.count && trial.bestEpoch >= 1 && trial.bestEpoch <= trial.epochsRun)
            // Stopped at the limit, or exactly `patience` epochs after the best one.
            #expect(trial.epochsRun == 6 || trial.epochsRun - trial.bestEpoch == 2 || trial.diverged)
            #expect(trial.validationAccuracy == trial.epochs[trial.bestEpoch - 1].validationAccuracy)
            #expect(trial.epochs.allSatisfy { $0.testAccuracy == nil })  // the test is not looked at per epoch
        }
        let best = one.best
        #expect(one.trials.allSatisfy { $0.score <= best.score })
        #expect(best.score > 0.5 && best.testAccuracy > 0.5, "best \(best.score), test \(best.testAccuracy)")
    }

    @Test func aConfigurationThatDoesNotFitIsAnError() {
        var configuration = study(trials: 2)
        configuration.configure = { _ in TrainingConfiguration(model: .seedCNN(convolution: .zeros, dense: .zeros), epochs: 0) }
        #expect(throws: ModelDescriptionError.self) { try configuration.run(on: data) }
    }

    @Test func importanceIsTheShareOfVarianceEachParameterExplains() {
        let space = SearchSpace([("a", .categorical(["x", "y", "z"])), ("b", .continuous(lower: 0, upper: 1, log: false))])
        var generator = RandomGenerator(seed: 4)
        let points = (0..<200).map { _ in space.randomPoint(using: &generator) }
        // The score depends on a only: a explains everything, b (independent of a) almost nothing.
        let onlyA = points.map { Double($0[0].category!) }
        let importance = space.importance(of: points, scores: onlyA)
        #expect(abs(importance[0] - 1) < 1e-12 && importance[1] < 0.05, "\(importance)")
        // Depending on b only, in steps that match the four equal-count bins' ranks: b explains most.
        let onlyB = points.map { $0[1].number! }
        let other = space.importance(of: points, scores: onlyB)
        #expect(other[1] > 0.9 && other[0] < 0.05, "\(other)")
        #expect(space.importance(of: points, scores: points.map { _ in 0.5 }) == [0, 0])
    }
}

@Suite struct SaturationTests {
    /// Constant 0.5 dense weights sum 1,568 non-negative inputs: the sigmoid layer starts (almost) fully
    /// saturated; Xavier keeps it in its linear range; a network without a bounded hidden activation has none.
    @Test func constantDenseWeightsSaturateTheSigmoidLayer() throws {
        let images = data.splits.train
        let constant = try ModelDescription.seedCNN(convolution: .he(.normal), dense: .constant(0.5)).saturationAtInitialization(seed: 1, on: images, examples: 100)
        let xavier = try ModelDescription.seedCNN(convolution: .he(.normal), dense: .xavier(.uniform)).saturationAtInitialization(seed: 1, on: images, examples: 100)
        #expect(try #require(constant) > 0.95 && (try #require(xavier)) < 0.05, "constant \(String(describing: constant)), xavier \(String(describing: xavier))")
        let relu = ModelDescription.multilayerPerceptron(hidden: [32], activation: .relu, initializer: .he(.normal))
        #expect(try relu.saturationAtInitialization(seed: 1, on: images) == nil)
    }
}
