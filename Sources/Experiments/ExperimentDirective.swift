// The public face of a parsed directive: what the site needs to cache, run, name and check an experiment.

import Diagnostics
import Foundation

/// A parsed and validated experiment or derivation directive, expanded into its runs.
public struct ExperimentDirective: Sendable {
    /// The version of this module and of its result format (bump it when a change alters results) plus the engine's
    /// fingerprint, which changes by itself when Numerics or a kind computes anything differently (see EngineFingerprint).
    /// Figures are drawn from the results on every build, so Charts is not part of it.
    public static let engineVersion = "experiments-\(ExperimentResult.formatVersion)+" + EngineFingerprint.compute()

    /// The kinds, as the site matches them: `experiment KIND` info strings use the first seven,
    /// `derivation uniform-bound` the last.
    public static let kinds: [String] = KindRegistry.all.map(\.name)

    let kindDefinition: RegisteredKind
    /// `activations`, `gradients`, …, `derivation uniform-bound`.
    public var kind: String { kindDefinition.name }
    /// The `name:` line: an identifier for inline references (`{{NAME.PATH}}`) and the figure anchor `fig-NAME`.
    public let name: String?
    /// The `caption:` line (Markdown inline text, unrendered), if any.
    public let caption: String?
    /// The file and location of the body's first line, for diagnostics found while running.
    public let path: String
    public let location: SourceLocation
    /// Keys whose lists make the grid, in the order the author wrote them (the order of label components).
    public let gridKeys: [String]
    /// Every key's resolved value(s), defaults included.
    let resolved: [String: [ParameterValue]]
    /// The runs, the first grid key varying slowest.
    public let runs: [ExperimentRun]
    /// The runs' typed parameters with the kind's functions bound to them.
    let bound: BoundRuns
    /// The `expect:` lines, in order.
    public let expectations: [Expectation]
    /// Where each written key's values are (one range per list item), for problems found while running.
    let valueRanges: [String: [SourceRange]]

    /// Where item `item` of `key`'s value is written (the body's start for a default).
    func location(ofValue key: String, item: Int = 0) -> SourceLocation {
        guard let items = valueRanges[key], item < items.count else { return location }
        return items[item].start
    }

    /// The normalized description: kind, name, caption, every key with its resolved value (defaults included, in
    /// declaration order) and the grid order. Two directives that mean the same run have the same text; the site
    /// hashes it with `engineVersion` and the bytes of `dataFiles` to key its cache. Expectations are left out: they
    /// do not change the result.
    public var cacheKey: String {
        var lines = ["kind: \(kind)"]
        if let name { lines.append("name: \(name)") }
        if let caption { lines.append("caption: \(caption)") }
        for parameter in kindDefinition.parameters {
            if let values = resolved[parameter.key] {
                lines.append("\(parameter.key): " + values.map(\.spelling).joined(separator: ", "))
            }
        }
        if !gridKeys.isEmpty { lines.append("grid: " + gridKeys.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Repository-relative paths of the data files the runs read (sorted, without repeats).
    public var dataFiles: [String] {
        bound.dataFiles()
    }

    /// Parses the body of a fenced directive.
    /// - Parameters:
    ///   - kind: one of `kinds` (the info string after `experiment `, or `derivation uniform-bound`).
    ///   - path: the file, for diagnostics.
    ///   - bodyStart: where the body's first character is; every body line is taken to start at this column
    ///     (a fence inside a list item or quote is indented the same on each line).
    ///   - kindLocation: where the kind is written, for an unknown kind (default: the line above the body).
    /// - Returns: the directive, or nil and every problem found (never both nil and no diagnostics).
    public static func parse(kind: String, body: String, path: String, bodyStart: SourceLocation,
                             kindLocation: SourceLocation? = nil) -> (ExperimentDirective?, [Diagnostic]) {
        guard let definition = KindRegistry.named(kind) else {
            let location = kindLocation ?? SourceLocation(line: max(1, bodyStart.line - 1), column: 1)
            let message = "unknown experiment kind '\(kind)'; allowed: " + kinds.joined(separator: ", ")
            // A derivation's kind is two words; the one written after `derivation` is what is underlined and replaced.
            let written = kind.hasPrefix("derivation ") ? String(kind.dropFirst("derivation ".count)) : kind
            let suggestion = Suggestion.closest(to: kind, among: kinds)
                .map { $0.hasPrefix("derivation ") && kind.hasPrefix("derivation ") ? String($0.dropFirst("derivation ".count)) : $0 }
            return (nil, [Diagnostic(.error, path: path, location: location, message: message)
                .underlining(written.unicodeScalars.count).suggesting(suggestion)])
        }
        var parser = DirectiveParser(kind: definition, path: path, bodyStart: bodyStart)
        let directive = parser.parse(body)
        return (directive, parser.diagnostics)
    }

    /// Parses a fenced block's info string and body: `experiment KIND` or `derivation KIND`.
    /// Returns nil when the info string is not a directive at all (an ordinary code block).
    public static func parse(infoString: String, body: String, path: String, bodyStart: SourceLocation,
                             infoLocation: SourceLocation) -> (ExperimentDirective?, [Diagnostic])? {
        let words = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first, first == "experiment" || first == "derivation" else { return nil }
        let kindWord = words.count > 1 ? words[1] : ""
        let kind = first == "derivation" ? "derivation " + kindWord : kindWord
        if kindWord.isEmpty || words.count > 2 {
            let message = words.count > 2 ? "a directive's info string is '\(first) KIND', got '\(infoString)'"
                                          : "missing kind after '\(first)'; allowed: " + kinds.filter { $0.hasPrefix("derivation ") == (first == "derivation") }.joined(separator: ", ")
            return (nil, [Diagnostic(.error, path: path, location: infoLocation, message: message)])
        }
        return parse(kind: kind, body: body, path: path, bodyStart: bodyStart, kindLocation: infoLocation)
    }

    /// Parses a stand-alone description (`build-docs experiment`): a `kind: KIND` line and the keys.
    public static func parse(description text: String, path: String) -> (ExperimentDirective?, [Diagnostic]) {
        var kind: (name: String, location: SourceLocation)?
        for (index, line) in DirectiveParser.lines(text).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var column = 0
            while column < scalars.count, scalars[column] == " " || scalars[column] == "\t" { column += 1 }
            guard String(String.UnicodeScalarView(scalars[column...])).hasPrefix("kind:") else { continue }
            column += "kind:".count
            while column < scalars.count, scalars[column] == " " || scalars[column] == "\t" { column += 1 }
            var value = String(String.UnicodeScalarView(scalars[column...]))
            if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
            kind = (value.trimmingSpaces(), SourceLocation(line: index + 1, column: column + 1))
            break
        }
        guard let kind else {
            return (nil, [Diagnostic(.error, path: path, location: SourceLocation(line: 1, column: 1),
                                     message: "missing 'kind:' line; allowed kinds: " + kinds.joined(separator: ", "))])
        }
        guard let definition = KindRegistry.named(kind.name) else {
            return parse(kind: kind.name, body: "", path: path, bodyStart: SourceLocation(line: 1, column: 1), kindLocation: kind.location)
        }
        var parser = DirectiveParser(kind: definition, path: path, bodyStart: SourceLocation(line: 1, column: 1))
        parser.kindLineAllowed = true
        let directive = parser.parse(text)
        return (directive, parser.diagnostics)
    }
}
