// `{{NAME.PATH | FORMAT}}` in prose: which experiment, which value, how to print it. The site finds the braces;
// this reads what is between them, so the syntax lives next to the paths and formats it refers to.

/// The text between `{{` and `}}`: `tanh-small.layer[5].std | 3`.
public struct InlineReference: Hashable, Sendable {
    /// The experiment's `name:`.
    public let name: String
    /// The value path within its result (may start with a run label).
    public let path: String
    public let format: ValueFormat

    /// Reads `NAME.PATH` with an optional `| FORMAT` (default: 3 significant digits); the error says why not.
    public static func parse(_ text: String) -> Result<InlineReference, InlineReferenceError> {
        var reference = Substring(text)
        var format = ValueFormat.significant(3)
        if let bar = text.firstIndex(of: "|") {
            reference = text[..<bar]
            let spec = text[text.index(after: bar)...].trimmingSpaces()
            guard let parsed = ValueFormat(spec) else {
                return .failure(InlineReferenceError(message: "unknown format '\(spec)' in '{{\(text)}}': use a count of significant digits (3), decimals (.2) or a percentage (%1)"))
            }
            format = parsed
        }
        let trimmed = reference.trimmingSpaces()
        guard let dot = trimmed.firstIndex(of: "."), dot != trimmed.startIndex, trimmed.index(after: dot) != trimmed.endIndex else {
            return .failure(InlineReferenceError(message: "expected '{{NAME.PATH}}', e.g. '{{tanh-small.layer[5].std | 3}}', got '{{\(text)}}'"))
        }
        let name = String(trimmed[..<dot])
        if let problem = DirectiveParser.identifierProblem(name) {
            return .failure(InlineReferenceError(message: "invalid experiment name '\(name)' in '{{\(text)}}': \(problem)"))
        }
        return .success(InlineReference(name: name, path: String(trimmed[trimmed.index(after: dot)...]), format: format))
    }
}

public struct InlineReferenceError: Error, Hashable, Sendable {
    public let message: String
}

extension ExperimentResult {
    /// The value at `path` printed for prose in `format`, or nil when there is no such path
    /// (then `suggestion(for:)` gives the "did you mean").
    public func formattedValue(at path: String, format: ValueFormat = .significant(3)) -> String? {
        value(at: path).map(format.prose)
    }
}
