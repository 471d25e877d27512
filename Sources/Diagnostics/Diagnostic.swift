/// A problem found in the sources, as a value: collected across the whole build, printed once,
/// in the compiler style `path:line:column: error: message`.
///
/// A build's stages add warnings the same way as errors (`Diagnostic.warning(…)`): they are printed with the errors,
/// counted in the summary, and do not fail the build.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    /// A second place that explains the first: the earlier definition of a duplicate, the values an `expect:`
    /// compared, each step of a cycle, how a limit's work was computed. Without a path it is printed bare.
    public struct Note: Hashable, Sendable {
        public var message: String
        public var path: String?
        public var location: SourceLocation?

        public init(_ message: String, path: String? = nil, location: SourceLocation? = nil) {
            self.message = message
            self.path = path
            self.location = location
        }
    }

    /// An edit that would fix the problem, for editors: replace the text of `range` (in the diagnostic's file) by
    /// `replacement`. Given where a "did you mean" names the one right spelling.
    public struct FixIt: Hashable, Sendable {
        public var range: SourceRange
        public var replacement: String

        public init(range: SourceRange, replacement: String) {
            self.range = range
            self.replacement = replacement
        }
    }

    public var severity: Severity
    /// The file as the author names it (relative to where the command runs), or `<stdin>`.
    public var path: String
    /// Where in the file; `SourceLocation.wholeFile` (line 0) for a problem with a whole file or folder,
    /// printed `path: error: message` without a position.
    public var location: SourceLocation
    /// The end of the offending text (exclusive), underlined `^~~~` under the source line; nil: one caret.
    public var end: SourceLocation?
    public var message: String
    /// One short suggestion, such as `did you mean 'activation'?`, printed as a `note:` line.
    public var hint: String?
    public var notes: [Note]
    public var fixIts: [FixIt]

    public init(_ severity: Severity = .error, path: String, location: SourceLocation, end: SourceLocation? = nil,
                message: String, hint: String? = nil, notes: [Note] = [], fixIts: [FixIt] = []) {
        self.severity = severity
        self.path = path
        self.location = location
        self.end = end
        self.message = message
        self.hint = hint
        self.notes = notes
        self.fixIts = fixIts
    }

    public static func error(_ message: String, path: String, line: Int, column: Int, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, path: path, location: SourceLocation(line: line, column: column), message: message, hint: hint)
    }

    /// A problem with a whole file or folder (missing, unreadable, not a folder): no line or column.
    public static func error(_ message: String, path: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, path: path, location: .wholeFile, message: message, hint: hint)
    }

    public static func warning(_ message: String, path: String, line: Int, column: Int, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, path: path, location: SourceLocation(line: line, column: column), message: message, hint: hint)
    }

    /// The same diagnostic, underlining `length` characters from its column.
    public func underlining(_ length: Int) -> Diagnostic {
        var copy = self
        copy.end = length > 1 ? SourceLocation(line: location.line, column: location.column + length) : nil
        return copy
    }

    /// The same diagnostic suggesting `replacement`: the hint `did you mean 'x'?` and the fix-it that writes it over
    /// `range` (by default the diagnostic's own range, or the caret's character). Unchanged when there is nothing to
    /// suggest; a whole-file diagnostic gets the hint only.
    public func suggesting(_ replacement: String?, for range: SourceRange? = nil) -> Diagnostic {
        guard let replacement else { return self }
        var copy = self
        copy.hint = "did you mean '\(replacement)'?"
        guard !location.isWholeFile else { return copy }
        let range = range ?? SourceRange(start: location, end: end ?? SourceLocation(line: location.line, column: location.column + 1))
        copy.fixIts.append(FixIt(range: range, replacement: replacement))
        return copy
    }

    /// The same diagnostic with a note added.
    public func noting(_ message: String, path: String? = nil, location: SourceLocation? = nil) -> Diagnostic {
        var copy = self
        copy.notes.append(Note(message, path: path, location: location))
        return copy
    }

    /// `path:line:column: error: message`, or `path: error: message` for a whole file.
    public var description: String {
        Self.prefix(path: path, location: location) + "\(severity.rawValue): \(message)"
    }

    /// `path:line:column: `, `path: ` or nothing.
    static func prefix(path: String?, location: SourceLocation?) -> String {
        guard let path else { return "" }
        guard let location, !location.isWholeFile else { return path + ": " }
        return "\(path):\(location.line):\(location.column): "
    }

    /// The same diagnostic moved by an offset: for errors found inside a fragment (a formula, a directive body)
    /// whose position in the file is known. `line` counts from 1 within the fragment.
    public func shifted(toFragmentAt origin: SourceLocation) -> Diagnostic {
        var moved = self
        func move(_ location: SourceLocation) -> SourceLocation {
            guard !location.isWholeFile else { return origin }
            return SourceLocation(line: origin.line + location.line - 1,
                                  column: location.line == 1 ? origin.column + location.column - 1 : location.column)
        }
        moved.location = move(location)
        moved.end = end.map(move)
        moved.fixIts = fixIts.map { FixIt(range: SourceRange(start: move($0.range.start), end: move($0.range.end)), replacement: $0.replacement) }
        return moved
    }
}

extension Diagnostic: Comparable {
    /// Order of printing: by file, then position, so output is stable however work was scheduled.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.location.line, a.location.column, a.message) < (b.path, b.location.line, b.location.column, b.message)
    }
}
