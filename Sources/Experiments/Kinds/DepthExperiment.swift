// `depth`: the spread of the activations against depth, one line per configuration, on a log scale: Xavier + ReLU
// halves E[x²] per layer while He keeps it (He et al. 2015, section 2.2); small weights vanish, large ones explode.

import Charts
import Numerics

enum Depth: ExperimentKind {
    static let name = "depth"
    static let summary = "Forward probe through a deep stack: a statistic of the activations against the layer, one line per run, log scale."
    static let valuePaths = "the paths of `activations` except `layer[i].underflow` and `.overflow`"

    enum Statistic: String, Choice { case std, rms }

    static let initializer = Key.initializer(default: .xavierNormal, .heNormal(fanOut: false))
    static let activation = Key.activation(default: .relu)
    static let layers = ProbeKeys.layers(default: 30, max: 200)
    static let statistic = Key.choice("statistic", default: Statistic.std, .single,
                                      help: "what is plotted: the standard deviation or the root mean square √E[x²]")
    static let keys = [initializer.parameter, activation.parameter, layers.parameter, ProbeKeys.width.parameter, ProbeKeys.samples.parameter,
                       ProbeKeys.bias.parameter, statistic.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var probe: Probe
        var statistic: Statistic
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(probe: Probe(values, initializer: initializer, activation: activation, layers: layers), statistic: values[statistic])
    }

    static let budgets = [ProbeKeys.budget(passes: 1) { (p: Parameters) in p.probe }]

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let statistic = runs[0].parameters.statistic
        var values: [String: Double] = [:]
        var series: [LineChart.Series] = []
        var columns: [[Double]] = []
        var csv: [[String]] = []

        for run in runs {
            let prefix = run.label.isEmpty ? "" : run.label + "."
            var layers: [ProbeSupport.LayerStatistics] = []
            let input = ProbeSupport.forwardLayers(run.parameters.probe) { l, _, statistics in
                layers.append(statistics)
                ProbeSupport.layerValues(statistics, layer: l + 1, prefix: prefix, into: &values)
            }
            ProbeSupport.inputValues(input, prefix: prefix, into: &values)
            let ys = layers.map { statistic == .rms ? $0.activations.meanSquare.squareRoot() : $0.activations.std }
            series.append(.init(ProbeSupport.rowLabel(run.label, run.parameters.probe), x: (1...ys.count).map(Double.init), y: ys, markers: ys.count <= 12))
            columns.append(ys)
            for (l, record) in layers.enumerated() {
                csv.append([run.label, String(l + 1), CSV.number(record.activations.mean), CSV.number(record.activations.std),
                            CSV.number(record.activations.meanSquare.squareRoot())])
            }
        }
        let title = statistic == .rms ? "root mean square √E[x²]" : "standard deviation"
        let chart = LineChart(title: "Activation \(title) across depth", x: Axis("layer"), y: Axis(title, scale: .log), series: series)
        let maxLayers = columns.map(\.count).max()!
        let f = ValueFormat.significant(3)
        let rows = (0..<maxLayers).map { l in [String(l + 1)] + columns.map { l < $0.count ? f.prose($0[l]) : "" } }
        let first = runs[0].parameters.probe
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [FigureData(chart)],
            caption: directive.caption ?? "Activation \(title) per layer: \(first.width) units per layer, \(first.samples) standard-normal inputs.",
            tables: [.init(title: "Activation \(title) per layer", columns: ["layer"] + runs.map { ProbeSupport.rowLabel($0.label, $0.parameters.probe) }, rows: rows)],
            csv: CSV.text(header: ["run", "layer", "mean", "std", "rms"], rows: csv),
            runLabels: runs.map(\.label), values: values)
    }
}
