// AST → HTML, as cmark's src/html.c writes it (byte for byte, so the spec examples compare exactly),
// plus cmark-gfm's tables, task items and footnotes section, and the site's alerts, math and heading ids.
// The walk is iterative (enter/exit events), so nesting depth costs heap, not stack.
// Inline nodes are written by HTMLRenderer+Inlines.swift.

/// Writes a document or a fragment as HTML.
///
///     HTMLRenderer(options: .gfm).render(Document(parsing: "| a |\n| - |\n", options: .gfm))
public struct HTMLRenderer: Sendable {
    public var options: MarkdownOptions

    public init(options: MarkdownOptions = .commonMark) {
        self.options = options
    }

    /// The document's HTML, footnotes section (if any footnote is referenced) at the end.
    public func render(_ document: Document) -> String {
        String(decoding: renderUTF8(document), as: UTF8.self)
    }

    /// The document's HTML as UTF-8 bytes, for a caller that writes them out (no conversion to `String`).
    public func renderUTF8(_ document: Document) -> [UInt8] {
        var writer = HTMLWriter(options: options)
        // HTML is usually a little longer than its Markdown: one allocation instead of a series of doublings.
        writer.out.reserveCapacity(document.sourceByteCount + document.sourceByteCount / 4)
        writer.render(document.root)
        writer.renderFootnotes()
        return writer.out
    }

    /// One node and everything under it (a footnote definition met inside is not written).
    public func render(_ node: Node) -> String {
        var writer = HTMLWriter(options: options)
        writer.render(node)
        return writer.result
    }
}

/// The state of one rendering: output bytes, and what was put aside for the end.
struct HTMLWriter {
    let options: MarkdownOptions
    var out: [UInt8] = []
    /// Footnote definitions met during the walk, written at the end in `number` order.
    var footnotes: [Node] = []

    init(options: MarkdownOptions) {
        self.options = options
        out.reserveCapacity(1 << 12)
    }

    var result: String { String(decoding: out, as: UTF8.self) }

    // MARK: Output helpers (used by the inline renderer too)

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A computed string (a number, a suffix). Literals go to `write(_: StaticString)`: were this overload
    /// also unlabeled, Swift would pick it for every literal, and pay for a `String` each time.
    mutating func write(string text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A number in decimal; a heading level (1–6) without making a `String`.
    mutating func writeNumber(_ number: Int) {
        if (0...9).contains(number) {
            out.append(UInt8(ascii: "0") + UInt8(number))
        } else {
            write(string: String(number))
        }
    }

    /// `text` escaped for element content or a double-quoted attribute.
    mutating func writeEscaped(_ text: String) {
        Escaping.appendHTML(text, to: &out)
    }

    /// A URL for `href`/`src`, percent-encoded and escaped.
    mutating func writeHref(_ url: String) {
        Escaping.appendHref(url, to: &out)
    }

    /// Raw HTML from the source (HTML blocks, inline HTML), through the GFM tag filter when it is on.
    mutating func writeRawHTML(_ html: String) {
        if options.contains(.tagFilter) {
            TagFilter.append(html, to: &out)
        } else {
            out.append(contentsOf: html.utf8)
        }
    }

    /// A line break unless the output is empty or already ends in one (cmark's `cr()`).
    mutating func newline() {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }

    // MARK: The walk

    /// Writes `root` (a child of `parent`, if given) and its descendants with an explicit stack.
    /// The node being written, its parent and its children are kept in locals and go on the stack only
    /// when the walk descends: the run of text under a paragraph is written without a reference count
    /// changing (retains and releases were a quarter of the time).
    mutating func render(_ root: Node, parent: Node? = nil) {
        guard enter(root, parent: parent, grandparent: nil) else { return }
        var ancestors: [(node: Node, parent: Node?, children: [Node], next: Int)] = []
        var node = root, nodeParent = parent, children = root.children, next = 0
        while true {
            // Text and line breaks, most of a document's nodes, are written without the walk's bookkeeping.
            while next < children.count, writePlainInline(children[next]) { next += 1 }
            if next < children.count {
                let child = children[next]
                next += 1
                if enter(child, parent: node, grandparent: nodeParent) {
                    ancestors.append((node, nodeParent, children, next))
                    nodeParent = node
                    node = child
                    children = child.children
                    next = 0
                }
                continue
            }
            if node.shape == .block {
                _ = renderBlock(node, parent: nodeParent, grandparent: nil, entering: false)
            } else {
                _ = renderInline(node, entering: false)
            }
            guard let frame = ancestors.popLast() else { return }
            (node, nodeParent, children, next) = frame
        }
    }

    /// Writes `node` if it is text or a soft break; false for any other node.
    @inline(__always)
    private mutating func writePlainInline(_ node: Node) -> Bool {
        if let text = node.sourceText?.buffer {
            Escaping.appendHTML(text, to: &out)
            return true
        }
        switch node.shape {
        case .softBreak:
            write("\n")
            return true
        case .text:
            guard case .text(let text) = node.storedKind else { return false }
            writeEscaped(text)
            return true
        case .block, .inline:
            return false
        }
    }

    /// Writes the opening of `node`; true when its children and exit should follow.
    private mutating func enter(_ node: Node, parent: Node?, grandparent: Node?) -> Bool {
        guard node.shape == .block else {
            return renderInline(node, entering: true) && !node.children.isEmpty
        }
        // A block is always closed, even when empty (`<blockquote>\n</blockquote>`, `<li></li>`).
        return renderBlock(node, parent: parent, grandparent: grandparent, entering: true)
    }

    /// Paragraphs directly in the items of a tight list are written without `<p>` (spec 5.3).
    private func isInTightList(_ parent: Node?, _ grandparent: Node?) -> Bool {
        guard let parent, case .listItem = parent.kind, let grandparent, case .list(let list) = grandparent.kind else { return false }
        return list.isTight
    }

    /// Writes a block's opening or closing; returns whether to visit its children. On exit `grandparent` is not
    /// known: a paragraph remembers its tightness from its opening.
    private mutating func renderBlock(_ node: Node, parent: Node?, grandparent: Node?, entering: Bool) -> Bool {
        switch node.kind {
        case .document:
            break
        case .paragraph:
            if entering {
                let tight = isInTightList(parent, grandparent)
                tightParagraphs.append(tight)
                guard !tight else { break }
                newline()
                write("<p>")
            } else {
                guard !tightParagraphs.removeLast() else { break }
                if let parent, case .footnoteDefinition(let definition) = parent.kind, parent.children.last === node {
                    write(" ")
                    writeBackReferences(definition)
                    backReferencesWritten = true
                }
                write("</p>\n")
            }
        case .heading(let heading):
            if entering {
                newline()
                write("<h")
                writeNumber(heading.level)
                if options.contains(.headingIDs), let id = heading.id {
                    write(" id=\"")
                    writeEscaped(id)
                    write("\"")
                }
                write(">")
            } else {
                write("</h")
                writeNumber(heading.level)
                write(">\n")
            }
        case .thematicBreak:
            newline()
            write("<hr />\n")
            return false
        case .blockQuote:
            newline()
            write(entering ? "<blockquote>\n" : "</blockquote>\n")
        case .alert(let kind):
            newline()
            if entering {
                write("<div class=\"markdown-alert markdown-alert-")
                write(string: kind.rawValue)
                write("\">\n<p class=\"markdown-alert-title\">")
                write(string: kind.title)
                write("</p>\n")
            } else {
                write("</div>\n")
            }
        case .list(let list):
            newline()
            if entering {
                switch list.marker {
                case .bullet: write("<ul>\n")
                case .ordered(let start, _):
                    if start == 1 {
                        write("<ol>\n")
                    } else {
                        write("<ol start=\"")
                        write(string: String(start))
                        write("\">\n")
                    }
                }
            } else {
                write(list.isOrdered ? "</ol>\n" : "</ul>\n")
            }
        case .listItem(let item):
            if entering {
                newline()
                write("<li>")
                if let task = item.task {
                    write(task == .checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> "
                                           : "<input type=\"checkbox\" disabled=\"\" /> ")
                }
            } else {
                write("</li>\n")
            }
        case .codeBlock(let code):
            newline()
            if let language = code.language {
                // A word that already says `language-` keeps it once (cmark and commonmark.js since 0.31.2).
                write(language.hasPrefix("language-") ? "<pre><code class=\"" : "<pre><code class=\"language-")
                writeEscaped(language)
                write("\">")
            } else {
                write("<pre><code>")
            }
            writeEscaped(code.content)
            write("</code></pre>\n")
            return false
        case .htmlBlock(let html):
            newline()
            writeRawHTML(html)
            newline()
            return false
        case .table:
            if entering {
                newline()
                write("<table>\n")
            } else {
                if node.children.count > 1 { write("</tbody>\n") }
                write("</table>\n")
            }
        case .tableRow(let row):
            if entering {
                if row.isHeader {
                    write("<thead>\n")
                } else if let parent, parent.children.count > 1, parent.children[1] === node {
                    write("<tbody>\n")
                }
                write("<tr>\n")
            } else {
                write("</tr>\n")
                if row.isHeader { write("</thead>\n") }
            }
        case .tableCell(let cell):
            let header = parent.map { if case .tableRow(let row) = $0.kind { row.isHeader } else { false } } ?? false
            if entering {
                write(header ? "<th" : "<td")
                switch cell.alignment {
                case .none: break
                case .left: write(" align=\"left\"")
                case .center: write(" align=\"center\"")
                case .right: write(" align=\"right\"")
                }
                write(">")
            } else {
                write(header ? "</th>\n" : "</td>\n")
            }
        case .footnoteDefinition(let definition):
            if entering, definition.number > 0 {
                footnotes.append(node)
            }
            return false
        case .mathBlock(let tex):
            newline()
            write("<div class=\"math display\">")
            writeEscaped(tex)
            write("</div>\n")
            return false
        default:
            break
        }
        return true
    }

    /// For each open paragraph, whether it is written without `<p>` (innermost last).
    var tightParagraphs: [Bool] = []
    /// Whether the current footnote's back-links went into its last paragraph.
    var backReferencesWritten = false

    /// `<a href="#fnref-x" …>↩</a>` once per reference (up to a bound), as cmark-gfm 0.29.0.gfm.13 writes them.
    private mutating func writeBackReferences(_ definition: Node.FootnoteDefinition) {
        for occurrence in 1...min(max(1, definition.referenceCount), FootnoteNumbering.maximumBackReferences) {
            if occurrence > 1 { write(" ") }
            let suffix = occurrence > 1 ? "-\(occurrence)" : ""
            write("<a href=\"#fnref-")
            writeHref(definition.label)
            write(string: suffix)
            write("\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"")
            write(string: String(definition.number))
            write(string: suffix)
            write("\" aria-label=\"Back to reference ")
            write(string: String(definition.number))
            write(string: suffix)
            write("\">↩")
            if occurrence > 1 {
                write("<sup class=\"footnote-ref\">")
                write(string: String(occurrence))
                write("</sup>")
            }
            write("</a>")
        }
    }

    /// The `<section class="footnotes">` with every referenced footnote, in order of first reference.
    mutating func renderFootnotes() {
        guard !footnotes.isEmpty else { return }
        let ordered = footnotes.sorted { a, b in footnoteNumber(a) < footnoteNumber(b) }
        footnotes = []
        newline()
        write("<section class=\"footnotes\" data-footnotes>\n<ol>\n")
        for node in ordered {
            guard case .footnoteDefinition(let definition) = node.kind else { continue }
            write("<li id=\"fn-")
            writeHref(definition.label)
            write("\">\n")
            backReferencesWritten = false
            for child in node.children { render(child, parent: node) }
            if !backReferencesWritten {
                newline()
                writeBackReferences(definition)
                write("\n")
            }
            write("</li>\n")
        }
        write("</ol>\n</section>\n")
    }

    private func footnoteNumber(_ node: Node) -> Int {
        if case .footnoteDefinition(let definition) = node.kind { definition.number } else { 0 }
    }
}
