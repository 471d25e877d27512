// `activations`: the classic figure of the initialization literature (Glorot & Bengio 2010, fig. 6; CS231n's
// notes): histograms of each layer's activations for each configuration, a row per run and a column per layer.

import Charts
import Numerics

enum Activations: ExperimentKind {
    static let name = "activations"
    static let summary = "Forward probe: per-layer histograms of the activations (small multiples: a row per run, a column per layer)."
    static let valuePaths = "`layer[i].mean`, `.std`, `.rms` (√E[x²]), `.unit_std` (each unit's standard deviation across the inputs, averaged over the units), `.min`, `.max`, `.saturated` (fraction within 0.01 of an asymptote of sigmoid, tanh, softsign, ELU or SELU), `.dead` (fraction exactly 0), `.nonfinite` (fraction NaN or ±∞), and for the pre-activations `layer[i].pre.mean`, `.pre.std`, `.pre.nonfinite` (where an explosion shows first: the engine's ReLU maps NaN and −∞ to 0); `layer[0].mean`, `.std`, `.rms`, `.min`, `.max` describe the input; `layer[i].underflow`, `.overflow` (fraction outside the histogram range)"

    static let initializer = Key.initializer(default: .xavierNormal)
    static let activation = Key.activation(default: .tanh)
    static let layers = ProbeKeys.layers(default: 5)
    static let keys = [initializer.parameter, activation.parameter, layers.parameter, ProbeKeys.width.parameter, ProbeKeys.samples.parameter,
                       ProbeKeys.bins.parameter, ProbeKeys.histogramRange.parameter, ProbeKeys.rangePolicy.parameter, ProbeKeys.bias.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var probe: Probe
        var bins: Int
        var range: ValueRange?
        var rangePolicy: RangePolicy
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(probe: Probe(values, initializer: initializer, activation: activation, layers: layers),
                   bins: values[ProbeKeys.bins], range: values[ProbeKeys.histogramRange],
                   rangePolicy: values[ProbeKeys.rangePolicy])
    }

    static let budgets = [ProbeKeys.budget(passes: 1) { (p: Parameters) in p.probe }]

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var rows: [(label: String, range: ClosedRange<Double>?, histograms: [Charts.Histogram])] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        let f = ValueFormat.significant(3)

        // The layers the figure shows; only their activations are kept (the others' statistics stream by).
        let shown = ProbeSupport.shownLayers(runs.map(\.parameters.probe.layers).max()!)
        for run in runs {
            let p = run.parameters, bins = p.bins
            let prefix = run.label.isEmpty ? "" : run.label + "."
            // The author's range or the activation's own bounded one, known before the run: layers the figure does
            // not show are counted against it as they stream by; shown layers are kept for the histogram policy.
            let given: ClosedRange<Double>? = p.range.map { $0.lower...$0.upper } ?? naturalRange(p.probe.activation)
            var layers: [ProbeSupport.LayerStatistics] = []
            var kept: [Int: [Float]] = [:]
            var outside: [Int: (below: Int, above: Int)] = [:]
            let input = ProbeSupport.forwardLayers(p.probe) { l, a, statistics in
                layers.append(statistics)
                if shown.contains(l) {
                    kept[l] = a.elements
                } else if let given {
                    let h = ProbeSupport.histogram(a.elements, bins: bins, range: given)
                    outside[l] = (h.underflow, h.overflow)
                } else {
                    // Against the run's finite extremes, only −∞ is below and +∞ above.
                    outside[l] = (a.elements.count { $0 == -.infinity }, a.elements.count { $0 == .infinity })
                }
            }
            ProbeSupport.inputValues(input, prefix: prefix, into: &values)
            // One range for the shown layers of a run, so the panels of a row compare (the author's, the activation's
            // own bounded range, or the run's extremes), unless that squeezes a layer into one or two bins: then each
            // layer gets its own (`range-policy`). Exact zeros (ReLU) are drawn apart from the bins.
            let policy = HistogramPolicy(bins: bins, range: ProbeSupport.histogramRange(p.range, p.rangePolicy),
                                         sharedRange: naturalRange(p.probe.activation))
            let shownHere = shown.filter { $0 < layers.count }
            let histograms = policy.histograms(shownHere.map { kept[$0]! })
            for (position, l) in shownHere.enumerated() { outside[l] = (histograms[position].below, histograms[position].above) }
            for (l, record) in layers.enumerated() {
                ProbeSupport.layerValues(record, layer: l + 1, prefix: prefix, into: &values)
                let stats = record.activations
                let n = Double(max(1, stats.count))
                values[prefix + "layer[\(l + 1)].underflow"] = Double(outside[l]!.below) / n
                values[prefix + "layer[\(l + 1)].overflow"] = Double(outside[l]!.above) / n
                table.append([ProbeSupport.rowLabel(run.label, p.probe), String(l + 1), f.prose(stats.mean), f.prose(stats.std),
                              ValueFormat.percent(1).prose(stats.saturatedFraction ?? 0), ValueFormat.percent(1).prose(stats.zeroFraction)])
                csv.append([run.label, String(l + 1), CSV.number(stats.mean), CSV.number(stats.std), CSV.number(stats.meanSquare.squareRoot()),
                            CSV.number(stats.min), CSV.number(stats.max), CSV.number(stats.saturatedFraction ?? 0), CSV.number(stats.zeroFraction),
                            CSV.number(record.preactivations.mean), CSV.number(record.preactivations.std)])
            }
            let range = histograms.allSatisfy { $0.range == histograms[0].range } ? histograms.first?.range : nil
            rows.append((ProbeSupport.rowLabel(run.label, p.probe), range, histograms))
        }

        // Runs that share a range share a chart; a run on its own scale gets its own.
        let maxLayers = runs.map(\.parameters.probe.layers).max()!
        var figures: [FigureData] = []
        for (k, block) in ProbeSupport.blocks(rows.map(\.range)).enumerated() {
            let chart = SmallMultiples(
                title: "Activations per layer" + (shown.count < maxLayers ? " (\(shown.count) of \(maxLayers) layers)" : ""),
                rows: block.map { rows[$0].label }, columns: shown.map { "layer \($0 + 1)" },
                histograms: block.map { rows[$0].histograms },
                x: Axis("activation", range: rows[block.lowerBound].range))
            figures.append(FigureData(chart, idSuffix: k == 0 ? "" : "\(k)-"))
        }
        let first = runs[0].parameters.probe
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: figures,
            caption: directive.caption ?? "Activations of each layer: \(first.layers) layers of \(first.width) units, \(first.samples) standard-normal inputs.",
            tables: [.init(title: "Activation statistics per layer", columns: ["run", "layer", "mean", "std", "saturated", "zero"], rows: table)],
            csv: CSV.text(header: ["run", "layer", "mean", "std", "rms", "min", "max", "saturated", "zero", "pre_mean", "pre_std"], rows: csv),
            runLabels: runs.map(\.label), values: values)
    }

    /// The bounded range of an activation, where it has one.
    static func naturalRange(_ activation: ActivationSpec) -> ClosedRange<Double>? {
        switch activation {
        case .sigmoid: 0...1
        case .tanh, .softsign: -1...1
        default: nil
        }
    }
}
