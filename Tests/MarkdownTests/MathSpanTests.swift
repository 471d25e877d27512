// Math spans in site mode: `$…$` and `$$…$$` with pandoc's rules (pandoc manual, tex_math_dollars);
// in CommonMark and GFM modes dollars are ordinary text.
import Testing
@testable import Markdown

@Suite struct MathSpanTests {
    @Test(arguments: [
        (#"$x^2$"#, [Node.Math(tex: "x^2", isDisplay: false)]),
        (#"a $\alpha_1 * b$ c"#, [Node.Math(tex: #"\alpha_1 * b"#, isDisplay: false)]),
        (#"$$\sum_i x_i$$"#, [Node.Math(tex: #"\sum_i x_i"#, isDisplay: true)]),
        (#"$$ a $ b $$"#, [Node.Math(tex: "a $ b", isDisplay: true)]),
        (#"$\$5$ and $x$"#, [Node.Math(tex: #"\$5"#, isDisplay: false), Node.Math(tex: "x", isDisplay: false)]),
        ("$a\nb$", [Node.Math(tex: "a\nb", isDisplay: false)]),
        ("$5 and 6$", [Node.Math(tex: "5 and 6", isDisplay: false)]),
    ])
    func mathSpans(source: String, expected: [Node.Math]) {
        let found = inlines(source, options: .site).compactMap { node -> Node.Math? in
            if case .math(let math) = node.kind { math } else { nil }
        }
        #expect(found == expected)
    }

    @Test(arguments: [
        // A dollar followed by a digit after the closing one, spaces inside the delimiters: text (pandoc).
        ("$5 and $6", "$5 and $6"),
        ("$20,000 and $30,000", "$20,000 and $30,000"),
        ("$ x$", "$ x$"),
        ("$x $", "$x $"),
        ("$x$5", "$x$5"),
        (#"\$x$"#, "$x$"),
        ("$$", "$$"),
        ("$$ $$", "$$ $$"),
        ("$", "$"),
    ])
    func notMath(source: String, expectedText: String) {
        let nodes = inlines(source, options: .site)
        #expect(nodes.map(\.kind) == [.text(expectedText)])
    }

    @Test func mathContentIsNotMarkdown() {
        #expect(inlineHTML("$*a* <b> `c`$", options: .site) == #"<span class="math inline">*a* &lt;b&gt; `c`</span>"#)
        #expect(inlineHTML("$$a<b$$", options: .site) == #"<span class="math display">a&lt;b</span>"#)
        // A code span that starts first wins.
        #expect(inlineHTML("`$x` $y$", options: .site) == #"<code>$x</code> <span class="math inline">y</span>"#)
        // Emphasis around math still works.
        #expect(inlineHTML("*$x$*", options: .site) == #"<em><span class="math inline">x</span></em>"#)
    }

    @Test func dollarsAreTextOutsideSiteMode() {
        #expect(inlineHTML("$x$ and $$y$$", options: .gfm) == "$x$ and $$y$$")
        #expect(inlineHTML("$x$", options: .commonMark) == "$x$")
    }

    @Test func mathHasASourceRange() {
        let nodes = inlines("ab $x$ c", options: .site)
        #expect(nodes[1].range.description == "1:4-1:7")
    }
}
