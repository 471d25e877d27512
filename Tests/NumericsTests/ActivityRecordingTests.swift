// Activation statistics during training (Glorot & Bengio's Figures 2–4), against a case small enough to compute by
// hand: constant weights and four 2 × 2 validation images whose pixels sum to −1.5, −0.5, 0.5 and 1.5.
import Testing
@testable import Numerics

private func images(_ sums: [Float], labels: [Int]) -> LabeledImages {
    LabeledImages(height: 2, width: 2, pixels: sums.flatMap { [Float](repeating: $0 / 4, count: 4) }, labels: labels, classCount: 2)
}

private let data = DataSplits(train: images([1, -1, 2, -2, 0.5], labels: [0, 1, 0, 1, 0]),
                              validation: images([-1.5, -0.5, 0.5, 1.5], labels: [1, 1, 0, 0]),
                              test: images([1, -1], labels: [0, 1]))

private func configuration(_ activation: Activation, _ weight: Double, hidden: [Int], record: Int?) -> TrainingConfiguration {
    TrainingConfiguration(model: .multilayerPerceptron(input: Shape(height: 2, width: 2, channels: 1), hidden: hidden, activation: activation,
                                                       initializer: .constant(weight), classes: 2),
                          optimizer: .sgd(learningRate: 0.1, momentum: 0), epochs: 2, batchSize: 2, recordActivityEvery: record)
}

@Suite struct ActivityRecordingTests {
    /// At initialization a sigmoid unit of the first layer computes σ(0.5 · s) for the pixel sum s; the second
    /// layer σ(0.5 · 3 · σ(0.5 · s)). Values from NumPy (float64; the engine is float32, hence the tolerance).
    @Test func initialStatisticsMatchTheHandComputedValues() throws {
        let run = try configuration(.sigmoid, 0.5, hidden: [3, 2], record: 2).run(on: data, seed: 1)
        let start = try #require(run.activity.first)
        #expect(start.step == 0 && start.epochEnd == nil && start.layers.count == 2)
        #expect(abs(start.layers[0].mean - 0.5) < 1e-6)
        #expect(abs(start.layers[0].std - 0.13410988684766612) < 1e-6)
        #expect(abs(start.layers[1].mean - 0.6776125729356058) < 1e-6)
        #expect(abs(start.layers[1].std - 0.043703462610918606) < 1e-6)
        #expect(start.layers.allSatisfy { $0.saturated == 0 && $0.inactive == nil })
    }

    /// ReLU: 0.5 · s is negative for half the images, so half the activations are exactly 0; a sigmoid with weights
    /// of 10 sits within 0.01 of 0 or 1 on every image (σ(±5) = 0.0067 / 0.9933, σ(±15) further out).
    @Test func inactiveAndSaturatedShares() throws {
        let relu = try configuration(.relu, 0.5, hidden: [3], record: 2).run(on: data, seed: 1)
        #expect(relu.activity[0].layers[0].inactive == 0.5 && relu.activity[0].layers[0].saturated == nil)
        let steep = try configuration(.sigmoid, 10, hidden: [3], record: 2).run(on: data, seed: 1)
        #expect(steep.activity[0].layers[0].saturated == 1)
    }

    /// 5 training images in batches of 2 make 3 steps per epoch: records at step 0, every 2 steps and at each epoch's
    /// end (one record where both fall on the same step).
    @Test func recordsFallOnTheStepsAndEpochEnds() throws {
        let run = try configuration(.tanh, 0.3, hidden: [3], record: 2).run(on: data, seed: 1)
        #expect(run.activity.map(\.step) == [0, 2, 3, 4, 6])
        #expect(run.activity.map(\.epochEnd) == [nil, nil, 1, nil, 2])
    }

    /// Recording reads a copy of the network: the training is the same bits with or without it.
    @Test func recordingNeverChangesTraining() throws {
        let recorded = try configuration(.tanh, 0.3, hidden: [3, 3], record: 1).run(on: data, seed: 4)
        let plain = try configuration(.tanh, 0.3, hidden: [3, 3], record: nil).run(on: data, seed: 4)
        #expect(recorded.epochs == plain.epochs && recorded.testAccuracy == plain.testAccuracy)
        #expect(plain.activity.isEmpty && recorded.activity.count == 7)
    }
}
