// TeX math → MathML (TeXMath), for every `$…$`, `$$…$$` and display math block of every page, including those in
// figure captions and derivations, with the site's macros (`math-macros`). Equation numbers run through a page (or
// a chapter: 3.1, 3.2, …); a `\label{name}` becomes an anchor, so `[](#name)` reads "Equation 3". A TeX error is
// reported at its line and column in the page, or in the macros when one of them went wrong.
import Basics
import Diagnostics
import Markdown
import TeXMath

enum MathTypesetting {
    static func run(_ site: inout SiteBuild) {
        // An error in a macro is reported once at the macro, with the first formula (in reading order) that used it.
        var macroErrors: [String: Diagnostic] = [:]
        for index in site.pages.indices {
            var page = site.pages[index]
            let text = site.text(of: page)
            let lines = (site.sourceTexts[page.displayPath] ?? "").sourceLines
            var nextNumber = 1
            let prefix = site.numberPrefix(of: page)
            let (macros, macroOrigin) = (site.mathMacros, site.mathMacroOrigin)
            // When the site's macros could not be read (an error already says why), a formula's unknown command is
            // most likely one of them: not reported again at every use.
            let macrosFailed = site.configuration.mathMacros != nil && macros == nil
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
                    var options = TeXMath.Options(display: display, firstEquationNumber: nextNumber, definitions: macros,
                                                  definitionsSetting: "math-macros in site.yml")
                    options.equationNumberPrefix = prefix
                    rendering = try TeXMath.render(tex, options: options)
                } catch {
                    if error.inDefinitions, let macroOrigin {
                        let diagnostic = macroOrigin.diagnostic(error)
                        if macroErrors[diagnostic.description] == nil {
                            macroErrors[diagnostic.description] = diagnostic.noting("in the formula here", path: page.displayPath, location: origin)
                        }
                        return [node]
                    }
                    if macrosFailed, error.message.hasPrefix("unknown command") { return [node] }
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
                    for label in rendering.labels {
                        page.anchors[label.name] = text.equation(label.number)
                        page.numberedAnchors.insert(label.name)
                    }
                }
                return [Node(node.kind.isBlock ? .htmlBlock(html) : .inlineHTML(html), range: node.range)]
            }
            site.diagnostics += diagnostics
            site.pages[index] = page
        }
        site.diagnostics += macroErrors.values
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
