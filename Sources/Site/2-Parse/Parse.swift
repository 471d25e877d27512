// Stage 2, parse: each page's Markdown → Document (site dialect: GFM plus math, alerts, front matter, heading
// ids), its front matter read and checked, and the pages put in reading order (`order:`, then file name).
import Diagnostics
import Markdown

enum Parse {
    static func run(_ site: inout SiteBuild) {
        var pages: [Page] = []
        for file in site.sources.files where file.isPage {
            let displayPath = site.displayPath(file.path)
            let text: String
            do { text = try file.text(displayPath: displayPath) } catch {
                site.report(error)
                continue
            }
            site.sourceTexts[displayPath] = text
            let document = Document(parsing: text, options: .site, path: displayPath)
            // GFM's tag filter applies to the author's HTML only; what later stages insert is rendered as is.
            document.root.applyTagFilter()
            site.diagnostics += document.diagnostics
            let (unterminated, fenceDiagnostics) = unterminatedFences(in: document, text: text, path: displayPath)
            site.diagnostics += fenceDiagnostics
            // What Markdown accepts silently but a reader would see as raw source; bare LaTeX environments typeset.
            var lint = AuthoringLint(path: displayPath, text: text)
            site.diagnostics += BareMathEnvironments.typeset(document, lines: lint.lines, path: displayPath)
            lint.check(document)
            site.diagnostics += lint.diagnostics
            var (metadata, diagnostics) = PageMetadata.read(document, path: displayPath)
            // Malformed front matter already explains a missing title.
            if !document.diagnostics.isEmpty { diagnostics.removeAll { $0.message.hasPrefix("page has no title") } }
            site.diagnostics += diagnostics
            let output = String(file.path.dropLast(3)) + ".html"
            var page = Page(sourcePath: file.path, displayPath: displayPath, outputPath: output, document: document, metadata: metadata)
            page.edition = site.editionIndex(of: file.path)
            page.unterminatedFences = unterminated
            page.misplacedDirectives = lint.misplacedDirectives
            pages.append(page)
        }
        if pages.isEmpty, !site.hasErrors {
            site.report(.error("no pages: \(site.sourceDisplay) has no .md files", path: site.sourceDisplay))
            site.stopped = true
        }
        // Edition by edition; in each, the home page (index.md) comes first, then by order, then by path.
        let editions = site.editions
        pages.sort { a, b in
            func key(_ page: Page) -> (Int, Int, Double, String) {
                let home = editions.indices.contains(page.edition) ? editions[page.edition].folder + "index.md" : "index.md"
                return (page.edition, page.sourcePath == home ? 0 : 1, page.metadata.order ?? .infinity, page.sourcePath)
            }
            let (x, y) = (key(a), key(b))
            if x.0 != y.0 { return x.0 < y.0 }
            if x.1 != y.1 { return x.1 < y.1 }
            if x.2 != y.2 { return x.2 < y.2 }
            return x.3.utf8.lexicographicallyPrecedes(y.3.utf8)
        }
        // Each page's place in its edition's reading order: the chapter number the navigation shows (home is 0).
        var counts: [Int: Int] = [:]
        for index in pages.indices {
            pages[index].chapter = counts[pages[index].edition, default: 0]
            counts[pages[index].edition, default: 0] += 1
        }
        site.pages = pages
        reportMissingCounterparts(&site)
    }
}

extension Parse {
    /// A page that one edition has and another lacks is a warning (a translation still to write); the language
    /// switcher leaves the missing edition out.
    static func reportMissingCounterparts(_ site: inout SiteBuild) {
        guard site.editions.count > 1 else { return }
        var present: [Set<String>] = Array(repeating: [], count: site.editions.count)
        for page in site.pages { present[page.edition].insert(site.editions[page.edition].relativePath(page.sourcePath)) }
        for page in site.pages {
            let relative = site.editions[page.edition].relativePath(page.sourcePath)
            for (index, edition) in site.editions.enumerated() where index != page.edition && !present[index].contains(relative) {
                site.report(Diagnostic(.warning, path: page.displayPath, location: SourceLocation(line: 1, column: 1),
                                       message: "page has no '\(edition.language)' edition: \(site.displayPath(edition.folder + relative)) does not exist",
                                       hint: "the language switcher leaves it out until the page is written"))
            }
        }
    }

    /// CommonMark lets an unclosed code fence run to the end of the file; in a page that is always a mistake
    /// (the rest of the page would show as code, or as a directive's body), so it is an error at the fence.
    static func unterminatedFences(in document: Document, text: String, path: String) -> (Set<ObjectIdentifier>, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var nodes: Set<ObjectIdentifier> = []
        let lines = text.sourceLines
        document.root.walk { node, entering in
            guard entering, case .codeBlock(let code) = node.kind, code.isFenced else { return true }
            let start = node.range.start, end = node.range.end
            guard start.line - 1 < lines.count else { return false }
            let opening = Array(lines[start.line - 1].unicodeScalars.dropFirst(start.column - 1))
            guard let fence = opening.first, fence == "`" || fence == "~" else { return false }
            let length = opening.prefix { $0 == fence }.count
            // The closing fence: the block's last line, holding only (at least `length`) fence characters.
            var closed = false
            if end.line > start.line, end.line - 1 < lines.count {
                let last = lines[end.line - 1].unicodeScalars.drop { $0 == " " }
                let run = last.prefix { $0 == fence }.count
                closed = run >= length && last.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
            }
            if !closed {
                nodes.insert(ObjectIdentifier(node))
                let kind = code.info.hasPrefix("experiment") || code.info.hasPrefix("derivation") ? "directive" : "code block"
                diagnostics.append(.error("unterminated \(kind): the fence opened here is never closed, so the rest of the file would be its body",
                                          path: path, line: start.line, column: start.column,
                                          hint: "close it with a line of \(String(repeating: String(fence), count: length))"))
            }
            return false
        }
        return (nodes, diagnostics)
    }
}

extension PageMetadata {
    /// Reads and checks the front matter; the title falls back to the page's first level-1 heading.
    static func read(_ document: Document, path: String) -> (PageMetadata, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var metadata = PageMetadata(title: "")
        for entry in document.frontMatter?.entries ?? [] {
            let at = entry.keyRange.start
            guard keys.contains(entry.key) else {
                diagnostics.append(Diagnostic.error("unknown front matter key '\(entry.key)' (known keys: \(keys.joined(separator: ", ")))",
                                                    path: path, line: at.line, column: at.column)
                    .underlining(entry.key.unicodeScalars.count).suggesting(Suggestion.closest(to: entry.key, among: keys)))
                continue
            }
            guard case .scalar(let scalar) = entry.value else {
                diagnostics.append(.error("'\(entry.key)' takes one value, not a list", path: path, line: at.line, column: at.column))
                continue
            }
            switch entry.key {
            case "title": metadata.title = scalar.text
            case "description": metadata.description = scalar.text
            case "language": metadata.language = scalar.text
            case "order":
                if let number = Double(scalar.text), number.isFinite {
                    metadata.order = number
                } else {
                    diagnostics.append(.error("'order' must be a number, not '\(scalar.text)'", path: path,
                                              line: scalar.range.start.line, column: scalar.range.start.column))
                }
            default: break
            }
        }
        if metadata.title.isEmpty {
            let heading = document.root.children.first { node in
                if case .heading(let heading) = node.kind { heading.level == 1 } else { false }
            }
            if let heading {
                metadata.title = heading.plainText.trimmingSpaces
            } else {
                diagnostics.append(.error("page has no title: start it with a '# Title' heading or give 'title:' in its front matter",
                                          path: path, line: 1, column: 1))
            }
        }
        return (metadata, diagnostics)
    }
}
