// Stage 4, render: each page's Document → the article's HTML. Before the Markdown renderer runs, the tree is
// prepared for the site: links and images are checked and made relative to the output (`.md` → `.html`), an empty
// link to a figure or heading gets its label ("Figure 3"), Swift and Python code is highlighted, headings get an
// anchor link beside them, code blocks and tables scroll sideways from the keyboard (Scroller), and the page's table
// of contents goes after its title.
import Basics
import Diagnostics
import Markdown

enum Render {
    /// The site's Markdown, without the tag filter: the parse stage already filtered the author's raw HTML, and
    /// the HTML the expand stage put in the tree (figures with SVG `<title>`s, MathML) is the generator's own.
    static let renderer = HTMLRenderer(options: MarkdownOptions.site.subtracting(.tagFilter))

    static func run(_ site: inout SiteBuild) {
        guard !site.stopped else { return }
        // Every page's anchors first: a link may point into a page rendered later.
        for index in site.pages.indices {
            collectHeadings(&site.pages[index])
        }
        let pagesBySource = Dictionary(site.pages.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        for index in site.pages.indices {
            var page = site.pages[index]
            resolveLinks(in: &page, site: &site, pagesBySource: pagesBySource)
            prepare(&page, text: site.text(of: page))
            page.body = Self.localizedAlerts(Self.modernizeAlignment(Self.renderer.render(page.document)), text: site.text(of: page))
            site.pages[index] = page
        }
    }

    /// Heading ids become anchors (with the heading's text, for empty links) and the table of contents.
    static func collectHeadings(_ page: inout Page) {
        var entries: [TableOfContentsEntry] = []
        var anchors = page.anchors
        page.document.root.walk { node, entering in
            guard entering, case .heading(let heading) = node.kind, let id = heading.id else { return true }
            anchors[id] = node.plainText.trimmingSpaces
            if heading.level == 2 || heading.level == 3 {
                let inline = strippingLinks(node)
                var html = Self.renderer.render(inline)
                html = html.replacingAll([("<p>", ""), ("</p>\n", "")])
                entries.append(TableOfContentsEntry(level: heading.level, id: id, html: html))
            }
            return false
        }
        page.anchors = anchors
        page.tableOfContents = entries
    }

    /// A copy of a heading's inlines with links and footnote references removed (a table of contents entry is
    /// itself a link). Iterative: inline nesting can be as deep as the line is long.
    private static func strippingLinks(_ heading: Node) -> Node {
        let root = Node(.paragraph, range: heading.range)
        var parents: [Node] = [root]
        heading.walk { node, entering in
            if node === heading { return true }
            let parent = parents[parents.count - 1]
            if !entering {
                parents.removeLast()
                return true
            }
            switch node.kind {
            case .footnoteReference: return false
            case .link:
                if !node.children.isEmpty { parents.append(parent) }
            default:
                let copy = Node(node.kind, range: node.range)
                parent.children.append(copy)
                if !node.children.isEmpty { parents.append(copy) }
            }
            return true
        }
        return root
    }

    /// Checks every link and image of the page and points it at the output; copies linked assets.
    static func resolveLinks(in page: inout Page, site: inout SiteBuild, pagesBySource: [String: Int]) {
        let current = page
        var diagnostics: [Diagnostic] = []
        var assets: [String] = []
        func error(_ message: String, _ node: Node, hint: String? = nil) {
            // The link's whole text underlined, when the parser knows where it ends.
            let end = node.range.end > node.range.start ? node.range.end : nil
            diagnostics.append(Diagnostic(.error, path: current.displayPath, location: node.range.start, end: end,
                                          message: message, hint: hint))
        }
        page.document.root.walk { node, entering in
            guard entering else { return true }
            switch node.kind {
            case .link(var link):
                if let scheme = Links.unsafeScheme(link.destination) {
                    error("unsafe link: '\(scheme):' URLs are not allowed in a page", node,
                          hint: "link to a page, a file of the site, or an http(s) address")
                    return true
                }
                guard !Links.isExternal(link.destination), link.source == .inline || link.source == .reference else { return true }
                let (path, fragment) = Links.split(link.destination)
                var anchors = current.anchors
                var targetPage: Page?
                if path.isEmpty {
                    targetPage = current
                } else {
                    guard let resolved = RelativeURL.resolve(path, from: current.sourcePath) else {
                        error("link '\(link.destination)' points outside the source folder", node)
                        return true
                    }
                    if let target = pagesBySource[resolved] {
                        targetPage = site.pages[target]
                        anchors = site.pages[target].anchors
                        link.destination = RelativeURL.path(to: site.pages[target].outputPath, from: current.outputPath)
                            + (fragment.map { "#" + $0 } ?? "")
                    } else if resolved.hasSuffix(".md"), site.sources[resolved] == nil {
                        error("broken link: page '\(path)' does not exist", node,
                              hint: Suggestion.hint(for: resolved, among: site.pages.map(\.sourcePath)))
                        return true
                    } else if site.sources[resolved] != nil {
                        // A file of the sources (a README.md included): copied and linked as it is.
                        assets.append(resolved)
                        link.destination = RelativeURL.path(to: resolved, from: current.outputPath) + (fragment.map { "#" + $0 } ?? "")
                    } else if site.sources.files.contains(where: { $0.path.hasPrefix(resolved + "/") }) {
                        return true  // a folder of the site; nothing to check
                    } else {
                        error("broken link: '\(path)' does not exist in \(site.sourceDisplay)", node)
                        return true
                    }
                }
                if let fragment, !fragment.isEmpty, let targetPage {
                    guard anchors[fragment] != nil else {
                        if let experiment = targetPage.unavailableAnchors[fragment] {
                            // The figure of an experiment that did not run: its directive's error says why.
                            site.unavailableExperiments[experiment]?.uses += 1
                            return true
                        }
                        let where_ = targetPage.sourcePath == current.sourcePath ? "on this page" : "in \(targetPage.sourcePath)"
                        error("broken link: no heading or figure with id '\(fragment)' \(where_)", node,
                              hint: Suggestion.hint(for: fragment, among: anchors.keys.sorted()))
                        return true
                    }
                }
                if node.children.isEmpty {
                    // `[](#fig-x)` reads "Figure 3"; `[](other.md)` reads the page's title.
                    var label = fragment.flatMap { anchors[$0] } ?? targetPage?.metadata.title
                    if let fragment, let target = targetPage, let shown = label, target.sourcePath != current.sourcePath,
                       target.numberedAnchors.contains(fragment), site.numberPrefix(of: target).isEmpty {
                        // "Figure 2" of another page would clash with this page's own Figure 2.
                        let text = site.text(of: current)
                        let place = site.configuration.chapterNumbers && target.chapter > 0 ? text.chapter(target.chapter) : target.metadata.title
                        label = text.inPage(shown, place)
                    }
                    if let label { node.children = [Node(.text(label), range: node.range)] }
                }
                node.kind = .link(link)
            case .image(var image):
                if let scheme = Links.unsafeScheme(image.destination) {
                    error("unsafe image: '\(scheme):' URLs are not allowed in a page", node,
                          hint: "use an image file of the site or an http(s) address")
                    return true
                }
                guard !Links.isExternal(image.destination) else { return true }
                let (path, _) = Links.split(image.destination)
                guard let resolved = RelativeURL.resolve(path, from: current.sourcePath), site.sources[resolved] != nil, !path.isEmpty else {
                    let images = site.sources.files.map(\.path).filter { !$0.hasSuffix(".md") }
                    let resolved = RelativeURL.resolve(path, from: current.sourcePath) ?? path
                    error("missing image: '\(path)' does not exist in \(site.sourceDisplay)", node,
                          hint: Suggestion.hint(for: resolved, among: images))
                    return true
                }
                assets.append(resolved)
                image.destination = RelativeURL.path(to: resolved, from: current.outputPath)
                node.kind = .image(image)
            default: break
            }
            return true
        }
        site.diagnostics += diagnostics
        for asset in assets {
            if let file = site.sources[asset] {
                site.emit(asset, file.bytes, from: "asset \(site.displayPath(asset))", at: site.displayPath(asset))
            }
        }
    }

    /// Highlighted code, heading anchors, table wrappers and the table of contents.
    static func prepare(_ page: inout Page, text: InterfaceText = .english) {
        page.document.root.rewrite { node in
            switch node.kind {
            case .codeBlock(let code):
                // Every code block is written here (not by the Markdown renderer) so it can scroll from the keyboard.
                let language = code.language.flatMap { SyntaxHighlighter.language(named: $0) }
                let content = language.map { SyntaxHighlighter.highlight(code.content, as: $0) } ?? HTML.escape(code.content)
                // As CommonMark 0.31.2: an info string that already says `language-x` is not prefixed again.
                let classAttribute = code.language.map { " class=\"\($0.hasPrefix("language-") ? "" : "language-")\(HTML.escape($0))\"" } ?? ""
                let label = code.language.map { text.code + ": " + $0 } ?? text.code
                let html = "<pre\(Scroller.attributes(label: label))><code\(classAttribute)>" + content + "</code></pre>"
                return [Node(.htmlBlock(html), range: node.range)]
            case .heading(let heading):
                guard let id = heading.id, heading.level >= 2 else { return [node] }
                // The anchor link sits beside the heading, not inside it, so the heading's accessible name is its
                // text alone; the link is named after the section.
                let anchor = "<a class=\"heading-anchor\" href=\"#\(HTML.escape(id))\" aria-label=\""
                    + HTML.escape(text.linkToSection + " " + node.plainText.trimmingSpaces) + "\">#</a>\n</div>"
                return [Node(.htmlBlock("<div class=\"heading heading-\(heading.level)\">"), range: node.range), node,
                        Node(.htmlBlock(anchor), range: node.range)]
            case .table:
                return [Node(.htmlBlock("<div class=\"table-wrapper\"\(Scroller.attributes(label: text.table))>"), range: node.range), node,
                        Node(.htmlBlock("</div>"), range: node.range)]
            default:
                return nil
            }
        }
        // The table of contents goes after the title (the first level-1 heading), or first if there is none.
        let toc = PageTemplate.tableOfContentsHTML(page.tableOfContents, text: text)
        if !toc.isEmpty {
            let marker = Node(.htmlBlock(toc), range: page.document.root.range)
            let titleIndex = page.document.root.children.firstIndex { node in
                if case .heading(let heading) = node.kind { heading.level == 1 } else { false }
            }
            page.document.root.children.insert(marker, at: titleIndex.map { $0 + 1 } ?? 0)
        }
        if !page.document.root.children.contains(where: { node in
            if case .heading(let heading) = node.kind { heading.level == 1 } else { false }
        }) {
            // A page without a `# Title` still gets one, from its front matter.
            let title = Node(.htmlBlock("<h1>\(HTML.escape(page.metadata.title))</h1>"), range: page.document.root.range)
            page.document.root.children.insert(title, at: 0)
        }
    }

    private static let alignments = ["th", "td"].flatMap { tag in
        ["left", "center", "right"].map { ("<\(tag) align=\"\($0)\">", "<\(tag) style=\"text-align: \($0)\">") }
    }

    /// GFM writes column alignment as `align="…"`, which HTML5 made obsolete (the Nu validator reports it);
    /// the same alignment as a style attribute.
    static func modernizeAlignment(_ html: String) -> String {
        html.replacingAll(alignments)
    }

    /// GitHub's alert titles (Note, Tip, Important, Warning, Caution) in the page's language.
    static func localizedAlerts(_ html: String, text: InterfaceText) -> String {
        guard text != .english else { return html }
        return html.replacingAll(zip(["Note", "Tip", "Important", "Warning", "Caution"], text.alertTitles).map { english, translated in
            ("<p class=\"markdown-alert-title\">\(english)</p>", "<p class=\"markdown-alert-title\">\(HTML.escape(translated))</p>")
        })
    }
}
