// LaTeX display environments written straight into the prose (`\begin{equation} … \end{equation}` without `$$`).
// Markdown reads them as a paragraph of TeX; MathJax-based tools (Jupyter Book, Quarto, MkDocs) typeset them, and so
// does the site: each becomes a display math block, numbered and labelled like a `$$` display. The TeX is taken from
// the source lines (Markdown would have eaten its `\\` and `_`); the prose around it stays a paragraph of its own.
import Diagnostics
import Markdown
import TeXMath

enum BareMathEnvironments {
    /// Replaces every paragraph holding bare environments by its prose and display math blocks; an environment that
    /// cannot be taken out whole (no `\end` in its paragraph) is a warning.
    static func typeset(_ document: Document, lines: [[Unicode.Scalar]], path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        document.root.rewrite { node in
            guard case .paragraph = node.kind else { return nil }
            return split(node, lines: lines, path: path, diagnostics: &diagnostics)
        }
        return diagnostics
    }

    /// The paragraph cut at its environments, or nil when it holds none.
    static func split(_ paragraph: Node, lines: [[Unicode.Scalar]], path: String, diagnostics: inout [Diagnostic]) -> [Node]? {
        let first = paragraph.range.start.line, last = min(paragraph.range.end.line, lines.count)
        guard first >= 1, first <= last else { return nil }
        var result: [Node] = []
        let children = paragraph.children
        // Children before `cursor` are placed; they are in document order, so each is looked at a bounded number of times.
        var cursor = 0
        var changed = false
        var line = first
        while line <= last {
            let column = contentColumn(line, paragraph: paragraph, lines: lines)
            guard let environment = beginning(lines[line - 1], at: column) else {
                line += 1
                continue
            }
            let end = "\\end{\(environment)}"
            guard let endLine = (line...last).first(where: { endsWith(lines[$0 - 1], end) }) else {
                diagnostics.append(Diagnostic(.warning, path: path, location: SourceLocation(line: line, column: column),
                                              message: "\\begin{\(environment)} outside $$ has no \\end{\(environment)} in its paragraph, so it is shown as text",
                                              hint: "end the environment in the same paragraph, or put it inside $$ … $$")
                    .underlining("\\begin{\(environment)}".unicodeScalars.count))
                break
            }
            // The prose before and after, by the lines of its inline nodes; one that straddles the TeX cannot be cut.
            var insideStart = cursor
            while insideStart < children.count, children[insideStart].range.start.line < line { insideStart += 1 }
            var afterStart = insideStart
            while afterStart < children.count, children[afterStart].range.start.line <= endLine { afterStart += 1 }
            let before = children[cursor..<insideStart], inside = children[insideStart..<afterStart]
            func isBreak(_ node: Node) -> Bool { node.kind == .softBreak || node.kind == .hardBreak }
            let entangled = before.contains { $0.range.end.line >= line && !isBreak($0) }
                || inside.contains { $0.range.end.line > endLine && !isBreak($0) }
            guard !entangled else {
                diagnostics.append(Diagnostic(.warning, path: path, location: SourceLocation(line: line, column: column),
                                              message: "\\begin{\(environment)} outside $$ is entangled with the Markdown around it, so it is shown as text",
                                              hint: "put it inside $$ … $$, with a blank line before and after")
                    .underlining("\\begin{\(environment)}".unicodeScalars.count))
                break
            }
            if let prose = paragraphNode(before) { result.append(prose) }
            var tex: [String] = []
            for texLine in line...endLine {
                let from = texLine == line ? column : contentColumn(texLine, paragraph: paragraph, lines: lines)
                tex.append(String(String.UnicodeScalarView(lines[texLine - 1].dropFirst(from - 1))))
            }
            let endColumn = lines[endLine - 1].count + 1
            result.append(Node(.mathBlock(tex.joined(separator: "\n")),
                               range: SourceRange(start: SourceLocation(line: line, column: column), end: SourceLocation(line: endLine, column: endColumn))))
            cursor = afterStart
            changed = true
            line = endLine + 1
        }
        guard changed else { return nil }
        if let prose = paragraphNode(children[cursor...], end: paragraph.range.end) { result.append(prose) }
        return result
    }

    /// A paragraph of `children` without the line breaks at its ends, or nil when nothing is left.
    static func paragraphNode(_ children: ArraySlice<Node>, end: SourceLocation? = nil) -> Node? {
        var children = children
        while let first = children.first, first.kind == .softBreak || first.kind == .hardBreak { children = children.dropFirst() }
        while let last = children.last, last.kind == .softBreak || last.kind == .hardBreak { children = children.dropLast() }
        guard let first = children.first, let last = children.last else { return nil }
        return Node(.paragraph, range: SourceRange(start: first.range.start, end: end ?? last.range.end), children: Array(children))
    }

    /// The column where a paragraph's text starts on `line`: after the containers' markers (`>`) and indentation.
    static func contentColumn(_ line: Int, paragraph: Node, lines: [[Unicode.Scalar]]) -> Int {
        let scalars = lines[line - 1]
        if line == paragraph.range.start.line { return paragraph.range.start.column }
        var i = 0
        while i < scalars.count, i < paragraph.range.start.column - 1, scalars[i] == " " || scalars[i] == "\t" || scalars[i] == ">" { i += 1 }
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        return i + 1
    }

    /// The display environment a line begins at `column` (`\begin{align}` → "align"), if any.
    static func beginning(_ line: [Unicode.Scalar], at column: Int) -> String? {
        let rest = line.dropFirst(column - 1)
        guard rest.starts(with: "\\begin{".unicodeScalars) else { return nil }
        let text = String(String.UnicodeScalarView(rest))
        guard let close = text.firstIndex(of: "}") else { return nil }
        let name = String(text[text.index(text.startIndex, offsetBy: 7)..<close])
        return TeXMath.displayEnvironments.contains(name) ? name : nil
    }

    /// Whether `line` ends with `end` (spaces after it allowed).
    static func endsWith(_ line: [Unicode.Scalar], _ end: String) -> Bool {
        var scalars = line[...]
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars)).hasSuffix(end)
    }
}
