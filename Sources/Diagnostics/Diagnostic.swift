/// A problem found in the sources, as a value: collected across the whole build, printed once,
/// in the compiler style `path:line:column: error: message`.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    /// The file as the author names it (relative to where the command runs), or `<stdin>`.
    public var path: String
    public var location: SourceLocation
    public var message: String
    /// One short suggestion, such as `did you mean 'activation'?`, printed as a `note:` line.
    public var hint: String?

    public init(_ severity: Severity = .error, path: String, location: SourceLocation, message: String, hint: String? = nil) {
        self.severity = severity
        self.path = path
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ message: String, path: String, line: Int, column: Int, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, path: path, location: SourceLocation(line: line, column: column), message: message, hint: hint)
    }

    /// `path:line:column: error: message`
    public var description: String {
        "\(path):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    /// The same diagnostic moved by an offset: for errors found inside a fragment (a formula, a directive body)
    /// whose position in the file is known. `line` counts from 1 within the fragment.
    public func shifted(toFragmentAt origin: SourceLocation) -> Diagnostic {
        var moved = self
        moved.location = SourceLocation(
            line: origin.line + location.line - 1,
            column: location.line == 1 ? origin.column + location.column - 1 : location.column)
        return moved
    }
}

extension Diagnostic: Comparable {
    /// Order of printing: by file, then position, so output is stable however work was scheduled.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.location.line, a.location.column, a.message) < (b.path, b.location.line, b.location.column, b.message)
    }
}
