// `weights`: one weight matrix per initializer, sampled with the engine, drawn as a density histogram under the
// theoretical density, with the empirical variance next to the analytic one (Var(U(−a, a)) = a²/3, etc.).

import Charts
import Foundation
import Numerics

enum Weights: ExperimentKind {
    static let name = "weights"
    static let summary = "Samples a weight matrix from each initializer: the histogram against the theoretical density, and the empirical against the analytic variance."
    static let valuePaths = "`weights.mean`, `.std`, `.variance`, `.min`, `.max`, `.analytic_variance`, `.analytic_std`, `.variance_ratio` (empirical / analytic; NaN for constants)"

    static let initializer = Key.initializer(default: .xavierNormal, .xavierUniform, .heNormal(fanOut: false), .heUniform(fanOut: false))
    static let fanIn = Key.integer("fan-in", 1...4096, default: 256, help: "inputs of the layer (rows of the weight matrix)")
    static let fanOut = Key.integer("fan-out", 1...4096, default: 256, help: "outputs of the layer (columns)")
    static let bins = Key.integer("bins", 2...200, default: 50, .single, help: "histogram bins")
    static let keys = [initializer.parameter, fanIn.parameter, fanOut.parameter, bins.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var initializer: InitializerSpec
        var fanIn: Int
        var fanOut: Int
        var bins: Int
        var seed: Int
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(initializer: values[initializer], fanIn: values[fanIn], fanOut: values[fanOut], bins: values[bins], seed: values[Key.seed])
    }

    static let budgets = [
        Budget<Parameters>(formula: { runs in
                               let orthogonal = runs.contains { Cost.isOrthogonal($0.initializer) }
                               return (orthogonal ? "(\(Int(Cost.draw)) + \(Int(Cost.orthogonal)) × min(fan-in, fan-out) for orthogonal)" : "\(Int(Cost.draw))") + " × fan-in × fan-out"
                           },
                           unit: "multiply-adds", limit: Limits.probeWork, keys: ["fan-in", "fan-out", "init"]) { p in
            (Cost.draw + (Cost.isOrthogonal(p.initializer) ? Cost.orthogonal * Double(min(p.fanIn, p.fanOut)) : 0)) * Double(p.fanIn) * Double(p.fanOut)
        },
    ]

    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] {
        runs.contains { $0.parameters.fanIn * $0.parameters.fanOut > Limits.weightsPerRun }
            ? [LimitProblem(keys: ["fan-out"], message: "too many weights: fan-in × fan-out must be at most \(Limits.weightsPerRun)")] : []
    }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var histograms: [[Charts.Histogram]] = []
        var rowsLabels: [String] = []
        var table: [[String]] = []
        var csvRows: [[String]] = []
        let f = ValueFormat.significant(4)

        for run in runs {
            let p = run.parameters
            let spec = p.initializer
            let initializer = spec.engine
            let fanIn = p.fanIn, fanOut = p.fanOut
            let fans = Fans.dense(inputs: fanIn, outputs: fanOut)
            // One stream per run, named by what the run is, so adding a run to the grid changes no other run.
            var generator = RandomGenerator(seed: UInt64(p.seed)).stream(for: "weights " + spec.spelling)
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
                // No finite weight (a constant beyond single precision) leaves min and max NaN.
                range = s.count > 0 ? (s.min - 1)...(s.max + 1) : -1...1
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
            histograms.append([Charts.Histogram(values: w.elements, bins: p.bins, range: range, density: density)])
            rowsLabels.append(spec.spelling + (directive.gridKeys.contains("fan-in") || directive.gridKeys.contains("fan-out") ? " \(fanIn)→\(fanOut)" : ""))
            table.append([run.label.isEmpty ? spec.spelling : run.label, initializer.distributionFormula, f.prose(analytic), f.prose(s.variance),
                          analytic > 0 ? ValueFormat.significant(4).prose(s.variance / analytic) : "—", f.prose(s.mean), f.prose(s.min), f.prose(s.max)])
            csvRows.append([run.label, spec.spelling, String(fanIn), String(fanOut), CSV.number(analytic), CSV.number(s.variance),
                            CSV.number(s.mean), CSV.number(s.min), CSV.number(s.max)])
        }

        // One x axis for all: the widest run's range, so the spreads compare at a glance.
        let lower = histograms.map { $0[0].range.lowerBound }.min()!, upper = histograms.map { $0[0].range.upperBound }.max()!
        let first = runs[0].parameters
        let chart = SmallMultiples(title: "Sampled weights, fan-in \(first.fanIn), fan-out \(first.fanOut)",
                                   rows: rowsLabels, columns: ["weights"], histograms: histograms,
                                   x: Axis("weight", range: lower...upper), measure: .density, sharedY: .row)
        let count = runs.count
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [FigureData(chart)],
            caption: directive.caption ?? "Weights sampled from \(count == 1 ? rowsLabels[0] : "\(count) initializers") against the theoretical density.",
            tables: [.init(title: "Empirical and analytic weight variance",
                           columns: ["initializer", "distribution", "analytic variance", "empirical variance", "ratio", "mean", "min", "max"],
                           rows: table)],
            csv: CSV.text(header: ["run", "init", "fan_in", "fan_out", "analytic_variance", "variance", "mean", "min", "max"], rows: csvRows),
            runLabels: runs.map(\.label), values: values)
    }

    static func normalDensity(_ x: Double, _ sigma: Double) -> Double {
        Elementary.exp(-x * x / (2 * sigma * sigma)) / (sigma * (2 * Double.pi).squareRoot())
    }
}
