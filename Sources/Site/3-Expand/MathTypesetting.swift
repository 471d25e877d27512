// TeX math → MathML (TeXMath), for every `$…$`, `$$…$$` and display math block of every page, including those in
// figure captions and derivations. Equation numbers run through a page; a `\label{name}` becomes an anchor, so
// `[](#name)` reads "Equation 3". A TeX error is reported at its line and column in the page.
import Basics
import Diagnostics
import Markdown
import TeXMath

enum MathTypesetting {
    static func run(_ site: inout SiteBuild) {
        for index in site.pages.indices {
            var page = site.pages[index]
            let text = site.text(of: page)
            let lines = (site.sourceTexts[page.displayPath] ?? "").sourceLines
            var nextNumber = 1
            var diagnostics: [Diagnostic] = []
            page.document.root.rewrite { node in
                let tex: String, display: Bool, origin: SourceLocation
                switch node.kind {
                case .math(let math):
                    tex = math.tex
                    display = math.isDisplay
                    origin = SourceLocation(line: node.range.start.line, column: node.range.start.column + (math.isDisplay ? 2 : 1))
                case .mathBlock(let text):
                    tex = text
                    display = true
                    origin = blockOrigin(node.range.start, lines: lines)
                default:
                    return nil
                }
                let rendering: TeXMath.Rendering
                do throws(TeXError) {
                    rendering = try TeXMath.render(tex, options: TeXMath.Options(display: display, firstEquationNumber: nextNumber))
                } catch {
                    diagnostics.append(Diagnostic.error("math: \(error.message)", path: page.displayPath, line: error.line,
                                                        column: error.column, hint: error.hint).shifted(toFragmentAt: origin))
                    // Links to its labels are not reported again.
                    for label in labels(in: tex) where page.anchors[label] == nil { page.unavailableAnchors[label] = "" }
                    return [node]
                }
                nextNumber = rendering.nextEquationNumber
                var html = rendering.mathML
                if display {
                    // A wide formula scrolls sideways in its own box, which the keyboard can reach (Scroller).
                    let box = node.kind.isBlock ? "div" : "span"
                    html = "<\(box) class=\"formula\"\(Scroller.attributes(label: text.formula))>" + html + "</\(box)>"
                }
                if !rendering.labels.isEmpty {
                    // Anchors for the labels: the first on a wrapper, the others on empty spans before it.
                    var ids = ""
                    for label in rendering.labels.dropFirst() {
                        ids += "<span id=\"\(HTML.escape(label.name))\"></span>"
                    }
                    let element = node.kind.isBlock ? "div" : "span"
                    html = ids + "<\(element) class=\"equation\" id=\"\(HTML.escape(rendering.labels[0].name))\">" + html + "</\(element)>"
                    for label in rendering.labels { page.anchors[label.name] = text.equation(label.number) }
                }
                return [Node(node.kind.isBlock ? .htmlBlock(html) : .inlineHTML(html), range: node.range)]
            }
            site.diagnostics += diagnostics
            site.pages[index] = page
        }
    }

    /// The names of the `\label{…}`s written in a formula, read without parsing it (it did not parse).
    static func labels(in tex: String) -> [String] {
        var names: [String] = []
        var rest = tex[...]
        while let start = rest.range(of: "\\label{") {
            rest = rest[start.upperBound...]
            guard let close = rest.firstIndex(of: "}") else { break }
            names.append(String(rest[..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Where a display block's TeX starts: after `$$` on the same line, or at the next line when `$$` stands alone;
    /// a bare environment (no `$$`) starts at the block.
    static func blockOrigin(_ start: SourceLocation, lines: [Substring]) -> SourceLocation {
        guard start.line - 1 < lines.count else { return start }
        let line = lines[start.line - 1].unicodeScalars.dropFirst(start.column - 1)
        guard line.starts(with: "$$".unicodeScalars) else { return start }
        let rest = line.dropFirst(2)
        if rest.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return SourceLocation(line: start.line + 1, column: 1)
        }
        return SourceLocation(line: start.line, column: start.column + 2)
    }
}
