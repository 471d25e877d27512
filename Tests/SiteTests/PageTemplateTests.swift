// The page template: the table of contents' nesting (valid list markup for any order of h2/h3) and README.md files.
import Foundation
import Testing
@testable import Site

@Suite struct PageTemplateTests {
    func entry(_ level: Int, _ id: String) -> TableOfContentsEntry { TableOfContentsEntry(level: level, id: id, html: id) }

    @Test func nestedTableOfContents() {
        let html = PageTemplate.tableOfContentsHTML([entry(2, "a"), entry(3, "a1"), entry(3, "a2"), entry(2, "b"), entry(3, "b1")])
        #expect(html == """
            <nav class="toc" aria-label="On this page">
            <h2 class="toc-title">On this page</h2>
            <ol>
            <li><a href="#a">a</a>
            <ol>
            <li><a href="#a1">a1</a></li>
            <li><a href="#a2">a2</a></li>
            </ol>
            </li>
            <li><a href="#b">b</a>
            <ol>
            <li><a href="#b1">b1</a></li>
            </ol>
            </li>
            </ol>
            </nav>

            """)
    }

    @Test func levelThreeFirstIsListedAtTheTop() {
        let html = PageTemplate.tableOfContentsHTML([entry(3, "x"), entry(2, "a")])
        #expect(html.contains("<ol>\n<li><a href=\"#x\">x</a></li>\n<li><a href=\"#a\">a</a></li>\n</ol>"))
    }

    @Test func noTableForFewerThanTwoSections() {
        #expect(PageTemplate.tableOfContentsHTML([entry(2, "only")]) == "")
    }

    @Test func readmeFilesAreNotPages() throws {
        let site = try TestSite([
            "index.md": "# Home\n\nThe [data notes](data/README.md).\n",
            "data/README.md": "# Where the data comes from\n",
        ])
        defer { site.remove() }
        let report = site.build()
        #expect(site.printed(report) == "")
        #expect(report.pageCount == 1)
        #expect(site.outputFiles().keys.sorted() == [".build-docs", "data/README.md", "index.html", "style.css"])
        #expect(site.page("index.html").contains("<a href=\"data/README.md\">data notes</a>"))
    }
}
