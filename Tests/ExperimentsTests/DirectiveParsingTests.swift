// Parsing and validation of directive bodies: input → the exact diagnostics, grid expansion, normalization.
import Diagnostics
import Testing
@testable import Experiments

/// Parses `body` as if its first line were line 10, column 1 of `page.md`.
private func parse(_ kind: String, _ body: String) -> (ExperimentDirective?, [String]) {
    let (directive, diagnostics) = ExperimentDirective.parse(kind: kind, body: body, path: "page.md",
                                                             bodyStart: SourceLocation(line: 10, column: 1))
    return (directive, diagnostics.map { $0.description + ($0.hint.map { " [" + $0 + "]" } ?? "") })
}

@Suite struct DirectiveParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: String
        let body: String
        let expected: [String]
        var testDescription: String { expected.first ?? body }
    }

    static let invalid: [Case] = [
        Case(kind: "activations", body: "activaton: tanh", expected: [
            "page.md:10:1: error: unknown key 'activaton' for 'activations' [did you mean 'activation'?]"]),
        Case(kind: "activations", body: "colour: red", expected: [
            "page.md:10:1: error: unknown key 'colour' for 'activations' [allowed keys: name, caption, expect, init, activation, layers, width, samples, bins, range, range-policy, bias, seed]"]),
        Case(kind: "activations", body: "layers: 0", expected: ["page.md:10:9: error: 'layers' must be from 1 to 100, got 0"]),
        Case(kind: "activations", body: "width: 1000000000", expected: ["page.md:10:8: error: 'width' must be from 1 to 2048, got 1000000000"]),
        Case(kind: "activations", body: "layers: five", expected: ["page.md:10:9: error: 'layers' must be an integer from 1 to 100, got 'five'"]),
        Case(kind: "activations", body: "layers: 2.5", expected: ["page.md:10:9: error: 'layers' must be an integer from 1 to 100, got '2.5'"]),
        Case(kind: "activations", body: "init: normal(-1)", expected: ["page.md:10:7: error: the std of 'normal' must be positive, got -1"]),
        Case(kind: "activations", body: "init: normal(NaN)", expected: ["page.md:10:7: error: 'NaN' is not a finite number (the std of 'normal')"]),
        Case(kind: "activations", body: "init: normal", expected: ["page.md:10:7: error: 'normal' needs its std: normal(std)"]),
        Case(kind: "activations", body: "init: he_normal", expected: [
            "page.md:10:7: error: unknown initializer 'he_normal'; allowed: zeros, constant, normal, uniform, truncated-normal, lecun-normal, lecun-uniform, xavier-normal, xavier-uniform, he-normal, he-uniform, orthogonal [did you mean 'he-normal'?]"]),
        Case(kind: "activations", body: "init: xavier-normal(2)", expected: ["page.md:10:7: error: 'xavier-normal' takes no argument"]),
        Case(kind: "activations", body: "init: he-normal(fan_avg)", expected: ["page.md:10:7: error: 'he-normal' takes 'fan_in' (the default) or 'fan_out', got 'fan_avg'"]),
        Case(kind: "activations", body: "activation: tanh, rleu", expected: [
            "page.md:10:19: error: unknown activation 'rleu'; allowed: identity, sigmoid, tanh, relu, leaky-relu, elu, selu, gelu, softsign, softplus [did you mean 'relu'?]"]),
        Case(kind: "activations", body: "activation: leaky-relu(2)", expected: ["page.md:10:13: error: the slope of 'leaky-relu' must be a number in [0, 1), got '2'"]),
        Case(kind: "activations", body: "layers: 5\nlayers: 6", expected: ["page.md:11:1: error: duplicate key 'layers' (first given on line 10)"]),
        Case(kind: "activations", body: "samples: 10, 20", expected: ["page.md:10:14: error: 'samples' takes one value, not a list"]),
        Case(kind: "activations", body: "init: he-normal, he-normal(fan_in)", expected: ["page.md:10:18: error: 'he-normal' is listed twice for 'init'"]),
        Case(kind: "activations", body: "init: he-normal,, zeros", expected: ["page.md:10:17: error: empty value in the list for 'init'"]),
        Case(kind: "activations", body: "range: 1..-1", expected: ["page.md:10:8: error: the range of 'range' must have a < b, got '1..-1'"]),
        // Bins too narrow to count anything made the binning's arithmetic NaN, and NaN → Int trapped.
        Case(kind: "activations", body: "range: 0..1e-320", expected: ["page.md:10:8: error: the range of 'range' is too narrow: b − a must be at least 1e-30 and 1e-6 of max(|a|, |b|), got '0..1e-320'"]),
        // Weights are single precision: beyond 1e38 they were ±∞ and the symmetry count trapped on NaN → Int.
        Case(kind: "symmetry", body: "init: normal(1e308)", expected: ["page.md:10:7: error: the std of 'normal' must be at most 1e38 in magnitude (weights are single precision), got 1e308"]),
        Case(kind: "weights", body: "init: constant(-1e39)", expected: ["page.md:10:7: error: the value of 'constant' must be at most 1e38 in magnitude (weights are single precision), got -1e39"]),
        Case(kind: "activations", body: "range: 0-1", expected: ["page.md:10:8: error: 'range' must be a range 'a..b', got '0-1'"]),
        Case(kind: "activations", body: "bias: inf", expected: ["page.md:10:7: error: 'bias' must be a number, got 'inf'"]),
        Case(kind: "activations", body: "bias: 1e999", expected: ["page.md:10:7: error: 'bias' must be from -100 to 100, got 1e999"]),
        Case(kind: "activations", body: "just some words", expected: ["page.md:10:1: error: expected 'key: value', got 'just some words'"]),
        Case(kind: "activations", body: "  init:", expected: ["page.md:10:7: error: missing value for 'init'"]),
        Case(kind: "activations", body: "name: 3d plot", expected: ["page.md:10:7: error: invalid name '3d plot': a name starts with a letter"]),
        Case(kind: "activations", body: "name: tanh small", expected: ["page.md:10:7: error: invalid name 'tanh small': ' ' is not allowed; a name holds letters, digits, '-' and '_'"]),
        Case(kind: "symmetry", body: "lr: 0", expected: ["page.md:10:5: error: 'lr' must be greater than 0 and at most 10, got 0"]),
        Case(kind: "train", body: "optimizer: adma", expected: [
            "page.md:10:12: error: unknown value 'adma' for 'optimizer'; allowed: sgd, adam, adamw [did you mean 'adam'?]"]),
        Case(kind: "train", body: "model: mlp\nconv-init: zeros", expected: [
            "page.md:11:1: error: 'conv-init' applies to 'model: cnn' only; an MLP has no convolutions"]),
        Case(kind: "train", body: "epochs: 200\nseeds: 10", expected: [
            "page.md:10:1: error: experiment too large: ((train-size + validation-size) × epochs + test-size) × seeds = 8.1e6 image passes exceeds the limit of 5e6"]),
        Case(kind: "study", body: "conv-init: he-normal", expected: [
            "page.md:10:1: error: 'conv-init': a categorical parameter needs at least two values, got 1 (list the initializers to compare, e.g. `he-normal, xavier-normal`)"]),
        Case(kind: "study", body: "lr: 1e-2..1e-3", expected: [
            "page.md:10:5: error: the range of 'lr' must have a < b, got '1e-2..1e-3'"]),
        Case(kind: "study", body: "lr: 0..1e-2", expected: [
            "page.md:10:5: error: the range of 'lr' must lie within 1e-06..10, got '0..1e-2'"]),
        Case(kind: "study", body: "lr: 1e-3..1e-3\nlr-scale: linear", expected: [
            "page.md:10:5: error: the range of 'lr' must have a < b, got '1e-3..1e-3'"]),
        Case(kind: "study", body: "trials: 200\nepochs: 20", expected: [
            "page.md:10:1: error: experiment too large: ((train-size + validation-size) × epochs + trial-size + test-size) × trials = 1.9e7 image passes exceeds the limit of 5e6"]),
        Case(kind: "study", body: "sampler: grid\nconv-init: he-normal, zeros\nfc-init: he-normal, zeros\ntrials: 20", expected: [
            "page.md:13:1: error: 'trials' is 20 but the grid has only 12 points (conv-init × fc-init × grid-steps); use at most 12 trials"]),
        Case(kind: "study", body: "conv-init: he-normal, normal(1e-1..1e-3 log)", expected: [
            "page.md:10:23: error: the std range 1e-1..1e-3 of 'normal(1e-1..1e-3 log)' is empty: the lower bound must be below the upper, e.g. 'normal(1e-3..1e-1 log)'"]),
        Case(kind: "study", body: "fc-init: he-normal, normal(0..1e-1 log)", expected: [
            "page.md:10:21: error: the std range of 'normal(0..1e-1 log)' must be positive (a standard deviation on a log scale), got 0..1e-1; e.g. 'normal(1e-3..1e-1 log)'"]),
        Case(kind: "study", body: "fc-init: he-normal, normal(-1..1 linear)", expected: [
            "page.md:10:21: error: the std range of 'normal(-1..1 linear)' must be positive (a standard deviation), got -1..1; e.g. 'normal(1e-3..1e-1 log)'"]),
        Case(kind: "study", body: "conv-init: zeros, normal(1e-3..1e-1 lgo)", expected: [
            "page.md:10:19: error: unknown scale 'lgo' in 'normal(1e-3..1e-1 lgo)'; allowed: log, linear [did you mean 'log'?]"]),
        Case(kind: "study", body: "conv-init: zeros, uniform(1e-3..1e-1)", expected: [
            "page.md:10:19: error: only 'normal' takes a searched range, got 'uniform(1e-3..1e-1)'; allowed: an initializer, or 'normal(a..b log)' / 'normal(a..b linear)' to search the Gaussian's std"]),
        Case(kind: "study", body: "conv-init: zeros, normal(1e-3..1e-2), normal(1e-2..1e-1)", expected: [
            "page.md:10:1: error: 'conv-init' searches the Gaussian's std twice; list one 'normal(a..b log)' (one range per choice)"]),
        Case(kind: "study", body: "sampler: grid\nconv-init: he-normal, normal(1e-3..1e-1)\nfc-init: he-normal, zeros\ntrials: 25", expected: [
            "page.md:13:1: error: 'trials' is 25 but the grid has only 24 points (conv-init × fc-init × grid-steps, a searched std taking grid-steps values under its choice); use at most 24 trials"]),
        Case(kind: "train", body: "record-every: 1\nepochs: 10", expected: [
            "page.md:10:1: error: 'record-every' is 1: 641 records per seed over 630 steps, the limit is 500; use record-every: 2 or more"]),
        Case(kind: "train", body: "activation: tanh, sigmoid\nrecord-every: 50", expected: [
            "page.md:11:1: error: 'record-every' records one run's activity; this directive has 2 runs (give one value per key)"]),
        Case(kind: "train", body: "plot: activity", expected: [
            "page.md:10:1: error: 'plot: activity' draws the activity 'record-every' records; give 'record-every: N' (mini-batch steps)"]),
        Case(kind: "study", body: "seeds: 3", expected: [
            "page.md:10:1: error: a study trains each trial once ('seeds: 1'); to compare seeds, train the best configuration with `experiment train`"]),
        Case(kind: "train", body: "expect: test_accuracy > 0.9 at 95%", expected: [
            "page.md:10:25: error: a confidence claim compares two value paths with < or >, e.g. 'A.test_accuracy > B.test_accuracy at 95%' [write 'expect: PATH OP VALUE', OP one of < <= > >= == ≈, e.g. 'expect: layer[5].std < 0.01' or 'expect: weights.variance ≈ 0.02 ± 5%']"]),
        Case(kind: "train", body: "expect: test_accuracy > validation_accuracy at 101%", expected: [
            "page.md:10:48: error: the confidence level must be a percentage between 50% and 100%, e.g. 'at 95%', got '101%' [write 'expect: PATH OP VALUE', OP one of < <= > >= == ≈, e.g. 'expect: layer[5].std < 0.01' or 'expect: weights.variance ≈ 0.02 ± 5%']"]),
        Case(kind: "weights", body: "init: he-normal\nfan-in: 4096\nfan-out: 4096", expected: [
            "page.md:11:1: error: too many weights: fan-in × fan-out must be at most 4194304"]),
        // The work budget counts the weights drawn, and orthogonalization by far most: the formula says so.
        Case(kind: "weights", body: "init: orthogonal\nfan-in: 2048\nfan-out: 2048", expected: [
            "page.md:10:1: error: experiment too large: (300 + 50 × min(fan-in, fan-out) for orthogonal) × fan-in × fan-out = 4.31e11 multiply-adds exceeds the limit of 1e10"]),
        Case(kind: "activations", body: "width: 2048\nlayers: 100\nsamples: 40", expected: [
            "page.md:10:1: error: experiment too large: (samples + 300) × width² × layers = 1.43e11 multiply-adds exceeds the limit of 1e10"]),
        Case(kind: "gradients", body: "width: 30\nlayers: 100\nsamples: 5000", expected: [
            "page.md:10:1: error: experiment too large: layers × width × (width + 2 × samples) = 3.01e7 values kept for the backward pass exceeds the limit of 2e7"]),
        Case(kind: "symmetry", body: "steps: 2000\nsamples: 2000\nwidth: 256", expected: [
            "page.md:10:1: error: experiment too large: layers × width² × (6 × samples × steps + 200 × width) = 6.3e12 multiply-adds summed over 2 runs exceeds the limit of 1e10"]),
        Case(kind: "activations", body: "width: 2048\nlayers: 100\nsamples: 10000", expected: [
            "page.md:10:1: error: experiment too large: (samples + 300) × width² × layers = 4.32e12 multiply-adds exceeds the limit of 1e10"]),
        Case(kind: "activations", body: "init: zeros, constant(1), normal(1), uniform(1), lecun-normal\nactivation: tanh, relu, sigmoid, elu, selu\nlayers: 1, 2, 3", expected: [
            "page.md:12:1: error: too many runs: init (5) × activation (5) × layers (3) = 75 runs, the limit is 64"]),
        Case(kind: "activations", body: "expect: layer[5].std<0.01", expected: [
            "page.md:10:9: error: expected 'PATH OP VALUE' with spaces around the operator, got 'layer[5].std<0.01' [write 'expect: PATH OP VALUE', OP one of < <= > >= == ≈, e.g. 'expect: layer[5].std < 0.01' or 'expect: weights.variance ≈ 0.02 ± 5%']"]),
        Case(kind: "activations", body: "expect: layer[5].std ≈ 0.5", expected: [
            "page.md:10:27: error: '≈' needs a tolerance: '≈ VALUE ± 0.05' or '≈ VALUE ± 5%' [write 'expect: PATH OP VALUE', OP one of < <= > >= == ≈, e.g. 'expect: layer[5].std < 0.01' or 'expect: weights.variance ≈ 0.02 ± 5%']"]),
        Case(kind: "activations", body: "expect: layer[5].std => 0.5", expected: [
            "page.md:10:22: error: unknown comparison '=>'; allowed: < <= > >= == ≈ (with ±), 'within … of' and 'in [names]' [write 'expect: PATH OP VALUE', OP one of < <= > >= == ≈, e.g. 'expect: layer[5].std < 0.01' or 'expect: weights.variance ≈ 0.02 ± 5%']"]),
        Case(kind: "activation", body: "", expected: [
            "page.md:9:1: error: unknown experiment kind 'activation'; allowed: activations, gradients, depth, symmetry, weights, train, search, study, plot, derivation uniform-bound [did you mean 'activations'?]"]),
    ]

    /// What each message underlines (`^~~~`) and, for a misspelt name, the fix-it that replaces it.
    @Test func rangesAndFixIts() throws {
        func only(_ kind: String, _ body: String) -> Diagnostic? {
            let (_, diagnostics) = ExperimentDirective.parse(kind: kind, body: body, path: "page.md", bodyStart: SourceLocation(line: 10, column: 3))
            #expect(diagnostics.count == 1)
            return diagnostics.first
        }
        func range(_ line: Int, _ column: Int, _ endColumn: Int) -> SourceRange { SourceRange(line: line, column: column, endColumn: endColumn) }
        // An unknown key: the key underlined and replaced.
        let key = try #require(only("weights", "fan_in: 3"))
        #expect(key.location == SourceLocation(line: 10, column: 3) && key.end == SourceLocation(line: 10, column: 9))
        #expect(key.fixIts == [Diagnostic.FixIt(range: range(10, 3, 9), replacement: "fan-in")])
        // Nothing close: the allowed keys, and no fix-it.
        let far = try #require(only("weights", "colour: red"))
        #expect(far.hint?.hasPrefix("allowed keys: ") == true && far.fixIts.isEmpty && far.end == SourceLocation(line: 10, column: 9))
        // One item of a list: only that item; an initializer's name without its argument.
        let item = try #require(only("activations", "activation: tanh, rleu"))
        #expect(item.location.column == 21 && item.end?.column == 25)
        #expect(item.fixIts == [Diagnostic.FixIt(range: range(10, 21, 25), replacement: "relu")])
        let initializer = try #require(only("weights", "init: he_normal(fan_out)"))
        #expect(initializer.end?.column == 27)
        #expect(initializer.fixIts == [Diagnostic.FixIt(range: range(10, 9, 18), replacement: "he-normal")])
        // A value out of range, a duplicate key, a line that is not 'key: value'.
        #expect(try #require(only("activations", "layers: 1000")).end == SourceLocation(line: 10, column: 15))
        #expect(try #require(only("activations", "layers: 3\nlayers: 4")).end == SourceLocation(line: 11, column: 9))
        #expect(try #require(only("activations", "just some words")).end == SourceLocation(line: 10, column: 18))
        // A limit: the first counted key written, in the order of the lines, underlined.
        let limit = try #require(only("activations", "bins: 10\nsamples: 40\nwidth: 2048\nlayers: 100"))
        #expect(limit.location == SourceLocation(line: 11, column: 3) && limit.end == SourceLocation(line: 11, column: 10))
        // In a stand-alone description, the limit points at the key too, never at the `kind:` line.
        let (_, described) = ExperimentDirective.parse(description: "kind: train\nseeds: 10\nepochs: 200\n", path: "d.txt")
        #expect(described.map(\.location) == [SourceLocation(line: 2, column: 1)] && described.first?.end == SourceLocation(line: 2, column: 6))
        // An unknown kind: the kind underlined and replaced.
        let kind = try #require(ExperimentDirective.parse(infoString: "experiment activation", body: "", path: "page.md",
                                                          bodyStart: SourceLocation(line: 10, column: 1),
                                                          infoLocation: SourceLocation(line: 9, column: 15))?.1.first)
        #expect(kind.fixIts == [Diagnostic.FixIt(range: range(9, 15, 25), replacement: "activations")])
    }

    @Test(arguments: invalid)
    func invalidBodyGivesExactDiagnostics(_ c: Case) {
        let (directive, diagnostics) = parse(c.kind, c.body)
        #expect(directive == nil)
        #expect(diagnostics == c.expected)
    }

    /// A `plot` alone has nothing to draw: its empty body is an error (PlotKindTests), every other kind's is a run.
    @Test(arguments: ExperimentDirective.kinds.filter { $0 != "plot" })
    func everyKindsDefaultsAreValid(_ kind: String) {
        let (directive, diagnostics) = parse(kind, "")
        #expect(directive != nil)
        #expect(diagnostics == [])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let (_, diagnostics) = parse("activations", "activaton: tanh\nlayers: 0\n# fine\nbins: 1")
        #expect(diagnostics.count == 3)
        #expect(diagnostics.map { $0.prefix(13) } == ["page.md:10:1:", "page.md:11:9:", "page.md:13:7:"])
    }

    /// A directive keeps where each value is written, one range per list item (a comment and the spaces around a
    /// comma are not part of it), for the problems found while running; a key left to its default has none.
    @Test func eachValueKeepsItsRange() throws {
        let (directive, diagnostics) = ExperimentDirective.parse(kind: "activations", body: "layers: 3  # deep\nactivation: tanh ,  relu,sigmoid\n",
                                                                 path: "p.md", bodyStart: SourceLocation(line: 3, column: 5))
        #expect(diagnostics.isEmpty)
        let d = try #require(directive)
        #expect(d.valueRanges["layers"] == [SourceRange(line: 3, column: 13, endColumn: 14)])
        #expect(d.valueRanges["activation"] == [SourceRange(line: 4, column: 17, endColumn: 21), SourceRange(line: 4, column: 25, endColumn: 29),
                                                 SourceRange(line: 4, column: 30, endColumn: 37)])
        #expect(d.valueRanges["init"] == nil)
        #expect(d.location(ofValue: "activation", item: 2) == SourceLocation(line: 4, column: 30))
        #expect(d.location(ofValue: "init") == SourceLocation(line: 3, column: 5))
    }

    @Test func commentsBlankLinesAndLocationsInsideAnIndentedFence() throws {
        let body = "# the classic figure\n\ninit: normal(0.010)  # small\n\r\nactivation: tanh\ncaption: Layer #5 # collapses\n"
        let (directive, diagnostics) = ExperimentDirective.parse(kind: "activations", body: body, path: "p.md",
                                                                 bodyStart: SourceLocation(line: 3, column: 5))
        #expect(diagnostics.isEmpty)
        let d = try #require(directive)
        #expect(d.caption == "Layer #5 # collapses")
        #expect(d.runs.count == 1)
        #expect(d.runs[0].values["init"] == [.initializer(.normal(std: 0.01))])
        // Columns are shifted by the fence's indentation on every line.
        let (_, bad) = ExperimentDirective.parse(kind: "activations", body: "init: zeros\nlayers: 0", path: "p.md",
                                                 bodyStart: SourceLocation(line: 3, column: 5))
        #expect(bad.map(\.description) == ["p.md:4:13: error: 'layers' must be from 1 to 100, got 0"])
    }

    @Test func gridIsTheCartesianProductFirstKeySlowest() throws {
        let (directive, diagnostics) = parse("activations", "activation: tanh, relu\ninit: normal(1e-2), xavier-normal, he-normal(fan_out)\nlayers: 3, 10")
        #expect(diagnostics.isEmpty)
        let d = try #require(directive)
        #expect(d.gridKeys == ["activation", "init", "layers"])
        #expect(d.runs.map(\.label) == [
            "tanh.normal(0.01).layers=3", "tanh.normal(0.01).layers=10", "tanh.xavier-normal.layers=3", "tanh.xavier-normal.layers=10",
            "tanh.he-normal(fan_out).layers=3", "tanh.he-normal(fan_out).layers=10",
            "relu.normal(0.01).layers=3", "relu.normal(0.01).layers=10", "relu.xavier-normal.layers=3", "relu.xavier-normal.layers=10",
            "relu.he-normal(fan_out).layers=3", "relu.he-normal(fan_out).layers=10",
        ])
        #expect(d.runs[7].values["layers"] == [.integer(10)])
        #expect(d.runs[7].values["activation"] == [.activation(.relu)])
        #expect(d.runs[7].values["width"] == [.integer(100)])  // default
    }

    @Test func defaultListsMakeAGridInDeclarationOrder() throws {
        let (directive, _) = parse("weights", "fan-in: 100")
        #expect(try #require(directive).runs.map(\.label) == ["xavier-normal", "xavier-uniform", "he-normal", "he-uniform"])
        let (single, _) = parse("activations", "")
        #expect(try #require(single).runs.map(\.label) == [""])
    }

    @Test func cacheKeyIsNormalizedAndIncludesDefaults() throws {
        let a = try #require(parse("activations", "init: normal(0.010)\nlayers: 5  # five\nexpect: layer[5].std < 1").0)
        let b = try #require(parse("activations", "\n# same run, written differently\nlayers:5\ninit: normal(1e-2)").0)
        #expect(a.cacheKey == b.cacheKey)
        #expect(a.cacheKey == """
            kind: activations
            init: normal(0.01)
            activation: tanh
            layers: 5
            width: 100
            samples: 1000
            bins: 30
            range-policy: auto
            bias: 0
            seed: 1

            """)
        let c = try #require(parse("activations", "init: normal(0.01)\nseed: 2").0)
        #expect(c.cacheKey != a.cacheKey)
        // The grid order changes the labels, so it is part of the key.
        let g1 = try #require(parse("activations", "init: zeros, he-normal\nactivation: tanh, relu").0)
        let g2 = try #require(parse("activations", "activation: tanh, relu\ninit: zeros, he-normal").0)
        #expect(g1.cacheKey != g2.cacheKey)
    }

    @Test func dataFilesOfTrainingKinds() throws {
        let d = try #require(parse("train", "epochs: 1\nseeds: 1").0)
        #expect(d.dataFiles == [
            "data/mnist/test-images-idx3-ubyte", "data/mnist/test-labels-idx1-ubyte",
            "data/mnist/train-images-idx3-ubyte", "data/mnist/train-labels-idx1-ubyte",
            "data/mnist/valid-images-idx3-ubyte", "data/mnist/valid-labels-idx1-ubyte",
        ])
        #expect(try #require(parse("depth", "").0).dataFiles.isEmpty)
    }

    @Test func infoStrings() throws {
        let location = SourceLocation(line: 4, column: 1)
        #expect(ExperimentDirective.parse(infoString: "swift", body: "", path: "p.md", bodyStart: location, infoLocation: location) == nil)
        let derivation = try #require(ExperimentDirective.parse(infoString: "derivation uniform-bound", body: "scheme: he", path: "p.md",
                                                                bodyStart: location, infoLocation: location))
        #expect(derivation.0?.kind == "derivation uniform-bound")
        let bad = try #require(ExperimentDirective.parse(infoString: "experiment", body: "", path: "p.md", bodyStart: location,
                                                         infoLocation: SourceLocation(line: 3, column: 4)))
        #expect(bad.1.map(\.description) == ["p.md:3:4: error: missing kind after 'experiment'; allowed: activations, gradients, depth, symmetry, weights, train, search, study, plot"])
    }

    @Test func standAloneDescriptionReadsItsKindLine() throws {
        let (d, diagnostics) = ExperimentDirective.parse(description: "# a test\nkind: depth\nlayers: 10\n", path: "<stdin>")
        #expect(diagnostics.isEmpty)
        #expect(d?.kind == "depth")
        let (_, missing) = ExperimentDirective.parse(description: "layers: 10\n", path: "x.txt")
        #expect(missing.map(\.description) == ["x.txt:1:1: error: missing 'kind:' line; allowed kinds: activations, gradients, depth, symmetry, weights, train, search, study, plot, derivation uniform-bound"])
        let (_, unknown) = ExperimentDirective.parse(description: "layers: 10\n  kind:  dept\n", path: "x.txt")
        #expect(unknown.map(\.description) == ["x.txt:2:10: error: unknown experiment kind 'dept'; allowed: activations, gradients, depth, symmetry, weights, train, search, study, plot, derivation uniform-bound"])
        #expect(unknown.first?.hint == "did you mean 'depth'?")
    }
}

/// Arbitrary text never crashes the parser, and it always answers: a directive, or at least one diagnostic.
@Suite struct DirectiveRobustnessTests {
    @Test(arguments: ExperimentDirective.kinds)
    func randomBodiesGetAnAnswer(_ kind: String) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(kind.utf8.count + 1)
        func next() -> UInt64 {  // SplitMix64: a fixed, self-contained sequence of test inputs
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let pieces = ["init", "activation", "layers", "width", ":", " ", ",", "(", ")", "..", "-", "−", "#", "\n", "\r\n", "expect",
                      "≈", "±", "<", "5", "0.01", "1e309", "he-normal", "normal(", "tanh", "name", "caption", "é", "\t", "%", "of",
                      "within", "layer[5].std", "seed", "bins", "range", "kind", "fan-in", "lr", "scheme", "xavier"]
        for _ in 0..<300 {
            var body = ""
            for _ in 0..<Int(next() % 40) { body += pieces[Int(next() % UInt64(pieces.count))] }
            let (directive, diagnostics) = ExperimentDirective.parse(kind: kind, body: body, path: "f.md", bodyStart: SourceLocation(line: 1, column: 1))
            #expect((directive == nil) == !diagnostics.isEmpty, "\(body.debugDescription)")
            for d in diagnostics { #expect(d.location.line >= 1 && d.location.column >= 1) }
        }
    }

    @Test func longBodiesParseInLinearTime() {
        // 20,000 comment and blank lines and one key: linear work, no recursion.
        let body = String(repeating: "# comment, with: colons\n\n", count: 10_000) + "layers: 3\n"
        let (directive, diagnostics) = ExperimentDirective.parse(kind: "depth", body: body, path: "f.md", bodyStart: SourceLocation(line: 1, column: 1))
        #expect(diagnostics.isEmpty)
        #expect(directive?.runs.first?.values["layers"] == [.integer(3)])
        let wide = "init: " + Array(repeating: "zeros", count: 5000).joined(separator: ", ")
        let (_, tooMany) = ExperimentDirective.parse(kind: "depth", body: wide, path: "f.md", bodyStart: SourceLocation(line: 1, column: 1))
        #expect(tooMany.map(\.message) == ["too many values for 'init': 5000, the limit is 16"])
    }
}
