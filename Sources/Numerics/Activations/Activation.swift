// Activation functions φ with their derivatives φ′ side by side (as micrograd keeps each local
// derivative with its operation), the gain each one recommends for initialization, and the asymptotes
// used to measure saturation. Values are computed in Double with our own elementary functions and
// rounded once to Float, so they are the same bits everywhere.
// References: ReLU (Nair & Hinton 2010), leaky ReLU (Maas et al. 2013), ELU (Clevert et al. 2016),
// SELU (Klambauer et al. 2017), GELU (Hendrycks & Gimpel 2016), softsign (Glorot & Bengio 2010),
// gains as in PyTorch's `torch.nn.init.calculate_gain`.

/// An elementwise nonlinearity.
public enum Activation: Sendable, Hashable, CaseIterable {
    case identity
    case sigmoid
    case tanh
    case relu
    /// max(x, αx) with slope α for negative inputs.
    case leakyReLU(alpha: Double)
    /// x for x > 0, α(eˣ − 1) otherwise.
    case elu(alpha: Double)
    case selu
    /// x·Φ(x), Φ the standard normal distribution function (the exact form, not the tanh approximation).
    case gelu
    /// x / (1 + |x|).
    case softsign
    /// log(1 + eˣ).
    case softplus

    /// One of each kind, with the default parameters (leaky ReLU α = 0.01, ELU α = 1).
    public static let allCases: [Activation] = [
        .identity, .sigmoid, .tanh, .relu, .leakyReLU(alpha: 0.01), .elu(alpha: 1), .selu, .gelu, .softsign, .softplus,
    ]

    /// SELU's constants λ and α (Klambauer et al. 2017, eq. 14), which make N(0, 1) a fixed point.
    public static let seluScale = 1.050_700_987_355_480_493_419_334_985_294_6
    public static let seluAlpha = 1.673_263_242_354_377_284_817_042_991_671_7

    /// The stable name used in experiment directives: `relu`, `leaky-relu(0.01)`, `elu`, `elu(0.5)`, ….
    public var identifier: String {
        switch self {
        case .identity: "identity"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "relu"
        case .leakyReLU(let alpha): "leaky-relu(\(NumberText.short(alpha)))"
        case .elu(let alpha): alpha == 1 ? "elu" : "elu(\(NumberText.short(alpha)))"
        case .selu: "selu"
        case .gelu: "gelu"
        case .softsign: "softsign"
        case .softplus: "softplus"
        }
    }

    /// A display name: "ReLU", "Leaky ReLU (α = 0.01)", ….
    public var name: String {
        switch self {
        case .identity: "identity"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "ReLU"
        case .leakyReLU(let alpha): "leaky ReLU (α = \(NumberText.short(alpha)))"
        case .elu(let alpha): alpha == 1 ? "ELU" : "ELU (α = \(NumberText.short(alpha)))"
        case .selu: "SELU"
        case .gelu: "GELU"
        case .softsign: "softsign"
        case .softplus: "softplus"
        }
    }

    /// φ(x) in Double: the definition, used for Float results (rounded once) and for quadrature.
    public func value(_ x: Double) -> Double {
        switch self {
        case .identity: x
        case .sigmoid: Elementary.sigmoid(x)
        case .tanh: Elementary.tanh(x)
        case .relu: x > 0 || x.isNaN ? x : 0  // NaN passes, as in PyTorch: an overflow must stay visible
        case .leakyReLU(let alpha): x > 0 ? x : alpha * x
        case .elu(let alpha): x > 0 ? x : alpha * Elementary.expm1(x)
        case .selu: Activation.seluScale * (x > 0 ? x : Activation.seluAlpha * Elementary.expm1(x))
        case .gelu: x * Elementary.normalCDF(x)
        case .softsign: x / (1 + abs(x))
        // log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}): no overflow, no loss for large |x|.
        case .softplus: max(x, 0) + Elementary.log1p(Elementary.exp(-abs(x)))
        }
    }

    /// φ′(x) in Double, at the pre-activation x. At the kinks (x = 0) the right-hand derivative of the
    /// negative side is used: ReLU′(0) = 0, leaky ReLU′(0) = α, as the common libraries do.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .identity:
            return 1
        case .sigmoid:
            let s = Elementary.sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = Elementary.tanh(x)
            return 1 - t * t
        case .relu:
            return x > 0 ? 1 : 0
        case .leakyReLU(let alpha):
            return x > 0 ? 1 : alpha
        case .elu(let alpha):
            return x > 0 ? 1 : alpha * Elementary.exp(x)
        case .selu:
            return Activation.seluScale * (x > 0 ? 1 : Activation.seluAlpha * Elementary.exp(x))
        case .gelu:
            // d/dx x·Φ(x) = Φ(x) + x·φ(x), φ the standard normal density.
            let density = Elementary.exp(-0.5 * x * x) * 0.398_942_280_401_432_677_939_946_059_934_381_868
            return Elementary.normalCDF(x) + x * density
        case .softsign:
            let d = 1 + abs(x)
            return 1 / (d * d)
        case .softplus:
            return Elementary.sigmoid(x)
        }
    }

    /// φ(x) rounded to Float.
    @inlinable public func value(_ x: Float) -> Float { Float(value(Double(x))) }

    /// φ′(x) rounded to Float.
    @inlinable public func derivative(_ x: Float) -> Float { Float(derivative(Double(x))) }

    /// The gain g that keeps the forward signal's scale for this nonlinearity, used as std = g/√fan
    /// (PyTorch's `calculate_gain`): linear and sigmoid 1, tanh 5/3, ReLU √2, leaky ReLU √(2/(1 + α²)),
    /// SELU 3/4. ELU, GELU, softsign and softplus have no standard gain; 1 is returned for them.
    public var gain: Double {
        switch self {
        case .identity, .sigmoid: 1
        case .tanh: 5.0 / 3
        case .relu: 2.0.squareRoot()
        case .leakyReLU(let alpha): (2 / (1 + alpha * alpha)).squareRoot()
        case .selu: 0.75
        case .elu, .gelu, .softsign, .softplus: 1
        }
    }

    /// The horizontal asymptotes of φ, which saturation is measured against: sigmoid 0 and 1, tanh and
    /// softsign −1 and 1, ELU −α, SELU −λα; empty for the others.
    public var asymptotes: [Double] {
        switch self {
        case .sigmoid: [0, 1]
        case .tanh, .softsign: [-1, 1]
        case .elu(let alpha): [-alpha]
        case .selu: [-Activation.seluScale * Activation.seluAlpha]
        case .identity, .relu, .leakyReLU, .gelu, .softplus: []
        }
    }

    /// a = φ(z) elementwise; `output` must have z's shape.
    public func apply(_ z: Matrix, into output: inout Matrix) {
        precondition(z.rows == output.rows && z.columns == output.columns, "activation output must have the input's shape")
        z.elements.withUnsafeBufferPointer { zs in
            output.elements.withUnsafeMutableBufferPointer { out in
                switch self {
                case .identity:
                    for i in zs.indices { out[i] = zs[i] }
                case .relu:
                    for i in zs.indices { out[i] = zs[i] > 0 || zs[i].isNaN ? zs[i] : 0 }
                case .leakyReLU:
                    for i in zs.indices { out[i] = zs[i] > 0 ? zs[i] : value(zs[i]) }
                // The two most used smooth activations run eight lanes at a time (same bits as `value(_:)`).
                case .tanh:
                    Elementary.tanh(zs, into: out)
                case .sigmoid:
                    Elementary.sigmoid(zs, into: out)
                default:
                    for i in zs.indices { out[i] = value(zs[i]) }
                }
            }
        }
    }

    /// a = φ(z) as a new matrix.
    public func apply(_ z: Matrix) -> Matrix {
        var output = Matrix(rows: z.rows, columns: z.columns)
        apply(z, into: &output)
        return output
    }

    /// Backward: ∂L/∂z = ∂L/∂a ⊙ φ′(z), *added* into `preactivationGradient`.
    /// Shapes: all three batch × width; `preactivations` is the z kept from the forward pass.
    public func backward(preactivations z: Matrix, activationGradient da: Matrix, addingInto dz: inout Matrix) {
        precondition(z.elements.count == da.elements.count && z.elements.count == dz.elements.count, "shapes must agree")
        z.elements.withUnsafeBufferPointer { zs in
            da.elements.withUnsafeBufferPointer { das in
                dz.elements.withUnsafeMutableBufferPointer { dzs in
                    switch self {
                    case .identity:
                        for i in zs.indices { dzs[i] += das[i] }
                    case .relu:
                        for i in zs.indices { dzs[i] += zs[i] > 0 ? das[i] : 0 }
                    case .sigmoid, .tanh:
                        // Eight lanes at a time with the batch functions (the same bits as `derivative(_:)`),
                        // the rest one by one.
                        let whole = zs.count - zs.count % 8
                        let z = UnsafeRawPointer(zs.baseAddress!), a = UnsafeRawPointer(das.baseAddress!)
                        let target = UnsafeMutableRawPointer(dzs.baseAddress!)
                        for offset in stride(from: 0, to: whole * 4, by: 32) {
                            let x = Elementary.Lanes(z.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                            let y = self == .sigmoid ? Elementary.sigmoid(x) : Elementary.tanh(x)
                            let slope = SIMD8<Float>(self == .sigmoid ? y * (1 - y) : 1 - y * y)
                            let sum = target.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                .addingProduct(a.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self), slope)
                            target.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
                        }
                        for i in whole..<zs.count { dzs[i] = dzs[i].addingProduct(das[i], derivative(zs[i])) }
                    default:
                        for i in zs.indices { dzs[i] = dzs[i].addingProduct(das[i], derivative(zs[i])) }
                    }
                }
            }
        }
    }
}

/// Short, stable decimal text for parameters in identifiers: 0.01 → "0.01", 2.0 → "2".
/// Swift's `description` gives the shortest round-tripping digits and is implemented in the standard
/// library itself, so it does not vary with the C library.
enum NumberText {
    static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
