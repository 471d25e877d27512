// Expectations (pass, fail, exact messages, unknown paths) and the number formatting of inline values.
import Diagnostics
import Testing
@testable import Experiments

private func result(_ values: [String: Double]) -> ExperimentResult {
    ExperimentResult(kind: "depth", name: "demo", figures: [], caption: "", description: "", tables: [], csv: "",
                     runLabels: [], values: values)
}

/// Parses `lines` as expect lines of a depth directive starting at line 20 and checks them.
private func failures(_ lines: [String], _ values: [String: Double]) throws -> [String] {
    let body = lines.map { "expect: " + $0 }.joined(separator: "\n")
    let (directive, diagnostics) = ExperimentDirective.parse(kind: "depth", body: body, path: "ch.md", bodyStart: SourceLocation(line: 20, column: 1))
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let d = try #require(directive)
    return check(d.expectations, against: result(values), path: "ch.md").map { $0.description + ($0.hint.map { " [\($0)]" } ?? "") }
}

@Suite struct ExpectationTests {
    let values: [String: Double] = [
        "layer[5].std": 0.021, "layer[1].std": 0.63, "he-normal.test_accuracy": 0.912, "xavier-normal.test_accuracy": 0.93,
        "normal(0.01).layer[5].std": 1.2e-9, "units": 1, "bad": .nan,
    ]

    @Test func passingClaimsGiveNothing() throws {
        let found = try failures([
            "layer[5].std < 0.03", "layer[5].std <= 0.021", "layer[5].std ≤ 0.021", "layer[1].std > layer[5].std", "layer[1].std >= 0.63",
            "layer[1].std ≥ 0.63", "units == 1", "layer[1].std ≈ 0.6 ± 0.05", "layer[1].std ~= 0.6 +- 0.05", "layer[1].std ≈ 0.6 ±6%",
            "layer[1].std within 10% of 0.6", "layer[1].std within 0.04 of 0.6", "xavier-normal.test_accuracy ≈ he-normal.test_accuracy ± 2.5%",
            "normal(0.01).layer[5].std < 1e-8", "layer[5].std > −1",
        ], values)
        #expect(found == [], "\(found)")
    }

    @Test func failingClaimsGiveExactMessagesAtTheirLines() throws {
        let found = try failures([
            "layer[5].std < 0.01",
            "he-normal.test_accuracy > xavier-normal.test_accuracy",
            "layer[1].std ≈ 0.5 ± 0.05",
            "layer[1].std within 5% of 0.7",
            "layer[5].std == 0.021000001",
            "bad < 1",
            "layer[1].std ≈ 0.6 ± 1%",
        ], values)
        #expect(found == [
            "ch.md:20:9: error: expectation failed: layer[5].std = 0.021, expected < 0.01",
            "ch.md:21:9: error: expectation failed: he-normal.test_accuracy = 0.912, expected > xavier-normal.test_accuracy (0.93)",
            "ch.md:22:9: error: expectation failed: layer[1].std = 0.63, expected ≈ 0.5 ± 0.05",
            "ch.md:23:9: error: expectation failed: layer[1].std = 0.63, expected within 5% of 0.7",
            "ch.md:24:9: error: expectation failed: layer[5].std = 0.021, expected == 0.021000001",
            "ch.md:25:9: error: expectation failed: bad = nan, expected < 1",
            "ch.md:26:9: error: expectation failed: layer[1].std = 0.63, expected ≈ 0.6 ± 1%",
        ], "\(found)")
    }

    @Test func digitsGrowUntilValueAndThresholdDiffer() {
        #expect(Expectation.shown(0.0100004, next: 0.01) == "0.0100004")
        #expect(Expectation.shown(0.021, next: 0.01) == "0.021")
    }

    @Test func unknownPathsSuggestTheNearest() throws {
        #expect(try failures(["layer[5].sdt < 1", "layer[1].std > he-normal.test_acuracy"], values) == [
            "ch.md:20:9: error: unknown value path 'layer[5].sdt' in expectation [did you mean 'layer[5].std'?]",
            "ch.md:21:9: error: unknown value path 'he-normal.test_acuracy' in expectation [did you mean 'he-normal.test_accuracy'?]",
        ])
        #expect(try failures(["nothing.like.this < 1"], ["a": 1, "b": 2]) == [
            "ch.md:20:9: error: unknown value path 'nothing.like.this' in expectation [available paths include 'a', 'b']",
        ])
    }
}

/// Claims about values that are names (`best.conv-init`): `==` and `in [a, b]`, and exact messages for misuse.
@Suite struct NameExpectationTests {
    func failures(_ lines: [String]) throws -> [String] {
        let body = lines.map { "expect: " + $0 }.joined(separator: "\n")
        let (directive, diagnostics) = ExperimentDirective.parse(kind: "study", body: body, path: "ch.md", bodyStart: SourceLocation(line: 20, column: 1))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let result = ExperimentResult(kind: "study", name: "s", figures: [], caption: "", tables: [], csv: "", runLabels: [""],
                                      values: ["best.lr": 0.0094, "best.conv-std": 0.012],
                                      names: ["best.conv-init": .init("he-normal", choices: ["zeros", "normal", "he-normal", "xavier-normal"]),
                                              "trial[3].conv-init": .init("he-normal", choices: ["zeros", "normal", "he-normal", "xavier-normal"]),
                                              "best.fc-init": .init("normal", choices: ["zeros", "normal", "he-normal", "xavier-normal"])])
        return check(try #require(directive).expectations, against: result, path: "ch.md").map { $0.description + ($0.hint.map { " [\($0)]" } ?? "") }
    }

    @Test func namesCompareWithEqualsAndIn() throws {
        #expect(try failures(["best.conv-init == he-normal", "best.conv-init in [he-normal, xavier-normal]", "best.conv-init in [he-normal]",
                              "best.conv-init == trial[3].conv-init", "best.fc-init in [normal,zeros]"]) == [])
    }

    @Test func failuresAndMisuseHaveExactMessages() throws {
        let found = try failures([
            "best.conv-init == xavier-normal",
            "best.conv-init in [zeros, normal]",
            "best.conv-init == best.fc-init",
            "best.conv-init > he-normal",
            "best.conv-init == 0.5",
            "best.conv-init == best.lr",
            "best.lr == best.conv-init",
            "best.lr in [he-normal]",
            "best.conv-init == he-normall",
        ])
        #expect(found == [
            "ch.md:20:9: error: expectation failed: best.conv-init = he-normal, expected == xavier-normal",
            "ch.md:21:9: error: expectation failed: best.conv-init = he-normal, expected in [zeros, normal]",
            "ch.md:22:9: error: expectation failed: best.conv-init = he-normal, expected == best.fc-init (normal)",
            "ch.md:23:9: error: 'best.conv-init' is a name ('he-normal'): names compare only with '==' or 'in [a, b]', not '>' [e.g. 'best.conv-init == he-normal' or 'best.conv-init in [zeros, normal]']",
            "ch.md:24:9: error: 'best.conv-init' is a name ('he-normal'), not a number: it cannot be compared with 0.5 [e.g. 'best.conv-init == he-normal' or 'best.conv-init in [zeros, normal]']",
            "ch.md:25:9: error: 'best.conv-init' is a name ('he-normal'), but 'best.lr' is a number: a name and a number cannot be compared [e.g. 'best.conv-init == he-normal' or 'best.conv-init in [zeros, normal]']",
            "ch.md:26:9: error: 'best.lr' is a number (0.0094) and 'best.conv-init' is a name ('he-normal'): a number and a name cannot be compared",
            "ch.md:27:9: error: 'best.lr' is a number (0.0094): 'in [...]' lists names and applies to a name value such as 'best.conv-init'",
            "ch.md:28:9: error: 'he-normall' is not a name 'best.conv-init' can take; allowed: zeros, normal, he-normal, xavier-normal [did you mean 'he-normal'?]",
        ], "\(found)")
    }

    @Test func malformedListsAreSyntaxErrors() {
        let (_, diagnostics) = ExperimentDirective.parse(kind: "study", body: "expect: best.conv-init in he-normal\nexpect: best.conv-init in [a,, b]",
                                                         path: "ch.md", bodyStart: SourceLocation(line: 1, column: 1))
        #expect(diagnostics.map(\.message) == ["expected a list of names after 'in', e.g. 'in [he-normal, he-uniform]'",
                                               "empty name in the list after 'in', e.g. 'in [he-normal, he-uniform]'"])
    }
}

@Suite struct ValueFormatTests {
    @Test(arguments: [(Double, Int, String)]([
        (0.021349, 3, "0.0213"), (0.1 + 0.2, 3, "0.3"), (12345.6, 3, "12300"), (999.7, 3, "1000"), (0.5, 3, "0.5"),
        (-0.5, 3, "−0.5"), (1.234e-7, 3, "1.23 × 10⁻⁷"), (2.5e6, 2, "2.5 × 10⁶"), (0, 3, "0"), (-0.0, 3, "0"),
        (0.00012345, 3, "0.000123"), (1, 3, "1"), (123456, 6, "123456"), (Double.nan, 3, "NaN"), (-Double.infinity, 3, "−∞"),
        (0.99999, 3, "1"), (1.0 / 3, 17, "0.33333333333333331"),
    ]))
    func significantDigitsForProse(_ value: Double, _ digits: Int, _ expected: String) {
        #expect(ValueFormat.significant(digits).prose(value) == expected)
    }

    @Test func plainUsesAsciiAndExponents() {
        #expect(ValueFormat.significant(3).plain(-1.234e-7) == "-1.23e-7")
        #expect(ValueFormat.significant(3).plain(.infinity) == "inf")
    }

    @Test func formatSpecs() {
        #expect(ValueFormat("3") == .significant(3))
        #expect(ValueFormat(" .2 ") == .decimals(2))
        #expect(ValueFormat("%1") == .percent(1))
        #expect(ValueFormat("0") == nil)
        #expect(ValueFormat("18") == nil)
        #expect(ValueFormat("x") == nil)
        #expect(ValueFormat("%1")!.prose(0.9234) == "92.3%")
        #expect(ValueFormat(".2")!.prose(-0.004) == "0.00")
        #expect(ValueFormat(".2")!.prose(-0.5) == "−0.50")
    }

    @Test func numberSpelling() {
        #expect(NumberSpelling.parse("1e-3") == 0.001)
        #expect(NumberSpelling.parse("−2") == -2)
        #expect(NumberSpelling.parse(".5") == 0.5)
        for bad in ["nan", "inf", "0x10", "1_000", "1e", "", "-", "1.2.3", "5%"] { #expect(NumberSpelling.parse(bad) == nil, "\(bad)") }
        #expect(NumberSpelling.normalized(0.010) == "0.01")
        #expect(NumberSpelling.normalized(2.0) == "2")
        #expect(NumberSpelling.normalized(1e-5) == "1e-05")
    }
}

@Suite struct FormattedValueTests {
    @Test func formatsFromAResult() {
        let r = ExperimentResult(kind: "depth", name: "d", figures: [], caption: "", description: "", tables: [], csv: "",
                                 runLabels: [""], values: ["layer[1].mean": -0.000012345])
        #expect(r.formattedValue(at: "layer[1].mean") == "−1.23 × 10⁻⁵")
        #expect(r.formattedValue(at: "layer[1].std") == nil)
    }
}

/// `A > B at 95%`: a one-sided Welch test over the seeds' values (p-values as SciPy's
/// `ttest_ind(equal_var=False, alternative="greater")` gives them: 0.2207 for the first pair, 0.0023 for the second).
@Suite struct ConfidenceExpectationTests {
    let values: [String: Double] = [
        "he-normal.test_accuracy": 0.945, "xavier-normal.test_accuracy": 0.940667, "zeros.test_accuracy": 0.11,
        "he-normal.seed[1].test_accuracy": 0.945, "he-normal.seed[2].test_accuracy": 0.941, "he-normal.seed[3].test_accuracy": 0.949,
        "xavier-normal.seed[1].test_accuracy": 0.941, "xavier-normal.seed[2].test_accuracy": 0.933, "xavier-normal.seed[3].test_accuracy": 0.948,
        "zeros.seed[1].test_accuracy": 0.11, "zeros.seed[2].test_accuracy": 0.1135, "zeros.seed[3].test_accuracy": 0.098,
        "one.test_accuracy": 0.9, "one.seed[1].test_accuracy": 0.9,
    ]

    @Test func aClearDifferenceHoldsAndNoiseDoesNot() throws {
        #expect(try failures(["he-normal.test_accuracy > zeros.test_accuracy at 95%", "zeros.test_accuracy < he-normal.test_accuracy at 99%"], values) == [])
        // The plain comparison holds (0.945 > 0.9407), the confident one does not: p = 0.22.
        #expect(try failures(["he-normal.test_accuracy > xavier-normal.test_accuracy"], values) == [])
        let noise = try failures(["he-normal.test_accuracy > xavier-normal.test_accuracy at 95%"], values)
        #expect(noise.count == 1)
        #expect(noise.first?.hasPrefix("ch.md:20:9: error: expectation not shown at 95%: he-normal.test_accuracy = 0.945 ± 0.0099 (95% CI, 3 seeds), xavier-normal.test_accuracy = 0.941 ± 0.019 (95% CI, 3 seeds); Welch's t = 0.882, one-sided p = 0.22 ≥ 0.05") == true, "\(noise)")
    }

    @Test func aRunWithoutSeedsIsAnError() throws {
        let found = try failures(["one.test_accuracy < he-normal.test_accuracy at 95%"], values)
        #expect(found.count == 1 && found[0].contains("needs at least two seeds on each side; 'one.test_accuracy' has 1"), "\(found)")
        let missing = try failures(["layer[1].std > layer[2].std at 95%"], ["layer[1].std": 1, "layer[2].std": 0.5])
        #expect(missing.count == 1 && missing[0].contains("has 0"), "\(missing)")
    }
}
