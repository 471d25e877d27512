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
                       ProbeKeys.bins.parameter, ProbeKeys.bias.parameter, loss.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var probe: Probe
        var bins: Int
        var loss: Loss
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(probe: Probe(values, initializer: initializer, activation: activation, layers: layers),
                   bins: values[ProbeKeys.bins], loss: values[loss])
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
        var activationRows: [(label: String, range: ClosedRange<Double>, histograms: [Charts.Histogram])] = []
        var weightRows: [(label: String, range: ClosedRange<Double>, histograms: [Charts.Histogram])] = []
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
            // First pass for the extremes, second with one symmetric range for every layer of the run.
            let scout = BackwardProbe(loss: loss, seed: seed).run(forward.pass)
            let activationRange = symmetricRange(scout.layers.map { ($0.activationGradients.min, $0.activationGradients.max) })
            let weightRange = symmetricRange(scout.layers.map { ($0.weightGradients.min, $0.weightGradients.max) })
            let backward = BackwardProbe(loss: loss, seed: seed, activationGradientBinning: Binning(bins: bins, range: activationRange),
                                         weightGradientBinning: Binning(bins: bins, range: weightRange)).run(forward.pass)
            if let value = backward.loss { values[prefix + "loss"] = value }

            var activationHistograms: [Charts.Histogram] = [], weightHistograms: [Charts.Histogram] = []
            for (l, record) in backward.layers.enumerated() {
                let p = prefix + "layer[\(l + 1)]."
                let g = record.activationGradients, w = record.weightGradients
                ProbeSupport.momentValues(g, p + "gradient", into: &values)
                ProbeSupport.momentValues(w, p + "weight_gradient", into: &values)
                activationHistograms.append(ProbeSupport.chartHistogram(g.histogram, mean: g.mean, std: g.std))
                weightHistograms.append(ProbeSupport.chartHistogram(w.histogram, mean: w.mean, std: w.std))
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

        let layerCount = activationRows.map(\.histograms.count).max()!
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
