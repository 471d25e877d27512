// The lint pass over each page and bare LaTeX environments: what it reports is in DiagnosticTextTests (exact text);
// here, that correct pages get no diagnostic at all (a lint that cries wolf is switched off by its readers), and that
// a bare environment is typeset, numbered and labelled like a `$$` display.
import Diagnostics
import Foundation
import Testing
@testable import Site

@Suite struct AuthoringLintTests {
    /// Each of these is written the way it is meant: dollars that are dollar signs, pipes that are escaped, HTML
    /// blocks with their blank lines, the five alerts, footnotes defined and referenced, a fence indented three spaces.
    static let correct: [String] = [
        "It costs $5 or US$ 10, and \\$x is a dollar.\n",
        "Math $x + y$ and $$x^2$$ close.\n",
        "| norm | value |\n|---|---|\n| $\\|x\\|$ | 2 |\n| $\\vert x \\vert$ | `a\\|b` |\n| 1 |  |\n",
        "| price | sale |\n|---|---|\n| $5 | $10 |\n| $5 | $x$ |\n",
        "<details>\n<summary>Solution</summary>\n\nThe **answer** is 3.\n\n</details>\n",
        "<div class=\"x\">\n<p>Raw.</p>\n</div>\n",
        "<p align=\"center\">\nPlain words, read the same as HTML.\n</p>\n",
        "<!-- a comment\nwith words\n-->\n",
        "> [!NOTE]\n> One.\n\n> [!tip]\n> Two.\n\n> [!CAUTION]\n> Three.\n\n> A plain quote [with brackets].\n",
        "A claim[^1] and another[^note].\n\n[^1]: One.\n[^note]: Two.\n",
        "Code: `[^x]` and `$x` stay as written, and so does [a link](#t).\n",
        "   ```experiment weights\n   name: w\n   ```\n",
        "    ```swift\n    let x = 1\n    ```\n",
    ]

    @Test(arguments: correct.indices)
    func correctPagesGetNoDiagnostic(_ index: Int) throws {
        let site = try TestSite(["index.md": "# T\n\n" + Self.correct[index]])
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(site.printed(report))")
    }

    /// `\begin{align}` in prose, inside a quote, between two lines of prose: typeset as display math, numbered
    /// through the page with the `$$` displays, and its `\label` an anchor.
    @Test func bareEnvironmentIsTypeset() throws {
        let page = """
            # T

            $$\\begin{equation}v = 1 \\label{eq:first}\\end{equation}$$

            > Before
            > \\begin{align}
            > a_1 &= b \\\\
            > c &= d \\label{eq:second}
            > \\end{align}
            > after [](#eq:second) and [](#eq:first).

            \\begin{equation*}
            x_1
            \\end{equation*}

            """
        let site = try TestSite(["index.md": page])
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(site.printed(report))")
        let html = site.page("index.html")
        // The TeX stays only in the MathML's annotation, never in a paragraph.
        #expect(!html.contains("<p>\\begin") && !html.contains("Before\n\\begin"), "no TeX left as text")
        #expect(html.contains("<p>Before</p>\n<div class=\"equation\" id=\"eq:second\">"))
        #expect(html.contains(">Equation 3</a> and <a href=\"#eq:first\">Equation 1</a>"))
        #expect(html.contains("<mi>x</mi><mn>1</mn>"), "the starred equation, with its subscript kept from the source")
        #expect(html.components(separatedBy: "display=\"block\"").count - 1 == 3)
    }

    /// Several environments in one paragraph (each on its own lines, `\begin` and `\end` on one line here): prose,
    /// display, prose, display, prose.
    @Test func severalEnvironmentsInOneParagraph() throws {
        let site = try TestSite(["index.md": "# T\n\na\n\\begin{equation*}x\\end{equation*}\nb *b*\n\\begin{gather*}y\\end{gather*}\nc\n"])
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(site.printed(report))")
        let html = site.page("index.html")
        let article = try #require(html.range(of: "<p>a</p>").map { String(html[$0.lowerBound...]) })
        let order = ["<p>a</p>", "<mi>x</mi>", "<p>b <em>b</em></p>", "<mi>y</mi>", "<p>c</p>"].map { article.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
    }

    /// A TeX error in a bare environment points into the page, where the TeX is.
    @Test func bareEnvironmentErrorsPointIntoThePage() throws {
        let site = try TestSite(["index.md": "# T\n\nText\n\\begin{equation}\nx = \\frac{1}\n\\end{equation}\n"])
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.map(\.location.line) == [5])
        #expect(report.diagnostics.first?.message.hasPrefix("math: ") == true)
    }
}
