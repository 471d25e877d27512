// `symmetry`: why constant initialization fails. With equal weights every hidden unit of a layer computes the same
// value and receives the same gradient, so no number of gradient steps can make them differ: the layer behaves as one
// unit. Random initialization breaks the tie at step 0. The experiment trains a small network (full-batch SGD on
// softmax cross-entropy with random labels) with the engine's layers and counts, after each recorded step, the distinct
// hidden units of every layer (distinct rows of [W | b]) and the rank of its weight matrix.

import Charts
import Numerics

enum Symmetry: ExperimentKind {
    static let name = "symmetry"
    static let summary = "Symmetry probe: trains a small network and counts the distinct hidden units (and the rank of each weight matrix) over the steps; constant initialization never breaks the symmetry, random initialization does."
    static let valuePaths = "`layer[i].distinct_units` (hidden units of layer i whose incoming weights and bias differ, to 6 digits of the layer's largest weight), `layer[i].rank` (numerical rank of its weight matrix) and `loss` after the last step; `step[k].layer[i].distinct_units`, `step[k].layer[i].rank`, `step[k].loss` after k steps, for every k up to 50 steps, else for 51 evenly spaced k (0 and `steps` included)"

    static let initializer = Key.initializer(default: .constant(0.5), .xavierNormal)
    static let activation = Key.activation(default: .tanh)
    static let layers = Key.integer("layers", 1...8, default: 2, help: "number of hidden layers")
    static let width = Key.integer("width", 1...256, default: 16, help: "units per hidden layer")
    static let samples = Key.integer("samples", 1...2000, default: 100, .single, help: "training examples (standard-normal inputs, random labels over 10 classes)")
    static let steps = Key.integer("steps", 1...2000, default: 100, help: "full-batch gradient steps")
    static let rate = Key.positive("lr", upTo: 10, default: 0.1, help: "learning rate (plain SGD)")
    static let keys = [initializer.parameter, activation.parameter, layers.parameter, width.parameter, samples.parameter,
                       steps.parameter, rate.parameter, Key.seed.parameter]

    struct Parameters: Sendable {
        var initializer: InitializerSpec
        var activation: ActivationSpec
        var layers: Int
        var width: Int
        var samples: Int
        var steps: Int
        var rate: Double
        var seed: Int
    }

    /// Each step: a forward and a backward pass (3 multiply-adds per weight and example, on small single-threaded products
    /// that run at half the speed of the probes' large ones); each recorded step (at most
    /// 51): the rank by Gram–Schmidt, about 4 × width³ per layer.
    static let budgets = [
        Budget<Parameters>(formula: "layers × width² × (6 × samples × steps + 200 × width)", unit: "multiply-adds",
                           limit: Limits.probeWork, keys: ["steps", "samples", "width", "layers"]) { p in
            Double(p.layers) * Double(p.width) * Double(p.width) * (6 * Double(p.samples) * Double(p.steps) + 200 * Double(p.width))
        },
    ]

    static func parameters(_ values: ParameterValues) -> Parameters {
        Parameters(initializer: values[initializer], activation: values[activation], layers: values[layers], width: values[width],
                   samples: values[samples], steps: values[steps], rate: values[rate], seed: values[Key.seed])
    }

    /// Steps recorded: every step up to 50, else 51 evenly spaced ones (first and last included).
    static func recordedSteps(_ steps: Int) -> [Int] {
        steps <= 50 ? Array(0...steps) : (0...50).map { ($0 * steps + 25) / 50 }
    }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = [:]
        var unitSeries: [LineChart.Series] = [], rankSeries: [LineChart.Series] = []
        var table: [[String]] = []
        var csv: [[String]] = []

        for run in runs {
            let prefix = run.label.isEmpty ? "" : run.label + "."
            let trace = train(run.parameters)
            let layers = run.parameters.layers
            for (k, step) in trace.steps.enumerated() {
                values[prefix + "step[\(step)].loss"] = trace.loss[k]
                for l in 0..<layers {
                    values[prefix + "step[\(step)].layer[\(l + 1)].distinct_units"] = Double(trace.distinct[k][l])
                    values[prefix + "step[\(step)].layer[\(l + 1)].rank"] = Double(trace.rank[k][l])
                    csv.append([run.label, String(step), String(l + 1), String(trace.distinct[k][l]), String(trace.rank[k][l]), CSV.number(trace.loss[k])])
                }
            }
            values[prefix + "loss"] = trace.loss.last!
            let xs = trace.steps.map(Double.init)
            let name = run.label.isEmpty ? run.parameters.initializer.spelling + ", " + run.parameters.activation.spelling : run.label
            for l in 0..<layers {
                values[prefix + "layer[\(l + 1)].distinct_units"] = Double(trace.distinct.last![l])
                values[prefix + "layer[\(l + 1)].rank"] = Double(trace.rank.last![l])
                let label = layers == 1 ? name : "\(name), layer \(l + 1)"
                unitSeries.append(.init(label, x: xs, y: trace.distinct.map { Double($0[l]) }))
                rankSeries.append(.init(label, x: xs, y: trace.rank.map { Double($0[l]) }))
                table.append([name, String(l + 1), String(trace.distinct[0][l]), String(trace.distinct.last![l]),
                              String(trace.rank[0][l]), String(trace.rank.last![l]), ValueFormat.significant(3).prose(trace.loss.last!)])
            }
        }
        let first = runs[0].parameters
        let units = LineChart(title: "Distinct hidden units during training", x: Axis("step"), y: Axis("distinct units"), series: unitSeries)
        let ranks = LineChart(title: "Rank of the hidden weight matrices", x: Axis("step"), y: Axis("rank"), series: rankSeries)
        return ExperimentResult(
            kind: directive.kind, name: directive.name,
            figures: [FigureData(units, idSuffix: "units-"), FigureData(ranks, idSuffix: "rank-")],
            caption: directive.caption ?? "Distinct hidden units and weight rank over \(first.steps) steps of gradient descent (\(first.layers) hidden layers of \(first.width) units).",
            tables: [.init(title: "Symmetry before and after training",
                           columns: ["run", "layer", "distinct units at start", "distinct units at end", "rank at start", "rank at end", "final loss"], rows: table)],
            csv: CSV.text(header: ["run", "step", "layer", "distinct_units", "rank", "loss"], rows: csv),
            runLabels: runs.map(\.label), values: values)
    }

    /// What one run records at each recorded step.
    struct Trace {
        var steps: [Int] = []
        var distinct: [[Int]] = []
        var rank: [[Int]] = []
        var loss: [Double] = []
    }

    /// Full-batch SGD: `layers` hidden Dense + activation layers of `width` units on a samples × width standard-normal
    /// input, a 10-unit output layer, softmax cross-entropy with uniformly random labels. Single-threaded.
    static func train(_ run: Parameters) -> Trace {
        let width = run.width, hidden = run.layers, samples = run.samples
        let activation = run.activation.engine
        let initializer = run.initializer.engine
        let rate = Float(run.rate)
        let root = RandomGenerator(seed: UInt64(run.seed))
        var inputStream = root.stream(for: "input")
        let x = Matrix.normal(rows: samples, columns: width, using: &inputStream)
        var labelStream = root.stream(for: "labels")
        let labels = (0..<samples).map { _ in Int(labelStream.next() % 10) }
        var dense: [Dense] = (0...hidden).map { l in
            let outputs = l == hidden ? 10 : width
            var stream = root.stream(for: "weights").stream(for: UInt64(l))
            let w = initializer.weights(rows: outputs, columns: width, fans: Fans.dense(inputs: width, outputs: outputs), using: &stream)
            return Dense(weights: w, threads: 1)
        }

        // Forward: z[l] and a[l] of every hidden layer, then the loss and its gradient at the logits.
        func forward() -> (z: [Matrix], a: [Matrix], logits: Matrix) {
            var z: [Matrix] = [], a: [Matrix] = [x]
            for l in 0..<hidden {
                var out = Matrix(rows: samples, columns: width)
                dense[l].forward(a[l], into: &out)
                z.append(out)
                a.append(activation.apply(out))
            }
            var logits = Matrix(rows: samples, columns: 10)
            dense[hidden].forward(a[hidden], into: &logits)
            return (z, a, logits)
        }

        var trace = Trace()
        let recorded = Set(recordedSteps(run.steps))
        for step in 0...run.steps {
            let (z, a, logits) = forward()
            let (loss, probabilities) = SoftmaxCrossEntropy.forward(logits: logits, labels: labels)
            if recorded.contains(step) {
                trace.steps.append(step)
                trace.loss.append(loss)
                trace.distinct.append((0..<hidden).map { distinctUnits(dense[$0]) })
                trace.rank.append((0..<hidden).map { rank(dense[$0].weights) })
            }
            if step == run.steps { break }
            // Backward, last layer first; gradients start at zero every step.
            for l in 0...hidden {
                for p in dense[l].parameters.indices {
                    dense[l].parameters[p].gradient = Matrix(rows: dense[l].parameters[p].value.rows, columns: dense[l].parameters[p].value.columns)
                }
            }
            var gradient = Matrix(rows: samples, columns: 10)
            SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, into: &gradient)
            var upstream = Matrix(rows: samples, columns: width)
            dense[hidden].backward(input: a[hidden], output: logits, outputGradient: gradient, inputGradient: &upstream, propagate: true)
            for l in stride(from: hidden - 1, through: 0, by: -1) {
                var dz = Matrix(rows: samples, columns: width)
                activation.backward(preactivations: z[l], activationGradient: upstream, addingInto: &dz)
                var below = Matrix(rows: samples, columns: width)
                dense[l].backward(input: a[l], output: z[l], outputGradient: dz, inputGradient: &below, propagate: l > 0)
                upstream = below
            }
            for l in 0...hidden {
                for p in dense[l].parameters.indices {
                    let g = dense[l].parameters[p].gradient.elements
                    for i in g.indices { dense[l].parameters[p].value.elements[i] -= rate * g[i] }
                }
            }
        }
        return trace
    }

    /// Units whose incoming weights and bias agree to 6 significant digits of the layer's largest finite weight count as
    /// one. A diverged layer holds ±∞ and NaN: each is a value of its own (all NaNs alike), never a trap.
    static func distinctUnits(_ layer: Dense) -> Int {
        let w = layer.weights, b = layer.bias
        var scale = 0.0
        for v in w.elements where v.isFinite { scale = max(scale, abs(Double(v))) }
        for v in b where v.isFinite { scale = max(scale, abs(Double(v))) }
        let quantum = scale > 0 ? scale * 1e-6 : 1
        // The rounded multiple of the quantum, as bits: −0 is 0, every NaN the same NaN.
        func key(_ v: Float) -> UInt64 {
            let q = (Double(v) / quantum).rounded()
            return q.isNaN ? Double.nan.bitPattern : (q + 0).bitPattern
        }
        var rows = Set<[UInt64]>()
        for r in 0..<w.rows {
            var row = (0..<w.columns).map { key(w.elements[r * w.columns + $0]) }
            row.append(key(b[r]))
            rows.insert(row)
        }
        return rows.count
    }

    /// Numerical rank by Gram–Schmidt on the rows in Double: a row counts when its part orthogonal to the rows kept so
    /// far is longer than 10⁻⁶ of the longest row (modified Gram–Schmidt, re-orthogonalized once for stability).
    static func rank(_ m: Matrix) -> Int {
        var basis: [[Double]] = []
        var longest = 0.0
        for r in 0..<m.rows {
            var norm = 0.0
            for c in 0..<m.columns { norm += Double(m[r, c]) * Double(m[r, c]) }
            longest = max(longest, norm.squareRoot())
        }
        guard longest > 0 else { return 0 }
        for r in 0..<m.rows where basis.count < m.columns {
            var v = (0..<m.columns).map { Double(m[r, $0]) }
            for _ in 0..<2 {
                for q in basis {
                    var dot = 0.0
                    for i in v.indices { dot += v[i] * q[i] }
                    for i in v.indices { v[i] -= dot * q[i] }
                }
            }
            var norm = 0.0
            for value in v { norm += value * value }
            norm = norm.squareRoot()
            if norm > 1e-6 * longest { basis.append(v.map { $0 / norm }) }
        }
        return basis.count
    }
}
