// The symmetry facts: constant initialization keeps every hidden unit a copy of the others (one distinct
// unit, weight matrix of rank 1) through training; random initialization gives full rank from step 0; with
// all weights 0 no gradient reaches the layers below the last. Plus the rank itself against NumPy.
import Foundation
import Testing
@testable import Numerics

private let train: LabeledImages = {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs-src/data/mnist")
    return try! MNIST.readSplit(images: directory.appendingPathComponent("train-images-idx3-ubyte"),
                                labels: directory.appendingPathComponent("train-labels-idx1-ubyte")).prefix(500)
}()

@Suite struct SymmetryProbeTests {
    static func probe(_ initializer: Initializer, _ activation: Activation, steps: Int = 12) throws -> SymmetryReport {
        let model = ModelDescription.multilayerPerceptron(hidden: [16, 12], activation: activation, initializer: initializer)
        return try SymmetryProbe(model: model, optimizer: .sgd(learningRate: 0.5, momentum: 0.9), steps: steps, batchSize: 20)
            .run(on: train, seed: 1)
    }

    @Test(arguments: [Activation.tanh, .sigmoid, .relu])
    func constantInitializationKeepsUnitsIdentical(activation: Activation) throws {
        let report = try Self.probe(.constant(0.05), activation)
        #expect(report.layers.map(\.name) == ["dense 16 + \(activation.identifier)", "dense 12 + \(activation.identifier)", "dense 10 + identity"])
        for layer in report.layers.prefix(2) {
            #expect(layer.distinctUnits == [Int](repeating: 1, count: 13), "\(layer.name): \(layer.distinctUnits)")
            #expect(layer.rank == [Int](repeating: 1, count: 13), "\(layer.name): \(layer.rank)")
        }
        // The hidden layers do learn (the same step for every unit), so the symmetry is not mere stillness.
        // (The identical ReLU units die together at this learning rate: a copy of one dead unit is dead too.)
        if activation != .relu { #expect(report.layers[0].gradientNorm.last! > 0) }
        #expect(report.layers[0].gradientNorm[0] > 0)
        // The output units tell classes apart, but each sees 12 identical inputs: rank 1.
        #expect(report.layers[2].rank.dropFirst().allSatisfy { $0 == 1 })
        #expect(report.layers[2].distinctUnits.last! == 10)
        #expect(report.losses.count == 12 && report.losses.allSatisfy(\.isFinite))
    }

    @Test func randomInitializationBreaksSymmetry() throws {
        let report = try Self.probe(.xavier(.normal), .tanh)
        let expected = [(16, 16), (12, 12), (10, 10)]  // (units, rank = min(units, fan-in))
        for (layer, (units, rank)) in zip(report.layers, expected) {
            #expect(layer.distinctUnits.allSatisfy { $0 == units } && layer.rank.allSatisfy { $0 == rank }, "\(layer.name)")
        }
        #expect(report.losses.last! < report.losses.first!)
    }

    /// All weights 0: at the first step only the output layer has a gradient; with tanh (tanh 0 = 0) even that is
    /// only the output bias, so the hidden layers never move.
    @Test func zeroWeightsStopTheGradient() throws {
        for activation in [Activation.tanh, .sigmoid] {
            let report = try Self.probe(.zeros, activation)
            #expect(report.layers[0].gradientNorm[0] == 0 && report.layers[1].gradientNorm[0] == 0, "\(activation)")
            #expect(report.layers[2].gradientNorm[0] > 0)
            #expect(report.layers[0].rank[0] == 0)
        }
        let tanh = try Self.probe(.zeros, .tanh)
        #expect(tanh.layers[0].gradientNorm.allSatisfy { $0 == 0 } && tanh.layers[1].gradientNorm.allSatisfy { $0 == 0 })
        #expect(tanh.layers[0].rank.allSatisfy { $0 == 0 } && tanh.layers[2].rank.allSatisfy { $0 == 0 })
    }

    /// Convolution channels are units too: with constant kernels and constant dense weights above them the
    /// channels stay identical; a random layer above gives each channel its own gradient from the first step.
    @Test func convolutionChannelsFollowTheLayerAbove() throws {
        func probe(dense: Initializer) throws -> SymmetryReport {
            let model = ModelDescription.seedCNN(convolution: .constant(0.1), dense: dense, channels: 4, hiddenUnits: 8)
            return try SymmetryProbe(model: model, optimizer: .adamW(learningRate: 1e-2), steps: 5, batchSize: 10).run(on: train, seed: 2)
        }
        let symmetric = try probe(dense: .constant(0.02))
        #expect(symmetric.layers[0].name == "conv 3×3×4 + relu")
        #expect(symmetric.layers[0].distinctUnits == [1, 1, 1, 1, 1, 1] && symmetric.layers[0].rank == [1, 1, 1, 1, 1, 1])
        #expect(symmetric.layers[1].distinctUnits == [1, 1, 1, 1, 1, 1])
        let broken = try probe(dense: .xavier(.uniform))
        #expect(broken.layers[0].distinctUnits == [1, 4, 4, 4, 4, 4], "\(broken.layers[0].distinctUnits)")
        #expect(broken.layers[0].rank.last! > 1)
    }

    /// Singular values and rank against NumPy (`numpy.linalg.svd`, `matrix_rank` on float32) and exact cases.
    @Test func rankAndSingularValues() {
        let a = Matrix([[1, 2, 3, 4], [2, 4, 6, 8.5], [0, 1, 0, 1]])
        let numpy = [12.62730776, 0.88375554, 0.14168605]
        for (value, reference) in zip(a.singularValues(), numpy) { #expect(abs(value - reference) < 1e-6, "\(value) vs \(reference)") }
        #expect(Matrix([[1, 2, 3, 4], [2, 4, 6, 8], [0, 1, 0, 1]]).numericalRank() == 2)
        #expect(Matrix([[1, 2, 3, 4], [2, 4, 6, 8], [0, 1, 0, 1]]).transposed().numericalRank() == 2)
        #expect(Matrix(rows: 5, columns: 3).numericalRank() == 0)
        var generator = RandomGenerator(seed: 1)
        // A sum of r outer products of random vectors has rank r.
        for r in [1, 3, 7] {
            let u = Matrix.normal(rows: 20, columns: r, using: &generator), v = Matrix.normal(rows: r, columns: 30, using: &generator)
            #expect(Matrix.product(u, v).numericalRank() == r)
        }
        var identity = Matrix(rows: 6, columns: 6)
        for i in 0..<6 { identity[i, i] = Float(i + 1) }
        #expect(identity.singularValues() == [6, 5, 4, 3, 2, 1])
    }
}
