// Math benchmark: converts 10,000 formulas (a mix typical of the course: fractions, roots, sums with limits,
// \operatorname, \left…\right, aligned derivations, cases, matrices) and prints formulas/s and MB/s of TeX read.
// Reference measured in the same run: the same bytes scanned by a trivial loop that only counts backslashes,
// so the ratio says how far conversion is from reading the input once. Times are this thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID): the machine is shared, and wall-clock time mostly measured the other processes.
import Foundation
import TeXMath

enum MathBenchmark {
    static let samples: [(tex: String, display: Bool)] = [
        (#"\operatorname{Var}(U(a,b)) = \frac{(b-a)^2}{12}"#, false),
        (#"x = \sqrt{\frac{6}{n_{\text{in}}+n_{\text{out}}}}"#, true),
        (#"\operatorname{Var}(y) = n \cdot \operatorname{Var}(w) \cdot \operatorname{Var}(x)"#, false),
        (#"q_{l+1} = \sigma_w^2 \, \mathbb{E}_{z}\left[\phi\left(\sqrt{q_l}\, z\right)^2\right] + \sigma_b^2"#, true),
        (#"y = \sum_{i=1}^{n} w_i x_i + b"#, false),
        (#"\begin{aligned} \operatorname{Var}(U(-a,a)) &= \frac{(a-(-a))^2}{12} \\ &= \frac{a^2}{3} \end{aligned}"#, true),
        (#"f(x) = \begin{cases} x & \text{if } x > 0 \\ \alpha (e^x - 1) & \text{otherwise} \end{cases}"#, true),
        (#"W = \begin{pmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{pmatrix}"#, true),
        (#"\sigma(x) = \frac{1}{1+e^{-x}}"#, false),
        (#"\mathcal{N}(0, \sigma^2)"#, false),
        (#"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n = e"#, true),
        (#"\theta_{t+1} = \theta_t - \eta \nabla_\theta L(\theta_t)"#, false),
        (#"\begin{align} \operatorname{Var}(w) &= \frac{2}{n_{\text{in}}} \label{he} \\ \operatorname{Var}(w) &= \frac{2}{n_{\text{in}}+n_{\text{out}}} \end{align}"#, true),
        (#"p(x) = \frac{1}{\sqrt{2\pi\sigma^2}} \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)"#, true),
        (#"\alpha"#, false),
        (#"n_{\text{in}}"#, false),
    ]

    static func run() {
        let count = 10_000
        let formulas = (0..<count).map { samples[$0 % samples.count] }
        let bytes = formulas.reduce(0) { $0 + $1.tex.utf8.count }

        // Reference: one pass over the same bytes.
        var backslashes = 0
        let scanStart = cpuSeconds()
        for _ in 0..<20 {
            for formula in formulas { for byte in formula.tex.utf8 where byte == 0x5C { backslashes += 1 } }
        }
        let scanSeconds = (cpuSeconds() - scanStart) / 20

        var best = Double.infinity
        var outputBytes = 0
        for _ in 0..<3 {
            outputBytes = 0
            let start = cpuSeconds()
            for formula in formulas {
                outputBytes += ((try? TeXMath.mathML(formula.tex, display: formula.display)) ?? "").utf8.count
            }
            best = min(best, cpuSeconds() - start)
        }
        let megabytes = Double(bytes) / 1_000_000
        print("TeXMath: \(count) formulas (\(bytes) bytes of TeX → \(outputBytes) bytes of MathML) in \(format(best * 1000)) ms of CPU time (best of 3)")
        print("  \(format(Double(count) / best)) formulas/s, \(format(megabytes / best)) MB/s of TeX")
        print("  reference (scan the same bytes once, \(backslashes / 20) backslashes): \(format(megabytes / scanSeconds)) MB/s; conversion is \(format(best / scanSeconds))× slower")
    }

    private static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func format(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.2f", value) }
}
