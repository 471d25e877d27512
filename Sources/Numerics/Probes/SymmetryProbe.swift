// Symmetry probe (issue item 7): why a network must not start from a constant. If every weight of a layer
// starts equal, every unit of it computes the same value, receives the same gradient and takes the same step,
// so the units stay copies of one another for ever: the layer has the capacity of a single unit. With all
// weights 0 it is worse: the gradient reaching every layer below the last is exactly 0, so they never move.
// Random initialization breaks the symmetry at step 0. (Goodfellow, Bengio & Courville, "Deep Learning",
// §8.4; the seed experiment's section 2.)
//
// The probe trains a described model for k steps and records, for each layer with weights, after every step:
// how many distinct units it has (units compared bit for bit, weights and bias together), the numerical rank
// of its weight matrix, and the norm of the weight gradient of the step. Bit-for-bit comparison is meaningful
// because our products give every output element the same sequence of fused multiply-adds.

/// Trains a model for a few steps and watches whether the units of each layer stay identical.
public struct SymmetryProbe: Sendable, Hashable {
    public var model: ModelDescription
    public var optimizer: Optimizer
    /// Number of training steps k (each one mini-batch).
    public var steps: Int
    public var batchSize: Int

    public static let maximumSteps = 10_000

    public init(model: ModelDescription, optimizer: Optimizer = .sgd(learningRate: 0.1), steps: Int = 20, batchSize: Int = 32) {
        self.model = model
        self.optimizer = optimizer
        self.steps = steps
        self.batchSize = batchSize
    }

    /// Runs the probe on `data`, batches drawn in a seeded shuffled order (reshuffled every pass), weights from `seed`.
    /// - Throws: `ModelDescriptionError` when the model does not fit the data or a number is out of range.
    public func run(on data: LabeledImages, seed: UInt64) throws -> SymmetryReport {
        func fail(_ message: String) -> ModelDescriptionError { ModelDescriptionError(layer: nil, message: message) }
        guard (0...Self.maximumSteps).contains(steps) else { throw fail("steps must be in 0...\(Self.maximumSteps), got \(steps)") }
        guard (1...TrainingConfiguration.maximumBatchSize).contains(batchSize) else { throw fail("batch size must be in 1...\(TrainingConfiguration.maximumBatchSize), got \(batchSize)") }
        guard optimizer.learningRate.isFinite && optimizer.learningRate > 0 else { throw fail("learning rate must be a positive number") }
        guard data.count > 0, model.input == data.shape else { throw fail("the model takes \(model.input) inputs, the data has \(data.count) images of \(data.shape)") }
        guard try model.validate() == .vector(data.classCount) else { throw fail("the last layer must output \(data.classCount) logits") }

        var network = try model.build(seed: seed)
        let weighted = network.layers.indices.filter { !network.layers[$0].parameters.isEmpty }
        let names = model.layers.filter {
            switch $0 { case .convolution, .dense: true; default: false }
        }.map(\.description)
        var records = zip(weighted, names).map { index, name in
            SymmetryReport.LayerRecord(name: name, units: network.layers[index].parameters[0].value.rows)
        }
        func observe(gradients: Bool) {
            for (r, index) in weighted.enumerated() {
                let parameters = network.layers[index].parameters
                records[r].distinctUnits.append(Self.distinctUnits(weights: parameters[0].value, bias: parameters[1].value))
                records[r].rank.append(parameters[0].value.numericalRank())
                if gradients { records[r].gradientNorm.append(parameters.map { $0.gradient.frobeniusNorm() }.reduce(0) { ($0 * $0 + $1 * $1).squareRoot() }) }
            }
        }
        observe(gradients: false)

        var state = OptimizerState(optimizer: optimizer, slotSizes: network.parameterSizes)
        let shuffles = RandomGenerator(seed: seed).stream(for: "shuffle")
        var order: [Int] = []
        var position = 0, pass = 0
        var batch = Matrix(rows: 0, columns: 0), labels: [Int] = []
        var probabilities = Matrix(rows: 0, columns: 0), logitGradient = Matrix(rows: 0, columns: 0)
        var losses: [Double] = []
        for _ in 0..<steps {
            if position >= order.count {
                pass += 1
                var shuffle = shuffles.stream(for: UInt64(pass))
                order = shuffle.permutation(of: data.count)
                position = 0
            }
            let indices = order[position..<min(position + batchSize, order.count)]
            position += indices.count
            data.gather(indices, into: &batch, labels: &labels)
            losses.append(network.trainingStep(batch, labels: labels, optimizer: &state, probabilities: &probabilities,
                                                  logitGradient: &logitGradient))
            observe(gradients: true)
        }
        return SymmetryReport(layers: records, losses: losses)
    }

    /// The number of different units: rows of `weights` together with their bias, compared by value.
    static func distinctUnits(weights: Matrix, bias: Matrix) -> Int {
        var seen = Set<[Float]>()
        for row in 0..<weights.rows {
            seen.insert(Array(weights.elements[row * weights.columns..<(row + 1) * weights.columns]) + [bias.elements[row]])
        }
        return seen.count
    }
}

/// What the symmetry probe saw.
public struct SymmetryReport: Sendable, Hashable, Codable {
    /// One layer with weights (convolution or dense), its measurements indexed by step.
    public struct LayerRecord: Sendable, Hashable, Codable {
        /// The layer as described, e.g. "dense 32 + tanh".
        public let name: String
        /// Units (dense) or output channels (convolution).
        public let units: Int
        /// Distinct units at step 0 (initialization) and after each step: `steps + 1` values.
        public internal(set) var distinctUnits: [Int] = []
        /// Numerical rank of the weight matrix (units × fan-in) at step 0 and after each step.
        public internal(set) var rank: [Int] = []
        /// Euclidean norm of the gradient of all the layer's parameters at each step: `steps` values.
        /// Exactly 0 means the layer did not learn at that step.
        public internal(set) var gradientNorm: [Double] = []

        init(name: String, units: Int) {
            self.name = name
            self.units = units
        }
    }

    public let layers: [LayerRecord]
    /// Mean cross-entropy of each step's batch, before its update.
    public let losses: [Double]
}

extension Matrix {
    /// √(Σ x²), accumulated in Double in storage order.
    func frobeniusNorm() -> Double {
        elements.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    /// The singular values, largest first: square roots of the eigenvalues of the smaller Gram matrix
    /// (A·Aᵀ or Aᵀ·A, formed in Double), found by the cyclic Jacobi method (Golub & Van Loan, §8.5).
    /// Squaring loses singular values below about 1e-8 of the largest, far under the float32 rank threshold.
    public func singularValues() -> [Double] {
        let byRows = rows <= columns
        let n = byRows ? rows : columns, length = byRows ? columns : rows
        if n == 0 { return [] }
        func entry(_ vector: Int, _ k: Int) -> Double { Double(byRows ? elements[vector * columns + k] : elements[k * columns + vector]) }
        var gram = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                var sum = 0.0
                for k in 0..<length { sum += entry(i, k) * entry(j, k) }
                gram[i * n + j] = sum
                gram[j * n + i] = sum
            }
        }
        Self.jacobiEigenvalues(&gram, n)
        return (0..<n).map { max(gram[$0 * n + $0], 0).squareRoot() }.sorted(by: >)
    }

    /// The number of singular values above σ_max · max(rows, columns) · ε(Float), NumPy's `matrix_rank` rule
    /// for float32 data.
    public func numericalRank() -> Int {
        let values = singularValues()
        guard let largest = values.first, largest > 0 else { return 0 }
        let tolerance = largest * Double(Swift.max(rows, columns)) * Double(Float.ulpOfOne)
        return values.filter { $0 > tolerance }.count
    }

    /// Diagonalizes the symmetric n × n matrix `a` (row-major) in place by plane rotations; its diagonal ends as
    /// the eigenvalues.
    private static func jacobiEigenvalues(_ a: inout [Double], _ n: Int) {
        for _ in 0..<100 {
            var offDiagonal = 0.0, diagonal = 0.0
            for i in 0..<n {
                diagonal += a[i * n + i] * a[i * n + i]
                for j in (i + 1)..<max(i + 1, n) { offDiagonal += a[i * n + j] * a[i * n + j] }
            }
            if offDiagonal <= 1e-30 * diagonal || offDiagonal == 0 { return }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    // The smaller root of t² + 2θt − 1 = 0; for huge θ, θ² would overflow and t ≈ 1/(2θ).
                    let t = abs(theta) > 1e150 ? 1 / (2 * theta)
                        : (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                }
            }
        }
    }
}
