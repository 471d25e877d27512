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

    /// `PREFIX.mean`, `PREFIX.std` and `PREFIX.rms` (√E[x²]) of one tensor's statistics.
    static func momentValues(_ statistics: TensorStatistics, _ prefix: String, into values: inout [String: Double]) {
        values[prefix + ".mean"] = statistics.mean
        values[prefix + ".std"] = statistics.std
        values[prefix + ".rms"] = statistics.meanSquare.squareRoot()
    }

    /// `layer[i].mean`, `.std`, … for the input (i = 0) and every layer (i = 1 …), under `prefix`.
    static func forwardValues(_ result: ForwardProbe.Result, prefix: String, into values: inout [String: Double]) {
        let input = Summary(result.pass.input.elements)
        for (key, value) in [("mean", input.mean), ("std", input.std), ("rms", input.rms), ("min", input.min), ("max", input.max)] {
            values[prefix + "layer[0]." + key] = value
        }
        for (l, record) in result.layers.enumerated() {
            let layer = prefix + "layer[\(l + 1)]", p = layer + "."
            let a = record.activations, z = record.preactivations
            momentValues(a, layer, into: &values)
            values[p + "min"] = a.min
            values[p + "max"] = a.max
            values[p + "saturated"] = a.saturatedFraction ?? 0
            values[p + "dead"] = a.zeroFraction
            values[p + "nonfinite"] = Double(a.nanCount + a.infinityCount) / Double(max(1, a.count))
            values[p + "pre.mean"] = z.mean
            values[p + "pre.std"] = z.std
            // Overflow shows here first: ReLU maps a −∞ pre-activation to 0.
            values[p + "pre.nonfinite"] = Double(z.nanCount + z.infinityCount) / Double(max(1, z.count))
        }
    }

    /// The statistics' histogram as Charts draws it (under/overflow include ±∞, as the engine counts them).
    static func chartHistogram(_ h: Numerics.Histogram, mean: Double, std: Double) -> Charts.Histogram {
        Charts.Histogram(range: h.lowerBound...h.upperBound, counts: h.counts, below: h.underflow, above: h.overflow, nan: h.nanCount,
                         mean: mean.isFinite ? mean : nil, standardDeviation: std.isFinite ? std : nil)
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

    /// The finite extremes of several tensors (nil when none is finite).
    static func finiteRange(_ tensors: [[Float]]) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for t in tensors {
            for v in t where v.isFinite {
                lo = min(lo, Double(v))
                hi = max(hi, Double(v))
            }
        }
        return lo <= hi ? lo...hi : nil
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
