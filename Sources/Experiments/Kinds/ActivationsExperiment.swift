// `activations`: the classic figure of the initialization literature (Glorot & Bengio 2010, fig. 6; CS231n's
// notes): histograms of each layer's activations for each configuration, a row per run and a column per layer.

import Charts
import Numerics

extension ExperimentKind {
    static let activations = ExperimentKind(
        name: "activations",
        summary: "Forward probe: per-layer histograms of the activations (small multiples: a row per run, a column per layer).",
        parameters: [.initializer(default: .xavierNormal), .activation(default: .tanh), .layers(default: 5), .width, .samples,
                     .bins, .histogramRange, .bias, .seed],
        check: { probeWork($0, factor: 1) },
        dataFiles: { _ in [] },
        run: { try ActivationsExperiment.run($0) })
}


enum ActivationsExperiment {
    static func run(_ context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var rows: [(label: String, range: ClosedRange<Double>, histograms: [Charts.Histogram])] = []
        var table: [[String]] = []
        var csv: [[String]] = []
        let f = ValueFormat.significant(3)

        for run in directive.runs {
            let bins = run.integer("bins")
            let result = ProbeSupport.forward(run)
            let prefix = run.label.isEmpty ? "" : run.label + "."
            ProbeSupport.forwardValues(result, prefix: prefix, into: &values)

            // One range for all layers of a run, so the panels of a row compare: the author's, the activation's own
            // bounded range, or the run's extremes.
            let range: ClosedRange<Double> = run.range("range").map { $0.lower...$0.upper }
                ?? naturalRange(run.activation("activation"))
                ?? ProbeSupport.finiteRange(result.pass.activations.map(\.elements)) ?? (-1...1)
            var histograms: [Charts.Histogram] = []
            for (l, a) in result.pass.activations.enumerated() {
                let h = ProbeSupport.histogram(a.elements, bins: bins, range: range)
                let stats = result.layers[l].activations
                let n = Double(max(1, stats.count))
                values[prefix + "layer[\(l + 1)].underflow"] = Double(h.underflow) / n
                values[prefix + "layer[\(l + 1)].overflow"] = Double(h.overflow) / n
                histograms.append(ProbeSupport.chartHistogram(h, mean: stats.mean, std: stats.std))
                table.append([ProbeSupport.rowLabel(run), String(l + 1), f.prose(stats.mean), f.prose(stats.std),
                              ValueFormat.percent(1).prose(stats.saturatedFraction ?? 0), ValueFormat.percent(1).prose(stats.zeroFraction)])
                csv.append([run.label, String(l + 1), CSV.number(stats.mean), CSV.number(stats.std), CSV.number(stats.meanSquare.squareRoot()),
                            CSV.number(stats.min), CSV.number(stats.max), CSV.number(stats.saturatedFraction ?? 0), CSV.number(stats.zeroFraction),
                            CSV.number(result.layers[l].preactivations.mean), CSV.number(result.layers[l].preactivations.std)])
            }
            rows.append((ProbeSupport.rowLabel(run), range, histograms))
        }

        // Runs that share a range share a chart; a run on its own scale gets its own.
        let maxLayers = directive.runs.map { $0.integer("layers") }.max()!
        let shown = ProbeSupport.shownLayers(maxLayers)
        var figures: [String] = []
        var summaries: [String] = []
        for (k, block) in ProbeSupport.blocks(rows.map(\.range)).enumerated() {
            let chart = SmallMultiples(
                title: "Activations per layer" + (shown.count < maxLayers ? " (\(shown.count) of \(maxLayers) layers)" : ""),
                rows: block.map { rows[$0].label }, columns: shown.map { "layer \($0 + 1)" },
                histograms: block.map { i in shown.compactMap { $0 < rows[i].histograms.count ? rows[i].histograms[$0] : nil } },
                x: Axis("activation", range: rows[block.lowerBound].range))
            figures.append(chart.responsiveSVG(idPrefix: context.idPrefix + (k == 0 ? "" : "\(k)-")))
            summaries.append(chart.summary)
        }
        let first = directive.runs[0]
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: figures,
            caption: directive.caption ?? "Activations of each layer: \(first.integer("layers")) layers of \(first.integer("width")) units, \(first.integer("samples")) standard-normal inputs.",
            description: summaries.joined(separator: " "),
            tables: [.init(title: "Activation statistics per layer", columns: ["run", "layer", "mean", "std", "saturated", "zero"], rows: table)],
            csv: CSV.text(header: ["run", "layer", "mean", "std", "rms", "min", "max", "saturated", "zero", "pre_mean", "pre_std"], rows: csv),
            runLabels: directive.runs.map(\.label), values: values)
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
