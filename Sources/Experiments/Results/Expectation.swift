// `expect:` lines: checked claims about a result, `PATH OP VALUE` where VALUE is a number or another path.
// A failed claim is an error at the expect line, so a page can never state what its own experiment contradicts.

import Diagnostics
import Foundation

/// One `expect:` line.
public struct Expectation: Hashable, Sendable {
    public enum Comparison: String, Hashable, Sendable, Codable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", approximately = "≈"
    }
    public enum Operand: Hashable, Sendable, Codable {
        case number(Double)
        case path(String)
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
            return .success(Expectation(path: path, comparison: comparison, operand: operand(2), tolerance: nil, text: text, location: location))
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
        return fail("unknown comparison '\(op)'; allowed: < <= > >= == ≈ (with ±) and 'within … of'", 1)
    }

    /// Whether `value` satisfies the claim against `reference` (the right side's value).
    func holds(_ value: Double, _ reference: Double) -> Bool {
        switch comparison {
        case .less: value < reference
        case .lessOrEqual: value <= reference
        case .greater: value > reference
        case .greaterOrEqual: value >= reference
        case .equal: value == reference
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
        guard let value = lookup(expectation.path) else { continue }
        let reference: Double
        switch expectation.operand {
        case .number(let x): reference = x
        case .path(let p):
            guard let x = lookup(p) else { continue }
            reference = x
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
