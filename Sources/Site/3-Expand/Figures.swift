// A directive's result as page content: a numbered figure (the SVG panels and the caption, followed by the numbers
// in a collapsible table with a CSV download and the directive's parameters) or, for a derivation, display equations.
// The caption stays Markdown nodes in the page, so its math, links and inline values are expanded like prose.
import Basics
import Diagnostics
import Experiments
import Markdown

enum Figures {
    /// The nodes that replace an experiment directive.
    /// `name` is the figure's label ("Figure 3", "Figure 4.2").
    static func figure(_ result: ExperimentResult, svgs: [String], name: String, id: String, csvHref: String,
                       occurrence: DirectiveOccurrence, text: InterfaceText = .english) -> [Node] {
        let range = occurrence.node.range
        // The box holds the figure and, after it, its numbers and parameters: the <figcaption> stays the caption
        // alone (screen readers read it as the figure's name), and the details are not part of it.
        var open = "<div class=\"experiment\">\n<figure id=\"\(HTML.escape(id))\">\n"
        open += "<div class=\"figure-panels\"\(Scroller.attributes(label: name))>\n"
        for svg in svgs {
            open += svg
            if !svg.hasSuffix("\n") { open += "\n" }
        }
        open += "</div>\n<figcaption>"
        let caption = captionNodes(result.caption, occurrence: occurrence)
        caption.children.insert(Node(.inlineHTML("<span class=\"figure-number\">\(HTML.escape(name)).</span> "), range: range), at: 0)

        // The result's description is the SVG's own <desc> (read by screen readers), so it is not repeated here.
        var close = "</figcaption>\n</figure>\n"
        close += "<details class=\"experiment-numbers\">\n<summary>\(HTML.escape(text.numbersBehindFigure))</summary>\n"
        close += tables(result.tables, of: name)
        close += "<p class=\"downloads\"><a href=\"\(HTML.escape(csvHref))\" download>\(HTML.escape(text.downloadCSV))</a></p>\n</details>\n"
        close += parameters(occurrence, of: name, text: text)
        close += "</div>"
        return [Node(.htmlBlock(open), range: range), caption,
                Node(.htmlBlock(close), range: range)]
    }

    /// The nodes that replace a derivation: its equations as display math (typeset by the math stage), the
    /// caption (the Monte Carlo check), and its numbers.
    static func derivation(_ result: ExperimentResult, id: String?, occurrence: DirectiveOccurrence, text: InterfaceText = .english) -> [Node] {
        let range = occurrence.node.range
        var nodes: [Node] = []
        let idAttribute = id.map { " id=\"\(HTML.escape($0))\"" } ?? ""
        nodes.append(Node(.htmlBlock("<div class=\"derivation\"\(idAttribute)>"), range: range))
        for tex in result.math {
            nodes.append(Node(.mathBlock(tex), range: range))
        }
        if !result.caption.isEmpty {
            let caption = captionNodes(result.caption, occurrence: occurrence)
            caption.children.insert(Node(.inlineHTML("<span class=\"monte-carlo\">"), range: range), at: 0)
            caption.children.append(Node(.inlineHTML("</span>"), range: range))
            nodes.append(caption)
        }
        var close = ""
        if !result.tables.isEmpty {
            close += "<details class=\"experiment-numbers\">\n<summary>\(HTML.escape(text.numbers))</summary>\n"
                + tables(result.tables, of: text.derivationName) + "</details>\n"
        }
        close += parameters(occurrence, of: text.derivationName, text: text) + "</div>"
        nodes.append(Node(.htmlBlock(close), range: range))
        return nodes
    }

    /// The caption as a paragraph node, its source ranges moved to where `caption:` is written in the directive.
    static func captionNodes(_ caption: String, occurrence: DirectiveOccurrence) -> Node {
        let document = Document(parsing: caption, options: .site, path: occurrence.path)
        document.root.applyTagFilter()
        let paragraph = document.root.children.first.map { node -> Node in
            if case .paragraph = node.kind { return node }
            return Node(.paragraph, range: node.range, children: [Node(.text(caption), range: node.range)])
        } ?? Node(.paragraph, range: document.root.range)
        // Where the caption's text starts in the file (or the directive, for a generated caption).
        var origin = occurrence.infoLocation
        for (offset, line) in occurrence.body.sourceLines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("caption:") else { continue }
            let afterKey = trimmed.dropFirst("caption:".count)
            let valueStart = afterKey.drop { $0 == " " || $0 == "\t" }
            let column = line.unicodeScalars.count - valueStart.unicodeScalars.count
            if valueStart == caption[...] || caption.hasPrefix(valueStart.trimmingSpaces) {
                origin = SourceLocation(line: occurrence.bodyStart.line + offset, column: occurrence.bodyStart.column + column)
            }
            break
        }
        paragraph.walk { node, entering in
            if entering {
                node.range = SourceRange(start: shift(node.range.start, to: origin), end: shift(node.range.end, to: origin))
            }
            return true
        }
        paragraph.range = SourceRange(start: origin, end: origin)
        return paragraph
    }

    private static func shift(_ location: SourceLocation, to origin: SourceLocation) -> SourceLocation {
        SourceLocation(line: origin.line + location.line - 1,
                       column: location.line == 1 ? origin.column + location.column - 1 : location.column)
    }

    /// The result's tables as HTML (already formatted numbers, escaped); `owner` names them for screen readers.
    static func tables(_ tables: [ExperimentResult.Table], of owner: String) -> String {
        var out = ""
        for table in tables {
            let label = owner + ", table" + (table.title.isEmpty ? "" : ": " + table.title)
            out += "<div class=\"table-wrapper\"\(Scroller.attributes(label: label))>\n<table>\n"
            if !table.title.isEmpty { out += "<caption>\(HTML.escape(table.title))</caption>\n" }
            out += "<thead>\n<tr>" + table.columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n</div>\n"
        }
        return out
    }

    /// The directive as written, so every figure shows the parameters (seed included) it was computed from.
    static func parameters(_ occurrence: DirectiveOccurrence, of owner: String, text: InterfaceText = .english) -> String {
        var out = "<details class=\"experiment-parameters\">\n<summary>\(HTML.escape(text.experimentParameters))</summary>\n"
            + "<pre\(Scroller.attributes(label: owner + ", " + text.experimentParametersLabel))><code>"
            + HTML.escape("```" + occurrence.infoString + "\n" + occurrence.body + "```") + "</code></pre>\n"
        if let name = occurrence.name {
            // The command that reruns exactly this directive from the page's source.
            out += "<p class=\"try-it\">\(HTML.escape(text.tryIt)) <code>swift run build-docs experiment \(HTML.escape(occurrence.path))#\(HTML.escape(name))</code></p>\n"
        }
        return out + "</details>\n"
    }
}
