// Numerics benchmark: figures for the simulation engine, each beside a reference measured in the same run.
//   1. the core's fused multiply-add peak (register-only loop), the yardstick for the products
//   2. matrix products: GFLOP/s at the shapes the course uses, one and two threads, with numpy's
//      OpenBLAS at the same shapes when python3 + numpy are available
//   3. the seed experiment grid (forward probe: 4 initializers × 3 activations) against numpy doing
//      the same work in-process (Sources/benchmarks/reference/seed_grid.py)
// Training figures (a CNN epoch on MNIST) belong in their own function, added to `run()` in order.
import Foundation
import Numerics

enum NumericsBenchmark {
    static func run() {
        let numpy = NumpyReference.measure()
        peak()
        products(numpy: numpy)
        elementwise()
        seedGrid(numpy: numpy)
        training()  // TrainingBenchmark.swift
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
    /// just before it) and returns it in GFLOP/s.
    @discardableResult
    static func measurePeak() -> Double {
        let iterations = 4_000_000
        let seconds = best(5) { sink += PeakProbe.fusedMultiplyAdds(iterations: iterations) }
        peakGFLOPS = Double(iterations * PeakProbe.flopsPerIteration) / seconds / 1e9
        return peakGFLOPS
    }

    static func peak() {
        print("fma peak, one core (register-only SIMD16 loop): \(format(measurePeak())) GFLOP/s")
    }

    // MARK: 2. Matrix products

    static let productShapes: [(name: String, m: Int, k: Int, n: Int)] = [
        ("(1000×100)·(100×100)", 1000, 100, 100),
        ("(2000×784)·(784×256)", 2000, 784, 256),
        ("(1024×1024)·(1024×1024)", 1024, 1024, 1024),
    ]

    static func products(numpy: NumpyReference?) {
        var generator = RandomGenerator(seed: 1)
        for shape in productShapes {
            let a = Matrix.normal(rows: shape.m, columns: shape.k, using: &generator)
            let b = Matrix.normal(rows: shape.k, columns: shape.n, using: &generator)
            var c = Matrix(rows: shape.m, columns: shape.n)
            let flops = 2 * Double(shape.m) * Double(shape.n) * Double(shape.k)
            let repeats = max(3, min(200, Int(2e10 / flops)))
            var line = "product \(shape.name):"
            let peak = measurePeak()
            for threads in [1, 2] {
                let seconds = best(repeats) { Matrix.multiply(a, b, .ab, into: &c, threads: threads) }
                let gflops = flops / seconds / 1e9
                line += " \(threads) thread\(threads == 1 ? "" : "s") \(format(gflops)) GFLOP/s (\(format(100 * gflops / peak / Double(threads), 0))% of peak per core)"
                if threads == 1 { line += ";" }
            }
            if let reference = numpy?.products[shape.name] {
                line += "; numpy 1 thread \(format(reference.one)), 2 threads \(format(reference.two))"
            }
            print(line + " [peak measured just before: \(format(peak)) GFLOP/s]")
        }
        // The two transposed layouts of the backward pass, at the MNIST shape.
        let x = Matrix.normal(rows: 2000, columns: 784, using: &generator)
        let dz = Matrix.normal(rows: 2000, columns: 256, using: &generator)
        let w = Matrix.normal(rows: 784, columns: 256, using: &generator)
        var dw = Matrix(rows: 784, columns: 256), dx = Matrix(rows: 2000, columns: 784)
        let flops = 2 * 2000.0 * 784 * 256
        let tb = best(5) { Matrix.multiply(x, dz, .aTb, into: &dw) }
        let bt = best(5) { Matrix.multiply(dz, w, .abT, into: &dx) }
        print("product Xᵀ·dZ (784×2000)·(2000×256): \(format(flops / tb / 1e9)) GFLOP/s; dZ·Wᵀ (2000×256)·(256×784): \(format(flops / bt / 1e9)) GFLOP/s (all threads)")
        // A 3×3 convolution from 1 to 8 channels on 32 MNIST images (im2col): forward columns·Wᵀ and the
        // weight gradient ∂Zᵀ·columns, one thread as training runs them.
        let columns = Matrix.normal(rows: 25_088, columns: 9, using: &generator)
        let kernels = Matrix.normal(rows: 8, columns: 9, using: &generator)
        let delta = Matrix.normal(rows: 25_088, columns: 8, using: &generator)
        var convolved = Matrix(rows: 25_088, columns: 8), kernelGradient = Matrix(rows: 8, columns: 9)
        let convFlops = 2 * 25_088.0 * 8 * 9
        let forward = best(20) { Matrix.multiply(columns, kernels, .abT, into: &convolved, threads: 1) }
        let backward = best(20) { Matrix.multiply(delta, columns, .aTb, into: &kernelGradient, threads: 1) }
        print("product conv 1→8 channels (25088×9)·(8×9)ᵀ: \(format(convFlops / forward / 1e9)) GFLOP/s; (25088×8)ᵀ·(25088×9): \(format(convFlops / backward / 1e9)) GFLOP/s (1 thread)")
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
        guard let all = runScript(arguments: [], threads: nil),
              let single = runScript(arguments: ["--products-only"], threads: 1) else {
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
