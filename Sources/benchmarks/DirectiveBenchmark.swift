// Directive cost benchmark: the worst cases the limits accept (README "Limits"), each timed beside a reference measured
// in the same run: a directive at the work limit that is almost only matrix products. A ratio near 1 says the budget's
// cost model (weights drawn, orthogonalization, small products) holds; well above 1 says a limit is too loose.
import Experiments
import Foundation

enum DirectiveBenchmark {
    /// Descriptions at or just under a budget, one per way of spending it.
    static let cases: [(String, String)] = [
        ("activations: wide, one layer", "kind: activations\ninit: he-normal\nactivation: relu\nwidth: 2048\nlayers: 1\nsamples: 2080\n"),
        ("activations: deep, many samples", "kind: activations\ninit: he-normal\nactivation: relu\nwidth: 316\nlayers: 10\nsamples: 9700\n"),
        ("activations: orthogonal", "kind: activations\ninit: orthogonal\nwidth: 580\nlayers: 1\nsamples: 1\n"),
        ("depth: 200 narrow layers", "kind: depth\ninit: he-normal\nwidth: 70\nlayers: 200\nsamples: 9900\n"),
        ("depth: wide, drawing weights", "kind: depth\ninit: he-normal\nwidth: 2048\nlayers: 7\nsamples: 40\n"),
        ("gradients: wide and deep", "kind: gradients\nwidth: 700\nlayers: 35\nsamples: 56\n"),
        ("gradients: narrow, many samples", "kind: gradients\nwidth: 30\nlayers: 100\nsamples: 3300\n"),
        ("symmetry: 8 layers", "kind: symmetry\ninit: xavier-normal\nlayers: 8\nwidth: 64\nsamples: 2000\nsteps: 24\n"),
        ("symmetry: widest", "kind: symmetry\ninit: xavier-normal\nlayers: 1\nwidth: 256\nsamples: 100\nsteps: 100\n"),
        ("weights: 7 × 2048²", "kind: weights\ninit: he-normal, he-uniform, xavier-normal, xavier-uniform, lecun-normal, lecun-uniform, normal(1)\nfan-in: 2048\nfan-out: 2048\n"),
        ("weights: orthogonal", "kind: weights\ninit: orthogonal\nfan-in: 580\nfan-out: 580\n"),
        // 8,000 samples × 2,457 nodes (a: 19, b: ten calls of a, c: ten calls of b) = 1.97·10⁷ of the 2·10⁷ evaluations.
        ("plot: nested formulas", "kind: plot\nfunction: a(x) = x+x+x+x+x+x+x+x+x+x, b(x) = a(x)+a(x)+a(x)+a(x)+a(x)+a(x)+a(x)+a(x)+a(x)+a(x), c(x) = b(x)+b(x)+b(x)+b(x)+b(x)+b(x)+b(x)+b(x)+b(x)+b(x)\nsamples: 8000\n"),
        ("plot: derivatives", "kind: plot\nfunction: f(x) = sin(x)*exp(-x^2/8) + log(1 + x^2)\nderivative: f\nx: -10..10\nsamples: 10001\n"),
    ]

    static func run() {
        let reference = seconds("kind: depth\ninit: he-normal\nwidth: 2048\nlayers: 1\nsamples: 2080\n")
        print("reference: a depth directive at the work limit, almost only products: \(NumericsBenchmark.format(reference, 2)) s")
        for (name, text) in cases {
            let s = seconds(text)
            print("\(name): \(NumericsBenchmark.format(s, 2)) s (\(NumericsBenchmark.format(s / reference, 2)) × the reference)")
        }
    }

    static func seconds(_ text: String) -> Double {
        let (parsed, diagnostics) = ExperimentDirective.parse(description: text, path: "benchmark")
        guard let directive = parsed, diagnostics.isEmpty else { fatalError("over the limits: \(diagnostics)") }
        return NumericsBenchmark.best(1) { _ = try? ExperimentRunner.run(directive, sourceRoot: URL(fileURLWithPath: "/")) }
    }
}
