// Finding directives in pages: a fenced code block whose info string starts with `experiment` or `derivation`.
// What is known before it runs: where it is, its body, its `name:` and the inline values its body refers to
// (a directive may take a parameter from another experiment's result, `lr: {{lr-search.best.lr}}`).
import Diagnostics
import Markdown

struct DirectiveOccurrence {
    let page: Int
    /// The code block node, replaced by the figure after the run.
    let node: Node
    let infoString: String
    let body: String
    /// Where the body's first line starts (the line after the fence, at the fence's column).
    let bodyStart: SourceLocation
    /// Where the info string is written (for an unknown kind).
    let infoLocation: SourceLocation
    /// The `name:` line's value, read before parsing so other directives can depend on it.
    let name: String?
    /// `{{…}}` in the body, with their locations in the file.
    let references: [(reference: InlineReference, location: SourceLocation)]
    let path: String

    /// Every directive of `page`, in document order.
    static func find(in page: Page, index: Int, source: String) -> (occurrences: [DirectiveOccurrence], diagnostics: [Diagnostic]) {
        var occurrences: [DirectiveOccurrence] = []
        var diagnostics: [Diagnostic] = []
        let lines = source.sourceLines
        page.document.root.walk { node, entering in
            guard entering, case .codeBlock(let code) = node.kind, code.isFenced else { return true }
            // An unclosed fence is reported by the parse stage; its "body" is the rest of the page.
            guard !page.unterminatedFences.contains(ObjectIdentifier(node)) else { return false }
            let first = code.info.prefix { $0 != " " && $0 != "\t" }
            guard first == "experiment" || first == "derivation" else { return true }
            let start = node.range.start
            // The info string's column: after the fence characters and spaces on the fence line.
            var infoColumn = start.column
            if start.line - 1 < lines.count {
                let line = Array(lines[start.line - 1].unicodeScalars)
                var i = start.column - 1
                while i < line.count, line[i] == "`" || line[i] == "~" { i += 1 }
                while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
                // Point at the kind (the second word) when there is one: that is what an error is about.
                var j = i
                while j < line.count, line[j] != " " && line[j] != "\t" { j += 1 }
                while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
                infoColumn = (j < line.count ? j : i) + 1
            }
            let bodyStart = SourceLocation(line: start.line + 1, column: start.column)
            let scan = InlineReference.scan(code.content)
            for error in scan.errors {
                diagnostics.append(.error(error.message, path: page.displayPath, line: bodyStart.line + error.lineOffset,
                                          column: bodyStart.column + error.columnOffset))
            }
            let references = scan.references.map { reference in
                (reference, SourceLocation(line: bodyStart.line + reference.lineOffset, column: bodyStart.column + reference.columnOffset))
            }
            occurrences.append(DirectiveOccurrence(
                page: index, node: node, infoString: code.info, body: code.content, bodyStart: bodyStart,
                infoLocation: SourceLocation(line: start.line, column: infoColumn), name: Self.name(in: code.content),
                references: references, path: page.displayPath))
            return false
        }
        return (occurrences, diagnostics)
    }

    /// The value of a `name:` line (the directive parser checks it properly later).
    static func name(in body: String) -> String? {
        for line in body.sourceLines {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("name:") else { continue }
            var value = trimmed.dropFirst(5)
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
            let name = value.trimmingSpaces
            return name.isEmpty ? nil : name
        }
        return nil
    }
}
