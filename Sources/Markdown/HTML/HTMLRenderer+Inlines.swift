// Inline nodes → HTML, byte for byte as cmark's src/html.c (and cmark-gfm's strikethrough and footnote
// references) write them; math as `<span class="math inline|display">` holding the escaped TeX (the site
// replaces math nodes by MathML before rendering). An image's description is written as plain text in
// its `alt` attribute, as cmark's "plain" mode does.

extension HTMLWriter {
    /// Writes the opening (`entering`) or closing of an inline node; returns whether its children should be
    /// visited (and its exit called).
    mutating func renderInline(_ node: Node, entering: Bool) -> Bool {
        // The walk sends no exit event for a node without children: close an empty container at once.
        if entering, node.children.isEmpty, !isLeaf(node.kind) {
            _ = writeInline(node, entering: true)
            return writeInline(node, entering: false)
        }
        return writeInline(node, entering: entering)
    }

    private func isLeaf(_ kind: Node.Kind) -> Bool {
        switch kind {
        case .emphasis, .strong, .strikethrough, .link: false
        default: true
        }
    }

    private mutating func writeInline(_ node: Node, entering: Bool) -> Bool {
        switch node.kind {
        case .text(let text):
            writeEscaped(text)
        case .softBreak:
            write("\n")
        case .hardBreak:
            write("<br />\n")
        case .code(let code):
            write("<code>")
            writeEscaped(code)
            write("</code>")
        case .inlineHTML(let html):
            writeRawHTML(html)
        case .emphasis:
            write(entering ? "<em>" : "</em>")
        case .strong:
            write(entering ? "<strong>" : "</strong>")
        case .strikethrough:
            write(entering ? "<del>" : "</del>")
        case .link(let link):
            if entering {
                write("<a href=\"")
                writeHref(link.destination)
                if !link.title.isEmpty {
                    write("\" title=\"")
                    writeEscaped(link.title)
                }
                write("\">")
            } else {
                write("</a>")
            }
        case .image(let image):
            write("<img src=\"")
            writeHref(image.destination)
            write("\" alt=\"")
            writeAltText(node)
            if !image.title.isEmpty {
                write("\" title=\"")
                writeEscaped(image.title)
            }
            write("\" />")
            return false
        case .math(let math):
            write(math.isDisplay ? "<span class=\"math display\">" : "<span class=\"math inline\">")
            writeEscaped(math.tex)
            write("</span>")
        case .footnoteReference(let reference):
            write("<sup class=\"footnote-ref\"><a href=\"#fn-")
            writeHref(reference.label)
            if reference.occurrence <= FootnoteNumbering.maximumBackReferences {
                // The target of the footnote's back-link.
                write("\" id=\"fnref-")
                writeHref(reference.label)
                if reference.occurrence > 1 {
                    write("-")
                    write(string: String(reference.occurrence))
                }
            }
            write("\" data-footnote-ref>")
            write(string: String(reference.number))
            write("</a></sup>")
        default:
            break
        }
        return true
    }

    /// The plain text of an image's description: text, code and raw HTML escaped, breaks as spaces,
    /// markup dropped (walked iteratively; descriptions may nest images).
    private mutating func writeAltText(_ image: Node) {
        var text: [UInt8] = []
        image.forEachDescendant { node in
            switch node.kind {
            case .text(let s), .code(let s), .inlineHTML(let s):
                Escaping.appendHTML(s, to: &text)
            case .math(let math):
                Escaping.appendHTML(math.tex, to: &text)
            case .softBreak, .hardBreak:
                text.append(0x20)
            default:
                break
            }
        }
        out.append(contentsOf: text)
    }
}
