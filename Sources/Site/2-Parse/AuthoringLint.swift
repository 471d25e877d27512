// Authoring mistakes that Markdown accepts without a word, so that the build would succeed and readers would see raw
// source or lose text: an unclosed `$`, a `|` that splits a table row, Markdown swallowed by an HTML block, a
// misspelt alert, a footnote reference without its definition (or a definition nobody references), a directive
// indented into a code block. Each becomes a diagnostic at its line and column: an error where the intent is
// unmistakable, a warning where the text might be meant as it is. A pass over the parsed tree and the lines it came
// from (the tree keeps source positions), so the Markdown parser itself stays as CommonMark and GFM define it.
import Diagnostics
import Markdown

struct AuthoringLint {
    let path: String
    /// The page's source lines, as Unicode scalars (columns count scalars).
    let lines: [[Unicode.Scalar]]
    private(set) var diagnostics: [Diagnostic] = []
    /// The names of directives that became code blocks (indented four spaces): their uses are not reported again.
    private(set) var misplacedDirectives: [(name: String, lines: ClosedRange<Int>)] = []
    /// Table rows whose math a `|` split: their stray `$` is that mistake, reported once.
    private var splitMathLines: Set<Int> = []

    init(path: String, text: String) {
        self.path = path
        lines = Self.lines(text)
    }

    /// Checks the whole document.
    mutating func check(_ document: Document) {
        var definitions: [(label: String, node: Node)] = []
        var paragraphsInQuotes: [Node] = []
        document.root.walk { node, entering in
            guard entering else { return true }
            switch node.kind {
            case .text:
                checkDollars(node)
            case .table:
                checkTable(node)
            case .htmlBlock(let html):
                checkHTMLBlock(node, html)
            case .blockQuote:
                if let first = node.children.first, case .paragraph = first.kind { paragraphsInQuotes.append(first) }
            case .footnoteDefinition(let definition):
                definitions.append((definition.label, node))
            case .codeBlock(let code):
                if !code.isFenced { checkIndentedDirective(node, code) }
                return false
            case .code(let code):
                checkDirectiveInCodeSpan(node, code)
                return false
            case .math, .mathBlock, .inlineHTML:
                return false
            default:
                break
            }
            return true
        }
        for paragraph in paragraphsInQuotes { checkAlertMarker(paragraph) }
        checkFootnotes(document, definitions: definitions)
        diagnostics.sort()
    }

    // MARK: Source access

    /// The lines of `text` (ended by LF, CR LF or CR, as Markdown ends them), as scalars.
    static func lines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterCR {
                afterCR = false
                continue
            }
            afterCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(current)
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(scalar)
            }
        }
        lines.append(current)
        return lines
    }

    /// The scalar at a 1-based line and column, or nil past the line's end.
    private func scalar(_ line: Int, _ column: Int) -> Unicode.Scalar? {
        guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count else { return nil }
        return lines[line - 1][column - 1]
    }

    /// Whether the character at `column` is escaped by an odd number of backslashes before it.
    private func isEscaped(_ line: Int, _ column: Int) -> Bool {
        var count = 0
        var c = column - 1
        while let s = scalar(line, c), s == "\\" {
            count += 1
            c -= 1
        }
        return count % 2 == 1
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int, length: Int = 1,
                                 hint: String? = nil) {
        diagnostics.append(Diagnostic(severity, path: path, location: SourceLocation(line: line, column: column), message: message,
                                      hint: hint).underlining(length))
    }

    // MARK: `$`

    /// A `$` left in the text after math spans were read opens math that never closes (a `$` before a digit or a
    /// space is a dollar sign, and `\$` an escaped one): the reader would see the dollar and the raw TeX.
    private mutating func checkDollars(_ node: Node) {
        guard case .text(let text) = node.kind, text.utf8.contains(UInt8(ascii: "$")) else { return }
        let start = node.range.start, end = node.range.end
        for line in start.line...max(start.line, end.line) where !splitMathLines.contains(line) {
            guard line <= lines.count else { break }
            let first = line == start.line ? start.column : 1
            let last = line == end.line ? min(end.column, lines[line - 1].count) : lines[line - 1].count
            for column in first...max(first, last) {
                guard scalar(line, column) == "$", !isEscaped(line, column) else { continue }
                let display = scalar(line, column + 1) == "$"
                if !display {
                    // A dollar sign: before a digit, a space or the end of the line.
                    guard let next = scalar(line, column + 1), next != " ", next != "\t", !("0"..."9").contains(next) else { continue }
                }
                report(.warning, display ? "'$$' opens display math that is never closed, so the reader sees the TeX as text"
                                         : "'$' opens inline math that is never closed, so the reader sees the TeX as text",
                       line: line, column: column, length: display ? 2 : 1,
                       hint: display ? "close it with '$$'" : "close it with '$' in the same paragraph, or write '\\$' for a dollar sign")
                return  // one per text: the rest of it is the same mistake
            }
        }
    }

    // MARK: Tables

    /// GFM splits a row at every unescaped `|`, even inside `$…$` or a code span, and drops the cells beyond the
    /// header's count: `$|x|$` in a cell loses text without a word.
    private mutating func checkTable(_ table: Node) {
        guard case .table(let info) = table.kind else { return }
        let columns = info.alignments.count
        for row in table.children {
            let line = row.range.start.line
            guard line >= 1, line <= lines.count else { continue }
            let cells = Self.cells(lines[line - 1], from: row.range.start.column)
            if let pipe = pipeInsideMath(line, from: row.range.start.column) {
                report(.error, "'|' inside math splits the table cell here", line: line, column: pipe,
                       hint: "write \\vert or \\| for a bar inside a table cell")
                splitMathLines.insert(line)
                continue
            }
            if cells.count > columns, let lost = cells[columns...].first(where: { !$0.isEmpty }) {
                report(.error, "table row has \(cells.count) cells but the header has \(columns): the cells from here on are dropped",
                       line: line, column: lost.column, length: lost.length,
                       hint: "write '\\|' for a '|' inside a cell, or add a column to the header")
            }
        }
    }

    /// The cells of a row as GFM splits them: at unescaped `|`, a leading and a trailing `|` optional. Each cell's
    /// first column and length after trimming spaces (length 0 for an empty cell).
    static func cells(_ line: [Unicode.Scalar], from startColumn: Int) -> [(column: Int, length: Int, isEmpty: Bool)] {
        var from = max(0, startColumn - 1), to = line.count
        while from < to, line[from] == " " || line[from] == "\t" { from += 1 }
        while to > from, line[to - 1] == " " || line[to - 1] == "\t" { to -= 1 }
        if from < to, line[from] == "|" { from += 1 }
        var cells: [(Int, Int, Bool)] = []
        func add(_ start: Int, _ end: Int) {
            var s = start, e = end
            while s < e, line[s] == " " || line[s] == "\t" { s += 1 }
            while e > s, line[e - 1] == " " || line[e - 1] == "\t" { e -= 1 }
            cells.append((s + 1, e - s, e == s))
        }
        var cellStart = from
        var i = from
        while i < to {
            if line[i] == "\\", i + 1 < to { i += 2; continue }
            if line[i] == "|" {
                add(cellStart, i)
                cellStart = i + 1
            }
            i += 1
        }
        if cellStart < to || cells.isEmpty { add(cellStart, to) }
        return cells
    }

    /// The column of the first unescaped `|` between an opening `$` and its closing `$` on a row (pandoc's rules for
    /// the dollars, as the math spans read them), or nil.
    private func pipeInsideMath(_ line: Int, from startColumn: Int) -> Int? {
        let scalars = lines[line - 1]
        var i = max(0, startColumn - 1)
        while i < scalars.count {
            guard scalars[i] == "$", !isEscaped(line, i + 1), i + 1 < scalars.count,
                  scalars[i + 1] != " ", scalars[i + 1] != "$" else { i += 1; continue }
            // The span ends at the first unescaped `$`, which must follow a non-space and not precede a digit;
            // else there is no span here, and that `$` may open one.
            var j = i + 1
            var pipe: Int?
            while j < scalars.count, scalars[j] != "$" {
                if scalars[j] == "\\" { j += 2; continue }
                if scalars[j] == "|", pipe == nil { pipe = j + 1 }
                j += 1
            }
            guard j < scalars.count else { return nil }
            let closes = scalars[j - 1] != " " && !(j + 1 < scalars.count && ("0"..."9").contains(scalars[j + 1]))
            if closes, let pipe { return pipe }
            i = closes ? j + 1 : j
        }
        return nil
    }

    // MARK: HTML blocks

    /// An HTML block (CommonMark kinds 6 and 7, such as `<details>`) runs to the next blank line: Markdown written
    /// right under `<summary>…</summary>` is part of it and shown as raw text.
    private mutating func checkHTMLBlock(_ node: Node, _ html: String) {
        let first = html.prefix { $0 != "\n" }.drop { $0 == " " }.lowercased()
        // Kinds 1–5 end at their own end marker, not at a blank line.
        for opener in ["<pre", "<script", "<style", "<textarea", "<!--", "<?", "<!"] where first.hasPrefix(opener) { return }
        let htmlLines = html.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, text) in htmlLines.enumerated().dropFirst() {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            guard let initial = trimmed.first, initial != "<", Self.looksLikeMarkdown(trimmed) else { continue }
            let line = node.range.start.line + offset
            let column = text.unicodeScalars.count - trimmed.unicodeScalars.count + node.range.start.column
            report(.warning, "this line is part of the HTML block that starts on line \(node.range.start.line), so its Markdown is shown as raw text",
                   line: line, column: column, length: trimmed.unicodeScalars.count,
                   hint: "leave a blank line before it (and one before the closing tag), as GitHub needs too")
            return
        }
    }

    /// Whether a line of text holds Markdown that HTML would show raw: emphasis, code, links, math, inline values, or
    /// a heading, list or quote marker at its start. Plain words in an HTML block read the same either way.
    static func looksLikeMarkdown(_ line: Substring) -> Bool {
        if line.contains(where: { "*_`[$".contains($0) }) || line.contains("{{") { return true }
        let word = line.prefix { $0 != " " }
        return word.allSatisfy { $0 == "#" } || ["-", "+", ">"].contains(word)
            || (word.dropLast().allSatisfy(\.isASCII) && word.dropLast().allSatisfy(\.isNumber) && !word.dropLast().isEmpty && [".", ")"].contains(word.last!))
    }

    // MARK: Alerts

    /// `> [!WARN]` is a block quote that shows `[!WARN]`; the five alerts are NOTE, TIP, IMPORTANT, WARNING, CAUTION.
    private mutating func checkAlertMarker(_ paragraph: Node) {
        let line = paragraph.range.start.line, column = paragraph.range.start.column
        guard line >= 1, line <= lines.count else { return }
        let rest = Array(lines[line - 1].dropFirst(column - 1))
        guard rest.count >= 4, rest[0] == "[", rest[1] == "!" else { return }
        var end = rest.count
        while end > 0, rest[end - 1] == " " || rest[end - 1] == "\t" { end -= 1 }
        guard rest[end - 1] == "]", end > 3 else { return }
        let name = String(String.UnicodeScalarView(rest[2..<(end - 1)]))
        guard name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return }
        let known = Node.AlertKind.allCases.map { $0.rawValue.uppercased() }
        guard !known.contains(name.uppercased()) else { return }
        let upper = name.uppercased()
        let suggestion = known.first { $0.hasPrefix(upper) || upper.hasPrefix($0) } ?? Suggestion.closest(to: upper, among: known)
        diagnostics.append(Diagnostic(.error, path: path, location: SourceLocation(line: line, column: column),
                                      message: "unknown alert '[!\(name)]', so the quote shows it as text; the alerts are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] and [!CAUTION]")
            .underlining(end).suggesting(suggestion.map { "[!\($0)]" }))
    }

    // MARK: Footnotes

    /// GFM leaves `[^x]` as text when no `[^x]:` defines it, and drops a definition no reference points at.
    private mutating func checkFootnotes(_ document: Document, definitions: [(label: String, node: Node)]) {
        let defined = Set(definitions.map { $0.label.lowercased() })
        var unreferenced: [String] = []
        var seen: Set<String> = []
        for (label, node) in definitions {
            guard case .footnoteDefinition(let definition) = node.kind, definition.number == 0,
                  seen.insert(label).inserted else { continue }
            unreferenced.append(label)
            report(.warning, "footnote '[^\(label)]' is never referenced, so it is not shown", line: node.range.start.line,
                   column: node.range.start.column, length: label.unicodeScalars.count + 3)
        }
        // References left as text: `[^label]` in a paragraph's text, not escaped, not a definition.
        var undefined = 0
        document.root.walk { node, entering in
            guard entering else { return true }
            switch node.kind {
            case .codeBlock, .htmlBlock, .mathBlock, .code, .math, .inlineHTML: return false
            case .text(let text) where text.utf8.contains(UInt8(ascii: "[")):
                let start = node.range.start
                guard start.line >= 1, start.line <= lines.count else { return true }
                let scalars = lines[start.line - 1]
                let last = node.range.end.line == start.line ? min(node.range.end.column, scalars.count) : scalars.count
                var i = start.column - 1
                while i < last {
                    defer { i += 1 }
                    guard scalars[i] == "[", i + 1 < scalars.count, scalars[i + 1] == "^", !isEscaped(start.line, i + 1) else { continue }
                    var j = i + 2
                    while j < scalars.count, scalars[j] != "]", scalars[j] != "[", scalars[j] != " " { j += 1 }
                    guard j < scalars.count, scalars[j] == "]", j > i + 2 else { continue }
                    // `[^x]:` at the start of a line would be a definition; `[^x](…)` a link.
                    if j + 1 < scalars.count, scalars[j + 1] == "(" || scalars[j + 1] == "[" { continue }
                    let label = String(String.UnicodeScalarView(scalars[(i + 2)..<j]))
                    guard !defined.contains(label.lowercased()) else { continue }
                    // Only as many suggestions as are printed: each compares the label with every definition.
                    undefined += 1
                    let suggestion = undefined > DiagnosticFormatter.perFile ? nil
                        : Suggestion.closest(to: label, among: unreferenced) ?? Suggestion.closest(to: label, among: definitions.map(\.label))
                    diagnostics.append(Diagnostic(.error, path: path, location: SourceLocation(line: start.line, column: i + 1),
                                                  message: "footnote '[^\(label)]' is not defined, so the reader sees '[^\(label)]' as text")
                        .underlining(j - i + 1).suggesting(suggestion.map { "[^\($0)]" }))
                    if suggestion == nil {
                        diagnostics[diagnostics.count - 1].hint = "define it with a line '[^\(label)]: …' on this page"
                    }
                    i = j
                }
            default: break
            }
            return true
        }
    }

    // MARK: Directives indented into code

    /// A directive's fence indented four spaces or more is an indented code block: the experiment never runs and
    /// its source shows as code.
    private mutating func checkIndentedDirective(_ node: Node, _ code: Node.CodeBlock) {
        let firstLine = code.content.prefix { $0 != "\n" }
        let fence = firstLine.prefix { $0 == "`" || $0 == "~" }
        guard fence.count >= 3 else { return }
        let word = firstLine.dropFirst(fence.count).drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
        guard word == "experiment" || word == "derivation" else { return }
        // The fence's place in the file: the code block's first line, after its indentation.
        let line = node.range.start.line
        var column = node.range.start.column
        while let s = scalar(line, column), s == " " || s == "\t" { column += 1 }
        report(.error, "this \(word) directive is indented four spaces or more, so it is a code block and never runs",
               line: line, column: column, length: firstLine.unicodeScalars.count,
               hint: "indent its fence at most three spaces (inside a list item, relative to the item's text)")
        if let name = DirectiveOccurrence.name(in: code.content) {
            misplacedDirectives.append((name, line...max(line, node.range.end.line)))
        }
    }

    /// The same fence indented four spaces right under a paragraph line continues the paragraph: its backticks make
    /// a code span holding the whole directive on one line.
    private mutating func checkDirectiveInCodeSpan(_ node: Node, _ code: String) {
        let word = code.prefix { $0 != " " }
        guard word == "experiment" || word == "derivation", code.contains(":"),
              (0..<3).allSatisfy({ scalar(node.range.start.line, node.range.start.column + $0) == "`" }) else { return }
        let line = node.range.start.line, column = node.range.start.column
        report(.error, "this \(word) directive continues the paragraph above it, so it is inline code and never runs",
               line: line, column: column, length: (lines[line - 1].count + 1 - column),
               hint: "indent its fence at most three spaces")
        // Its `name:` value, now between spaces on one line.
        let words = code.split(separator: " ")
        if let index = words.firstIndex(of: "name:"), index + 1 < words.count {
            misplacedDirectives.append((String(words[index + 1]), line...max(line, node.range.end.line)))
        }
    }
}
