// `expect:` lines: checked claims about a result, `PATH OP VALUE` where VALUE is a number or another path.
// A failed claim is an error at the expect line, so a page can never state what its own experiment contradicts.
// A comparison of two paths can demand confidence, `A.test_accuracy > B.test_accuracy at 95%`: the claim holds when
// a one-sided Welch t-test over the runs' seeds (`A.seed[k].test_accuracy`, k = 1, 2, …) rejects "A ≤ B" at that
// level (p < 0.05), so "A beats B" cannot rest on seed noise.

import Diagnostics
import Foundation
import Numerics

/// One `expect:` line.
public struct Expectation: Hashable, Sendable {
    public enum Comparison: String, Hashable, Sendable, Codable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", approximately = "≈"
        /// `PATH in [a, b]`: a name value is one of the listed names.
        case oneOf = "in"
    }
    public enum Operand: Hashable, Sendable, Codable {
        case number(Double)
        /// A value path, or (compared with a name value) a name as written: `best.conv-init == he-normal`.
        case path(String)
        /// The names of `in [a, b]`.
        case names([String])
    }
    public enum Tolerance: Hashable, Sendable, Codable {
        case absolute(Double)
        /// A fraction of |right-hand side|: `± 5%` is 0.05.
        case relative(Double)
    }

    /// The value path on the left.
    public let path: String
    public let comparison: Comparison
    public let operand: Operand
    /// For `≈` only.
    public let tolerance: Tolerance?
    /// For `<` and `>` between two paths: the confidence level (`at 95%` is 0.95) of a Welch t-test over seeds.
    public internal(set) var confidence: Double? = nil
    /// The line's text after `expect:`, as written.
    public let text: String
    /// Where that text starts.
    public let location: SourceLocation

    /// Why an expect line could not be read.
    struct SyntaxError: Error {
        let message: String
        let location: SourceLocation
        func diagnostic(path: String) -> Diagnostic {
            Diagnostic(.error, path: path, location: location, message: message,
                       hint: "write 'expect: PATH OP VALUE', OP one of < <= > >= == ≈, e.g. 'expect: layer[5].std < 0.01' or 'expect: weights.variance ≈ 0.02 ± 5%'")
        }
    }

    static func parse(_ text: String, location: SourceLocation) -> Result<Expectation, SyntaxError> {
        // Tokens split at spaces, `±` also splits (`±0.05`), each with its column for errors.
        var tokens: [(text: String, offset: Int)] = []
        var current = ""
        var start = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar == " " || scalar == "\t" || scalar == "±" {
                if !current.isEmpty { tokens.append((current, start)) }
                current = ""
                if scalar == "±" { tokens.append(("±", offset)) }
                start = offset + 1
            } else {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append((current, start)) }
        func at(_ index: Int) -> SourceLocation {
            let offset = index < tokens.count ? tokens[index].offset : text.unicodeScalars.count
            return SourceLocation(line: location.line, column: location.column + offset)
        }
        func fail(_ message: String, _ index: Int) -> Result<Expectation, SyntaxError> {
            .failure(SyntaxError(message: message, location: at(index)))
        }
        guard tokens.count >= 3 else {
            return fail("expected 'PATH OP VALUE' with spaces around the operator, got '\(text)'", 0)
        }
        // A trailing `at LEVEL%` asks for confidence over seeds.
        var confidence: Double?
        if tokens.count >= 5, tokens[tokens.count - 2].text == "at" {
            let level = tokens[tokens.count - 1].text
            guard level.hasSuffix("%"), let percent = NumberSpelling.parse(String(level.dropLast())), percent > 50, percent < 100 else {
                return fail("the confidence level must be a percentage between 50% and 100%, e.g. 'at 95%', got '\(level)'", tokens.count - 1)
            }
            guard tokens.count == 5, tokens[1].text == "<" || tokens[1].text == ">", NumberSpelling.parse(tokens[2].text) == nil else {
                let numberOnTheRight = tokens.count == 5 && NumberSpelling.parse(tokens[2].text) != nil
                return fail("a confidence claim compares two value paths with < or >, e.g. 'A.test_accuracy > B.test_accuracy at 95%'",
                            numberOnTheRight ? 2 : 1)
            }
            confidence = percent / 100
            tokens.removeLast(2)
        }
        let path = tokens[0].text
        guard NumberSpelling.parse(path) == nil else { return fail("the left side of an expectation is a value path, got the number \(path)", 0) }
        func operand(_ index: Int) -> Operand { NumberSpelling.parse(tokens[index].text).map { .number($0) } ?? .path(tokens[index].text) }
        func tolerance(_ index: Int) -> Tolerance? {
            var t = tokens[index].text
            let relative = t.hasSuffix("%")
            if relative { t.removeLast() }
            guard let x = NumberSpelling.parse(t), x.isFinite, x >= 0 else { return nil }
            return relative ? .relative(x / 100) : .absolute(x)
        }
        let op = tokens[1].text
        let simple: [String: Comparison] = ["<": .less, "<=": .lessOrEqual, "≤": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
                                            "≥": .greaterOrEqual, "==": .equal]
        if let comparison = simple[op] {
            guard tokens.count == 3 else { return fail("unexpected '\(tokens[3].text)' after the value", 3) }
            return .success(Expectation(path: path, comparison: comparison, operand: operand(2), tolerance: nil, confidence: confidence,
                                        text: text, location: location))
        }
        if op == "≈" || op == "~=" {
            guard tokens.count == 5, tokens[3].text == "±" || tokens[3].text == "+-" else {
                return fail("'≈' needs a tolerance: '≈ VALUE ± 0.05' or '≈ VALUE ± 5%'", min(3, tokens.count))
            }
            guard let tolerance = tolerance(4) else { return fail("the tolerance must be a number ≥ 0 or a percentage, got '\(tokens[4].text)'", 4) }
            return .success(Expectation(path: path, comparison: .approximately, operand: operand(2), tolerance: tolerance, text: text, location: location))
        }
        if op == "within" {
            guard tokens.count == 5, tokens[3].text == "of" else { return fail("expected 'PATH within TOLERANCE of VALUE', e.g. 'within 10% of 0.5'", min(3, tokens.count)) }
            guard let tolerance = tolerance(2) else { return fail("the tolerance must be a number ≥ 0 or a percentage, got '\(tokens[2].text)'", 2) }
            return .success(Expectation(path: path, comparison: .approximately, operand: operand(4), tolerance: tolerance, text: text, location: location))
        }
        if op == "in" {
            // The rest of the line is `[a, b, …]`: names, comma-separated.
            let rest = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(tokens[2].offset))).trimmingSpaces()
            guard rest.hasPrefix("["), rest.hasSuffix("]") else { return fail("expected a list of names after 'in', e.g. 'in [he-normal, he-uniform]'", 2) }
            let names = rest.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard !names.contains(where: \.isEmpty) else { return fail("empty name in the list after 'in', e.g. 'in [he-normal, he-uniform]'", 2) }
            return .success(Expectation(path: path, comparison: .oneOf, operand: .names(names), tolerance: nil, text: text, location: location))
        }
        return fail("unknown comparison '\(op)'; allowed: < <= > >= == ≈ (with ±), 'within … of' and 'in [names]'", 1)
    }

    /// Whether `value` satisfies the claim against `reference` (the right side's value).
    func holds(_ value: Double, _ reference: Double) -> Bool {
        switch comparison {
        case .less: value < reference
        case .lessOrEqual: value <= reference
        case .greater: value > reference
        case .greaterOrEqual: value >= reference
        case .equal: value == reference
        case .oneOf: false  // names only (checkName)
        case .approximately:
            switch tolerance! {
            case .absolute(let t): abs(value - reference) <= t
            case .relative(let f): abs(value - reference) <= f * abs(reference)
            }
        }
    }
}

/// Checks each expectation against a result; one diagnostic per failed or unreadable claim, at its `expect:` line.
///
///     docs/03.md:14:9: error: expectation failed: layer[5].std = 0.021, expected < 0.01
public func check(_ expectations: [Expectation], against result: ExperimentResult, path: String) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for expectation in expectations {
        func lookup(_ valuePath: String) -> Double? {
            if let value = result.value(at: valuePath) { return value }
            diagnostics.append(Diagnostic(.error, path: path, location: expectation.location,
                                          message: "unknown value path '\(valuePath)' in expectation",
                                          hint: result.suggestion(for: valuePath)))
            return nil
        }
        if let named = result.name(at: expectation.path) {
            if let problem = expectation.checkName(named, in: result) {
                diagnostics.append(Diagnostic(.error, path: path, location: expectation.location, message: problem.message, hint: problem.hint)
                    .underlining(expectation.text.unicodeScalars.count))
            }
            continue
        }
        guard let value = lookup(expectation.path) else { continue }
        if let problem = expectation.nameOnTheRight(of: value, in: result) {
            diagnostics.append(Diagnostic(.error, path: path, location: expectation.location, message: problem).underlining(expectation.text.unicodeScalars.count))
            continue
        }
        if let level = expectation.confidence, case .path(let other) = expectation.operand {
            if let problem = expectation.confidenceProblem(level: level, other: other, result: result) {
                diagnostics.append(Diagnostic(.error, path: path, location: expectation.location, message: problem.message, hint: problem.hint))
            }
            continue
        }
        let reference: Double
        switch expectation.operand {
        case .number(let x): reference = x
        case .path(let p):
            guard let x = lookup(p) else { continue }
            reference = x
        case .names: continue  // reported by nameOnTheRight
        }
        if expectation.holds(value, reference) { continue }
        var failure = Diagnostic(.error, path: path, location: expectation.location,
                                 message: "expectation failed: \(expectation.path) = \(Expectation.shown(value, next: reference)), expected \(expectation.expectedText(reference))")
            .underlining(expectation.text.unicodeScalars.count)
            .noting("the run gave \(expectation.path) = \(value)")
        if case .path(let other) = expectation.operand { failure = failure.noting("the run gave \(other) = \(reference)") }
        diagnostics.append(failure)
    }
    return diagnostics
}

extension Expectation {
    /// Checks a claim about a name value (`best.conv-init == he-normal`, `… in [he-normal, he-uniform]`): nil when it
    /// holds, else the failure or the misuse (an order, a number, a confidence level, a name the value cannot take).
    func checkName(_ named: ExperimentResult.NamedValue, in result: ExperimentResult) -> (message: String, hint: String?)? {
        let shown = "'\(path)' is a name ('\(named.name)')"
        let example = "e.g. '\(path) == \(named.name)' or '\(path) in [\(named.choices.prefix(2).joined(separator: ", "))]'"
        if confidence != nil {
            return ("\(shown): a confidence claim compares numbers over seeds", "compare names with == or 'in [a, b]', \(example)")
        }
        guard comparison == .equal || comparison == .oneOf else {
            return ("\(shown): names compare only with '==' or 'in [a, b]', not '\(comparison.rawValue)'", example)
        }
        var expected: [String]
        switch operand {
        case .number(let x):
            return ("\(shown), not a number: it cannot be compared with \(NumberSpelling.normalized(x))", example)
        case .names(let names): expected = names
        case .path(let p):
            if let other = result.name(at: p) {
                if other.name == named.name { return nil }
                return ("expectation failed: \(path) = \(named.name), expected == \(p) (\(other.name))", nil)
            }
            if result.value(at: p) != nil { return ("\(shown), but '\(p)' is a number: a name and a number cannot be compared", example) }
            expected = [p]
        }
        // A name the value can never take is a typo, not a failed claim.
        for name in expected where !named.choices.contains(name) {
            return ("'\(name)' is not a name '\(path)' can take; allowed: \(named.choices.joined(separator: ", "))",
                    Suggestion.hint(for: name, among: named.choices))
        }
        if expected.contains(named.name) { return nil }
        let claim = comparison == .oneOf ? "in [\(expected.joined(separator: ", "))]" : "== \(expected[0])"
        return ("expectation failed: \(path) = \(named.name), expected \(claim)", nil)
    }

    /// Why a claim about a number cannot be checked because its right side is a name (or a list of names), or nil.
    func nameOnTheRight(of value: Double, in result: ExperimentResult) -> String? {
        switch operand {
        case .names:
            return "'\(path)' is a number (\(Expectation.shown(value, next: .nan))): 'in [...]' lists names and applies to a name value such as 'best.conv-init'"
        case .path(let p):
            guard let other = result.name(at: p) else { return nil }
            return "'\(path)' is a number (\(Expectation.shown(value, next: .nan))) and '\(p)' is a name ('\(other.name)'): a number and a name cannot be compared"
        case .number: return nil
        }
    }

    /// The seed samples of a path: `P.seed[k].M` for `P.M` (`seed[k].M` for a bare `M`), k = 1, 2, … while present.
    static func seedSamples(of valuePath: String, in result: ExperimentResult) -> [Double] {
        let (prefix, metric): (String, String) = valuePath.lastIndex(of: ".").map {
            (String(valuePath[...$0]), String(valuePath[valuePath.index(after: $0)...]))
        } ?? ("", valuePath)
        var samples: [Double] = []
        while let x = result.value(at: "\(prefix)seed[\(samples.count + 1)].\(metric)") { samples.append(x) }
        return samples
    }

    /// Why a confidence claim fails (nil when it holds): too few seeds, or a p-value at or above 1 − level.
    func confidenceProblem(level: Double, other: String, result: ExperimentResult) -> (message: String, hint: String?)? {
        let a = Self.seedSamples(of: path, in: result), b = Self.seedSamples(of: other, in: result)
        guard a.count >= 2, b.count >= 2 else {
            let few = a.count < 2 ? (path, a.count) : (other, b.count)
            return ("a confidence claim needs at least two seeds on each side; '\(few.0)' has \(few.1) (no '\(few.0.contains(".") ? few.0.replacingFirst(".", with: ".seed[1].") : "seed[1]." + few.0)')",
                    "give the experiment 'seeds: 3' or more, or compare the values without 'at …%'")
        }
        // `A > B`: H₁ mean A > mean B; `A < B`: the same test with the sides swapped.
        let test = comparison == .greater ? WelchTest(a, b) : WelchTest(b, a)
        let p = test.greaterP
        if p < 1 - level { return nil }
        let sa = SampleSummary(a), sb = SampleSummary(b)
        func shown(_ s: SampleSummary) -> String {
            "\(ValueFormat.significant(3).plain(s.mean)) ± \(ValueFormat.significant(2).plain(s.ci95 ?? 0)) (95% CI, \(s.count) seeds)"
        }
        let percent = ValueFormat.significant(3).plain(level * 100)
        return ("expectation not shown at \(percent)%: \(path) = \(shown(sa)), \(other) = \(shown(sb)); Welch's t = \(ValueFormat.significant(3).plain(test.t)), one-sided p = \(ValueFormat.significant(2).plain(p)) ≥ \(ValueFormat.significant(2).plain(1 - level))",
                "more seeds narrow the interval; or claim only what the data show")
    }

    /// The right side as the author wrote it, with a path's value in parentheses: `> xavier-normal.test_accuracy (0.931)`.
    func expectedText(_ reference: Double) -> String {
        let rest = text.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        if case .path(let p) = operand {
            return rest.replacingFirst(p, with: "\(p) (\(Expectation.shown(reference, next: .nan)))")
        }
        return rest
    }

    /// Three significant digits, more when needed to tell `value` from the number it is compared with.
    static func shown(_ value: Double, next other: Double) -> String {
        var digits = 3
        while digits < 17, value != other, ValueFormat.significant(digits).plain(value) == ValueFormat.significant(digits).plain(other) {
            digits += 1
        }
        return ValueFormat.significant(digits).plain(value)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
