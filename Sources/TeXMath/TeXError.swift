// TeXError: what went wrong in a formula, and where (line and column inside the formula's own text).
// The site generator moves the position into the Markdown file with `Diagnostic.shifted(toFragmentAt:)`.

/// A problem in a TeX formula, positioned inside the formula.
///
///     try TeXMath.mathML(#"\fracc{1}{2}"#, display: false)
///     // TeXError(message: "unknown command \\fracc", hint: "did you mean \\frac?", line: 1, column: 1)
public struct TeXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `unknown command \fracc`.
    public var message: String
    /// A suggestion, e.g. `did you mean \frac?`.
    public var hint: String?
    /// 1-based line within the TeX (display math can span lines).
    public var line: Int
    /// 1-based column within that line, counted in Unicode scalars.
    public var column: Int
    /// The position is in the text of `Options.definitions` (a macro defined there went wrong), not the formula's.
    public var inDefinitions = false

    public init(message: String, hint: String? = nil, line: Int, column: Int, inDefinitions: Bool = false) {
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
        self.inDefinitions = inDefinitions
    }

    /// `line:column: message (hint)`, for tests and logs.
    public var description: String {
        "\(line):\(column): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

extension TeXError {
    init(_ message: String, at token: Token, hint: String? = nil) {
        self.init(message: message, hint: hint, line: token.line, column: token.column, inDefinitions: token.inDefinitions)
    }
}
