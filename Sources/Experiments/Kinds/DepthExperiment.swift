// `depth`: the spread of the activations against depth, one line per configuration, on a log scale: Xavier + ReLU
// halves E[x²] per layer while He keeps it (He et al. 2015, section 2.2); small weights vanish, large ones explode.

import Charts
import Numerics

extension ExperimentKind {
    static let depth = ExperimentKind(
        name: "depth",
        summary: "Forward probe through a deep stack: a statistic of the activations against the layer, one line per run, log scale.",
        parameters: [Parameter("init", .initializer, default: [.initializer(.xavierNormal), .initializer(.heNormal(fanOut: false))], help: "weight initializer"),
                     .activation(default: .relu), .layers(default: 30, max: 200), .width, .samples, .bias,
                     .names("statistic", ["std", "rms"], default: "std", .single,
                            help: "what is plotted: the standard deviation or the root mean square √E[x²]"),
                     .seed],
        check: { probeWork($0, factor: 1) },
        dataFiles: { _ in [] },
        run: { try DepthExperiment.run($0) })
}


enum DepthExperiment {
    static func run(_ context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let statistic = directive.runs[0].name("statistic")
        var values: [String: Double] = [:]
        var series: [LineChart.Series] = []
        var columns: [[Double]] = []
        var csv: [[String]] = []

        for run in directive.runs {
            let result = ProbeSupport.forward(run)
            ProbeSupport.forwardValues(result, prefix: run.label.isEmpty ? "" : run.label + ".", into: &values)
            let ys = result.layers.map { statistic == "rms" ? $0.activations.meanSquare.squareRoot() : $0.activations.std }
            series.append(.init(ProbeSupport.rowLabel(run), x: (1...ys.count).map(Double.init), y: ys, markers: ys.count <= 12))
            columns.append(ys)
            for (l, record) in result.layers.enumerated() {
                csv.append([run.label, String(l + 1), CSV.number(record.activations.mean), CSV.number(record.activations.std),
                            CSV.number(record.activations.meanSquare.squareRoot())])
            }
        }
        let title = statistic == "rms" ? "root mean square √E[x²]" : "standard deviation"
        let chart = LineChart(title: "Activation \(title) across depth", x: Axis("layer"), y: Axis(title, scale: .log), series: series)
        let maxLayers = columns.map(\.count).max()!
        let f = ValueFormat.significant(3)
        let rows = (0..<maxLayers).map { l in [String(l + 1)] + columns.map { l < $0.count ? f.prose($0[l]) : "" } }
        let first = directive.runs[0]
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [chart.responsiveSVG(idPrefix: context.idPrefix)],
            caption: directive.caption ?? "Activation \(title) per layer: \(first.integer("width")) units per layer, \(first.integer("samples")) standard-normal inputs.",
            description: chart.summary,
            tables: [.init(title: "Activation \(title) per layer", columns: ["layer"] + directive.runs.map(ProbeSupport.rowLabel), rows: rows)],
            csv: CSV.text(header: ["run", "layer", "mean", "std", "rms"], rows: csv),
            runLabels: directive.runs.map(\.label), values: values)
    }
}
