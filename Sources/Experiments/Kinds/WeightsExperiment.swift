// `weights`: one weight matrix per initializer, sampled with the engine, drawn as a density histogram under the
// theoretical density, with the empirical variance next to the analytic one (Var(U(−a, a)) = a²/3, etc.).

import Charts
import Foundation
import Numerics

extension ExperimentKind {
    static let weights = ExperimentKind(
        name: "weights",
        summary: "Samples a weight matrix from each initializer: the histogram against the theoretical density, and the empirical against the analytic variance.",
        parameters: [Parameter("init", .initializer,
                               default: [.initializer(.xavierNormal), .initializer(.xavierUniform), .initializer(.heNormal(fanOut: false)), .initializer(.heUniform(fanOut: false))],
                               help: "weight initializer"),
                     .integer("fan-in", 1...4096, default: 256, help: "inputs of the layer (rows of the weight matrix)"),
                     .integer("fan-out", 1...4096, default: 256, help: "outputs of the layer (columns)"),
                     .integer("bins", 2...200, default: 50, .single, help: "histogram bins"),
                     .seed],
        check: { runs in
            runs.contains { $0.integer("fan-in") * $0.integer("fan-out") > Limits.weightsPerRun }
                ? [("fan-out|fan-in", "too many weights: fan-in × fan-out must be at most \(Limits.weightsPerRun)")] : []
        },
        dataFiles: { _ in [] },
        run: { try WeightsExperiment.run($0) })
}


enum WeightsExperiment {
    static func run(_ context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var histograms: [[Charts.Histogram]] = []
        var rowsLabels: [String] = []
        var table: [[String]] = []
        var csvRows: [[String]] = []
        let f = ValueFormat.significant(4)

        for run in directive.runs {
            let spec = run.initializer("init")
            let initializer = spec.engine
            let fanIn = run.integer("fan-in"), fanOut = run.integer("fan-out")
            let fans = Fans.dense(inputs: fanIn, outputs: fanOut)
            // One stream per run, named by what the run is, so adding a run to the grid changes no other run.
            var generator = RandomGenerator(seed: UInt64(run.integer("seed"))).stream(for: "weights " + spec.spelling)
            let w = initializer.weights(rows: fanOut, columns: fanIn, fans: fans, using: &generator)
            let s = Summary(w.elements)
            let analytic = initializer.variance(fans)
            let (std, bound) = initializer.scale(fans)
            let prefix = run.label.isEmpty ? "" : run.label + "."
            let stats: [(String, Double)] = [("mean", s.mean), ("std", s.std), ("variance", s.variance), ("min", s.min), ("max", s.max),
                                             ("analytic_variance", analytic), ("analytic_std", analytic.squareRoot()),
                                             ("variance_ratio", analytic > 0 ? s.variance / analytic : .nan)]
            for (key, value) in stats { values[prefix + "weights." + key] = value }

            // The density and a range that shows all of it.
            let density: Curve?
            let range: ClosedRange<Double>
            switch spec {
            case .zeros, .constant:
                density = nil
                range = (s.min - 1)...(s.max + 1)
            case .uniform, .lecunUniform, .xavierUniform, .heUniform:
                let a = bound!
                range = (-1.2 * a)...(1.2 * a)
                density = .sampling("U(−a, a) density", over: range, count: 241) { abs($0) <= a ? 1 / (2 * a) : 0 }
            case .truncatedNormal:
                let sigma = std!
                range = (-2.4 * sigma)...(2.4 * sigma)
                let mass = 2 * Elementary.normalCDF(2) - 1
                density = .sampling("truncated normal density", over: range, count: 241) {
                    abs($0) <= 2 * sigma ? normalDensity($0, sigma) / mass : 0
                }
            case .orthogonal:
                let sigma = analytic.squareRoot()
                range = (-4 * sigma)...(4 * sigma)
                density = .sampling("N(0, σ²) approximation", over: range) { normalDensity($0, sigma) }
            case .normal, .lecunNormal, .xavierNormal, .heNormal:
                let sigma = std!
                range = (-4 * sigma)...(4 * sigma)
                density = .sampling("N(0, σ²) density", over: range) { normalDensity($0, sigma) }
            }
            histograms.append([Charts.Histogram(values: w.elements, bins: run.integer("bins"), range: range, density: density)])
            rowsLabels.append(spec.spelling + (directive.gridKeys.contains("fan-in") || directive.gridKeys.contains("fan-out") ? " \(fanIn)→\(fanOut)" : ""))
            table.append([run.label.isEmpty ? spec.spelling : run.label, initializer.distributionFormula, f.prose(analytic), f.prose(s.variance),
                          analytic > 0 ? ValueFormat.significant(4).prose(s.variance / analytic) : "—", f.prose(s.mean), f.prose(s.min), f.prose(s.max)])
            csvRows.append([run.label, spec.spelling, String(fanIn), String(fanOut), CSV.number(analytic), CSV.number(s.variance),
                            CSV.number(s.mean), CSV.number(s.min), CSV.number(s.max)])
        }

        // One x axis for all: the widest run's range, so the spreads compare at a glance.
        let lower = histograms.map { $0[0].range.lowerBound }.min()!, upper = histograms.map { $0[0].range.upperBound }.max()!
        let first = directive.runs[0]
        let chart = SmallMultiples(title: "Sampled weights, fan-in \(first.integer("fan-in")), fan-out \(first.integer("fan-out"))",
                                   rows: rowsLabels, columns: ["weights"], histograms: histograms,
                                   x: Axis("weight", range: lower...upper), measure: .density, sharedY: .row)
        let count = directive.runs.count
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [chart.svg(idPrefix: context.idPrefix)],
            caption: directive.caption ?? "Weights sampled from \(count == 1 ? rowsLabels[0] : "\(count) initializers") against the theoretical density.",
            description: chart.summary,
            tables: [.init(title: "Empirical and analytic weight variance",
                           columns: ["initializer", "distribution", "analytic variance", "empirical variance", "ratio", "mean", "min", "max"],
                           rows: table)],
            csv: CSV.text(header: ["run", "init", "fan_in", "fan_out", "analytic_variance", "variance", "mean", "min", "max"], rows: csvRows),
            runLabels: directive.runs.map(\.label), values: values)
    }

    static func normalDensity(_ x: Double, _ sigma: Double) -> Double {
        Elementary.exp(-x * x / (2 * sigma * sigma)) / (sigma * (2 * Double.pi).squareRoot())
    }
}
