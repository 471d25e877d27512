// Relative paths between output files, computed from depth, and resolution of links written in sources.
import Testing
@testable import Site

@Suite struct RelativeURLTests {
    @Test(arguments: [
        ("index.html", "style.css", "style.css"),
        ("notes/a.html", "style.css", "../style.css"),
        ("notes/a.html", "notes/b.html", "b.html"),
        ("a/b/c.html", "a/x.png", "../x.png"),
        ("a/b/c.html", "d/e.html", "../../d/e.html"),
        ("index.html", "images/x.svg", "images/x.svg"),
        ("a/index.html", "a/index.html", "index.html"),
    ])
    func paths(from: String, to: String, expected: String) {
        #expect(RelativeURL.path(to: to, from: from) == expected)
    }

    @Test func toRoot() {
        #expect(RelativeURL.toRoot(from: "index.html") == "")
        #expect(RelativeURL.toRoot(from: "a/b/c.html") == "../../")
    }

    @Test func resolve() {
        #expect(RelativeURL.resolve("images/a.png", from: "01.md") == "images/a.png")
        #expect(RelativeURL.resolve("../b.md", from: "notes/a.md") == "b.md")
        #expect(RelativeURL.resolve("./c.md", from: "notes/a.md") == "notes/c.md")
        #expect(RelativeURL.resolve("../../etc/passwd", from: "notes/a.md") == nil)
    }

    @Test func externalLinks() {
        for url in ["https://arxiv.org/abs/1502.01852", "mailto:a@b.c", "//cdn.example/x", "ftp://x"] {
            #expect(Links.isExternal(url), "\(url)")
        }
        for url in ["01-intro.md", "images/a:b.png", "#fig-x", "../x.md#a", "3:4.md"] {
            #expect(!Links.isExternal(url), "\(url)")
        }
        #expect(Links.split("a%20b.md?x=1#sec") == ("a b.md", "sec"))
    }
}
