// The engine's fingerprint: tiny runs of every kind (synthetic images stand in for MNIST), hashed. Results are cached
// by the site under a key that includes `ExperimentDirective.engineVersion`; with this fingerprint in it, any change
// to Numerics or to a kind's computation that changes what the canaries compute retires the cache by itself, instead
// of waiting for someone to remember to bump a version string. Figures are drawn from results on every build, so a
// change to Charts needs no retirement.

import Foundation
import Numerics

enum EngineFingerprint {
    /// Canary descriptions, one or more per kind, at sizes that run in milliseconds (a test checks every kind has one).
    static let canaries = [
        "kind: activations\ninit: normal(0.5), he-uniform\nactivation: tanh, relu\nlayers: 3\nwidth: 8\nsamples: 16\nbins: 5\n",
        "kind: gradients\ninit: xavier-normal\nactivation: sigmoid\nlayers: 2\nwidth: 8\nsamples: 16\nbins: 5\nloss: cross-entropy\n",
        "kind: depth\ninit: lecun-normal, orthogonal, truncated-normal(0.2)\nactivation: selu\nlayers: 4\nwidth: 8\nsamples: 16\n",
        "kind: symmetry\ninit: constant(0.3), xavier-uniform\nlayers: 1\nwidth: 4\nsamples: 8\nsteps: 3\n",
        "kind: weights\ninit: he-normal(fan_out), uniform(0.2)\nfan-in: 6\nfan-out: 5\nbins: 4\n",
        "kind: derivation uniform-bound\nscheme: he\nsamples: 100\n",
        "kind: train\nmodel: cnn, mlp\nchannels: 2\nwidth: 4\nepochs: 1\nseeds: 2\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\n",
        "kind: train\nmodel: mlp\nactivation: tanh\nlayers: 2\nwidth: 4\nepochs: 1\nseeds: 1\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\nrecord-every: 2\n",
        "kind: search\nconv-init: he-normal, constant(0.5)\nfc-init: xavier-uniform\nstrategy: random\ntrials: 2\nchannels: 2\nwidth: 4\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\n",
        "kind: plot\nfunction: s(x) = 1/(1+exp(-x)), g(x) = sin(x)*x^2 - sqrt(abs(x))/cos(x), tanh(x)\nderivative: s, g, tanh\nx: -3..3\nsamples: 13\nat: 0.5\n",
        "kind: plot\ndata: canary.csv\nx: e\ny: l\ngroup: g\n",
        "kind: study\nconv-init: he-normal, constant(0.5)\nfc-init: xavier-uniform, zeros, normal(1e-2..1 log)\ntrials: 5\nstartup-trials: 2\nepochs: 2\npatience: 1\nchannels: 8\nwidth: 4\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntrial-size: 8\ntest-size: 8\n",
    ]

    /// The data file of the `plot` canary (quoted fields, a missing cell, an exponent).
    static let files = ["canary.csv": Array("e,g,l\n1,a,0.5\n2,a,\"0.25\"\n1,b,1e-1\n2,b,\n".utf8)]

    /// FNV-1a (64-bit) of the canaries' results, in hexadecimal.
    static func compute() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = syntheticImages()
        for text in canaries {
            let (directive, diagnostics) = ExperimentDirective.parse(description: text, path: "canary")
            guard let directive, diagnostics.isEmpty,
                  let result = try? directive.bound.run(RunContext(directive: directive, sourceRoot: URL(fileURLWithPath: "/"), trainingData: data, files: files)),
                  let data = try? encoder.encode(result) else {
                mix("broken canary: \(text)".utf8)
                continue
            }
            mix(data)
        }
        return String(hash, radix: 16)
    }

    /// 24 training, 8 validation and 8 test images of 28 × 28 random pixels with random labels.
    static func syntheticImages() -> DataSplits {
        var generator = RandomGenerator(seed: 7)
        func images(_ count: Int) -> LabeledImages {
            LabeledImages(height: 28, width: 28, pixels: (0..<count * 784).map { _ in generator.nextFloat() },
                          labels: (0..<count).map { _ in Int(generator.next() % 10) }, classCount: 10)
        }
        return DataSplits(train: images(24), validation: images(8), test: images(8))
    }
}
