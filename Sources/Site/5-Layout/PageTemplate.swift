// Stage 5: the page around the rendered body: `<head>`, the chapter navigation, the page's table of contents,
// previous/next links and the footer. Every link is relative to the page (RelativeURL), no JavaScript is used, and
// all author text is escaped.
// The chapter list is written twice, so that the tab order follows what the reader sees without CSS reordering:
// before the article as the sidebar of wide screens, and after it for phones (where the masthead links to it).
// The stylesheet shows one of them (`display: none` hides the other from screen readers and the keyboard too).
import Basics

/// An entry of a page's table of contents: a level-2 or level-3 heading.
struct TableOfContentsEntry: Sendable, Equatable {
    let level: Int
    let id: String
    /// The heading's rendered inline HTML with links removed (so the entry is one link).
    let html: String
}

/// A page of the site as the navigation shows it.
struct NavigationEntry: Sendable, Equatable {
    let title: String
    /// Root-relative output path: `03-gaussian.html`.
    let path: String
}

/// A titled group of consecutive chapters in the navigation (`parts:` in site.yml).
struct NavigationPart: Sendable, Equatable {
    let title: String
    /// Positions in the edition's chapters.
    let chapters: Range<Int>
}

struct PageTemplate {
    let site: SiteConfiguration
    let chapters: [NavigationEntry]
    /// The parts the chapters are grouped in, in order; chapters outside every part are listed on their own.
    var parts: [NavigationPart] = []
    /// This page's position in `chapters`.
    let index: Int
    let language: String
    let description: String?
    /// The article's HTML, starting with its level-1 heading.
    let body: String
    /// The words of the page's language.
    var text: InterfaceText = .english
    /// The same page in every edition that has it, this one included (empty for a site of one edition).
    var alternates: [Alternate] = []

    /// The page in one edition: a `<link rel="alternate" hreflang>` and an entry of the language switcher.
    struct Alternate: Sendable, Equatable {
        let language: String
        /// The language's own name: "한국어".
        let name: String
        /// Root-relative output path.
        let path: String
        let current: Bool
    }

    static let stylesheetPath = "style.css"

    var path: String { chapters[index].path }

    func html() -> String {
        let page = chapters[index]
        let root = RelativeURL.toRoot(from: page.path)
        let isHome = index == 0
        let title = isHome || page.title == site.title ? site.title : page.title + " · " + site.title
        var meta = ""
        if let description = description ?? (isHome ? site.description : nil) {
            meta += "<meta name=\"description\" content=\"\(HTML.escape(description))\">\n"
        }
        if let author = site.author { meta += "<meta name=\"author\" content=\"\(HTML.escape(author))\">\n" }
        var out = Self.head(language: language, title: title, meta: meta, root: root, stylesheet: site.stylesheet)
        for alternate in alternates {
            out += "<link rel=\"alternate\" hreflang=\"\(HTML.escape(alternate.language))\" href=\"\(link(to: alternate.path))\">\n"
        }
        out += "</head>\n<body>\n"
        out += "<a class=\"skip-link\" href=\"#content\">\(HTML.escape(text.skipToContent))</a>\n"
        out += "<header class=\"masthead\"><a class=\"site-title\" href=\"\(link(to: chapters[0].path))\">\(HTML.escape(site.title))</a>"
        out += " <a class=\"to-chapters\" href=\"#chapters\">\(HTML.escape(text.chapters))</a>\(languageSwitcher())</header>\n"
        out += "<div class=\"layout\">\n"
        out += navigation(id: "chapters-sidebar", placement: "chapters-sidebar")
        out += "<main id=\"content\">\n<article>\n"
        out += body
        if !body.hasSuffix("\n") { out += "\n" }
        out += "</article>\n"
        out += pager()
        out += "</main>\n"
        out += navigation(id: "chapters", placement: "chapters-end")
        out += "</div>\n"
        out += footer()
        out += "</body>\n</html>\n"
        return out
    }

    /// The table of contents, placed by the render stage right after the article's level-1 heading; empty when
    /// the page has fewer than two sections (a list of one is noise).
    static func tableOfContentsHTML(_ tableOfContents: [TableOfContentsEntry], text: InterfaceText = .english) -> String {
        guard tableOfContents.count >= 2 else { return "" }
        let title = HTML.escape(text.onThisPage)
        var out = "<nav class=\"toc\" aria-label=\"\(title)\">\n<h2 class=\"toc-title\">\(title)</h2>\n<ol>\n"
        var depth = 2
        var open = false
        for entry in tableOfContents {
            // A level-3 heading before any level-2 one is listed at the top level (there is no item to nest in).
            let level = open ? min(3, max(2, entry.level)) : 2
            if level > depth {
                out += "\n<ol>\n"
            } else if level < depth {
                out += "</li>\n</ol>\n</li>\n"
            } else if open {
                out += "</li>\n"
            }
            depth = level
            out += "<li><a href=\"#\(HTML.escape(entry.id))\">\(entry.html)</a>"
            open = true
        }
        if open { out += "</li>\n" }
        if depth == 3 { out += "</ol>\n</li>\n" }
        out += "</ol>\n</nav>\n"
        return out
    }

    /// Links to this page in the other editions, each labelled in its own language.
    private func languageSwitcher() -> String {
        guard alternates.count > 1 else { return "" }
        var out = " <nav class=\"editions\" aria-label=\"\(HTML.escape(text.languages))\"><ul>"
        for alternate in alternates {
            let language = HTML.escape(alternate.language)
            if alternate.current {
                out += "<li><a href=\"\(link(to: alternate.path))\" lang=\"\(language)\" aria-current=\"page\">\(HTML.escape(alternate.name))</a></li>"
            } else {
                out += "<li><a href=\"\(link(to: alternate.path))\" hreflang=\"\(language)\" lang=\"\(language)\">\(HTML.escape(alternate.name))</a></li>"
            }
        }
        return out + "</ul></nav>"
    }

    /// The document up to the stylesheet link (`meta`: lines between the title and the generator), for every
    /// page of the site, the whole-course print page included.
    /// `stylesheet`: the author's own (site.yml), linked after the site's, so its rules win.
    static func head(language: String, title: String, meta: String = "", root: String, stylesheet: String? = nil) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(HTML.escape(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<title>\(HTML.escape(title))</title>\n" + meta
        out += "<meta name=\"generator\" content=\"build-docs\">\n"
        out += "<link rel=\"stylesheet\" href=\"\(root)\(stylesheetPath)\">\n"
        if let stylesheet { out += "<link rel=\"stylesheet\" href=\"\(HTML.escape(root + RelativeURL.percentEncoded(stylesheet)))\">\n" }
        return out
    }

    private func link(to target: String) -> String {
        HTML.escape(RelativeURL.path(to: target, from: path))
    }

    private func navigation(id: String, placement: String) -> String {
        var out = "<nav id=\"\(id)\" class=\"chapters \(placement)\" aria-label=\"\(HTML.escape(text.chapters))\">\n"
        out += "<a class=\"site-title\" href=\"\(link(to: chapters[0].path))\">\(HTML.escape(site.title))</a>\n"
        // The switcher shows in the sidebar on wide screens and in the masthead on narrow ones.
        if alternates.count > 1 { out += languageSwitcher().dropFirst() + "\n" }
        out += "<ol>\n"
        var position = 0
        while position < chapters.count {
            // A part is an item of the list holding its title and the list of its chapters, so a screen reader
            // says which part a chapter is in and how many chapters it has.
            if let part = parts.first(where: { $0.chapters.lowerBound == position }) {
                let titleID = "\(id)-part-\(part.chapters.lowerBound)"
                out += "<li class=\"part\"><span class=\"part-title\" id=\"\(titleID)\">\(HTML.escape(part.title))</span>\n"
                out += "<ol aria-labelledby=\"\(titleID)\">\n"
                for chapter in part.chapters { out += chapterItem(chapter) }
                out += "</ol>\n</li>\n"
                position = part.chapters.upperBound
            } else {
                out += chapterItem(position)
                position += 1
            }
        }
        out += "</ol>\n"
        if chapters.count > 1 {
            let printPage = String(chapters[0].path.dropLast("index.html".count)) + PrintPage.fileName
            out += "<p class=\"print-link\"><a href=\"\(link(to: printPage))\">\(HTML.escape(text.printWholeCourse))</a></p>\n"
        }
        out += "</nav>\n"
        return out
    }

    private func chapterItem(_ position: Int) -> String {
        let chapter = chapters[position]
        let current = position == index ? " aria-current=\"page\"" : ""
        let number = site.chapterNumbers && position > 0 ? "<span class=\"chapter-number\">\(position)</span> " : ""
        return "<li><a href=\"\(link(to: chapter.path))\"\(current)>\(number)\(HTML.escape(chapter.title))</a></li>\n"
    }

    private func pager() -> String {
        guard chapters.count > 1 else { return "" }
        var out = "<nav class=\"pager\" aria-label=\"\(HTML.escape(text.previousAndNext))\">\n"
        if index > 0 {
            let previous = chapters[index - 1]
            out += "<a class=\"previous\" rel=\"prev\" href=\"\(link(to: previous.path))\"><span class=\"pager-label\">\(HTML.escape(text.previous))</span> \(HTML.escape(previous.title))</a>\n"
        }
        if index + 1 < chapters.count {
            let next = chapters[index + 1]
            out += "<a class=\"next\" rel=\"next\" href=\"\(link(to: next.path))\"><span class=\"pager-label\">\(HTML.escape(text.next))</span> \(HTML.escape(next.title))</a>\n"
        }
        out += "</nav>\n"
        return out
    }

    private func footer() -> String {
        var parts: [String] = []
        if let footer = site.footer { parts.append(HTML.escape(footer)) }
        else if let author = site.author { parts.append("© " + HTML.escape(author)) }
        parts.append(HTML.escape(text.builtWith))
        return "<footer class=\"site-footer\">\n" + parts.map { "<p>\($0)</p>\n" }.joined() + "</footer>\n"
    }
}
