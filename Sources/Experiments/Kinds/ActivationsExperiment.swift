// `activations`: the classic figure of the initialization literature (Glorot & Bengio 2010, fig. 6; CS231n's
// notes): histograms of each layer's activations for each configuration, a row per run and a column per layer.

import Charts
import Numerics

enum Activations: ExperimentKind {
    static let name = "activations"
    static let summary = "Forward probe: per-layer histograms of the activations (small multiples: a row per run, a column per layer)."

    static let initializer = Key.initializer(default: .xavierNormal)
    static let activation = Key.activation(default: .tanh)
    static let layers = ProbeKeys.layers(default: 5)
    static let keys = [initializer.parameter, activation.parameter, layers.parameter, ProbeKeys.width.parameter, ProbeKeys.samples.parameter,
                       ProbeKeys.bins.parameter, ProbeKeys.histogramRange.parameter, ProbeKeys.bias.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var probe: Probe
        var bins: Int
        var range: ValueRange?
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(probe: Probe(values, initializer: initializer, activation: activation, layers: layers),
                   bins: values[ProbeKeys.bins], range: values[ProbeKeys.histogramRange])
    }

    static let budget: WorkBudget? = ProbeKeys.budget(factor: 1)
    static func work(_ run: Parameters) -> Double { run.probe.work }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var rows: [(label: String, range: ClosedRange<Double>, histograms: [Charts.Histogram])] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        let f = ValueFormat.significant(3)

        for run in runs {
            let p = run.parameters, bins = p.bins
            let result = ProbeSupport.forward(p.probe)
            let prefix = run.label.isEmpty ? "" : run.label + "."
            ProbeSupport.forwardValues(result, prefix: prefix, into: &values)

            // One range for all layers of a run, so the panels of a row compare: the author's, the activation's own
            // bounded range, or the run's extremes.
            let range: ClosedRange<Double> = p.range.map { $0.lower...$0.upper }
                ?? naturalRange(p.probe.activation)
                ?? ProbeSupport.finiteRange(result.pass.activations.map(\.elements)) ?? (-1...1)
            var histograms: [Charts.Histogram] = []
            for (l, a) in result.pass.activations.enumerated() {
                let h = ProbeSupport.histogram(a.elements, bins: bins, range: range)
                let stats = result.layers[l].activations
                let n = Double(max(1, stats.count))
                values[prefix + "layer[\(l + 1)].underflow"] = Double(h.underflow) / n
                values[prefix + "layer[\(l + 1)].overflow"] = Double(h.overflow) / n
                histograms.append(ProbeSupport.chartHistogram(h, mean: stats.mean, std: stats.std))
                table.append([ProbeSupport.rowLabel(run.label, p.probe), String(l + 1), f.prose(stats.mean), f.prose(stats.std),
                              ValueFormat.percent(1).prose(stats.saturatedFraction ?? 0), ValueFormat.percent(1).prose(stats.zeroFraction)])
                csv.append([run.label, String(l + 1), CSV.number(stats.mean), CSV.number(stats.std), CSV.number(stats.meanSquare.squareRoot()),
                            CSV.number(stats.min), CSV.number(stats.max), CSV.number(stats.saturatedFraction ?? 0), CSV.number(stats.zeroFraction),
                            CSV.number(result.layers[l].preactivations.mean), CSV.number(result.layers[l].preactivations.std)])
            }
            rows.append((ProbeSupport.rowLabel(run.label, p.probe), range, histograms))
        }

        // Runs that share a range share a chart; a run on its own scale gets its own.
        let maxLayers = runs.map(\.parameters.probe.layers).max()!
        let shown = ProbeSupport.shownLayers(maxLayers)
        var figures: [FigureData] = []
        for (k, block) in ProbeSupport.blocks(rows.map(\.range)).enumerated() {
            let chart = SmallMultiples(
                title: "Activations per layer" + (shown.count < maxLayers ? " (\(shown.count) of \(maxLayers) layers)" : ""),
                rows: block.map { rows[$0].label }, columns: shown.map { "layer \($0 + 1)" },
                histograms: block.map { i in shown.compactMap { $0 < rows[i].histograms.count ? rows[i].histograms[$0] : nil } },
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
