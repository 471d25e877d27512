// Initializers: the sampled variance of every initializer against its analytic formula, the known
// facts (Var U(−a, a) = a²/3), orthogonality, fans of dense and convolution kernels, identifiers.
import Testing
@testable import Numerics

@Suite struct InitializerTests {
    static let fans = Fans(fanIn: 300, fanOut: 200)

    /// Every initializer family, with closed-form variances worked out by hand for fans (300, 200).
    static let cases: [(Initializer, Double)] = [
        (.normal(std: 0.05), 0.0025),
        (.uniform(bound: 0.3), 0.03),                                   // a²/3
        (.truncatedNormal(std: 0.1), 0.01 * 0.773_741_303_55),
        (.lecun(.normal), 1.0 / 300), (.lecun(.uniform), 1.0 / 300), (.lecun(.truncatedNormal), 1.0 / 300),
        (.xavier(.normal), 2.0 / 500), (.xavier(.uniform), 2.0 / 500), (.xavier(.truncatedNormal), 2.0 / 500),
        (.he(.normal), 2.0 / 300), (.he(.uniform), 2.0 / 300), (.he(.truncatedNormal), 2.0 / 300),
        (.he(.normal, mode: .fanOut), 2.0 / 200), (.he(.uniform, mode: .fanOut), 2.0 / 200),
        (.he(.normal, gain: Activation.tanh.gain), 25.0 / 9 / 300),
        (.xavier(.uniform, gain: 5.0 / 3), 25.0 / 9 * 2 / 500),
        (.orthogonal(gain: 1), 1.0 / 300), (.orthogonal(gain: 2), 4.0 / 300),
    ]

    @Test func analyticVariancesAreTheClosedForms() {
        for (initializer, expected) in Self.cases {
            #expect(abs(initializer.variance(Self.fans) - expected) <= 1e-9 * expected, "\(initializer.identifier)")
        }
        #expect(Initializer.zeros.variance(Self.fans) == 0 && Initializer.constant(0.5).variance(Self.fans) == 0)
    }

    @Test func sampledVarianceMatchesTheFormula() {
        var g = RandomGenerator(seed: 17)
        for (initializer, expected) in Self.cases {
            // W is fan_out × fan_in (a dense layer's storage): 60,000 weights.
            let w = initializer.weights(rows: 200, columns: 300, fans: Self.fans, using: &g)
            let n = Double(w.elements.count)
            let mean = w.elements.reduce(0.0) { $0 + Double($1) } / n
            let variance = w.elements.reduce(0.0) { $0 + Double($1) * Double($1) } / n
            // The variance estimate's standard error is ≤ √(2/n)·Var for these light-tailed laws; 5 of them.
            #expect(abs(variance - expected) < 5 * (2 / n).squareRoot() * expected,
                    "\(initializer.identifier): sampled \(variance), expected \(expected)")
            #expect(abs(mean) < 5 * (expected / n).squareRoot() + 1e-9, "\(initializer.identifier) mean \(mean)")
        }
    }

    @Test(arguments: [0.01, 0.5, 3.0])
    func uniformVarianceIsBoundSquaredOverThree(bound: Double) {
        var g = RandomGenerator(seed: 23)
        var values = [Float](repeating: 0, count: 200_000)
        g.fillUniform(&values, -bound, bound)
        #expect(values.allSatisfy { abs(Double($0)) <= bound })
        let variance = values.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(values.count)
        // Var of U(−a, a) is a²/3; the estimate's standard error is √(4/45)·a²/√n (fourth moment a⁴/5).
        let standardError = (4.0 / 45).squareRoot() * bound * bound / Double(values.count).squareRoot()
        #expect(abs(variance - bound * bound / 3) < 5 * standardError)
    }

    @Test func uniformBoundsAreTheDocumentedOnes() {
        // Glorot & Bengio's eq. 16: a = √(6/(fan_in + fan_out)); He uniform: a = √(6/fan_in).
        #expect(abs(Initializer.xavier(.uniform).scale(Self.fans).bound! - (6.0 / 500).squareRoot()) < 1e-15)
        #expect(abs(Initializer.he(.uniform).scale(Self.fans).bound! - (6.0 / 300).squareRoot()) < 1e-15)
        #expect(abs(Initializer.he(.normal).scale(Self.fans).std! - (2.0 / 300).squareRoot()) < 1e-15)
        var g = RandomGenerator(seed: 2)
        let w = Initializer.xavier(.uniform).weights(rows: 200, columns: 300, fans: Self.fans, using: &g)
        #expect(w.elements.allSatisfy { Double(abs($0)) <= (6.0 / 500).squareRoot() })
        let t = Initializer.truncatedNormal(std: 0.1).weights(rows: 200, columns: 300, fans: Self.fans, using: &g)
        #expect(t.elements.allSatisfy { abs($0) <= 0.2 })
    }

    @Test(arguments: [(3, 7), (7, 3), (5, 5)])
    func orthogonalHasOrthonormalRowsOrColumns(shape: (Int, Int)) {
        var g = RandomGenerator(seed: 4)
        let (rows, columns) = shape
        let w = Initializer.orthogonal(gain: 2).weights(rows: rows, columns: columns, fans: Fans(fanIn: columns, fanOut: rows), using: &g)
        // W·Wᵀ = 4I when rows ≤ columns, Wᵀ·W = 4I otherwise.
        let gram = rows <= columns ? Matrix.product(w, transposing: w) : Matrix.product(transposing: w, w)
        for i in 0..<gram.rows {
            for j in 0..<gram.columns {
                #expect(abs(gram[i, j] - (i == j ? 4 : 0)) < 1e-5)
            }
        }
    }

    @Test func fansOfDenseAndConvolutionKernels() {
        #expect(Fans.dense(inputs: 784, outputs: 256) == Fans(fanIn: 784, fanOut: 256))
        // A 3×3 convolution from 16 to 32 channels: fan_in = 9·16, fan_out = 9·32.
        #expect(Fans.convolution(inputChannels: 16, outputChannels: 32, kernelHeight: 3, kernelWidth: 3) == Fans(fanIn: 144, fanOut: 288))
        #expect(abs(Initializer.he(.normal).variance(.convolution(inputChannels: 16, outputChannels: 32, kernelHeight: 3, kernelWidth: 3)) - 2.0 / 144) < 1e-15)
    }

    @Test func identifiersAndDescriptions() {
        let named: [(Initializer, String)] = [
            (.zeros, "zeros"), (.constant(0.5), "constant(0.5)"), (.normal(std: 0.01), "normal(0.01)"),
            (.uniform(bound: 1), "uniform(1)"), (.truncatedNormal(std: 0.02), "truncated-normal(0.02)"),
            (.lecun(.normal), "lecun-normal"), (.lecun(.uniform), "lecun-uniform"),
            (.xavier(.normal), "xavier-normal"), (.xavier(.uniform), "xavier-uniform"),
            (.he(.normal), "he-normal"), (.he(.uniform, mode: .fanOut), "he-uniform(fan_out)"),
            (.orthogonal(gain: 1), "orthogonal"), (.orthogonal(gain: 2), "orthogonal(2)"),
        ]
        for (initializer, name) in named { #expect(initializer.identifier == name) }
        #expect(Initializer.he(.normal).description == "he-normal: N(0, σ²), σ = √(2/n_in); Var(w) = 2/n_in")
        #expect(Initializer.xavier(.uniform).description == "xavier-uniform: U(−a, a), a = √(6/(n_in + n_out)); Var(w) = 2/(n_in + n_out)")
        #expect(Initializer.he(.uniform, mode: .fanOut).description == "he-uniform(fan_out): U(−a, a), a = √(6/n_out); Var(w) = 2/n_out")
        #expect(Initializer.lecun(.truncatedNormal).description == "lecun-truncated-normal: N(0, σ²) truncated to ±2σ, σ = √(1/n_in)/0.880; Var(w) = 1/n_in")
        #expect(Initializer.he(.normal, gain: 1).scaleFormulas! == ("√(1/n_in)", "√(3/n_in)"))
        #expect(Initializer.he(.normal, mode: .fanOut).varianceTeX == "\\frac{2}{n_{\\text{out}}}")
    }

    @Test func weightsDependOnlyOnTheStream() {
        var a = RandomGenerator(seed: 8), b = RandomGenerator(seed: 8)
        let x = Initializer.he(.normal).weights(rows: 10, columns: 20, fans: Fans(fanIn: 20, fanOut: 10), using: &a)
        let y = Initializer.he(.normal).weights(rows: 10, columns: 20, fans: Fans(fanIn: 20, fanOut: 10), using: &b)
        #expect(x == y)
    }
}
