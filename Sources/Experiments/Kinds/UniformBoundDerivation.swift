// `derivation uniform-bound`: why U(−a, a) with a = √(6/(n_in + n_out)) has Xavier's variance (and likewise for He
// and LeCun), as display math. The target variance, its TeX and the bound all come from the engine's Initializer,
// the definitions the simulations draw from; a Monte Carlo line checks the bound with the engine's own sampler.

import Foundation
import Numerics

enum UniformBound: ExperimentKind {
    static let name = "derivation uniform-bound"
    static let summary = "Derives the bound a of U(−a, a) from an initializer's target variance, step by step in display math, and checks it by sampling."
    static let valuePaths = "`variance` (σ² of the scheme), `bound` (a = √(3σ²)), `sampled_variance` (of `samples` draws from U(−a, a)), `relative_error` (\\|sampled − σ²\\| / σ²)"
    static let output = KindOutput.derivation

    enum Scheme: String, Choice { case xavier, he, lecun }

    static let scheme = Key.choice("scheme", default: Scheme.xavier, .single, help: "whose variance: Xavier 2/(n_in+n_out), He 2/n_in, LeCun 1/n_in")
    static let fanIn = Key.integer("fan-in", 1...1_000_000, default: 100, .single, help: "n_in")
    static let fanOut = Key.integer("fan-out", 1...1_000_000, default: 100, .single, help: "n_out")
    static let samples = Key.integer("samples", 1...10_000_000, default: 1_000_000, .single, help: "draws of the Monte Carlo check")
    static let keys = [scheme.parameter, fanIn.parameter, fanOut.parameter, samples.parameter, Key.seed.single.parameter]

    struct Parameters: Sendable {
        var scheme: Scheme
        var fanIn, fanOut, samples, seed: Int
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(scheme: values[scheme], fanIn: values[fanIn], fanOut: values[fanOut], samples: values[samples], seed: values[Key.seed.single])
    }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let run = runs[0].parameters
        let scheme = run.scheme.rawValue
        let fanIn = run.fanIn, fanOut = run.fanOut, samples = run.samples
        let fans = Fans(fanIn: fanIn, fanOut: fanOut)
        let initializer: Initializer = switch scheme {
        case "he": .he(.uniform)
        case "lecun": .lecun(.uniform)
        default: .xavier(.uniform)
        }
        let variance = initializer.variance(fans)
        let bound = initializer.scale(fans).bound!
        // The constant under the root: 3σ² times the fan expression (6 for Xavier and He, 3 for LeCun).
        let fanExpression = scheme == "xavier" ? Double(fanIn + fanOut) : Double(fanIn)
        let constant = ValueFormat.significant(12).plain(3 * variance * fanExpression)
        let fanTeX = scheme == "xavier" ? "n_{\\text{in}} + n_{\\text{out}}" : "n_{\\text{in}}"
        let fanValues = scheme == "xavier" ? "\(fanIn) + \(fanOut)" : "\(fanIn)"

        // Monte Carlo: the engine's sampler, Double arithmetic for the moments.
        var generator = RandomGenerator(seed: UInt64(run.seed)).stream(for: "uniform-bound")
        let draws = initializer.weights(rows: samples, columns: 1, fans: fans, using: &generator).elements
        var sum = 0.0
        for w in draws { sum += Double(w) }
        let mean = sum / Double(samples)
        var squares = 0.0
        for w in draws { squares += (Double(w) - mean) * (Double(w) - mean) }
        let sampled = squares / Double(samples)
        let relativeError = abs(sampled - variance) / variance

        let name = ["xavier": "Xavier", "he": "He", "lecun": "LeCun"][scheme]!
        let f = ValueFormat.significant(4)
        let math = [
            "\\mathrm{Var}[U(-a, a)] = \\frac{(a - (-a))^2}{12} = \\frac{(2a)^2}{12} = \\frac{a^2}{3}",
            "\\sigma^2_{\\text{\(name)}} = \(initializer.varianceTeX)",
            "\\frac{a^2}{3} = \\sigma^2 \\;\\Rightarrow\\; a = \\sqrt{3\\sigma^2}",
            "a = \\sqrt{3 \\cdot \(initializer.varianceTeX)} = \\sqrt{\\frac{\(constant)}{\(fanTeX)}}",
            (scheme == "xavier" ? "n_{\\text{in}} = \(fanIn),\\ n_{\\text{out}} = \(fanOut):" : "n_{\\text{in}} = \(fanIn):") + " \\quad a = \\sqrt{\\frac{\(constant)}{\(fanValues)}} = \(f.plain(bound)), \\quad \\sigma^2 = \(f.plain(variance))",
            "\\text{Monte Carlo, } \(grouped(samples)) \\text{ draws: } s^2 = \(f.plain(sampled)) \\approx \\sigma^2 = \(f.plain(variance)) \\quad (\\text{relative error } \(ValueFormat.significant(2).plain(relativeError * 100))\\%)",
        ]
        let columns = ["scheme", "n_in", "n_out", "variance σ²", "bound a", "sampled variance", "relative error"]
        let row = [scheme, String(fanIn), String(fanOut), f.prose(variance), f.prose(bound), f.prose(sampled),
                   ValueFormat.significant(2).prose(relativeError * 100) + "%"]
        let csv = CSV.text(header: ["scheme", "fan_in", "fan_out", "variance", "bound", "sampled_variance", "relative_error"],
                           rows: [[scheme, String(fanIn), String(fanOut), CSV.number(variance), CSV.number(bound), CSV.number(sampled), CSV.number(relativeError)]])
        let description = "The uniform bound for \(name) initialization: a = √(\(constant)/\(scheme == "xavier" ? "(\(fanValues))" : fanValues)) = \(f.prose(bound)), "
            + "giving variance \(f.prose(variance)); \(grouped(samples).replacingOccurrences(of: "\\,", with: "\u{2009}")) samples have variance \(f.prose(sampled))."
        return ExperimentResult(
            kind: directive.kind, name: directive.name, figures: [],
            caption: directive.caption ?? "Deriving the \(name) uniform bound a = √(\(constant)/\(scheme == "xavier" ? "(n_in + n_out)" : "n_in")).",
            description: description, tables: [.init(title: "Uniform bound and its Monte Carlo check", columns: columns, rows: [row])],
            csv: csv, math: math, runLabels: [""],
            values: ["variance": variance, "bound": bound, "sampled_variance": sampled, "relative_error": relativeError])
    }

    /// 1000000 → `1\,000\,000` (thin spaces between groups of three digits, as printed mathematics does).
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: "\\,")
    }
}
