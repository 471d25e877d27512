// Shared by the probe kinds: building the engine's forward probe from a run, the value paths of per-layer
// statistics, histogram conversion for Charts, and which layers a figure has room for.

import Charts
import Numerics

enum ProbeSupport {
    /// Multiply-adds from which a probe run uses two threads.
    static let largeRunWork = 2e9

    /// The forward probe a run describes: `layers` dense layers of `width` units on a samples × width standard-normal
    /// batch; every run of a grid with the same seed sees the same input batch and the same underlying draws.
    /// `outputLayer` appends a 10-unit identity layer (logits for cross-entropy).
    static func forward(_ probe: Probe, outputLayer: Bool = false, activationBinning: Binning = Binning()) -> ForwardProbe.Result {
        let initializer = probe.initializer.engine
        let bias: Initializer? = probe.bias == 0 ? nil : .constant(probe.bias)
        var layers = ForwardProbe.uniformLayers(probe.layers, width: probe.width, initializer: initializer,
                                                activation: probe.activation.engine, bias: bias)
        if outputLayer {
            layers.append(ForwardProbe.Layer(width: 10, initializer: initializer, activation: .identity, bias: bias))
        }
        // The site runs experiments in parallel, so a run is single-threaded unless it is large; the engine's products
        // give the same bits for any thread count.
        let engine = ForwardProbe(input: .standardNormal(samples: probe.samples, features: probe.width), layers: layers,
                                  seed: UInt64(probe.seed), activationBinning: activationBinning,
                                  threads: probe.work >= largeRunWork ? 2 : 1)
        return engine.run()
    }

    /// The forward pass of `probe` one layer at a time, for the kinds that need no backward pass: only the current
    /// layer's weights and tensors are alive, so memory does not grow with depth (ForwardProbe keeps every layer for the
    /// backward probe). The same draws, products and statistics as ForwardProbe.run(), so the same bits.
    /// - Returns: the input batch's summary; `visit` gets each layer's index, activations and statistics.
    static func forwardLayers(_ probe: Probe, visit: (_ layer: Int, _ activations: Matrix, _ statistics: LayerStatistics) -> Void) -> Summary {
        let bias: Initializer? = probe.bias == 0 ? nil : .constant(probe.bias)
        let engine = ForwardProbe(input: .standardNormal(samples: probe.samples, features: probe.width),
                                  layers: [ForwardProbe.Layer(width: probe.width, initializer: probe.initializer.engine, activation: probe.activation.engine)],
                                  seed: UInt64(probe.seed))
        let threads = probe.work >= largeRunWork ? 2 : 1
        let root = RandomGenerator(seed: UInt64(probe.seed))
        let initializer = probe.initializer.engine, activation = probe.activation.engine
        var previous = engine.makeInput()
        let input = Summary(previous.elements)
        for l in 0..<probe.layers {
            var weightStream = root.stream(for: "weights").stream(for: UInt64(l))
            let fans = Fans.dense(inputs: previous.columns, outputs: probe.width)
            let w = initializer.weights(rows: probe.width, columns: previous.columns, fans: fans, using: &weightStream)
            var biasValues: [Float]? = nil
            if let bias {
                var biasStream = root.stream(for: "bias").stream(for: UInt64(l))
                biasValues = bias.weights(rows: 1, columns: probe.width, fans: fans, using: &biasStream).elements
            }
            var dense = Dense(weights: w, bias: biasValues, usesBias: bias != nil, threads: threads)
            var z = Matrix(rows: previous.rows, columns: probe.width)
            dense.forward(previous, into: &z)
            let a = activation.apply(z)
            visit(l, a, LayerStatistics(preactivations: TensorStatistics(z.elements, binning: Binning()),
                                        activations: TensorStatistics(a.elements, binning: Binning(), asymptotes: activation.asymptotes),
                                        unitSpread: unitSpread(a)))
            previous = a
        }
        return input
    }

    /// One layer's forward statistics.
    struct LayerStatistics {
        var preactivations: TensorStatistics
        var activations: TensorStatistics
        /// Each unit's standard deviation across the inputs, averaged over the units (nil where not measured). The
        /// pooled `std` also counts the spread of the units' constant offsets; this is what a unit passes on about
        /// its input (a sigmoid layer can keep a pooled spread while every unit's response fades).
        var unitSpread: Double? = nil
    }

    /// The mean over columns (units) of each column's standard deviation over rows (inputs); NaN if any value is.
    static func unitSpread(_ a: Matrix) -> Double {
        let rows = a.rows, columns = a.columns
        guard rows > 0, columns > 0 else { return 0 }
        var sum = [Double](repeating: 0, count: columns), squares = [Double](repeating: 0, count: columns)
        a.elements.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                let row = r * columns
                for c in 0..<columns {
                    let v = Double(x[row + c])
                    sum[c] += v
                    squares[c] += v * v
                }
            }
        }
        var total = 0.0
        for c in 0..<columns {
            let mean = sum[c] / Double(rows)
            total += Swift.max(0, squares[c] / Double(rows) - mean * mean).squareRoot()
        }
        return total / Double(columns)
    }

    /// `PREFIX.mean`, `PREFIX.std` and `PREFIX.rms` (√E[x²]) of one tensor's statistics.
    static func momentValues(_ statistics: TensorStatistics, _ prefix: String, into values: inout [String: Double]) {
        values[prefix + ".mean"] = statistics.mean
        values[prefix + ".std"] = statistics.std
        values[prefix + ".rms"] = statistics.meanSquare.squareRoot()
    }

    /// `layer[i].mean`, `.std`, … for the input (i = 0) and every layer (i = 1 …), under `prefix`.
    static func forwardValues(_ result: ForwardProbe.Result, prefix: String, into values: inout [String: Double]) {
        inputValues(Summary(result.pass.input.elements), prefix: prefix, into: &values)
        for (l, record) in result.layers.enumerated() {
            layerValues(LayerStatistics(preactivations: record.preactivations, activations: record.activations), layer: l + 1, prefix: prefix, into: &values)
        }
    }

    /// `layer[0].mean`, `.std`, `.rms`, `.min`, `.max` of the input batch.
    static func inputValues(_ input: Summary, prefix: String, into values: inout [String: Double]) {
        for (key, value) in [("mean", input.mean), ("std", input.std), ("rms", input.rms), ("min", input.min), ("max", input.max)] {
            values[prefix + "layer[0]." + key] = value
        }
    }

    /// `layer[i].mean`, `.std`, … of one layer (i from 1).
    static func layerValues(_ record: LayerStatistics, layer i: Int, prefix: String, into values: inout [String: Double]) {
        let layer = prefix + "layer[\(i)]", p = layer + "."
        let a = record.activations, z = record.preactivations
        momentValues(a, layer, into: &values)
        values[p + "min"] = a.min
        values[p + "max"] = a.max
        values[p + "saturated"] = a.saturatedFraction ?? 0
        if let spread = record.unitSpread { values[p + "unit_std"] = spread }
        values[p + "dead"] = a.zeroFraction
        values[p + "nonfinite"] = Double(a.nanCount + a.infinityCount) / Double(max(1, a.count))
        values[p + "pre.mean"] = z.mean
        values[p + "pre.std"] = z.std
        // Overflow shows here first: ReLU maps a −∞ pre-activation to 0.
        values[p + "pre.nonfinite"] = Double(z.nanCount + z.infinityCount) / Double(max(1, z.count))
    }

    /// The statistics' histogram as Charts draws it (under/overflow include ±∞, as the engine counts them). `zeros`
    /// exact zeros, when they are 5% or more of `count` values, are taken out of their bin and drawn apart as a point
    /// mass ("48% = 0": dead ReLU units, the gradients of a symmetric network), so the rest keeps a readable scale.
    static func chartHistogram(_ h: Numerics.Histogram, mean: Double, std: Double, zeros: Int = 0, count: Int = 0) -> Charts.Histogram {
        var counts = h.counts
        var mass: Charts.Histogram.PointMass?
        if zeros > 0, Double(zeros) >= 0.05 * Double(count), h.lowerBound <= 0, 0 <= h.upperBound, !counts.isEmpty {
            // The bin the engine counts 0 into (Histogram.add: ⌊(x − lower) · bins / width⌋, the last bin closed).
            let width = h.upperBound - h.lowerBound
            let index = width > 0 ? Swift.min(Int((0 - h.lowerBound) * (Double(counts.count) / width)), counts.count - 1) : 0
            if counts[index] >= zeros {
                counts[index] -= zeros
                mass = .init(value: 0, count: zeros)
            }
        }
        return Charts.Histogram(range: h.lowerBound...h.upperBound, counts: counts, below: h.underflow, above: h.overflow, nan: h.nanCount,
                                mean: mean.isFinite ? mean : nil, standardDeviation: std.isFinite ? std : nil, pointMass: mass)
    }

    /// The histogram range policy a directive asks for: `range: a..b` fixes it, else `range-policy` decides.
    static func histogramRange(_ range: ValueRange?, _ policy: RangePolicy) -> HistogramRange {
        if let range { return .fixed(range.lower...range.upper) }
        switch policy {
        case .auto: return .automatic
        case .shared: return .shared
        case .perPanel: return .perPanel
        }
    }

    /// A histogram of `values` over `range`.
    static func histogram(_ values: [Float], bins: Int, range: ClosedRange<Double>) -> Numerics.Histogram {
        var h = Numerics.Histogram(bins: bins, range: range)
        h.add(values)
        return h
    }

    /// The layers (0-based) a figure shows: all up to `limit`, else `limit` evenly spaced ones, first and last included.
    static func shownLayers(_ count: Int, limit: Int = 10) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        var shown: [Int] = []
        for k in 0..<limit {
            let l = (k * (count - 1) + (limit - 1) / 2) / (limit - 1)
            if shown.last != l { shown.append(l) }
        }
        return shown
    }

    /// A row label for a run: its grid label, or the whole configuration when there is no grid.
    static func rowLabel(_ label: String, _ probe: Probe) -> String {
        label.isEmpty ? probe.initializer.spelling + ", " + probe.activation.spelling : label
    }

    /// Runs grouped into consecutive blocks that share a key (e.g. a histogram range), order kept.
    static func blocks<K: Equatable>(_ items: [K]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for i in 1...items.count where i == items.count || items[i] != items[start] {
            result.append(start..<i)
            start = i
        }
        return result
    }
}
