// Each kind end to end at small sizes, checked against mathematical facts (not against itself): collapse of small
// weights under tanh, He keeping ReLU's second moment while Xavier halves it, Var(U(−a, a)) = a²/3, ln 10 as the
// cross-entropy of uniform logits. Plus determinism, the SVG id prefix and the Codable round trip.
import Charts
import Diagnostics
import Foundation
import Numerics
import Testing
@testable import Experiments

/// The course's source folder, where data files are read from.
let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs-src")

/// Parses and runs a description (`kind:` line included); fails the test on any diagnostic.
func runDescription(_ text: String) throws -> (ExperimentDirective, ExperimentResult) {
    let (parsed, diagnostics) = ExperimentDirective.parse(description: text, path: "test.txt")
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let directive = try #require(parsed)
    return (directive, try ExperimentRunner.run(directive, sourceRoot: sourceRoot))
}

/// Every `id="…"` and `url(#…)` / `href="#…"` reference in an SVG.
func svgIDs(_ svg: String) -> [String] {
    var ids: [String] = []
    var rest = Substring(svg)
    while let r = rest.range(of: " id=\"") {
        let tail = rest[r.upperBound...]
        let end = tail.firstIndex(of: "\"")!
        ids.append(String(tail[..<end]))
        rest = tail[end...]
    }
    return ids
}

@Suite struct KindTests {
    /// Exact zeros are drawn apart: ReLU's dead half in the activations, and every gradient below an all-zero layer.
    @Test func exactZerosArePointMasses() throws {
        let (_, relu) = try runDescription("kind: activations\ninit: he-normal\nactivation: relu\nlayers: 2\nwidth: 32\nsamples: 100")
        let dead = try #require(relu.value(at: "layer[1].dead"))
        let share = Int((dead * 100).rounded())
        #expect(relu.figures[0].summary.contains("Values exactly 0: \(share)%"), "\(relu.figures[0].summary)")
        let (_, zeros) = try runDescription("kind: gradients\ninit: zeros\nactivation: sigmoid\nlayers: 3\nwidth: 16\nsamples: 50")
        #expect(zeros.figures[0].summary.contains("Values exactly 0: 100%, 100%"), "\(zeros.figures[0].summary)")
        #expect(zeros.drawFigures(idPrefix: "z").warnings.isEmpty)
    }

    @Test func activationsShowCollapseAndSaturation() throws {
        let (_, r) = try runDescription("""
            kind: activations
            init: normal(0.01), xavier-normal, normal(1)
            activation: tanh
            layers: 4
            width: 64
            samples: 200
            bins: 20
            """)
        #expect(r.runLabels == ["normal(0.01)", "xavier-normal", "normal(1)"])
        // N(0, 0.01²) weights: each layer multiplies the spread by about 0.01·√64 = 0.08.
        let small = try #require(r.value(at: "normal(0.01).layer[4].std"))
        #expect(small < 1e-3 && small > 1e-5)
        // N(0, 1) weights: pre-activations with std ≈ 8, so most tanh outputs sit within 1% of ±1.
        #expect(try #require(r.value(at: "normal(1).layer[4].saturated")) > 0.7)
        #expect(try #require(r.value(at: "xavier-normal.layer[1].saturated")) < 0.05)
        // Input statistics: standard normal.
        #expect(abs(try #require(r.value(at: "xavier-normal.layer[0].std")) - 1) < 0.02)
        // Paths per run: 5 for the input, 14 per layer.
        #expect(r.values.count == 3 * (5 + 4 * 14))
        // tanh's histogram range is −1…1, so nothing is outside it.
        #expect(r.value(at: "normal(1).layer[2].overflow") == 0)
        // The collapsing run would be a spike on −1…1: its panels get ranges of their own, in a chart of their own
        // (the figure check finds nothing); the other runs share tanh's −1…1.
        #expect(r.figures.count == 2)
        #expect(r.drawFigures(idPrefix: "k").warnings.isEmpty)
        #expect(r.figures[0].summary.contains("each panel on its own x range") && r.figures[0].summary.contains("normal(0.01)"))
        #expect(!r.figures[1].summary.contains("own x range"))
        #expect(r.tables[0].rows.count == 12)
        #expect(r.csv.split(separator: "\n").count == 13)
    }

    @Test func depthHeKeepsReLUSecondMomentXavierHalvesIt() throws {
        let (_, r) = try runDescription("kind: depth\ninit: xavier-normal, he-normal\nactivation: relu\nlayers: 20\nwidth: 200\nsamples: 200\nstatistic: rms\n")
        let he = try #require(r.value(at: "he-normal.layer[20].rms")) / #require(r.value(at: "he-normal.layer[1].rms"))
        let xavier = try #require(r.value(at: "xavier-normal.layer[20].rms")) / #require(r.value(at: "xavier-normal.layer[1].rms"))
        // He: E[x²] is a fixed point; Xavier (n_in = n_out): E[x²] halves per layer, rms × 2^(−19/2) ≈ 0.0014.
        #expect(he > 0.5 && he < 2)
        #expect(xavier > 0.0003 && xavier < 0.006)
        // ReLU zeroes about half of its inputs.
        #expect(abs(try #require(r.value(at: "he-normal.layer[10].dead")) - 0.5) < 0.05)
        #expect(r.tables[0].columns == ["layer", "xavier-normal", "he-normal"])
        #expect(r.tables[0].rows.count == 20)
    }

    @Test func gradientsCrossEntropyOfTinyLogitsIsLn10() throws {
        let (_, r) = try runDescription("kind: gradients\ninit: normal(0.001)\nactivation: tanh\nlayers: 3\nwidth: 32\nsamples: 100\nloss: cross-entropy\n")
        // Logits ≈ 0 give a uniform softmax over 10 classes: loss = ln 10.
        #expect(abs(try #require(r.value(at: "loss")) - log(10)) < 1e-3)
        // 3 hidden layers + the 10-unit output layer.
        #expect(r.value(at: "layer[4].gradient.std") != nil)
        #expect(r.value(at: "layer[5].gradient.std") == nil)
        // Tiny weights: the gradient shrinks by about 0.001·√32 per layer on the way back.
        let g1 = try #require(r.value(at: "layer[1].gradient.std")), g3 = try #require(r.value(at: "layer[3].gradient.std"))
        #expect(g1 < g3 * 0.01)
        #expect(r.figures.count == 3)
    }

    @Test func gradientsRandomOutputGradientGrid() throws {
        let (_, r) = try runDescription("kind: gradients\ninit: xavier-normal, he-normal\nactivation: relu\nlayers: 4\nwidth: 64\nsamples: 128\n")
        #expect(r.runLabels == ["xavier-normal", "he-normal"])
        // The output gradient is unit-variance normal whatever the weights.
        #expect(abs(try #require(r.value(at: "he-normal.layer[4].gradient.std")) - 1) < 0.05)
        #expect(r.value(at: "loss") == nil)
        #expect(r.tables[0].rows.count == 8)
    }

    @Test func weightsVarianceMatchesAnalytic() throws {
        let (_, r) = try runDescription("kind: weights\ninit: he-uniform, uniform(0.1), lecun-normal, constant(0.5)\nfan-in: 400\nfan-out: 300\n")
        #expect(abs(try #require(r.value(at: "he-uniform.weights.analytic_variance")) - 2.0 / 400) < 1e-17)
        #expect(abs(try #require(r.value(at: "uniform(0.1).weights.analytic_variance")) - 0.01 / 3) < 1e-15)
        for label in ["he-uniform", "uniform(0.1)", "lecun-normal"] {
            // 120,000 draws: the sampled variance is within a few percent of the formula.
            #expect(abs(try #require(r.value(at: label + ".weights.variance_ratio")) - 1) < 0.03, "\(label)")
        }
        #expect(try #require(r.value(at: "uniform(0.1).weights.max")) <= 0.1)
        #expect(try #require(r.value(at: "constant(0.5).weights.variance")) == 0)
        #expect(try #require(r.value(at: "constant(0.5).weights.variance_ratio")).isNaN)
        #expect(r.tables[0].rows.map { $0[0] } == ["he-uniform", "uniform(0.1)", "lecun-normal", "constant(0.5)"])
    }

    @Test(arguments: [("xavier", 100, 200, 6.0 / 300, "\\sqrt{\\frac{6}{n_{\\text{in}} + n_{\\text{out}}}}"),
                      ("he", 50, 10, 6.0 / 50, "\\sqrt{\\frac{6}{n_{\\text{in}}}}"),
                      ("lecun", 75, 10, 3.0 / 75, "\\sqrt{\\frac{3}{n_{\\text{in}}}}")])
    func uniformBoundDerivation(_ scheme: String, _ fanIn: Int, _ fanOut: Int, _ boundSquared: Double, _ tex: String) throws {
        let (_, r) = try runDescription("kind: derivation uniform-bound\nscheme: \(scheme)\nfan-in: \(fanIn)\nfan-out: \(fanOut)\nsamples: 200000\n")
        let bound = try #require(r.value(at: "bound"))
        #expect(abs(bound * bound - boundSquared) < 1e-15)
        #expect(abs(try #require(r.value(at: "variance")) - boundSquared / 3) < 1e-15)
        // 200,000 uniform draws: the relative standard error of the variance is √(0.8/n) ≈ 0.2%.
        #expect(try #require(r.value(at: "relative_error")) < 0.01)
        #expect(r.math.count == 6)
        #expect(r.math[3].hasSuffix(tex))
        #expect(r.figures.isEmpty)
    }

    @Test func symmetryConstantInitNeverBreaksRandomInitDoes() throws {
        let (_, r) = try runDescription("kind: symmetry\ninit: constant(0.5), zeros, he-normal\nactivation: tanh\nlayers: 2\nwidth: 12\nsamples: 40\nsteps: 60\nlr: 0.5\n")
        for l in 1...2 {
            // Identical units stay identical, to the last bit, whatever the number of steps.
            #expect(r.value(at: "constant(0.5).layer[\(l)].distinct_units") == 1)
            #expect(r.value(at: "constant(0.5).layer[\(l)].rank") == 1)
            #expect(r.value(at: "he-normal.layer[\(l)].distinct_units") == 12)
            #expect(r.value(at: "he-normal.layer[\(l)].rank") == 12)
            // W = 0 with tanh: every activation is tanh(0) = 0, so no gradient reaches the hidden weights.
            #expect(r.value(at: "zeros.layer[\(l)].rank") == 0)
        }
        // 60 ≤ 50? No: 51 recorded steps, evenly spaced, first and last included.
        #expect(r.value(at: "he-normal.step[0].loss") != nil && r.value(at: "he-normal.step[60].loss") != nil)
        #expect(r.value(at: "he-normal.step[1].loss") == nil || Symmetry.recordedSteps(60).contains(1))
        #expect(Symmetry.recordedSteps(60).count == 51)
        #expect(Symmetry.recordedSteps(20) == Array(0...20))
        // Random labels over 10 classes start near ln 10; training on them lowers the loss.
        #expect(abs(try #require(r.value(at: "constant(0.5).step[0].loss")) - log(10)) < 0.5)
        #expect(try #require(r.value(at: "he-normal.loss")) < #require(r.value(at: "he-normal.step[0].loss")))
    }

    @Test func rankOfKnownMatrices() {
        #expect(Symmetry.rank(Matrix([[1, 2, 3], [2, 4, 6], [0, 0, 0]])) == 1)
        #expect(Symmetry.rank(Matrix([[1, 0, 0], [0, 1, 0], [1, 1, 0]])) == 2)
        #expect(Symmetry.rank(Matrix([[1, 0], [0, 1], [1, 1]])) == 2)
        #expect(Symmetry.rank(Matrix(rows: 3, columns: 3)) == 0)
    }

    @Test func explodingActivationsAreCountedNotHidden() throws {
        // N(0, 10²) weights on 100 inputs multiply the spread by about 70 per ReLU layer: Float overflows near layer 20.
        let (_, r) = try runDescription("kind: depth\ninit: normal(10)\nactivation: relu\nlayers: 30\nwidth: 100\nsamples: 50\n")
        let overflowed = (1...30).filter { r.value(at: "layer[\($0)].pre.nonfinite")! > 0 }
        #expect(!overflowed.isEmpty)
        #expect(overflowed.first! > 10 && overflowed.first! < 25)
    }

    @Test func sameDirectiveTwiceGivesIdenticalBytes() throws {
        let text = "kind: activations\ninit: he-normal, normal(0.05)\nactivation: relu\nlayers: 3\nwidth: 40\nsamples: 100\n"
        let (_, a) = try runDescription(text)
        let (_, b) = try runDescription(text)
        #expect(a == b)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(a) == encoder.encode(b))
    }

    @Test func everySVGIdStartsWithThePrefix() throws {
        for text in ["kind: activations\nlayers: 2\nwidth: 20\nsamples: 50\n", "kind: gradients\ninit: zeros, he-normal\nlayers: 2\nwidth: 20\nsamples: 50\n",
                     "kind: depth\nlayers: 5\nwidth: 20\nsamples: 50\n", "kind: weights\nfan-in: 30\nfan-out: 30\n"] {
            let (_, r) = try runDescription(text)
            let svgs = r.svgs(idPrefix: "fig-x-")
            #expect(!svgs.isEmpty)
            for svg in svgs {
                #expect(svg.hasPrefix("<svg"))
                let ids = svgIDs(svg)
                #expect(!ids.isEmpty)
                #expect(ids.allSatisfy { $0.hasPrefix("fig-x-") }, "\(ids)")
            }
            // Ids are unique across the figures of one result.
            let all = svgs.flatMap(svgIDs)
            #expect(Set(all).count == all.count)
        }
    }

    /// The cache stores numbers: a result read back from JSON draws the same SVG, byte for byte, as the fresh one, for
    /// every kind of chart (small multiples with densities, lines with NaN gaps and log axes, heatmaps).
    @Test func figuresDrawnFromDecodedNumbersAreIdentical() throws {
        for text in ["kind: gradients\ninit: zeros, normal(5)\nlayers: 3\nwidth: 20\nsamples: 50\n", "kind: weights\ninit: he-uniform, constant(0.1), orthogonal\nfan-in: 30\nfan-out: 30\n",
                     "kind: depth\ninit: normal(10)\nactivation: identity\nlayers: 200\nwidth: 40\nsamples: 10\n"] {
            let (_, r) = try runDescription(text)
            let back = try JSONDecoder().decode(ExperimentResult.self, from: JSONEncoder().encode(r))
            #expect(back == r)
            #expect(back.svgs(idPrefix: "p-") == r.svgs(idPrefix: "p-"))
            #expect(back.description == r.description && !r.description.isEmpty)
        }
        // Bar charts (for kinds to come) round-trip too, NaN and log axis included.
        let bars = FigureData(BarChart(title: "t", categories: ["a", "b"], y: Axis("y", scale: .log),
                                       series: [.init("s", values: [1, .nan], lower: [0.5, 1], upper: [2, 3])]))
        let back = try JSONDecoder().decode(FigureData.self, from: JSONEncoder().encode(bars))
        #expect(back == bars && back.svg(idPrefix: "b-") == bars.svg(idPrefix: "b-"))
    }

    /// A diverged layer holds ±∞ and NaN: the distinct-unit count treats each as a value (all NaNs alike) instead of
    /// trapping on NaN → Int, and a symmetry run whose weights blow up finishes.
    @Test func symmetryCountsNonFiniteUnitsWithoutTrapping() throws {
        let w = Matrix([[.infinity, 1], [.infinity, 1], [.nan, 0], [-.nan, 0], [2, 3], [-.infinity, 0]])
        #expect(Symmetry.distinctUnits(Dense(weights: w, threads: 1)) == 4)
        #expect(Symmetry.distinctUnits(Dense(weights: Matrix([[.nan, .nan], [.nan, .nan]]), threads: 1)) == 1)
        #expect(Symmetry.distinctUnits(Dense(weights: Matrix([[0, 0], [-0.0, 0]]), threads: 1)) == 1)
        let (_, r) = try runDescription("kind: symmetry\ninit: constant(1e38), normal(1e38)\nlayers: 2\nwidth: 4\nsamples: 8\nsteps: 5\nlr: 10\n")
        #expect(r.value(at: "constant(1e+38).layer[1].distinct_units") != nil)
    }

    /// The streaming forward pass of `activations` and `depth` (one layer alive at a time) computes the same bits as
    /// the engine's ForwardProbe, which keeps every layer for the backward probe.
    @Test func streamingForwardPassEqualsTheEngines() throws {
        for (initializer, activation, bias) in [(InitializerSpec.heNormal(fanOut: false), ActivationSpec.relu, 0.0), (.orthogonal(gain: 2), .tanh, 0.5),
                                                (.normal(std: 3), .sigmoid, -1)] {
            let probe = Probe(initializer: initializer, activation: activation, layers: 4, width: 24, samples: 40, bias: bias, seed: 9)
            let engine = ProbeSupport.forward(probe)
            var streamed: [ProbeSupport.LayerStatistics] = []
            var last: [Float] = []
            let input = ProbeSupport.forwardLayers(probe) { _, a, statistics in
                streamed.append(statistics)
                last = a.elements
            }
            #expect(streamed.map(\.activations) == engine.layers.map(\.activations))
            #expect(streamed.map(\.preactivations) == engine.layers.map(\.preactivations))
            #expect(last == engine.pass.activations.last!.elements)
            #expect(input.mean == Summary(engine.pass.input.elements).mean)
        }
    }

    @Test func resultRoundTripsThroughJSONWithNonFiniteValues() throws {
        var (_, r) = try runDescription("kind: depth\nlayers: 3\nwidth: 10\nsamples: 20\n")
        r.values["x.nan"] = .nan
        r.values["x.inf"] = .infinity
        r.values["x.-inf"] = -.infinity
        let data = try JSONEncoder().encode(r)
        let back = try JSONDecoder().decode(ExperimentResult.self, from: data)
        #expect(back == r)
        #expect(back.value(at: "x.nan")!.isNaN)
        #expect(back.value(at: "x.-inf") == -.infinity)
    }

    @Test func expectationsAgainstARealRun() throws {
        let text = "kind: depth\ninit: xavier-normal, he-normal\nlayers: 10\nwidth: 100\nsamples: 200\n"
            + "expect: he-normal.layer[10].std > xavier-normal.layer[10].std\nexpect: xavier-normal.layer[10].std > 1\n"
        let (d, r) = try runDescription(text)
        let found = check(d.expectations, against: r, path: "test.txt")
        let std = r.value(at: "xavier-normal.layer[10].std")!
        #expect(found.map(\.description) == ["test.txt:7:9: error: expectation failed: xavier-normal.layer[10].std = \(ValueFormat.significant(3).plain(std)), expected > 1"])
    }
}

/// Training on the MNIST subset in docs-src/data/mnist, at small sizes.
@Suite struct TrainingKindTests {
    @Test func trainHeNormalBeatsAllZeros() throws {
        let (_, r) = try runDescription("""
            kind: train
            init: he-normal, zeros
            epochs: 2
            seeds: 2
            train-size: 400
            validation-size: 300
            test-size: 500
            batch: 32
            """)
        #expect(r.runLabels == ["he-normal", "zeros"])
        let he = try #require(r.value(at: "he-normal.test_accuracy"))
        let zeros = try #require(r.value(at: "zeros.test_accuracy"))
        // All-zero weights: every ReLU unit is dead and every hidden unit alike; the network cannot beat guessing
        // much. He-normal learns.
        #expect(zeros < 0.25)
        #expect(he > zeros + 0.2)
        // The mean over seeds is the mean of the per-seed values.
        let s1 = try #require(r.value(at: "he-normal.seed[1].test_accuracy")), s2 = try #require(r.value(at: "he-normal.seed[2].test_accuracy"))
        #expect(abs(he - (s1 + s2) / 2) < 1e-12)
        #expect(abs(try #require(r.value(at: "he-normal.test_accuracy_std")) - abs(s1 - s2) / 2.0.squareRoot()) < 1e-12)
        #expect(r.value(at: "he-normal.epoch[2].train_loss")! < r.value(at: "he-normal.epoch[1].train_loss")!)
        #expect(r.figures.count == 2)
        // One CSV line per run, seed and epoch.
        #expect(r.csv.split(separator: "\n").count == 1 + 2 * 2 * 2)
    }

    @Test func searchPicksARatePerCell() throws {
        let (_, r) = try runDescription("""
            kind: search
            conv-init: constant(0), he-normal
            fc-init: xavier-normal, he-normal
            lr: 0.0001, 0.003
            train-size: 300
            validation-size: 300
            test-size: 400
            """)
        #expect(r.runLabels == ["constant(0).xavier-normal", "constant(0).he-normal", "he-normal.xavier-normal", "he-normal.he-normal"])
        for label in r.runLabels {
            #expect([0.0001, 0.003].contains(try #require(r.value(at: label + ".lr"))))
        }
        #expect(try #require(r.value(at: "best.test_accuracy")) > #require(r.value(at: "worst.test_accuracy")))
        #expect(r.value(at: "best.test_accuracy") == r.runLabels.compactMap { r.value(at: $0 + ".test_accuracy") }.max())
        #expect(r.tables[0].rows.count == 4)
        // Every (cell, rate) in the CSV.
        #expect(r.csv.split(separator: "\n").count == 1 + 4 * 2)
    }

    @Test func missingDataIsAnErrorAtTheDirective() throws {
        let (parsed, _) = ExperimentDirective.parse(kind: "train", body: "epochs: 1\nseeds: 1", path: "ch8.md", bodyStart: SourceLocation(line: 7, column: 1))
        let directive = try #require(parsed)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-data-\(UInt32.random(in: 0...UInt32.max))")
        #expect {
            try ExperimentRunner.run(directive, sourceRoot: empty)
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            return d.description == "ch8.md:7:1: error: cannot read the data file 'data/mnist/train-images-idx3-ubyte': it does not exist"
        }
    }
}

@Suite struct StudyKindTests {
    func run(_ text: String) throws -> ExperimentResult {
        let (parsed, diagnostics) = ExperimentDirective.parse(description: text, path: "t")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let directive = try #require(parsed)
        return try directive.bound.run(RunContext(directive: directive, sourceRoot: sourceRoot, trainingData: EngineFingerprint.syntheticImages()))
    }

    /// A searched Gaussian is one choice, `normal`, whose std is a value of exactly the trials that chose it; the
    /// chosen initializers are names.
    @Test func theSearchedStdAndTheNames() throws {
        let r = try run("kind: study\nconv-init: he-normal, normal(1e-3..1e-1 log)\nfc-init: xavier-uniform, normal(1e-2..1 linear)\nsampler: random\ntrials: 12\nepochs: 1\nchannels: 2\nwidth: 4\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntrial-size: 8\ntest-size: 8\n")
        var gaussianTrials = 0
        for t in 0..<12 {
            let conv = try #require(r.name(at: "trial[\(t)].conv-init"))
            #expect(conv.choices == ["he-normal", "normal"])
            let std = r.value(at: "trial[\(t)].conv-std")
            #expect((conv.name == "normal") == (std != nil))
            if let std { #expect(std >= 1e-3 && std <= 1e-1); gaussianTrials += 1 }
            if let fc = r.value(at: "trial[\(t)].fc-std") { #expect(fc >= 1e-2 && fc <= 1) }
        }
        #expect(gaussianTrials > 0 && gaussianTrials < 12)
        #expect(r.name(at: "best.fc-init") != nil && r.value(at: "cell[normal,normal].trials") != nil)
        #expect(r.value(at: "importance.conv-std") != nil)
    }

    @Test func activityPathsAndCharts() throws {
        let r = try run("kind: train\nmodel: cnn\nchannels: 2\nwidth: 4\nepochs: 2\nseeds: 2\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\nrecord-every: 2\nplot: activity\n")
        // 3 steps per epoch: records at steps 0, 2, 3 (epoch 1), 4, 6 (epoch 2); layer 1 the convolution's ReLU, 2 the sigmoid.
        for step in [0, 2, 3, 4, 6] {
            #expect(r.value(at: "step[\(step)].layer[1].inactive") != nil && r.value(at: "step[\(step)].layer[2].saturated") != nil)
        }
        #expect(r.value(at: "step[1].layer[1].mean") == nil && r.value(at: "step[0].layer[1].saturated") == nil)
        #expect(r.value(at: "epoch[2].layer[2].std") == r.value(at: "step[6].layer[2].std"))
        #expect(r.figures.count == 4)  // mean, std, saturated share, inactive share
    }

    /// The activity records are in the numbers behind the figure: each seed's records in the CSV (the epoch column
    /// counts the epochs elapsed, as the charts' x), each layer at the first and the last record in a table.
    @Test func activityStatisticsAreInTheTableAndTheCSV() throws {
        let r = try run("kind: train\nmodel: cnn\nchannels: 2\nwidth: 4\nepochs: 2\nseeds: 2\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\nrecord-every: 2\nplot: activity\n")
        let lines = r.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["run", "seed", "epoch", "train_loss", "validation_loss", "validation_accuracy", "test_accuracy",
                             "step", "layer", "activation_mean", "activation_std", "saturated", "inactive"])
        #expect(lines.allSatisfy { $0.count == 13 })
        // 2 seeds × (2 epoch rows + 5 records × 2 layers).
        #expect(lines.count == 1 + 2 * (2 + 5 * 2))
        let epochRows = lines.filter { $0[8].isEmpty }
        #expect(epochRows.map { [$0[1], $0[2], $0[7]] } == [["1", "1", "3"], ["1", "2", "6"], ["2", "1", "3"], ["2", "2", "6"]])
        let activity = lines.filter { !$0[8].isEmpty }
        #expect(activity.filter { $0[1] == "1" }.map { [$0[2], $0[7], $0[8]] } == [0, 2, 3, 4, 6].flatMap { step in
            ["1", "2"].map { layer in [CSV.number(Double(step) / 3), String(step), layer] }
        })
        // Layer 1 (ReLU) has an inactive share and no saturated one; layer 2 (sigmoid) the other way round.
        #expect(activity.allSatisfy { ($0[8] == "1") == ($0[11].isEmpty && !$0[12].isEmpty) })
        let table = try #require(r.tables.last)
        #expect(r.tables.count == 2)
        #expect(table.columns == ["layer", "epoch", "mean", "std", "saturated", "inactive"])
        // The title says "mean over seeds" only when there are seeds to average.
        #expect(table.title == "Hidden-layer activity at the start and the end (mean over seeds)")
        let oneSeed = try run("kind: train\nmodel: mlp\nlayers: 1\nwidth: 4\nepochs: 1\nseeds: 1\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\nrecord-every: 2\n")
        #expect(oneSeed.tables.last?.title == "Hidden-layer activity at the start and the end")
        // Nor does the results table show a "± 0" spread for one seed.
        #expect(oneSeed.tables.first?.title == "Results" && oneSeed.tables.first?.rows.first?.contains { $0.contains("±") } == false)
        #expect(r.tables.first?.title == "Results (mean ± std over seeds)" && r.tables.first?.rows.first?[1].contains(" ± ") == true)
        #expect(table.rows.map { Array($0.prefix(2)) } == [["layer 1", "0"], ["layer 2", "0"], ["layer 1", "2"], ["layer 2", "2"]])
        let mean = try #require(r.value(at: "step[6].layer[2].mean"))
        #expect(table.rows[3][2] == ValueFormat.significant(3).prose(mean))
        #expect(table.rows[0][4] == "—" && table.rows[1][5] == "—")
        // Without record-every, the CSV keeps its columns.
        let plain = try run("kind: train\nmodel: mlp\nlayers: 1\nwidth: 4\nepochs: 1\nseeds: 1\nbatch: 8\ntrain-size: 24\nvalidation-size: 8\ntest-size: 8\n")
        #expect(plain.csv.hasPrefix("run,seed,epoch,train_loss,validation_loss,validation_accuracy,test_accuracy\n") && plain.tables.count == 1)
    }
}

@Suite struct EngineFingerprintTests {
    @Test func fingerprintIsStableAndEveryCanaryRuns() throws {
        let start = Date()
        let a = EngineFingerprint.compute()
        let elapsed = Date().timeIntervalSince(start)
        #expect(a == EngineFingerprint.compute())
        #expect(ExperimentDirective.engineVersion == "experiments-\(ExperimentResult.formatVersion)+" + a)
        #expect(!a.isEmpty && a.allSatisfy(\.isHexDigit))
        var kinds: Set<String> = []
        for text in EngineFingerprint.canaries {
            let (parsed, diagnostics) = ExperimentDirective.parse(description: text, path: "canary")
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            let directive = try #require(parsed)
            let r = try directive.bound.run(RunContext(directive: directive, sourceRoot: sourceRoot,
                                                       trainingData: EngineFingerprint.syntheticImages(), files: EngineFingerprint.files))
            #expect(!r.values.isEmpty)
            kinds.insert(directive.kind)
        }
        // Every kind's computation is covered.
        #expect(kinds == Set(ExperimentDirective.kinds))
        print("engine fingerprint \(a) in \(Int(elapsed * 1000)) ms")
    }
}
