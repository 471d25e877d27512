// The whole course on one page: every page of an edition in order, ids unique, links between pages made internal,
// solutions open; one print page per edition.
import Foundation
import Testing
@testable import Site

@Suite struct PrintPageTests {
    @Test func everyPageInOrderWithUniqueIdsAndInternalLinks() throws {
        let site = try TestSite([
            "index.md": "# Home\n\nRead [the first chapter](01-a.md#setup) or [notes](notes/n.md).\n",
            "01-a.md": "# A\n\n## Setup\n\nSee [](#setup) and [the home page](index.md).\n\n<details>\n<summary>Solution</summary>\n\nYes.\n\n</details>\n",
            "notes/n.md": "# Notes\n\n## Setup\n\n![x](../img/x.svg) [back](../01-a.md)\n",
            "img/x.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        defer { site.remove() }
        #expect(site.build().succeeded)
        let print = site.page("print.html")
        let order = ["id=\"page-index\"", "id=\"page-01-a\"", "id=\"page-notes-n\""].map { print.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        // Both pages have a "setup" heading: each gets its page's prefix, and links follow.
        #expect(print.contains("id=\"page-01-a--setup\""))
        #expect(print.contains("id=\"page-notes-n--setup\""))
        #expect(print.contains("<a href=\"#page-01-a--setup\">the first chapter</a>"))
        #expect(print.contains("<a href=\"#page-notes-n\">notes</a>"))
        #expect(print.contains("<a href=\"#page-01-a--setup\">Setup</a>"))
        #expect(print.contains("<a href=\"#page-index\">the home page</a>"))
        #expect(print.contains("<a href=\"#page-01-a\">back</a>"))
        // Other files are linked relative to the print page; solutions are open.
        #expect(print.contains("src=\"img/x.svg\""))
        #expect(print.contains("<details open>"))
        #expect(!print.contains("<details>"))
        // Every page's navigation links to it.
        #expect(site.page("notes/n.html").contains("<p class=\"print-link\"><a href=\"../print.html\">The whole course on one page, for printing</a></p>"))
    }

    @Test func onePrintPagePerEdition() throws {
        let site = try TestSite(EditionTests.twoEditions)
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(site.page("print.html").contains("<html lang=\"en\">"))
        let korean = site.page("ko/print.html")
        #expect(korean.contains("<html lang=\"ko\">"))
        #expect(korean.contains("<title>가중치 · 전체 과정</title>"))
        #expect(korean.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(site.page("ko/index.html").contains("<a href=\"print.html\">인쇄용: 전체 과정을 한 페이지로</a>"))
        // Each print page names the other as its counterpart, relative to itself.
        #expect(korean.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../print.html\">\n<link rel=\"alternate\" hreflang=\"ko\" href=\"print.html\">"))
        #expect(site.page("print.html").contains("<link rel=\"alternate\" hreflang=\"en\" href=\"print.html\">\n<link rel=\"alternate\" hreflang=\"ko\" href=\"ko/print.html\">"))
    }
}
