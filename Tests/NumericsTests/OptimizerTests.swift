// Optimizer steps against a table computed independently (float64 NumPy transcription of the PyTorch
// update formulas; three steps on a 3-parameter tensor), plus closed-form first steps.
import Testing
@testable import Numerics

@Suite struct OptimizerTests {
    static let start: [Float] = [1, -2, 0.5]
    static let gradients: [[Float]] = [[0.1, -0.2, 0.3], [-0.4, 0.5, 0], [0.2, 0.2, -1]]

    /// Parameters after each of the three steps, from float64 arithmetic.
    static let table: [(Optimizer, [[Double]])] = [
        (.sgd(learningRate: 0.1, momentum: 0.9),
         [[0.99, -1.98, 0.47], [1.021, -2.012, 0.443], [1.0289, -2.0608, 0.5187]]),
        (.adam(learningRate: 0.01),
         [[0.9900000009999999, -1.9900000005, 0.4900000003333333],
          [0.9955950357485128, -1.9944221530217234, 0.48329941810791543],
          [0.9966967723464267, -1.9998515828128194, 0.4879316748339887]]),
        (.adamW(learningRate: 0.01, weightDecay: 0.1),
         [[0.9890000009999999, -1.9880000005, 0.4895000003333333],
          [0.9936060357475128, -1.9904341530212235, 0.4823099181075821],
          [0.9937141663096792, -1.9938731486592982, 0.48645986491554777]]),
    ]

    @Test(arguments: 0..<3) func stepTable(row: Int) {
        let (optimizer, expected) = Self.table[row]
        var state = OptimizerState(optimizer: optimizer, slotSizes: [3])
        var parameters = Self.start
        var worst = 0.0
        for (step, gradient) in Self.gradients.enumerated() {
            state.beginStep()
            state.update(&parameters, gradient: gradient, slot: 0)
            for i in 0..<3 { worst = max(worst, abs(Double(parameters[i]) - expected[step][i])) }
        }
        // float32 arithmetic on values near 1: a few ulps (1.2e-7 each).
        #expect(worst < 1e-6, "\(optimizer): worst difference \(worst)")
    }

    /// Adam's first step moves every parameter by η·sign(g) (m̂ = g, v̂ = g²), whatever the gradient's size.
    @Test func adamFirstStepIsLearningRateTimesSign() {
        var state = OptimizerState(optimizer: .adam(learningRate: 0.001), slotSizes: [4])
        var parameters: [Float] = [0, 0, 0, 0]
        state.beginStep()
        state.update(&parameters, gradient: [1e-3, -5, 300, -0.25], slot: 0)
        for (p, sign) in zip(parameters, [Float(1), -1, 1, -1]) {
            #expect(abs(p + 0.001 * sign) < 1e-7, "\(p)")  // ε and 1 − β₂ shift it by < 1e-5 relative
        }
    }

    /// Decoupled decay: with a zero gradient AdamW only shrinks p by (1 − ηλ) per step; Adam leaves it alone.
    @Test func adamWDecayIsDecoupledFromTheGradient() {
        var decayed = OptimizerState(optimizer: .adamW(learningRate: 0.1, weightDecay: 0.5), slotSizes: [2])
        var plain = OptimizerState(optimizer: .adam(learningRate: 0.1), slotSizes: [2])
        var p: [Float] = [2, -4], q: [Float] = [2, -4]
        for _ in 0..<2 {
            decayed.beginStep(); decayed.update(&p, gradient: [0, 0], slot: 0)
            plain.beginStep(); plain.update(&q, gradient: [0, 0], slot: 0)
        }
        #expect(p == [2 * 0.95 * 0.95, -4 * 0.95 * 0.95])
        #expect(q == [2, -4])
    }

    /// Separate slots keep separate moments.
    @Test func slotsAreIndependent() {
        var state = OptimizerState(optimizer: .sgd(learningRate: 1, momentum: 0.5), slotSizes: [1, 1])
        var a: [Float] = [0], b: [Float] = [0]
        state.beginStep(); state.update(&a, gradient: [1], slot: 0); state.update(&b, gradient: [-1], slot: 1)
        state.beginStep(); state.update(&a, gradient: [1], slot: 0); state.update(&b, gradient: [0], slot: 1)
        #expect(a == [-2.5] && b == [1.5])
    }

    /// The vectorized update (16 lanes at a time) gives the same bits as the one-element tail path.
    @Test(arguments: [Optimizer.adam(learningRate: 0.01), .adamW(learningRate: 0.003, weightDecay: 0.1), .sgd(learningRate: 0.1, momentum: 0.9)])
    func vectorAndScalarPathsAgree(optimizer: Optimizer) {
        var generator = RandomGenerator(seed: 12)
        let count = 37  // two 16-lane blocks and a tail of 5
        var whole = [Float](repeating: 0, count: count)
        generator.fillNormal(&whole)
        var pieces = whole.map { [$0] }
        var wholeState = OptimizerState(optimizer: optimizer, slotSizes: [count])
        var pieceState = OptimizerState(optimizer: optimizer, slotSizes: [Int](repeating: 1, count: count))
        for _ in 0..<4 {
            var gradient = [Float](repeating: 0, count: count)
            generator.fillNormal(&gradient)
            wholeState.beginStep()
            wholeState.update(&whole, gradient: gradient, slot: 0)
            pieceState.beginStep()
            for i in 0..<count { pieceState.update(&pieces[i], gradient: [gradient[i]], slot: i) }
        }
        #expect(whole.map(\.bitPattern) == pieces.map { $0[0].bitPattern })
    }
}
