// Accessibility of the generated markup and the stylesheet (WCAG 2.1 AA; `scripts/check-accessibility` runs
// axe-core on a built site): scrollers reachable by keyboard and named, heading anchors outside the headings'
// names, a figure's caption that is only its caption, a tab order that follows the layout, no JavaScript, and
// every text colour of the stylesheet at 4.5:1 or more on every background of its theme.
import Foundation
import Testing
@testable import Site

@Suite struct AccessibilityTests {
    /// A page with one of everything that can scroll sideways or carries an anchor.
    static let page = """
        # Title

        ## First `code` section

        A formula in a paragraph $$a + b = c$$ and a display block:

        $$
        \\sum_{i=1}^{n} x_i
        $$

        ```swift
        let x = 1
        ```

        ```text
        plain
        ```

            indented

        | a | b |
        |---|---|
        | 1 | 2 |

        ### Second section

        ```experiment weights
        name: w
        caption: Weights of one layer.
        init: he-normal
        fan-in: 10
        fan-out: 10
        ```

        ```derivation uniform-bound
        name: bound
        scheme: xavier
        fan-in: 100
        fan-out: 100
        samples: 1000
        seed: 3
        ```

        """

    static func built() throws -> (site: TestSite, html: String) {
        let site = try TestSite(["index.md": page, "second.md": "---\ntitle: Second\n---\n# Second\n"])
        let report = site.build()
        #expect(site.printed(report) == "")
        return (site, site.page("index.html"))
    }

    /// The start tags in `html` that match `pattern` (a regular expression for the tag up to its attributes).
    static func startTags(_ pattern: String, in html: String) throws -> [String] {
        try html.matches(of: Regex("<" + pattern + "[^>]*>")).map { String(html[$0.range]) }
    }

    @Test func scrollersAreFocusableNamedRegions() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let scrollers: [(pattern: String, labels: [String])] = [
            ("div class=\"figure-panels\"", ["Figure 1"]),
            ("div class=\"table-wrapper\"", ["Table", "Figure 1, table: "]),
            ("(div|span) class=\"formula\"", ["Formula", "Formula"]),
            ("pre", ["Code: swift", "Code: text", "Code", "Figure 1, experiment parameters", "Derivation, experiment parameters"]),
        ]
        for (pattern, labels) in scrollers {
            let tags = try Self.startTags(pattern, in: html)
            #expect(tags.count >= labels.count, "\(pattern): \(tags)")
            for tag in tags {
                #expect(tag.contains(" tabindex=\"0\" role=\"region\" aria-label=\""), "\(tag)")
                #expect(!tag.contains("aria-label=\"\""), "\(tag)")
            }
            for label in labels {
                #expect(tags.contains { $0.contains("aria-label=\"" + HTML.escape(label)) }, "\(pattern): no label \(label)")
            }
        }
        // Every table and every display formula is inside one of them.
        #expect(try Self.startTags("table", in: html).count == Self.startTags("div class=\"table-wrapper\"", in: html).count)
        #expect(try Self.startTags("math [^>]*display=\"block\"", in: html).count
                == Self.startTags("(div|span) class=\"formula\"", in: html).count)
    }

    @Test func headingAnchorsAreOutsideTheHeadings() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let headings = html.matches(of: try Regex("<h([2-6]) id=\"([^\"]*)\">(.*?)</h\\1>\n"))
        #expect(headings.count == 2)
        for heading in headings {
            let level = try #require(heading.output[1].substring), id = try #require(heading.output[2].substring)
            let content = try #require(heading.output[3].substring)
            #expect(!content.contains("heading-anchor"), "the link is not part of the heading's name: \(content)")
            let text = content.replacing(try Regex("<[^>]*>"), with: "")
            #expect(html[..<heading.range.lowerBound].hasSuffix("<div class=\"heading heading-\(level)\">\n"))
            #expect(html[heading.range.upperBound...].hasPrefix(
                "<a class=\"heading-anchor\" href=\"#\(id)\" aria-label=\"Link to section: \(text)\">#</a>\n</div>\n"))
        }
        #expect(html.contains("aria-label=\"Link to section: First code section\""))
    }

    @Test func figureCaptionIsTheCaptionAlone() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let figures = html.matches(of: try Regex("<div class=\"experiment\">\n<figure id=\"[^\"]*\">(.*?)</figure>\n(.*?)</details>\n</div>\n")
            .dotMatchesNewlines())
        #expect(figures.count == 1)
        for figure in figures {
            let inside = try #require(figure.output[1].substring), after = try #require(figure.output[2].substring)
            // The caption is the figure's last child and holds no controls; the numbers and parameters follow.
            #expect(inside.components(separatedBy: "<figcaption>").count == 2)
            #expect(inside.hasSuffix("</figcaption>\n"))
            #expect(!inside.contains("<details"))
            #expect(after.hasPrefix("<details class=\"experiment-numbers\">"))
            #expect(after.contains("<details class=\"experiment-parameters\">"))
        }
    }

    @Test func chaptersComeInReadingOrderAndNoScript() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        // Wide screens show the sidebar, first in the page; phones show the list after the article.
        let sidebar = try #require(html.range(of: "<nav id=\"chapters-sidebar\" class=\"chapters chapters-sidebar\""))
        let main = try #require(html.range(of: "<main id=\"content\">"))
        let end = try #require(html.range(of: "<nav id=\"chapters\" class=\"chapters chapters-end\""))
        #expect(sidebar.lowerBound < main.lowerBound && main.lowerBound < end.lowerBound)
        let css = Stylesheet.css(mathFont: nil)
        let phone = try #require(css.range(of: "@media (max-width: 52rem) {"))
        let hidden = try Regex("\n *([^{}\n]*) \\{ display: none; \\}")
        let hiddenWide = css[..<phone.lowerBound].matches(of: hidden).compactMap { $0.output[1].substring }
        let phoneRules = css[phone.upperBound...]
        let phoneBlock = phoneRules[..<(phoneRules.range(of: "\n}\n")?.lowerBound ?? phoneRules.endIndex)]
        let hiddenPhone = phoneBlock.matches(of: hidden).compactMap { $0.output[1].substring }
        #expect(hiddenWide.contains { $0.contains(".chapters-end") } && !hiddenWide.contains { $0.contains(".chapters-sidebar") })
        #expect(hiddenPhone.first { $0.contains(".chapters-sidebar") } != nil)
        // No JavaScript anywhere: no script element, no event handler attribute.
        for (path, bytes) in site.outputFiles() where path.hasSuffix(".html") {
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(!page.contains("<script"), "\(path)")
            #expect(page.firstMatch(of: try Regex("<[^>]* on[a-z]+=")) == nil, "\(path)")
        }
    }
}
