// Mini-batch training with softmax cross-entropy: the configuration (model, optimizer, epochs, batch size,
// how much of each split to use), one run per seed with per-epoch curves, and several runs spread over
// threads. Deterministic to the bit: the initial weights and each epoch's shuffle come from named streams of
// the run's seed, every reduction has a fixed order, and parallel runs only share read-only data.
import Dispatch
import Foundation

/// How to train: everything but the data and the seed.
public struct TrainingConfiguration: Sendable, Hashable {
    public var model: ModelDescription
    public var optimizer: Optimizer
    public var epochs: Int
    public var batchSize: Int
    /// Train on the first N training examples only (nil: all). A site build's main speed knob: time is linear in it.
    public var trainingExamples: Int?
    /// Validate on N validation examples spread evenly over the set (nil: all).
    public var validationExamples: Int?
    /// Test on N test examples spread evenly over the set (nil: all). Evenly spread rather than the first N:
    /// MNIST's test set is not in random order, and its first 2,000 images are harder than the whole.
    public var testExamples: Int?
    /// Measure test accuracy after every epoch (true) or only after the last one (false).
    public var testEveryEpoch: Bool
    /// Threads for each run's matrix products. Results do not depend on it.
    public var threads: Int
    /// Record the hidden layers' activation statistics every this many steps, at initialization and at every
    /// epoch's end (nil: not at all). Recording never changes the training.
    public var recordActivityEvery: Int?

    /// Limits that keep one run bounded (checked by `validate()`).
    public static let maximumEpochs = 1000
    public static let maximumBatchSize = 65536

    public init(model: ModelDescription, optimizer: Optimizer = .adamW(learningRate: 1e-3), epochs: Int = 5, batchSize: Int = 32,
                trainingExamples: Int? = nil, validationExamples: Int? = nil, testExamples: Int? = nil,
                testEveryEpoch: Bool = true, threads: Int = 1, recordActivityEvery: Int? = nil) {
        self.model = model
        self.optimizer = optimizer
        self.epochs = epochs
        self.batchSize = batchSize
        self.trainingExamples = trainingExamples
        self.validationExamples = validationExamples
        self.testExamples = testExamples
        self.testEveryEpoch = testEveryEpoch
        self.threads = threads
        self.recordActivityEvery = recordActivityEvery
    }

    /// Checks the model (shapes and limits) and the numbers; the first problem is thrown.
    public func validate(for data: DataSplits) throws {
        func fail(_ message: String) -> ModelDescriptionError { ModelDescriptionError(layer: nil, message: message) }
        let output = try model.validate()
        guard (1...Self.maximumEpochs).contains(epochs) else { throw fail("epochs must be in 1...\(Self.maximumEpochs), got \(epochs)") }
        guard (1...Self.maximumBatchSize).contains(batchSize) else { throw fail("batch size must be in 1...\(Self.maximumBatchSize), got \(batchSize)") }
        let rate = optimizer.learningRate
        guard rate.isFinite && rate > 0 else { throw fail("learning rate must be a positive number, got \(rate)") }
        for (name, limit) in [("training", trainingExamples), ("validation", validationExamples), ("test", testExamples)] {
            if let limit, limit < 1 { throw fail("\(name) examples must be at least 1, got \(limit)") }
        }
        guard data.train.count > 0, data.validation.count > 0, data.test.count > 0 else {
            throw fail("every split needs at least one image (train \(data.train.count), validation \(data.validation.count), test \(data.test.count))")
        }
        let image = data.train.shape
        guard model.input == image else { throw fail("the model takes \(model.input) inputs, the data has \(image) images") }
        guard output == .vector(data.train.classCount) else {
            throw fail("the last layer must output \(data.train.classCount) logits (one per class), it outputs \(output)")
        }
    }
}

/// Metrics after one epoch.
public struct EpochRecord: Sendable, Hashable, Codable {
    /// 1 for the first epoch.
    public let epoch: Int
    /// Mean cross-entropy over the epoch's training examples, measured on each batch before its update.
    public let trainLoss: Double
    public let validationLoss: Double
    /// Fraction of validation examples classified correctly (0...1).
    public let validationAccuracy: Double
    /// Fraction of test examples classified correctly, when measured this epoch.
    public let testAccuracy: Double?
}

/// The result of training one model from one seed.
public struct TrainingRun: Sendable, Hashable, Codable {
    public let seed: UInt64
    public let learningRate: Float
    /// One record per epoch run (fewer than configured when training diverged).
    public let epochs: [EpochRecord]
    /// Whether the training loss became NaN or infinite; training stops after that epoch.
    public let diverged: Bool
    /// Test accuracy of the final model.
    public let testAccuracy: Double
    /// The hidden layers' activity over training (empty unless `recordActivityEvery` is set).
    public var activity: [ActivityRecord] = []

    /// Validation accuracy after the last epoch run.
    public var validationAccuracy: Double { epochs.last?.validationAccuracy ?? 0 }
}

extension TrainingConfiguration {
    /// Trains a fresh model from `seed` and reports its curves.
    /// - Throws: `ModelDescriptionError` when the configuration does not fit the data or exceeds a limit.
    public func run(on data: DataSplits, seed: UInt64) throws -> TrainingRun {
        try validate(for: data)
        return runValidated(on: data, seed: seed)
    }

    fileprivate func runValidated(on data: DataSplits, seed: UInt64) -> TrainingRun {
        var model = try! self.model.build(seed: seed, threads: threads)  // validated above: cannot throw
        let train = data.train.prefix(trainingExamples ?? data.train.count)
        let validation = data.validation.evenlySpaced(validationExamples ?? data.validation.count)
        let test = data.test.evenlySpaced(testExamples ?? data.test.count)
        var state = OptimizerState(optimizer: optimizer, slotSizes: model.parameterSizes)
        let shuffles = RandomGenerator(seed: seed).stream(for: "shuffle")

        var records: [EpochRecord] = []
        var diverged = false
        var scratch = EpochScratch()
        var recorder = recordActivityEvery.map { ActivityRecorder(every: $0, probe: validation) }
        recorder?.record(model, epochEnd: nil)
        for epoch in 1...epochs {
            let trainLoss = model.trainEpoch(train, epoch: epoch, shuffles: shuffles, batchSize: batchSize, optimizer: &state,
                                             scratch: &scratch) { recorder?.afterStep($0) }
            recorder?.afterEpoch(epoch, model)
            let (validationLoss, validationAccuracy) = model.evaluate(on: validation)
            diverged = !trainLoss.isFinite
            let last = epoch == epochs || diverged
            let testAccuracy = testEveryEpoch || last ? model.evaluate(on: test).accuracy : nil
            records.append(EpochRecord(epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss,
                                       validationAccuracy: validationAccuracy, testAccuracy: testAccuracy))
            if diverged { break }
        }
        var run = TrainingRun(seed: seed, learningRate: optimizer.learningRate, epochs: records, diverged: diverged,
                              testAccuracy: records[records.count - 1].testAccuracy ?? 0)
        run.activity = recorder?.records ?? []
        return run
    }

    /// One run per seed, spread over up to `parallelism` threads (each run single-threaded inside unless
    /// `threads` says otherwise). The result is in seed order and independent of `parallelism`.
    public func run(on data: DataSplits, seeds: [UInt64], parallelism: Int = 1) throws -> [TrainingRun] {
        try Training.run(seeds.map { (self, $0) }, on: data, parallelism: parallelism)
    }
}

/// Running many trainings at once.
public enum Training {
    /// Runs every (configuration, seed) job, up to `parallelism` at a time; results in job order, the same bits
    /// for any `parallelism` (runs share only the read-only data).
    /// - Throws: the first job's `ModelDescriptionError`, before anything runs.
    public static func run(_ jobs: [(TrainingConfiguration, UInt64)], on data: DataSplits, parallelism: Int = 1) throws -> [TrainingRun] {
        for (configuration, _) in jobs { try configuration.validate(for: data) }
        let results = ResultSlots<TrainingRun>(count: jobs.count)
        let workers = max(1, min(parallelism, jobs.count))
        let next = ResultSlots<Int>.Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: jobs.count) {
                results.store(jobs[index].0.runValidated(on: data, seed: jobs[index].1), at: index)
            }
        }
        return results.values()
    }
}

/// Slots filled by index from several threads (a lock guards the array; each slot is written once).
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = [Value?](repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }

    func values() -> [Value] { slots.map { $0! } }

    /// Hands out 0, 1, 2, … to whichever worker asks next (work stealing; the order of results does not depend on it).
    final class Counter: @unchecked Sendable {
        private var next = 0
        private let lock = NSLock()

        func take(below limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }
    }
}

/// Buffers the training steps reuse, one set per batch size (an epoch's last batch may be shorter), so a
/// step allocates nothing once each size has been seen.
struct EpochScratch {
    struct Buffers {
        var batch = Matrix(rows: 0, columns: 0)
        var labels: [Int] = []
        var probabilities = Matrix(rows: 0, columns: 0)
        var logitGradient = Matrix(rows: 0, columns: 0)
    }
    var bySize: [Int: Buffers] = [:]
}

extension Sequential {
    /// One pass over `train` in the order drawn from `shuffles.stream(for: epoch)`, `batchSize` examples per
    /// step; returns the mean training loss (each batch's loss measured before its update). `afterStep` sees the
    /// network after each update (activity recording).
    mutating func trainEpoch(_ train: LabeledImages, epoch: Int, shuffles: RandomGenerator, batchSize: Int,
                             optimizer state: inout OptimizerState, scratch: inout EpochScratch,
                             afterStep: (Sequential) -> Void = { _ in }) -> Double {
        var shuffle = shuffles.stream(for: UInt64(epoch))
        let order = shuffle.permutation(of: train.count)
        var lossSum = 0.0
        for start in stride(from: 0, to: train.count, by: batchSize) {
            let indices = order[start..<min(start + batchSize, train.count)]
            var buffers = scratch.bySize.removeValue(forKey: indices.count) ?? EpochScratch.Buffers()
            train.gather(indices, into: &buffers.batch, labels: &buffers.labels)
            lossSum += trainingStep(buffers.batch, labels: buffers.labels, optimizer: &state,
                                    probabilities: &buffers.probabilities, logitGradient: &buffers.logitGradient) * Double(indices.count)
            scratch.bySize[indices.count] = buffers
            afterStep(self)
        }
        return lossSum / Double(train.count)
    }

    /// One step of mini-batch gradient descent on softmax cross-entropy: forward, loss, backward into zeroed
    /// gradients, optimizer update. Returns the batch's mean loss before the update.
    /// `probabilities` and `logitGradient` are scratch space, reallocated only when the batch size changes.
    mutating func trainingStep(_ batch: Matrix, labels: [Int], optimizer state: inout OptimizerState,
                               probabilities: inout Matrix, logitGradient: inout Matrix) -> Double {
        let logits = forward(batch)
        let loss = SoftmaxCrossEntropy.forward(logits: logits, labels: labels, probabilities: &probabilities)
        if logitGradient.rows != logits.rows || logitGradient.columns != logits.columns {
            logitGradient = Matrix(rows: logits.rows, columns: logits.columns)
        }
        SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, into: &logitGradient)
        zeroGradients()
        backward(logitGradient)
        update(with: &state)
        return loss
    }

    /// Mean cross-entropy and accuracy on `data`, in batches of `batchSize` (the result does not depend on it
    /// except through the order of the loss sum, which is fixed).
    public mutating func evaluate(on data: LabeledImages, batchSize: Int = 100) -> (loss: Double, accuracy: Double) {
        var batch = Matrix(rows: 0, columns: 0), probabilities = Matrix(rows: 0, columns: 0)
        var labels: [Int] = []
        var lossSum = 0.0
        var correct = 0
        for start in stride(from: 0, to: data.count, by: batchSize) {
            let indices = start..<min(start + batchSize, data.count)
            data.gather(indices, into: &batch, labels: &labels)
            let logits = forward(batch)
            lossSum += SoftmaxCrossEntropy.forward(logits: logits, labels: labels, probabilities: &probabilities) * Double(indices.count)
            for (row, label) in labels.enumerated() where logits.predictedClass(row: row) == label { correct += 1 }
        }
        let count = Double(max(data.count, 1))
        return (lossSum / count, Double(correct) / count)
    }
}

extension Matrix {
    /// The column of the row's largest value (the first on ties); nil when the row holds a NaN.
    func predictedClass(row: Int) -> Int? {
        var best = 0
        for j in 0..<columns {
            let value = self[row, j]
            if value.isNaN { return nil }
            if value > self[row, best] { best = j }
        }
        return best
    }
}

extension LabeledImages {
    /// Shape of one image as a network input.
    public var shape: Shape { Shape(height: height, width: width, channels: 1) }

    /// Copies the images at `indices` into the rows of `batch` (reallocated only when the batch size changes)
    /// and their labels into `labels`.
    func gather<Indices: Collection<Int>>(_ indices: Indices, into batch: inout Matrix, labels: inout [Int]) {
        let features = featureCount
        if batch.rows != indices.count || batch.columns != features { batch = Matrix(rows: indices.count, columns: features) }
        labels.removeAll(keepingCapacity: true)
        batch.elements.withUnsafeMutableBufferPointer { rows in
            pixels.withUnsafeBufferPointer { source in
                for (row, index) in indices.enumerated() {
                    (rows.baseAddress! + row * features).update(from: source.baseAddress! + index * features, count: features)
                    labels.append(self.labels[index])
                }
            }
        }
    }
}
