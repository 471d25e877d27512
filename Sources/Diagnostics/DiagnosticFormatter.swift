/// Prints diagnostics as compilers do: the message, the source line, and a caret under the column.
///
///     docs-src/03-gaussian.md:42:5: error: unknown key 'activaton'
///         activaton: tanh
///         ^
///     note: did you mean 'activation'?
public enum DiagnosticFormatter {
    /// - Parameter source: the text of the file the diagnostic points into, if at hand.
    public static func format(_ diagnostic: Diagnostic, source: String? = nil) -> String {
        var out = diagnostic.description
        if let source, let line = Self.line(diagnostic.location.line, of: source) {
            let shown = line.replacingTabs()
            out += "\n    " + shown + "\n    " + String(repeating: " ", count: max(0, diagnostic.location.column - 1)) + "^"
        }
        if let hint = diagnostic.hint {
            out += "\nnote: " + hint
        }
        return out
    }

    /// The 1-based `number`th line of `text`, without its line ending.
    static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(where: \.isNewline) else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(where: \.isNewline) ?? text.endIndex
        return text[start..<end]
    }
}

private extension Substring {
    /// Tabs become single spaces so the caret's column (counted in characters) stays under its character.
    func replacingTabs() -> String { String(map { $0 == "\t" ? " " : $0 }) }
}
