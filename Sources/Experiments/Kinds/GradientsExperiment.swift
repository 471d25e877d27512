// `gradients`: the backward probe (Glorot & Bengio 2010, figure 7 in small): histograms of the gradients with respect
// to each layer's activations and weights, and their standard deviation per layer, one row or line per run.

import Charts
import Numerics

enum Gradients: ExperimentKind {
    static let name = "gradients"
    static let summary = "Backward probe: per-layer histograms of the gradients with respect to activations and to weights, and their std per layer."
    static let valuePaths = "the paths of `depth`, and `layer[i].gradient.mean`, `.gradient.std`, `.gradient.rms` (gradient of the loss with respect to the layer's activations), `layer[i].weight_gradient.mean`, `.weight_gradient.std`, `.weight_gradient.rms` (with respect to the weights into layer i); with `loss: cross-entropy` also `loss`, and `layer[layers+1]` is the 10-unit output layer"

    enum Loss: String, Choice { case random, crossEntropy = "cross-entropy" }

    static let initializer = Key.initializer(default: .xavierNormal)
    static let activation = Key.activation(default: .tanh)
    static let layers = ProbeKeys.layers(default: 5)
    static let loss = Key.choice("loss", default: Loss.random, .single,
                                 help: "output gradient: `random` (unit-variance normal) or softmax `cross-entropy` over 10 classes with random labels")
    static let keys = [initializer.parameter, activation.parameter, layers.parameter, ProbeKeys.width.parameter, ProbeKeys.samples.parameter,
                       ProbeKeys.bins.parameter, ProbeKeys.rangePolicy.parameter, ProbeKeys.bias.parameter, loss.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var probe: Probe
        var bins: Int
        var loss: Loss
        var rangePolicy: RangePolicy
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(probe: Probe(values, initializer: initializer, activation: activation, layers: layers),
                   bins: values[ProbeKeys.bins], loss: values[loss],
                   rangePolicy: values[ProbeKeys.rangePolicy])
    }

    // The backward probe runs twice (once to find the histograms' ranges): 1 + 2 × 2 passes. It needs every layer's
    // weights, pre-activations and activations, so the memory is bounded too.
    static let budgets = [
        ProbeKeys.budget(passes: 5) { (p: Parameters) in p.probe },
        Budget<Parameters>(formula: "layers × width × (width + 2 × samples)", unit: "values kept for the backward pass",
                           limit: Limits.probeValuesKept, keys: ["samples", "width", "layers"]) { p in
            Double(p.probe.layers) * Double(p.probe.width) * (Double(p.probe.width) + 2 * Double(p.probe.samples))
        },
    ]

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var activationRows: [(label: String, range: ClosedRange<Double>?, histograms: [Charts.Histogram])] = []
        var weightRows: [(label: String, range: ClosedRange<Double>?, histograms: [Charts.Histogram])] = []
        var series: [LineChart.Series] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        let f = ValueFormat.significant(3)

        for run in runs {
            let probe = run.parameters.probe
            let crossEntropy = run.parameters.loss == .crossEntropy
            let bins = run.parameters.bins
            let forward = ProbeSupport.forward(probe, outputLayer: crossEntropy)
            let prefix = run.label.isEmpty ? "" : run.label + "."
            ProbeSupport.forwardValues(forward, prefix: prefix, into: &values)
            let seed = UInt64(probe.seed)
            let loss: BackwardProbe.Loss = crossEntropy ? .softmaxCrossEntropy(labels: nil) : .randomOutputGradient
            // First pass for the extremes, second with one symmetric range for every layer of the run, or each layer's
            // own range when one shared range would squeeze a layer into one or two bins (`range-policy`).
            let scout = BackwardProbe(loss: loss, seed: seed).run(forward.pass)
            let policy = run.parameters.rangePolicy
            let activationRanges = layerRanges(scout.layers.map(\.activationGradients), hidden: probe.layers, bins: bins, policy: policy)
            let weightRanges = layerRanges(scout.layers.map(\.weightGradients), hidden: probe.layers, bins: bins, policy: policy)
            var backwardProbe = BackwardProbe(loss: loss, seed: seed)
            backwardProbe.layerBinnings = zip(activationRanges.ranges, weightRanges.ranges).map {
                (Binning(bins: bins, range: $0), Binning(bins: bins, range: $1))
            }
            let activationRange = activationRanges.shared, weightRange = weightRanges.shared
            let backward = backwardProbe.run(forward.pass)
            if let value = backward.loss { values[prefix + "loss"] = value }

            var activationHistograms: [Charts.Histogram] = [], weightHistograms: [Charts.Histogram] = []
            for (l, record) in backward.layers.enumerated() {
                let p = prefix + "layer[\(l + 1)]."
                let g = record.activationGradients, w = record.weightGradients
                ProbeSupport.momentValues(g, p + "gradient", into: &values)
                ProbeSupport.momentValues(w, p + "weight_gradient", into: &values)
                activationHistograms.append(ProbeSupport.chartHistogram(g.histogram, mean: g.mean, std: g.std,
                                                                        zeros: Int((g.zeroFraction * Double(g.count)).rounded()), count: g.count))
                weightHistograms.append(ProbeSupport.chartHistogram(w.histogram, mean: w.mean, std: w.std,
                                                                    zeros: Int((w.zeroFraction * Double(w.count)).rounded()), count: w.count))
                table.append([ProbeSupport.rowLabel(run.label, probe), String(l + 1), f.prose(forward.layers[l].activations.std), f.prose(g.std), f.prose(w.std)])
                csv.append([run.label, String(l + 1), CSV.number(forward.layers[l].activations.std), CSV.number(g.mean), CSV.number(g.std),
                            CSV.number(w.mean), CSV.number(w.std)])
            }
            let label = ProbeSupport.rowLabel(run.label, probe)
            activationRows.append((label, activationRange, activationHistograms))
            weightRows.append((label, weightRange, weightHistograms))
            let xs = (1...backward.layers.count).map(Double.init)
            let few = runs.count == 1
            series.append(.init(few ? "∂L/∂a" : "\(label): ∂L/∂a", x: xs, y: backward.layers.map(\.activationGradients.std), markers: xs.count <= 12))
            series.append(.init(few ? "∂L/∂W" : "\(label): ∂L/∂W", x: xs, y: backward.layers.map(\.weightGradients.std), markers: xs.count <= 12))
        }

        // The histograms show the hidden layers (with cross-entropy the probe also records the output logits, whose
        // gradient p − y is two spikes, not a distribution to compare).
        let layerCount = min(activationRows.map(\.histograms.count).max()!, runs.map(\.parameters.probe.layers).max()!)
        let shown = ProbeSupport.shownLayers(layerCount)
        var figures: [FigureData] = []
        for (name, quantity, rows) in [("a", "activation gradient ∂L/∂a", activationRows), ("w", "weight gradient ∂L/∂W", weightRows)] {
            for (k, block) in ProbeSupport.blocks(rows.map(\.range)).enumerated() {
                let chart = SmallMultiples(
                    title: "Gradients with respect to the " + (name == "a" ? "activations" : "weights") + ", per layer",
                    rows: block.map { rows[$0].label }, columns: shown.map { "layer \($0 + 1)" },
                    histograms: block.map { i in shown.compactMap { $0 < rows[i].histograms.count ? rows[i].histograms[$0] : nil } },
                    x: Axis(quantity, range: rows[block.lowerBound].range))
                figures.append(FigureData(chart, idSuffix: name + "\(k)-"))
            }
        }
        let lines = LineChart(title: "Gradient standard deviation per layer", x: Axis("layer"), y: Axis("standard deviation", scale: .log), series: series)
        figures.append(FigureData(lines, idSuffix: "std-"))
        let first = runs[0].parameters
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: figures,
            caption: directive.caption ?? "Back-propagated gradients per layer (\(first.loss == .crossEntropy ? "softmax cross-entropy, random labels" : "unit-variance random output gradient")).",
            tables: [.init(title: "Standard deviations per layer", columns: ["run", "layer", "activations", "∂L/∂a", "∂L/∂W"], rows: table)],
            csv: CSV.text(header: ["run", "layer", "activation_std", "gradient_mean", "gradient_std", "weight_gradient_mean", "weight_gradient_std"], rows: csv),
            runLabels: runs.map(\.label), values: values)
    }

    /// Each layer's histogram range, and the range they share (nil: each its own). A layer's range is symmetric,
    /// ±(its largest |value|, but at most 6 standard deviations): gradients are heavy-tailed, and a few outliers
    /// (counted in the note) must not squeeze the rest into one bin. The `hidden` layers (the ones drawn) share the
    /// widest of theirs (`shared`), or keep their own (`per-panel`, and `auto` when a shared range would leave one of
    /// them two bins or fewer); a recorded output layer keeps its own.
    static func layerRanges(_ stats: [TensorStatistics], hidden: Int, bins: Int, policy: RangePolicy)
        -> (ranges: [ClosedRange<Double>], shared: ClosedRange<Double>?) {
        let own: [ClosedRange<Double>] = stats.map { s in
            let extreme = symmetricRange([(s.min, s.max)]).upperBound
            let m = s.std.isFinite && s.std > 0 ? Swift.min(extreme, 6 * s.std) : extreme
            return -m...m
        }
        let drawn = own.prefix(hidden)
        let widest = drawn.map(\.upperBound).max() ?? 1
        let squeezed = drawn.contains { Double(bins) * $0.upperBound / widest <= 2 }
        if policy == .perPanel || (policy == .auto && squeezed) { return (own, nil) }
        return (own.indices.map { $0 < hidden ? -widest...widest : own[$0] }, -widest...widest)
    }

    /// −m…m with m the largest finite |extreme| (−1…1 when nothing is finite or everything is 0).
    static func symmetricRange(_ extremes: [(Double, Double)]) -> ClosedRange<Double> {
        var m = 0.0
        for (lo, hi) in extremes {
            if lo.isFinite { m = max(m, abs(lo)) }
            if hi.isFinite { m = max(m, abs(hi)) }
        }
        return m > 0 ? -m...m : -1...1
    }
}
