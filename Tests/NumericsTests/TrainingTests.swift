// Training: whole-network gradients against finite differences, learning on real MNIST to stated accuracies,
// bit-for-bit determinism, the learning-rate search's selection rule, and model descriptions' errors.
import Foundation
import Testing
@testable import Numerics

private let mnist: DataSplits = {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs-src/data/mnist")
    return try! MNIST.load(from: directory)
}()

@Suite struct TrainingTests {
    /// The loss of the whole seed CNN (conv + ReLU, pool, flatten, dense + sigmoid, dense, softmax cross-entropy)
    /// against central differences, for every parameter tensor.
    @Test func wholeNetworkGradientMatchesFiniteDifferences() throws {
        let description = ModelDescription(input: Shape(height: 6, width: 6, channels: 2), layers: [
            .convolution(channels: 3, kernelSize: 3, activation: .relu),
            .maxPool(size: 2),
            .convolution(channels: 2, kernelSize: 3, activation: .tanh),
            .averagePool(size: 3),
            .flatten,
            .dense(units: 5, activation: .sigmoid),
            .dense(units: 4, activation: .identity),
        ], convolutionInitializer: .he(.normal), denseInitializer: .xavier(.normal))
        var network = try description.build(seed: 3)
        var generator = RandomGenerator(seed: 4)
        let input = Matrix.normal(rows: 3, columns: 72, using: &generator)
        let labels = [0, 3, 1]

        func loss(_ network: Sequential) -> Double {
            var copy = network
            return SoftmaxCrossEntropy.forward(logits: copy.forward(input), labels: labels).loss
        }
        let (_, probabilities) = SoftmaxCrossEntropy.forward(logits: network.forward(input), labels: labels)
        var gradient = Matrix(rows: 3, columns: 4)
        SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, into: &gradient)
        network.zeroGradients()
        network.backward(gradient)

        var worst = 0.0, place = "", checked = 0
        let step: Float = 1e-2
        for l in network.layers.indices {
            for p in network.layers[l].parameters.indices {
                for i in network.layers[l].parameters[p].value.elements.indices {
                    var plus = network, minus = network
                    plus.perturb(layer: l, parameter: p, index: i, by: step)
                    minus.perturb(layer: l, parameter: p, index: i, by: -step)
                    let numeric = (loss(plus) - loss(minus)) / (2 * Double(step))
                    let analytic = Double(network.layers[l].parameters[p].gradient.elements[i])
                    // Gradients here are ≲ 0.1, so the absolute error is the fair scale (measured worst: 6e-6; a
                    // kink of ReLU or max-pool inside ±step would show as a larger error at one coordinate).
                    let difference = abs(analytic - numeric)
                    checked += 1
                    if difference > worst { worst = difference; place = "layer \(l) parameter \(p)[\(i)]: \(analytic) vs \(numeric)" }
                }
            }
        }
        #expect(checked == network.parameterCount)
        #expect(worst < 1e-4, "worst absolute difference \(worst) at \(place)")
    }

    /// An MLP (784–100–10, ReLU, He init, Adam) trained on the 2,000 training images beats 87% on the
    /// 10,000 test images within 3 epochs (measured: 89.6%; chance is 10%, the majority class 11.4%).
    @Test func multilayerPerceptronLearnsMNIST() throws {
        let configuration = TrainingConfiguration(
            model: .multilayerPerceptron(hidden: [100], activation: .relu, initializer: .he(.normal)),
            optimizer: .adam(learningRate: 3e-3), epochs: 3, batchSize: 32, testEveryEpoch: false)
        let run = try configuration.run(on: mnist, seed: 1)
        #expect(run.epochs.count == 3 && !run.diverged)
        #expect(run.testAccuracy > 0.87, "\(run.epochs)")
        #expect(run.epochs[0].testAccuracy == nil && run.epochs[2].testAccuracy == run.testAccuracy)
        // The training loss falls every epoch.
        for (a, b) in zip(run.epochs, run.epochs.dropFirst()) { #expect(b.trainLoss < a.trainLoss) }
    }

    /// The seed experiment's CNN with Xavier/He initialization learns. With every weight 0 the convolution's
    /// ReLU outputs stay 0 (so the hidden layer's weights get no gradient) and the 64 sigmoid units stay
    /// identical: the network answers one class for every image, and its accuracy is that class's frequency.
    @Test func seedCNNLearnsAndZeroInitializationDoesNot() throws {
        func accuracy(_ conv: Initializer, _ dense: Initializer) throws -> Double {
            let configuration = TrainingConfiguration(model: .seedCNN(convolution: conv, dense: dense),
                                                      optimizer: .adamW(learningRate: 3e-3), epochs: 2, batchSize: 32,
                                                      testEveryEpoch: false)
            return try configuration.run(on: mnist, seed: 2).testAccuracy
        }
        let good = try accuracy(.he(.normal), .xavier(.uniform))
        let zero = try accuracy(.zeros, .zeros)
        #expect(good > 0.90, "He/Xavier: \(good)")  // measured 91.4%
        let classFrequencies = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009].map { Double($0) / 10000 }
        #expect(classFrequencies.contains(zero), "zeros: \(zero)")
    }

    /// Same configuration and seed → the same bits, whether the runs go one by one or in parallel;
    /// another seed → different weights and curves.
    @Test func trainingIsDeterministic() throws {
        let configuration = TrainingConfiguration(model: .seedCNN(convolution: .he(.uniform), dense: .xavier(.normal), channels: 4, hiddenUnits: 16),
                                                  optimizer: .sgd(learningRate: 0.05, momentum: 0.9), epochs: 2, batchSize: 50,
                                                  trainingExamples: 300, validationExamples: 200, testExamples: 200)
        let serial = try configuration.run(on: mnist, seeds: [7, 8, 7], parallelism: 1)
        let parallel = try configuration.run(on: mnist, seeds: [7, 8, 7], parallelism: 3)
        for (a, b) in zip(serial, parallel) { #expect(a.epochs == b.epochs && a.testAccuracy == b.testAccuracy) }
        #expect(serial[0].epochs == serial[2].epochs)
        #expect(serial[0].epochs != serial[1].epochs)
        var threaded = configuration
        threaded.threads = 2
        #expect(try threaded.run(on: mnist, seed: 7).epochs == serial[0].epochs)
    }

    /// A snapshot of the parameter values (what early stopping keeps) is untouched by later training, and
    /// writing it back gives the network of that moment: the same evaluation, bit for bit.
    @Test func parameterSnapshotRestoresTheWeights() throws {
        var network = try ModelDescription.seedCNN(convolution: .he(.normal), dense: .xavier(.uniform), channels: 8, hiddenUnits: 16).build(seed: 3)
        let train = mnist.train.prefix(64), probe = mnist.validation.evenlySpaced(100)
        var state = OptimizerState(optimizer: .adamW(learningRate: 1e-2), slotSizes: network.parameterSizes)
        var scratch = EpochScratch()
        let shuffles = RandomGenerator(seed: 3).stream(for: "shuffle")
        _ = network.trainEpoch(train, epoch: 1, shuffles: shuffles, batchSize: 16, optimizer: &state, scratch: &scratch)
        let snapshot = network.parameterValues
        let copy = snapshot.map { $0.map { $0.elements } }
        let atSnapshot = network.evaluate(on: probe)
        _ = network.trainEpoch(train, epoch: 2, shuffles: shuffles, batchSize: 16, optimizer: &state, scratch: &scratch)
        #expect(network.evaluate(on: probe).loss != atSnapshot.loss)
        #expect(snapshot.map { $0.map { $0.elements } } == copy)
        network.parameterValues = snapshot
        let restored = network.evaluate(on: probe)
        #expect(restored.loss.bitPattern == atSnapshot.loss.bitPattern && restored.accuracy == atSnapshot.accuracy)
    }

    /// The search trains every rate × seed, selects the best mean validation accuracy (test accuracy plays no
    /// part) and a too-large rate loses.
    @Test func learningRateSearchSelectsOnValidation() throws {
        let configuration = TrainingConfiguration(model: .multilayerPerceptron(hidden: [32], activation: .relu, initializer: .he(.normal)),
                                                  optimizer: .adamW(learningRate: 1), epochs: 1, batchSize: 32,
                                                  trainingExamples: 500, validationExamples: 500, testExamples: 500)
        let search = LearningRateSearch(candidates: .grid([1e-4, 3e-3, 3]), seeds: [1, 2])
        let result = try configuration.searchLearningRate(search, on: mnist, parallelism: 2)
        #expect(result.trials.map(\.learningRate) == [1e-4, 3e-3, 3])
        #expect(result.trials.allSatisfy { $0.runs.map(\.seed) == [1, 2] })
        let best = result.trials.indices.max { result.trials[$0].meanValidationAccuracy < result.trials[$1].meanValidationAccuracy }!
        #expect(result.bestIndex == best)
        #expect(result.best.learningRate == 3e-3, "\(result.trials.map { ($0.learningRate, $0.meanValidationAccuracy) })")
    }

    /// Log-uniform candidates: inside the range, reproducible, spread over the decades.
    @Test func logUniformCandidates() throws {
        let search = LearningRateSearch(candidates: .logUniform(lower: 5e-4, upper: 1e-2, count: 200, seed: 3))
        let rates = try search.rates()
        #expect(rates == (try search.rates()))
        #expect(rates.allSatisfy { $0 >= 5e-4 && $0 <= 1e-2 })
        // log-uniform: the geometric midpoint √(5e-4 · 1e-2) ≈ 2.24e-3 splits the draws about evenly (binomial sd ≈ 7).
        let below = rates.filter { $0 < 2.236e-3 }.count
        #expect(abs(below - 100) < 30, "\(below) of 200 below the geometric midpoint")
    }

    /// A learning rate far too large for a linear network: the logits overflow float32, the loss becomes NaN,
    /// the run says so and stops, and its accuracy is measured honestly (NaN logits predict nothing).
    @Test func divergenceIsReported() throws {
        let configuration = TrainingConfiguration(model: .multilayerPerceptron(hidden: [32], activation: .identity, initializer: .he(.normal)),
                                                  optimizer: .sgd(learningRate: 1e9), epochs: 5, batchSize: 50,
                                                  trainingExamples: 500, validationExamples: 200, testExamples: 200)
        let run = try configuration.run(on: mnist, seed: 1)
        #expect(run.diverged)
        #expect(run.epochs.count < 5 && !run.epochs.last!.trainLoss.isFinite)
        #expect(run.testAccuracy < 0.2 && run.epochs.last!.testAccuracy == run.testAccuracy)
        let healthy = try TrainingConfiguration(model: configuration.model, optimizer: .sgd(learningRate: 0.05), epochs: 1,
                                                trainingExamples: 500, validationExamples: 200, testExamples: 200).run(on: mnist, seed: 1)
        #expect(!healthy.diverged)
    }

    /// Descriptions that cannot be built say which layer and why, instead of trapping.
    @Test(arguments: [
        ([LayerDescription.dense(units: 10, activation: .identity)], "layer 1: a dense layer needs a vector input, got 28×28×1: add `flatten` before it"),
        ([.convolution(channels: 0, activation: .relu)], "layer 1: a convolution needs at least 1 channel, got 0"),
        ([.convolution(channels: 4, kernelSize: 4, activation: .relu)], "layer 1: kernel size must be odd and positive (\"same\" padding), got 4"),
        ([.maxPool(size: 2), .maxPool(size: 2), .maxPool(size: 2), .maxPool(size: 4)], "layer 4: a 4×4 pooling window does not fit the 3×3×1 input"),
        ([.flatten, .dense(units: 100_000, activation: .relu)], "layer 2: the model exceeds the limit of 4000000 parameters"),
        ([], "a model needs 1...64 layers, got 0"),
        ([.convolution(channels: 400, activation: .relu)], "layer 1: output 28×28×400 exceeds the limit of 262144 features per example"),
        ([.convolution(channels: 64, activation: .relu), .convolution(channels: 8, kernelSize: 5, activation: .relu)],
         "layer 2: a 5×5 convolution of a 28×28×64 input exceeds the limit of 524288 im2col values per example"),
    ])
    func invalidDescriptions(layers: [LayerDescription], message: String) {
        let description = ModelDescription(input: Shape(height: 28, width: 28, channels: 1), layers: layers)
        #expect(throws: ModelDescriptionError.self) { try description.validate() }
        do { try description.validate() } catch { #expect("\(error)" == message) }
    }

    @Test func invalidConfigurations() throws {
        let model = ModelDescription.seedCNN(convolution: .he(.normal), dense: .xavier(.uniform), classes: 7)
        let wrongClasses = TrainingConfiguration(model: model)
        #expect(throws: ModelDescriptionError(layer: nil, message: "the last layer must output 10 logits (one per class), it outputs 7")) {
            try wrongClasses.run(on: mnist, seed: 1)
        }
        var zeroEpochs = TrainingConfiguration(model: .seedCNN(convolution: .he(.normal), dense: .xavier(.uniform)))
        zeroEpochs.epochs = 0
        #expect(throws: ModelDescriptionError.self) { try zeroEpochs.run(on: mnist, seed: 1) }
        var badRate = zeroEpochs
        badRate.epochs = 1
        badRate.optimizer = .adam(learningRate: .nan)
        #expect(throws: ModelDescriptionError.self) { try badRate.run(on: mnist, seed: 1) }
        let empty = LabeledImages(height: 28, width: 28, pixels: [], labels: [], classCount: 10)
        let noTest = DataSplits(train: mnist.train, validation: mnist.validation, test: empty)
        #expect(throws: ModelDescriptionError(layer: nil, message: "every split needs at least one image (train 2000, validation 2000, test 0)")) {
            try wrongClasses.run(on: noTest, seed: 1)
        }
        #expect(ModelDescription.seedCNN(convolution: .zeros, dense: .zeros).layers.count == 5)
        #expect(try ModelDescription.seedCNN(convolution: .zeros, dense: .zeros).build(seed: 1).parameterCount == 101_146)
    }

    /// Fisher–Yates with our bounded integers: a permutation, reproducible, and each element equally likely in
    /// each place (chi-square over 6,000 shuffles of 6 elements, 25 degrees of freedom: 99.9% quantile 52.6).
    @Test func shuffleIsUniform() {
        var generator = RandomGenerator(seed: 99)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 6), count: 6)
        for _ in 0..<6000 {
            let order = generator.permutation(of: 6)
            #expect(order.sorted() == Array(0..<6))
            for (place, element) in order.enumerated() { counts[element][place] += 1 }
        }
        let chiSquare = counts.joined().reduce(0.0) { $0 + pow(Double($1) - 1000, 2) / 1000 }
        #expect(chiSquare < 52.6, "chi-square \(chiSquare)")
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        #expect(a.permutation(of: 1000) == b.permutation(of: 1000))
    }
}

extension Sequential {
    /// Adds `delta` to one parameter (for finite differences).
    mutating func perturb(layer: Int, parameter: Int, index: Int, by delta: Float) {
        var layers = self.layers
        layers[layer].parameters[parameter].value.elements[index] += delta
        self = Sequential(layers)
    }
}
