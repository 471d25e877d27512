// Numerics benchmark: figures for the simulation engine, each beside a reference measured in the same run.
//   1. the core's fused multiply-add peak (register-only loop), the yardstick for the products
//   2. matrix products: GFLOP/s at every shape the course and the training use, one and two threads, with
//      numpy's OpenBLAS at the same shapes and layouts when python3 + numpy are available
//   3. the seed experiment grid (forward probe: 4 initializers × 3 activations) against numpy doing
//      the same work in-process (Sources/benchmarks/reference/seed_grid.py)
// Training figures (a CNN epoch on MNIST) belong in their own function, added to `run()` in order.
import Foundation
import Numerics

enum NumericsBenchmark {
    /// `benchmarks numerics` runs every part; `benchmarks numerics products` or `… training` one of them.
    static func run() {
        let part = CommandLine.arguments.dropFirst(2).first
        if part == "training" { return training() }  // TrainingBenchmark.swift
        let numpy = NumpyReference.measure()
        peak()
        products(numpy: numpy)
        if part == "products" { return }
        elementwise()
        seedGrid(numpy: numpy)
        training()
    }

    /// Best wall-clock seconds of `repeats` runs of `body`.
    static func best(_ repeats: Int, _ body: () -> Void) -> Double {
        var fastest = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return fastest
    }

    static func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

    // MARK: 1. FMA peak

    nonisolated(unsafe) static var peakGFLOPS = 0.0
    nonisolated(unsafe) static var sink: Float = 0

    /// Measures the peak again (the machine is shared, so each product is compared with a peak taken
    /// just before it) and returns it in GFLOP/s: the best of many short runs (0.1 GFLOP each), so that some
    /// run without being preempted on a loaded machine.
    @discardableResult
    static func measurePeak() -> Double {
        let iterations = 200_000
        let seconds = best(40) { sink += PeakProbe.fusedMultiplyAdds(iterations: iterations) }
        peakGFLOPS = Double(iterations * PeakProbe.flopsPerIteration) / seconds / 1e9
        return peakGFLOPS
    }

    static func peak() {
        print("fma peak, one core (register-only SIMD16 loop): \(format(measurePeak())) GFLOP/s")
    }

    // MARK: 2. Matrix products

    /// Every product shape the course and the training run, with its layout (C = A·B, Aᵀ·B or A·Bᵀ).
    static let productShapes: [(name: String, m: Int, k: Int, n: Int, layout: Matrix.Product)] = [
        // Probes: forward (input 1000×100 through layers of 100), backward (weight and input gradients).
        ("probe (1000×100)·(100×100)", 1000, 100, 100, .ab),
        ("probe-dW (1000×100)ᵀ·(1000×100)", 100, 1000, 100, .aTb),
        ("probe-dX (1000×100)·(100×100)ᵀ", 1000, 100, 100, .abT),
        // A multilayer perceptron on 2,000 MNIST images (784 → 256), forward and backward.
        ("mlp (2000×784)·(784×256)", 2000, 784, 256, .ab),
        ("mlp-dW (2000×784)ᵀ·(2000×256)", 784, 2000, 256, .aTb),
        ("mlp-dX (2000×256)·(784×256)ᵀ", 2000, 256, 784, .abT),
        // The CNN's dense layer (14·14·8 = 1568 → 64) on a batch of 32, and evaluation batches of 100.
        ("cnn-dense (32×1568)·(64×1568)ᵀ", 32, 1568, 64, .abT),
        ("cnn-dense-dW (32×64)ᵀ·(32×1568)", 64, 32, 1568, .aTb),
        ("cnn-dense-dX (32×64)·(64×1568)", 32, 64, 1568, .ab),
        ("cnn-eval (100×1568)·(64×1568)ᵀ", 100, 1568, 64, .abT),
        // The 3×3 convolution 1 → 8 channels on 32 images as im2col products (what Conv2D runs for channel
        // counts that are not a multiple of 8; multiples of 8 take the direct kernels, timed by the epoch).
        ("conv (25088×9)·(8×9)ᵀ", 25_088, 9, 8, .abT),
        ("conv-dW (25088×8)ᵀ·(25088×9)", 8, 25_088, 9, .aTb),
        ("square (1024×1024)·(1024×1024)", 1024, 1024, 1024, .ab),
    ]

    /// The shapes as arguments for the numpy script (NAME:M:K:N:LAYOUT; names have no spaces there).
    static var productArguments: [String] {
        productShapes.map { "\($0.name.replacingOccurrences(of: " ", with: "_")):\($0.m):\($0.k):\($0.n):\($0.layout)" }
    }

    static func products(numpy: NumpyReference?) {
        var generator = RandomGenerator(seed: 1)
        print("products (GFLOP/s; % of the FMA peak per core measured just before each shape; numpy's OpenBLAS at the same shape and layout):")
        var belowOne = 0, belowTwo = 0
        for shape in productShapes {
            let a = shape.layout == .aTb ? Matrix.normal(rows: shape.k, columns: shape.m, using: &generator)
                                         : Matrix.normal(rows: shape.m, columns: shape.k, using: &generator)
            let b = shape.layout == .abT ? Matrix.normal(rows: shape.n, columns: shape.k, using: &generator)
                                         : Matrix.normal(rows: shape.k, columns: shape.n, using: &generator)
            var c = Matrix(rows: shape.m, columns: shape.n)
            let flops = 2 * Double(shape.m) * Double(shape.n) * Double(shape.k)
            let repeats = max(3, min(200, Int(2e10 / flops)))
            let peak = measurePeak()
            var gflops: [Double] = []
            for threads in [1, 2] {
                let seconds = best(repeats) { Matrix.multiply(a, b, shape.layout, into: &c, threads: threads) }
                gflops.append(flops / seconds / 1e9)
            }
            var line = "  \(shape.name): 1 thread \(format(gflops[0])) (\(format(100 * gflops[0] / peak, 0))% of peak), 2 threads \(format(gflops[1])) (\(format(50 * gflops[1] / peak, 0))%)"
            if let reference = numpy?.products[shape.name.replacingOccurrences(of: " ", with: "_")] {
                line += "; numpy \(format(reference.one)) and \(format(reference.two)): ratio \(format(gflops[0] / reference.one, 2))× and \(format(gflops[1] / reference.two, 2))×"
                if gflops[0] < 0.9 * reference.one { belowOne += 1 }
                if gflops[1] < reference.two { belowTwo += 1 }
            }
            print(line + " [peak \(format(peak))]")
        }
        if numpy != nil {
            print("  shapes below 90 % of numpy on 1 thread: \(belowOne) of \(productShapes.count); below numpy on 2 threads: \(belowTwo) of \(productShapes.count)")
        }
    }

    // MARK: Elementwise work of a probe: sampling, activations, statistics

    static func elementwise() {
        var generator = RandomGenerator(seed: 3)
        var values = [Float](repeating: 0, count: 1_000_000)
        let normal = best(5) { generator.fillNormal(&values) }
        var line = "per element (10⁶ values): normal sample \(format(normal * 1e3, 2)) ns"
        let z = Matrix(rows: 1000, columns: 1000, elements: values)
        var a = Matrix(rows: 1000, columns: 1000)
        for activation in [Activation.tanh, .sigmoid, .relu, .gelu] {
            let seconds = best(5) { activation.apply(z, into: &a) }
            line += ", \(activation.identifier) \(format(seconds * 1e3, 2)) ns"
        }
        let statistics = best(5) { _ = TensorStatistics(values, binning: Binning(bins: 30), asymptotes: [-1, 1]) }
        line += ", statistics + 30-bin histogram \(format(statistics * 1e3, 2)) ns"
        print(line)
    }

    // MARK: 3. Seed experiment grid

    static let seedInitializers: [Initializer] = [.normal(std: 1), .normal(std: 0.01), .xavier(.normal), .he(.normal)]
    static let seedActivations: [Activation] = [.sigmoid, .tanh, .relu]

    /// One run of the grid: input 1000×100, 5 layers of 100, 30-bin histograms of the pre-activations
    /// and activations per layer; the 12 probes spread over `threads` threads (each probe's products
    /// single-threaded then, as the site runs experiments side by side).
    static func runSeedGrid(threads: Int) -> [ForwardProbe.Result] {
        var generator = RandomGenerator(seed: 1).stream(for: "input")
        let x = Matrix.normal(rows: 1000, columns: 100, using: &generator)
        let configurations = seedInitializers.flatMap { i in seedActivations.map { (i, $0) } }
        let results = ResultBox(count: configurations.count)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for c in stride(from: t, to: configurations.count, by: threads) {
                let (initializer, activation) = configurations[c]
                let probe = ForwardProbe(input: .matrix(x),
                                         layers: ForwardProbe.uniformLayers(5, width: 100, initializer: initializer, activation: activation),
                                         seed: 1, preactivationBinning: Binning(bins: 30), activationBinning: Binning(bins: 30),
                                         threads: threads == 1 ? Matrix.defaultThreads : 1)
                results.set(c, probe.run())
            }
        }
        return results.values.map { $0! }
    }

    static func seedGrid(numpy: NumpyReference?) {
        _ = runSeedGrid(threads: 1)    // warm-up
        let one = best(5) { _ = runSeedGrid(threads: 1) }
        let two = best(5) { _ = runSeedGrid(threads: 2) }
        var line = "seed grid (12 probes × 5 layers, 1000×100, 30-bin histograms): \(format(one * 1000)) ms one probe at a time, \(format(two * 1000)) ms two side by side"
        if let reference = numpy?.seedGridSeconds {
            line += "; numpy \(format(reference * 1000)) ms in-process (\(format(reference / two, 1))× slower)"
        }
        print(line)
    }
}

/// Results written by worker threads, each into its own slot.
final class ResultBox: @unchecked Sendable {
    var values: [ForwardProbe.Result?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: ForwardProbe.Result) { values[index] = value }
}

/// numpy's figures for the same work, from Sources/benchmarks/reference/seed_grid.py, run once per
/// benchmark with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (as set on this
/// machine they hold OpenBLAS to AVX2; see FIELD-NOTES).
struct NumpyReference {
    var products: [String: (one: Double, two: Double)] = [:]
    var seedGridSeconds: Double?

    static func measure() -> NumpyReference? {
        // Two runs: all threads (seed grid, two-thread products), then OPENBLAS_NUM_THREADS=1.
        let shapes = NumericsBenchmark.productArguments
        guard let all = runScript(arguments: shapes, threads: nil),
              let single = runScript(arguments: ["--products-only"] + shapes, threads: 1) else {
            print("numpy reference: unavailable (python3 with numpy not found)")
            return nil
        }
        var reference = NumpyReference()
        let two = parse(all), one = parse(single)
        reference.seedGridSeconds = two.grid
        for (name, gflops) in two.products { reference.products[name] = (one.products[name] ?? .nan, gflops) }
        return reference
    }

    /// Lines "product NAME GFLOPS" and "seed-grid SECONDS".
    static func parse(_ text: String) -> (products: [String: Double], grid: Double?) {
        var products: [String: Double] = [:]
        var grid: Double?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "product", fields.count == 3 {
                products[String(fields[1])] = Double(fields[2])
            } else if fields.first == "seed-grid", fields.count == 2 {
                grid = Double(fields[1])
            }
        }
        return (products, grid)
    }

    static func runScript(arguments: [String], threads: Int?) -> String? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("reference/seed_grid.py")
        guard FileManager.default.fileExists(atPath: script.path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        if let threads { environment["OPENBLAS_NUM_THREADS"] = String(threads) }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
