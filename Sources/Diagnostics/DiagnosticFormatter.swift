/// Prints diagnostics as compilers do: the message, the source line, the offending text underlined, then notes.
///
///     docs-src/03-gaussian.md:42:5: error: unknown key 'activaton'
///         activaton: tanh
///         ^~~~~~~~~
///     note: did you mean 'activation'?
///
/// Or for tools: one JSON object per line (`json`), or GitHub Actions workflow commands (`github`). Output is bounded
/// whatever the input: long messages and source lines are elided in the middle, and after `perFile` diagnostics in
/// one file a single line says how many more there were.
public enum DiagnosticFormatter {
    public enum Style: String, Sendable, CaseIterable {
        case text, json, github
    }

    /// Diagnostics printed per file before the rest are counted in one line; also the notes printed per diagnostic.
    public static let perFile = 20
    /// Longest message printed whole; longer ones keep their start and end.
    public static let longestMessage = 300
    /// Widest source line printed whole; longer ones show a window around the column.
    public static let widestLine = 120

    /// - Parameter source: the text of the file the diagnostic points into, if at hand.
    public static func format(_ diagnostic: Diagnostic, source: String? = nil) -> String {
        format(diagnostic, style: .text) { $0 == diagnostic.path ? source : nil }
    }

    /// One diagnostic in `style`; `sources` gives the text of a file by its diagnostic path, to quote its lines.
    public static func format(_ diagnostic: Diagnostic, style: Style, sources: (String) -> String?) -> String {
        switch style {
        case .text: text(diagnostic, sources: sources)
        case .json: json(diagnostic)
        case .github: github(diagnostic, sources: sources)
        }
    }

    /// Keeps the first `perFile` diagnostics of each file (in the given order) and replaces the rest of a file by one
    /// note saying how many there were, after that file's diagnostics.
    public static func limited(_ diagnostics: [Diagnostic], perFile: Int = perFile) -> [Diagnostic] {
        var kept: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var dropped: [String: [Diagnostic.Severity: Int]] = [:]
        for diagnostic in diagnostics {
            let path = diagnostic.path
            seen[path, default: 0] += 1
            if seen[path]! <= perFile { kept.append(diagnostic) } else { dropped[path, default: [:]][diagnostic.severity, default: 0] += 1 }
        }
        guard !dropped.isEmpty else { return diagnostics }
        // Insert each file's summary after its last kept diagnostic.
        var result: [Diagnostic] = []
        for (index, diagnostic) in kept.enumerated() {
            result.append(diagnostic)
            let path = diagnostic.path
            let lastOfFile = index + 1 == kept.count || kept[index + 1].path != path
            if lastOfFile, let bySeverity = dropped[path] {
                let total = bySeverity.values.reduce(0, +)
                let noun = bySeverity.count > 1 ? "diagnostic" : (bySeverity.keys.first! == .warning ? "warning" : "error")
                result.append(Diagnostic(.note, path: path, location: .wholeFile,
                                         message: "and \(total) more \(noun)\(total == 1 ? "" : "s") in this file (not shown)"))
                dropped[path] = nil
            }
        }
        return result
    }

    /// `text` with its middle replaced by `…` when it is longer than `maximum` characters.
    public static func elided(_ text: String, maximum: Int = longestMessage) -> String {
        guard text.count > maximum else { return text }
        let keep = max(1, (maximum - 1) / 2)
        return String(text.prefix(keep)) + "…" + String(text.suffix(keep))
    }

    // MARK: text

    static func text(_ diagnostic: Diagnostic, sources: (String) -> String?) -> String {
        var out = Diagnostic.prefix(path: diagnostic.path, location: diagnostic.location)
            + "\(diagnostic.severity.rawValue): " + elided(diagnostic.message)
        out += quote(diagnostic.location, end: diagnostic.end, in: sources(diagnostic.path))
        if let hint = diagnostic.hint {
            out += "\nnote: " + elided(hint)
        }
        for note in diagnostic.notes.prefix(perFile) {
            out += "\n" + Diagnostic.prefix(path: note.path, location: note.location) + "note: " + elided(note.message)
            if let path = note.path, let location = note.location { out += quote(location, end: nil, in: sources(path)) }
        }
        if diagnostic.notes.count > perFile { out += "\nnote: and \(diagnostic.notes.count - perFile) more notes (not shown)" }
        return out
    }

    /// The source line under a diagnostic, with `^` at its column and `~` to the end of its range (on that line).
    static func quote(_ location: SourceLocation, end: SourceLocation?, in source: String?) -> String {
        guard !location.isWholeFile, let source, let line = line(location.line, of: source) else { return "" }
        var scalars = Array(line.unicodeScalars.map { $0 == "\t" ? " " : $0 })
        var column = max(1, location.column)
        var width = 1
        if let end, end.line == location.line, end.column > column { width = end.column - column }
        if let end, end.line > location.line { width = max(1, scalars.count + 1 - column) }
        // A very long line: a window around the column, marked with … at the cut ends.
        if scalars.count > widestLine {
            let start = max(0, min(column - 1 - widestLine / 2, scalars.count - widestLine))
            let stop = min(scalars.count, start + widestLine)
            var window = Array(scalars[start..<stop])
            if start > 0 { window.insert("…", at: 0) }
            if stop < scalars.count { window.append("…") }
            column = column - start + (start > 0 ? 1 : 0)
            width = min(width, max(1, widestLine - column + 2))
            scalars = window
        }
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: scalars)
        let marker = String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: max(0, width - 1))
        return "\n    " + String(shown) + "\n    " + marker
    }

    /// The 1-based `number`th line of `text`, without its line ending.
    static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(where: Self.endsLine) else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(where: Self.endsLine) ?? text.endIndex
        return text[start..<end]
    }

    /// A line ends where `sourceLines` splits (a `Character` holds CR LF as one).
    private static func endsLine(_ c: Character) -> Bool { c == "\n" || c == "\r" || c == "\r\n" }

    // MARK: json

    /// `{"severity":"error","path":"…","line":3,"column":5,"endLine":3,"endColumn":9,"message":"…","hint":"…","notes":[…],
    /// "fixIts":[{"line":3,"column":5,"endLine":3,"endColumn":9,"replacement":"…"}]}`; a whole-file diagnostic has no
    /// line or column. A fix-it's range is half-open, like the diagnostic's.
    static func json(_ diagnostic: Diagnostic) -> String {
        var fields = [("severity", jsonString(diagnostic.severity.rawValue)), ("path", jsonString(diagnostic.path))]
        fields += position(diagnostic.location)
        if let end = diagnostic.end, !diagnostic.location.isWholeFile {
            fields += [("endLine", String(end.line)), ("endColumn", String(end.column))]
        }
        fields.append(("message", jsonString(elided(diagnostic.message))))
        if let hint = diagnostic.hint { fields.append(("hint", jsonString(elided(hint)))) }
        let notes = diagnostic.notes.prefix(perFile).map { note in
            var noteFields = [("message", jsonString(elided(note.message)))]
            if let path = note.path { noteFields.append(("path", jsonString(path))) }
            if let location = note.location { noteFields += position(location) }
            return object(noteFields)
        }
        fields.append(("notes", "[" + notes.joined(separator: ",") + "]"))
        let fixIts = diagnostic.fixIts.map { fixIt in
            object(position(fixIt.range.start) + [("endLine", String(fixIt.range.end.line)), ("endColumn", String(fixIt.range.end.column)),
                                                  ("replacement", jsonString(fixIt.replacement))])
        }
        fields.append(("fixIts", "[" + fixIts.joined(separator: ",") + "]"))
        return object(fields)
    }

    private static func position(_ location: SourceLocation) -> [(String, String)] {
        location.isWholeFile ? [] : [("line", String(location.line)), ("column", String(location.column))]
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: github

    /// `::error file=docs-src/a.md,line=3,col=5,endColumn=9::message` — a GitHub Actions workflow command, which shows
    /// the message on that line of a pull request. Notes and the hint follow the message on lines of their own.
    static func github(_ diagnostic: Diagnostic, sources: (String) -> String?) -> String {
        let command = switch diagnostic.severity { case .error: "error"; case .warning: "warning"; case .note: "notice" }
        var properties = ["file=" + property(diagnostic.path)]
        if !diagnostic.location.isWholeFile {
            properties += ["line=\(diagnostic.location.line)", "col=\(diagnostic.location.column)"]
            if let end = diagnostic.end {
                if end.line != diagnostic.location.line { properties.append("endLine=\(end.line)") }
                properties.append("endColumn=\(end.column)")
            }
        }
        var message = elided(diagnostic.message)
        if let hint = diagnostic.hint { message += "\nnote: " + elided(hint) }
        for note in diagnostic.notes.prefix(perFile) {
            message += "\n" + Diagnostic.prefix(path: note.path, location: note.location) + "note: " + elided(note.message)
        }
        return "::\(command) " + properties.joined(separator: ",") + "::" + data(message)
    }

    /// Escapes a workflow command's message (`%`, CR, LF).
    private static func data(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// Escapes a workflow command's property value (also `:` and `,`).
    private static func property(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }
}

private extension String {
    /// Scalar by scalar, so a CR LF pair (one Character) is escaped as two.
    func replacingAll(_ replacements: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if let replacement = replacements[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
