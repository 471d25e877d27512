// First-order optimizers on flat parameter tensors: SGD with momentum, Adam (Kingma & Ba 2015, Algorithm 1)
// and AdamW (Loshchilov & Hutter 2019, Algorithm 2: weight decay decoupled from the gradient).
// The update formulas are PyTorch's (`torch.optim.SGD`, `Adam`, `AdamW`), so learning rates and defaults
// mean what the seed experiment meant. Every a·b + c is one fused multiply-add, as everywhere in Numerics,
// and the powers βᵗ are running products, not `pow`, so results are the same bits on every machine.

/// An optimizer's rule and hyper-parameters; `OptimizerState` applies it.
public enum Optimizer: Sendable, Hashable {
    /// p ← p − η·b with the momentum buffer b ← μ·b + g (b₁ = g; μ = 0 is plain SGD).
    case sgd(learningRate: Float, momentum: Float = 0)
    /// Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − η·(m/(1−β₁ᵗ)) / (√v/√(1−β₂ᵗ) + ε).
    case adam(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8)
    /// AdamW: first p ← p·(1 − ηλ) (decay decoupled from the gradient's moments), then the Adam step.
    /// λ = 0.01 is PyTorch's default, which the seed experiment used. Biases are decayed too, as in PyTorch.
    case adamW(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01)

    /// The learning rate η.
    public var learningRate: Float {
        switch self {
        case .sgd(let rate, _), .adam(let rate, _, _, _), .adamW(let rate, _, _, _, _): rate
        }
    }

    /// The same rule with learning rate η replaced (what a learning-rate search varies).
    public func with(learningRate rate: Float) -> Optimizer {
        switch self {
        case .sgd(_, let momentum): .sgd(learningRate: rate, momentum: momentum)
        case .adam(_, let b1, let b2, let eps): .adam(learningRate: rate, beta1: b1, beta2: b2, epsilon: eps)
        case .adamW(_, let b1, let b2, let eps, let decay): .adamW(learningRate: rate, beta1: b1, beta2: b2, epsilon: eps, weightDecay: decay)
        }
    }
}

/// The moments an optimizer keeps for each parameter tensor ("slot") of a model, and the step count t.
///
/// Use: `beginStep()` once per mini-batch, then `update(_:gradient:slot:)` for every parameter tensor.
public struct OptimizerState: Sendable {
    public let optimizer: Optimizer
    /// Number of steps begun (t in the formulas).
    public private(set) var step = 0
    private var first: [[Float]]   // SGD: momentum buffer; Adam: m
    private var second: [[Float]]  // Adam: v
    private var beta1Power: Float = 1
    private var beta2Power: Float = 1

    /// State for tensors of the given sizes, all moments zero.
    public init(optimizer: Optimizer, slotSizes: [Int]) {
        self.optimizer = optimizer
        first = slotSizes.map { [Float](repeating: 0, count: $0) }
        switch optimizer {
        case .sgd: second = slotSizes.map { _ in [] }
        case .adam, .adamW: second = slotSizes.map { [Float](repeating: 0, count: $0) }
        }
    }

    /// Starts step t + 1 (updates the bias-correction powers βᵗ).
    public mutating func beginStep() {
        step += 1
        switch optimizer {
        case .sgd: break
        case .adam(_, let b1, let b2, _), .adamW(_, let b1, let b2, _, _):
            beta1Power *= b1
            beta2Power *= b2
        }
    }

    /// Applies the current step to `parameters` given their loss `gradient`.
    public mutating func update(_ parameters: inout [Float], gradient: [Float], slot: Int) {
        precondition(step > 0, "call beginStep() before update")
        precondition(parameters.count == gradient.count && parameters.count == first[slot].count, "tensor size does not match its slot")
        switch optimizer {
        case .sgd(let rate, let momentum):
            parameters.withUnsafeMutableBufferPointer { p in
                first[slot].withUnsafeMutableBufferPointer { b in
                    for i in 0..<p.count {
                        b[i] = gradient[i].addingProduct(momentum, b[i])
                        p[i] = p[i].addingProduct(-rate, b[i])
                    }
                }
            }
        case .adam(let rate, let b1, let b2, let eps):
            adamStep(&parameters, gradient, slot: slot, rate: rate, beta1: b1, beta2: b2, epsilon: eps, decay: 0)
        case .adamW(let rate, let b1, let b2, let eps, let decay):
            adamStep(&parameters, gradient, slot: slot, rate: rate, beta1: b1, beta2: b2, epsilon: eps, decay: decay)
        }
    }

    private mutating func adamStep(_ parameters: inout [Float], _ gradient: [Float], slot: Int,
                                   rate: Float, beta1: Float, beta2: Float, epsilon: Float, decay: Float) {
        let stepSize = rate / (1 - beta1Power)
        let correction2 = (1 - beta2Power).squareRoot()
        let shrink = 1 - rate * decay  // AdamW's decoupled decay; 1 for Adam
        // The formula once, generic over Float and SIMD16<Float>: lanes compute exactly what the scalar
        // tail computes (IEEE √ and ÷ are correctly rounded, fma is fused either way), so the bits do not
        // depend on where an element falls.
        @inline(__always)
        func adam<V: SIMD>(_ p: inout V, _ m: inout V, _ v: inout V, _ g: V) where V.Scalar == Float {
            m = (beta1 * m).addingProduct(1 - beta1, g)
            v = (beta2 * v).addingProduct(1 - beta2, g * g)
            let denominator = v.squareRoot() / correction2 + epsilon
            p = (p * shrink).addingProduct(-stepSize, m / denominator)
        }
        parameters.withUnsafeMutableBufferPointer { p in
            first[slot].withUnsafeMutableBufferPointer { m in
                second[slot].withUnsafeMutableBufferPointer { v in
                    gradient.withUnsafeBufferPointer { g in
                        typealias V = SIMD16<Float>
                        func load(_ b: UnsafeMutableBufferPointer<Float>, _ i: Int) -> V { UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: V.self) }
                        func store(_ x: V, _ b: UnsafeMutableBufferPointer<Float>, _ i: Int) { UnsafeMutableRawPointer(b.baseAddress! + i).storeBytes(of: x, as: V.self) }
                        let vectorEnd = p.count / 16 * 16
                        for i in stride(from: 0, to: vectorEnd, by: 16) {
                            var (pv, mv, vv) = (load(p, i), load(m, i), load(v, i))
                            adam(&pv, &mv, &vv, UnsafeRawPointer(g.baseAddress! + i).loadUnaligned(as: V.self))
                            store(pv, p, i); store(mv, m, i); store(vv, v, i)
                        }
                        for i in vectorEnd..<p.count {
                            // The tail as a two-lane vector of copies: the same formula, lane 0 kept.
                            var (pv, mv, vv) = (SIMD2(repeating: p[i]), SIMD2(repeating: m[i]), SIMD2(repeating: v[i]))
                            adam(&pv, &mv, &vv, SIMD2(repeating: g[i]))
                            (p[i], m[i], v[i]) = (pv[0], mv[0], vv[0])
                        }
                    }
                }
            }
        }
    }
}
