// The site dialect's additions, each against what GitHub (or the brief) specifies: front matter and its
// errors with line:column, GitHub alerts, heading ids as github.com makes them, math blocks, whole info strings.
// Also the AST contract the site generator relies on: source ranges, rewriting, plain text.
import Diagnostics
import Testing
@testable import Markdown

func siteHTML(_ markdown: String) -> String {
    HTMLRenderer(options: .site).render(Document(parsing: markdown, options: .site))
}

@Suite struct FrontMatterTests {
    @Test func readsKeysScalarsListsAndQuotes() throws {
        let text = """
            ---
            title: Weight initialization   # a comment
            subtitle: "Why \\"variance\\" matters"
            author: 'O''Brien'
            tags: [init, 'he normal', "xavier"]
            order:
              - intro
              - gaussian
            empty:
            ---
            # Body

            """
        let document = Document(parsing: text, options: .site, path: "docs-src/a.md")
        #expect(document.diagnostics.isEmpty)
        let front = try #require(document.frontMatter)
        #expect(front["title"]?.text == "Weight initialization")
        #expect(front["subtitle"]?.text == #"Why "variance" matters"#)
        #expect(front["author"]?.text == "O'Brien")
        #expect(front["tags"]?.items.map(\.text) == ["init", "he normal", "xavier"])
        #expect(front["order"]?.items.map(\.text) == ["intro", "gaussian"])
        #expect(front["empty"]?.text == "")
        #expect(front.entries.map(\.key) == ["title", "subtitle", "author", "tags", "order", "empty"])
        // Values and keys keep where they were written.
        #expect(front.entries[0].keyRange == SourceRange(line: 2, column: 1, endColumn: 6))
        #expect(front["title"]?.items.first?.range == SourceRange(line: 2, column: 8, endColumn: 29))
        #expect(front["order"]?.items[1].range.start == SourceLocation(line: 8, column: 5))
        // The Markdown after it keeps its own line numbers.
        let heading = try #require(document.root.children.first)
        #expect(heading.range.start == SourceLocation(line: 11, column: 1))
        #expect(siteHTML(text) == "<h1 id=\"body\">Body</h1>\n")
    }

    /// Each malformed line gives `path:line:column: error: message`, and parsing goes on.
    @Test(arguments: [
        ("title: \"open\n", "2:8: error: unterminated double-quoted string"),
        ("tags: [a, b\n", "2:7: error: unclosed '[': the list must end with ']' on the same line"),
        ("  nested: x\n", "2:3: error: unexpected indentation: nested mappings are not supported"),
        ("just words\n", "2:1: error: expected 'key: value'"),
        ("- item\n", "2:1: error: a list item needs a key"),
        ("title: \"a \\q\"\n", "2:11: error: unknown escape '\\q' in a double-quoted string"),
        ("title: [a] b\n", "2:12: error: unexpected text after the value"),
        ("title: |\n", "2:8: error: block scalars ('|', '>') are not supported"),
        ("ok: 1\nok: 2\n", "3:1: error: duplicate key 'ok'"),
        ("title: 'it''s\n", "2:8: error: unterminated single-quoted string"),
    ])
    func reportsErrorsWithLineAndColumn(_ body: String, _ expected: String) throws {
        let document = Document(parsing: "---\n" + body + "---\ntext\n", options: .site, path: "page.md")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.description == "page.md:" + expected)
        #expect(document.diagnostics.count == 1)
        // The Markdown still renders.
        #expect(HTMLRenderer(options: .site).render(document) == "<p>text</p>\n")
    }

    @Test func duplicateKeyPointsToTheFirst() throws {
        let document = Document(parsing: "---\nok: 1\nok: 2\n---\n", options: .site, path: "p.md")
        #expect(try #require(document.diagnostics.first).hint == "'ok' is first set on line 2")
    }

    @Test func unclosedFrontMatterIsAnErrorAtItsStart() throws {
        let document = Document(parsing: "---\ntitle: x\n\nText\n", options: .site, path: "p.md")
        #expect(try #require(document.diagnostics.first).description == "p.md:1:1: error: front matter is not closed: add a '---' line after it")
        #expect(document.frontMatter == nil)
    }

    @Test func onlyAtTheVeryTopAndOnlyInSiteMode() {
        #expect(Document(parsing: "\n---\na: b\n---\n", options: .site).frontMatter == nil)
        #expect(html("---\na: b\n---\n", .gfm) == "<hr />\n<h2>a: b</h2>\n")
        #expect(Document(parsing: "---\n---\nx\n", options: .site).frontMatter?.entries.isEmpty == true)
    }
}

@Suite struct AlertTests {
    @Test(arguments: Node.AlertKind.allCases)
    func everyKind(_ kind: Node.AlertKind) {
        let marker = "[!\(kind.rawValue.uppercased())]"
        #expect(siteHTML("> \(marker)\n> Read *this*.\n> More.\n") == """
            <div class="markdown-alert markdown-alert-\(kind.rawValue)">
            <p class="markdown-alert-title">\(kind.title)</p>
            <p>Read <em>this</em>.
            More.</p>
            </div>

            """)
    }

    @Test func markerIsCaseInsensitiveAndMayStandAlone() {
        #expect(siteHTML("> [!tip]\n>\n> - a\n").hasPrefix("<div class=\"markdown-alert markdown-alert-tip\">\n<p class=\"markdown-alert-title\">Tip</p>\n<ul>\n"))
    }

    @Test func notAlerts() {
        // Unknown kind, text on the marker line, no content, or not in site mode: an ordinary block quote.
        #expect(siteHTML("> [!FOO]\n> x\n") == "<blockquote>\n<p>[!FOO]\nx</p>\n</blockquote>\n")
        #expect(siteHTML("> [!NOTE] x\n") == "<blockquote>\n<p>[!NOTE] x</p>\n</blockquote>\n")
        #expect(siteHTML("> [!NOTE]\n") == "<blockquote>\n<p>[!NOTE]</p>\n</blockquote>\n")
        #expect(html("> [!NOTE]\n> x\n", .gfm) == "<blockquote>\n<p>[!NOTE]\nx</p>\n</blockquote>\n")
    }

    @Test func alertNodeInTheTree() {
        let document = Document(parsing: "> [!CAUTION]\n> Hot.\n", options: .site)
        #expect(document.root.children.first?.kind == .alert(.caution))
        #expect(document.root.children.first?.children.first?.range.start == SourceLocation(line: 2, column: 3))
    }
}

@Suite struct HeadingIDTests {
    @Test(arguments: [
        ("# Hello, World!", "hello-world"),
        ("# 한국어 제목", "한국어-제목"),
        ("# Über Größe", "über-größe"),
        ("# `code` and *emphasis*", "code-and-emphasis"),
        ("# He-normal_init (2015)", "he-normal_init-2015"),
        ("# A  B", "a--b"),
        ("# 日本語のテキスト", "日本語のテキスト"),
        ("# ???", ""),
    ])
    func githubSlugs(_ markdown: String, _ id: String) {
        #expect(siteHTML(markdown).hasPrefix("<h1 id=\"\(id)\">"))
    }

    @Test func duplicatesAreNumbered() {
        let output = siteHTML("# Intro\n\n## Intro\n\nIntro\n-----\n\n# Intro-1\n")
        #expect(output == """
            <h1 id="intro">Intro</h1>
            <h2 id="intro-1">Intro</h2>
            <h2 id="intro-2">Intro</h2>
            <h1 id="intro-1-1">Intro-1</h1>

            """)
    }

    @Test func onlyInSiteMode() {
        #expect(html("# Title\n", .gfm) == "<h1>Title</h1>\n")
        guard case .heading(let heading) = Document(parsing: "# T\n", options: .gfm).root.children[0].kind else {
            Issue.record("not a heading")
            return
        }
        #expect(heading.id == nil)
    }
}

@Suite struct MathBlockTests {
    @Test func dollarFencesAndMathCodeBlocks() {
        #expect(siteHTML("$$\n\\frac{1}{n} < x\n$$\n") == "<div class=\"math display\">\\frac{1}{n} &lt; x</div>\n")
        #expect(siteHTML("```math\na_1\n```\n") == "<div class=\"math display\">a_1</div>\n")
        // A math block interrupts a paragraph and is not Markdown inside.
        #expect(siteHTML("Text\n$$\n*x*\n\n$$\n") == "<p>Text</p>\n<div class=\"math display\">*x*\n</div>\n")
        // Unclosed: runs to the end of its container, like a code fence.
        #expect(siteHTML("> $$\n> x\n\ny\n") == "<blockquote>\n<div class=\"math display\">x</div>\n</blockquote>\n<p>y</p>\n")
        // Not math outside site mode.
        #expect(html("$$\nx\n$$\n", .gfm) == "<p>$$\nx\n$$</p>\n")
    }

    /// Notebooks end display math on the line of its last formula: `x = 1 $$` closes the block.
    @Test(arguments: [
        ("$$\nx = 1 $$\n\nSome prose.\n", "<div class=\"math display\">x = 1</div>\n<p>Some prose.</p>\n"),
        ("$$\na \\\\\nb$$\nprose\n", "<div class=\"math display\">a \\\\\nb</div>\n<p>prose</p>\n"),
        ("> $$\n> x $$  \n> y\n", "<blockquote>\n<div class=\"math display\">x</div>\n<p>y</p>\n</blockquote>\n"),
        ("- $$\n  x$$\n- b\n", "<ul>\n<li>\n<div class=\"math display\">x</div>\n</li>\n<li>b</li>\n</ul>\n"),
        // An escaped dollar is TeX's `\$`, not half of a closing `$$`; a lone `$$` line still closes.
        ("$$\na \\$$\n$$\n", "<div class=\"math display\">a \\$$</div>\n"),
        ("$$\nx\n   $$\n", "<div class=\"math display\">x</div>\n"),
    ])
    func closingDollarsAtTheEndOfALine(markdown: String, expected: String) {
        let document = Document(parsing: markdown, options: .site)
        #expect(HTMLRenderer(options: .site).render(document) == expected)
        #expect(document.diagnostics.isEmpty)
    }

    /// A block never closed would turn the rest of its container into math: an error at its opening `$$`.
    @Test func unclosedMathBlockIsAnError() throws {
        let document = Document(parsing: "Text\n\n  $$\nx = 1\n\nMore prose.\n", options: .site, path: "p.md")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.description.hasPrefix("p.md:3:3: error: unterminated display math"))
        #expect(Document(parsing: "$$\nx\n$$\n", options: .site).diagnostics.isEmpty)
        #expect(Document(parsing: "```math\nx\n", options: .site).diagnostics.isEmpty)
    }

    @Test func mathBlockNode() {
        let document = Document(parsing: "$$\nE = mc^2\n$$\n", options: .site)
        #expect(document.root.children.first?.kind == .mathBlock("E = mc^2"))
    }
}

@Suite struct SyntaxTreeTests {
    @Test func infoStringIsExposedWhole() {
        let document = Document(parsing: "```experiment activations  \nname: a\n```\n", options: .site)
        guard case .codeBlock(let code) = document.root.children[0].kind else {
            Issue.record("not a code block")
            return
        }
        #expect(code.info == "experiment activations")
        #expect(code.language == "experiment")
        #expect(code.content == "name: a\n")
        #expect(code.isFenced)
    }

    @Test func blockRanges() {
        let document = Document(parsing: "# Title\n\n> quote\n> more\n\n- a\n- b\n", options: .site)
        let ranges = document.root.children.map(\.range)
        #expect(ranges == [
            SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 8)),
            SourceRange(start: .init(line: 3, column: 1), end: .init(line: 4, column: 7)),
            SourceRange(start: .init(line: 6, column: 1), end: .init(line: 7, column: 4)),
        ])
        let paragraph = document.root.children[1].children[0]
        #expect(paragraph.range.start == SourceLocation(line: 3, column: 3))
        #expect(paragraph.children.first?.range.start == SourceLocation(line: 3, column: 3))
    }

    @Test func rewriteReplacesBlocksAndInlines() {
        let document = Document(parsing: "Intro $x$.\n\n```experiment demo\nn: 1\n```\n", options: .site)
        document.root.rewrite { node in
            switch node.kind {
            case .codeBlock(let code) where code.language == "experiment":
                return [Node(.htmlBlock("<figure>demo</figure>\n"), range: node.range)]
            case .math(let math):
                return [Node(.inlineHTML("<math>\(math.tex)</math>"), range: node.range)]
            default:
                return nil
            }
        }
        #expect(HTMLRenderer(options: .site).render(document) == "<p>Intro <math>x</math>.</p>\n<figure>demo</figure>\n")
    }

    @Test func walkGivesEnterAndExitEvents() {
        let document = Document(parsing: "*a* b\n")
        var events: [String] = []
        document.root.walk { node, entering in
            events.append("\(entering ? ">" : "<")\(node.kind.isBlock ? "block" : "inline")")
            return true
        }
        #expect(events == [">block", ">block", ">inline", ">inline", "<inline", ">inline", "<block", "<block"])
    }

    @Test func plainText() {
        #expect(Document(parsing: "## A *b* `c` $d$\n").root.children[0].plainText == "A b c $d$")
        #expect(Document(parsing: "## A $d$\n", options: .site).root.children[0].plainText == "A d")
        #expect(Document(parsing: "x *y*\\\nz\nw ![e](f)\n").root.plainText == "x y z w e")
    }
}

/// The whole tree with its ranges, as a readable expected value (lines and columns checked by hand).
@Suite struct TreeDumpTests {
    @Test func everyNodeWithItsRange() {
        let text = "# Title\n\n*big* day [x](/u \"t\")\n\n- [ ] a\n\n| a |\n| :- |\n| `b` |\n\n> [!TIP]\n> $x$\n"
        #expect(Document(parsing: text, options: .site).root.treeDescription == #"""
            document 1:1-12:6
              heading level 1 id="title" 1:1-1:8
                text "Title" 1:3-1:8
              paragraph 3:1-3:22
                emphasis 3:1-3:6
                  text "big" 3:2-3:5
                text " day " 3:6-3:11
                link inline "/u" title="t" 3:11-3:22
                  text "x" 3:12-3:13
              list bullet - tight 5:1-5:8
                listItem [ ] 5:1-5:8
                  paragraph 5:7-5:8
                    text "a" 5:7-5:8
              table 1 columns 7:1-9:8
                tableRow header 7:1-7:4
                  tableCell left 7:3-7:4
                    text "a" 7:3-7:4
                tableRow 9:1-9:8
                  tableCell left 9:3-9:6
                    code "b" 9:3-9:6
              alert tip 11:1-12:6
                paragraph 12:3-12:6
                  math "x" 12:3-12:6

            """#)
    }
}
