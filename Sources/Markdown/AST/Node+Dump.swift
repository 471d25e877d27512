// A text dump of a tree, one node per line, indented by depth, with its source range: for tests and for
// looking at what the parser made of a page (as swift-markdown's MarkupTreeDumper).

extension Node {
    /// The tree below and including this node, e.g.
    ///
    ///     document 1:1-2:10
    ///       heading level 1 1:1-1:8
    ///         text "Title" 1:3-1:8
    ///       paragraph 2:1-2:10
    ///         emphasis 2:1-2:6
    ///           text "big" 2:2-2:5
    ///         text " day" 2:6-2:10
    ///
    /// Indentation stops at `maximumIndentedDepth` levels; deeper lines carry their depth as a number
    /// (`[depth 40]`), so the dump of deeply nested input stays proportional to the number of nodes.
    public var treeDescription: String {
        var out = ""
        var depth = 0
        let deepest = String(repeating: "  ", count: Self.maximumIndentedDepth)
        walk { node, entering in
            if entering {
                if depth <= Self.maximumIndentedDepth {
                    out += String(repeating: "  ", count: depth)
                } else {
                    out += deepest + "[depth \(depth)] "
                }
                out += node.kind.summary + " \(node.range)\n"
                if !node.children.isEmpty { depth += 1 }
            } else {
                depth -= 1
            }
            return true
        }
        return out
    }

    /// How deep the tree dump indents.
    public static let maximumIndentedDepth = 32
}

extension Node.Kind {
    /// The kind's name and its data, short.
    var summary: String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for c in s {
                switch c {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                default: out.append(c)
                }
            }
            return out + "\""
        }
        switch self {
        case .document: return "document"
        case .paragraph: return "paragraph"
        case .heading(let h): return "heading level \(h.level)" + (h.isSetext ? " setext" : "") + (h.id.map { " id=\(quoted($0))" } ?? "")
        case .thematicBreak: return "thematicBreak"
        case .blockQuote: return "blockQuote"
        case .alert(let kind): return "alert \(kind.rawValue)"
        case .list(let list):
            switch list.marker {
            case .bullet(let c): return "list bullet \(c)" + (list.isTight ? " tight" : " loose")
            case .ordered(let start, let d): return "list ordered \(start)\(d)" + (list.isTight ? " tight" : " loose")
            }
        case .listItem(let item):
            switch item.task {
            case nil: return "listItem"
            case .checked: return "listItem [x]"
            case .unchecked: return "listItem [ ]"
            }
        case .codeBlock(let code): return "codeBlock" + (code.isFenced ? " fenced info=\(quoted(code.info))" : " indented") + " \(quoted(code.content))"
        case .htmlBlock(let html): return "htmlBlock \(quoted(html))"
        case .table(let table): return "table \(table.alignments.count) columns"
        case .tableRow(let row): return row.isHeader ? "tableRow header" : "tableRow"
        case .tableCell(let cell): return "tableCell \(cell.alignment)"
        case .footnoteDefinition(let d): return "footnoteDefinition \(quoted(d.label)) #\(d.number)"
        case .mathBlock(let tex): return "mathBlock \(quoted(tex))"
        case .text(let text): return "text \(quoted(text))"
        case .softBreak: return "softBreak"
        case .hardBreak: return "hardBreak"
        case .code(let code): return "code \(quoted(code))"
        case .emphasis: return "emphasis"
        case .strong: return "strong"
        case .strikethrough: return "strikethrough"
        case .link(let link): return "link \(link.source) \(quoted(link.destination))" + (link.title.isEmpty ? "" : " title=\(quoted(link.title))")
        case .image(let link): return "image \(quoted(link.destination))" + (link.title.isEmpty ? "" : " title=\(quoted(link.title))")
        case .inlineHTML(let html): return "inlineHTML \(quoted(html))"
        case .math(let math): return (math.isDisplay ? "math display " : "math ") + quoted(math.tex)
        case .footnoteReference(let r): return "footnoteReference \(quoted(r.label)) #\(r.number)"
        }
    }
}
