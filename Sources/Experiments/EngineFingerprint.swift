// The engine's fingerprint: tiny runs of every kind (a synthetic training stands in for MNIST), hashed. Results are
// cached by the site under a key that includes `ExperimentDirective.engineVersion`; with this fingerprint in it, any
// change to Numerics, Charts or this module that changes what the canaries compute or draw retires the cache by
// itself, instead of waiting for someone to remember to bump a version string.

import Foundation
import Numerics

enum EngineFingerprint {
    /// Canary descriptions: every kind but the MNIST ones, at sizes that run in milliseconds.
    static let canaries = [
        "kind: activations\ninit: normal(0.5), he-uniform\nactivation: tanh, relu\nlayers: 3\nwidth: 8\nsamples: 16\nbins: 5\n",
        "kind: gradients\ninit: xavier-normal\nactivation: sigmoid\nlayers: 2\nwidth: 8\nsamples: 16\nbins: 5\nloss: cross-entropy\n",
        "kind: depth\ninit: lecun-normal, orthogonal, truncated-normal(0.2)\nactivation: selu\nlayers: 4\nwidth: 8\nsamples: 16\n",
        "kind: symmetry\ninit: constant(0.3), xavier-uniform\nlayers: 1\nwidth: 4\nsamples: 8\nsteps: 3\n",
        "kind: weights\ninit: he-normal(fan_out), uniform(0.2)\nfan-in: 6\nfan-out: 5\nbins: 4\n",
        "kind: derivation uniform-bound\nscheme: he\nsamples: 100\n",
    ]

    /// FNV-1a (64-bit) of the canaries' results and a synthetic CNN training, in hexadecimal.
    static func compute() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for text in canaries {
            let (directive, diagnostics) = ExperimentDirective.parse(description: text, path: "canary")
            guard let directive, diagnostics.isEmpty,
                  let result = try? directive.kindDefinition.run(RunContext(directive: directive, idPrefix: "c-", sourceRoot: URL(fileURLWithPath: "/"))),
                  let data = try? encoder.encode(result) else {
                mix("broken canary: \(text)".utf8)
                continue
            }
            mix(data)
        }
        mix(syntheticTraining().utf8)
        return String(hash, radix: 16)
    }

    /// One epoch of the seed CNN on 24 random 28 × 28 images: convolution, pooling, dense layers, AdamW, evaluation.
    static func syntheticTraining() -> String {
        var generator = RandomGenerator(seed: 7)
        func images(_ count: Int) -> LabeledImages {
            LabeledImages(height: 28, width: 28, pixels: (0..<count * 784).map { _ in generator.nextFloat() },
                          labels: (0..<count).map { _ in Int(generator.next() % 10) }, classCount: 10)
        }
        let data = DataSplits(train: images(24), validation: images(8), test: images(8))
        let configuration = TrainingConfiguration(model: .seedCNN(convolution: .he(.normal), dense: .xavier(.uniform), channels: 2, hiddenUnits: 4),
                                                  epochs: 1, batchSize: 8)
        guard let run = try? configuration.run(on: data, seed: 3) else { return "training failed" }
        return run.epochs.map { "\($0.trainLoss.bitPattern) \($0.validationLoss.bitPattern)" }.joined(separator: ";") + " \(run.testAccuracy.bitPattern)"
    }
}
