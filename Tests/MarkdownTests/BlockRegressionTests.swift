// Block-structure cases found by comparing with cmark-gfm on generated documents (each expected output is
// what cmark-gfm writes, where it follows the current specs): HTML block condition 7 on a closing tag, task
// markers, where tables end, tight and loose lists around code blocks and empty items.
import Testing
@testable import Markdown

@Suite struct BlockRegressionTests {
    @Test(arguments: [
        ("</pre>\na\n",
         "</pre>\na\n"),
        ("- [ ]\n",
         "<ul>\n<li>[ ]</li>\n</ul>\n"),
        ("- [ ] \n",
         "<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> </li>\n</ul>\n"),
        ("| a |\n| - |\n    code\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<pre><code>code\n</code></pre>\n"),
        ("| a |\n| - |\n> q\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<blockquote>\n<p>q</p>\n</blockquote>\n"),
        ("a\n| b |\n| - |\nc\n",
         "<p>a</p>\n<table>\n<thead>\n<tr>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n</tr>\n</tbody>\n</table>\n"),
        ("| a | b |\n| - |\n",
         "<p>| a | b |\n| - |</p>\n"),
        ("| a |\n| :-: |\n|\n",
         "<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n</tr>\n</thead>\n</table>\n<p>|</p>\n"),
        ("* a\n\n  ```\n  x\n  ```\n\n* b\n",
         "<ul>\n<li>\n<p>a</p>\n<pre><code>x\n</code></pre>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"),
        ("- a\n-\n\n  b\n",
         "<ul>\n<li>a</li>\n<li></li>\n</ul>\n<p>b</p>\n"),
        ("> | a |\n> | --: |\n> | b \\| c |\nd\n",
         "<blockquote>\n<table>\n<thead>\n<tr>\n<th align=\"right\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"right\">b | c</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n<p>d</p>\n"),
        ("- | a |\n  | - |\n  | b |\n- c\n",
         "<ul>\n<li>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</li>\n<li>c</li>\n</ul>\n"),
    ])
    func sameAsCmarkGFM(_ markdown: String, _ expected: String) {
        #expect(html(markdown, .gfm) == expected)
    }

    /// Deliberately unlike Debian's cmark-gfm 0.29.0.gfm.6, which looks for task markers on the raw line.
    @Test func taskItemsInsideBlockQuotesAndNestedLists() {
        #expect(html("> - [ ] a\n", .gfm) == "<blockquote>\n<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> a</li>\n</ul>\n</blockquote>\n")
        #expect(html("- [x] a\n  - [X] b\n", .gfm).components(separatedBy: "checked=\"\"").count == 3)
        #expect(html("- [ ] a\n", .commonMark) == "<ul>\n<li>[ ] a</li>\n</ul>\n")
    }
}

@Suite struct InfoStringTests {
    /// cmark and commonmark.js since the 0.31.2 spec: a first word that already says `language-` is not
    /// prefixed again (Debian's cmark-gfm still writes `language-language-js`).
    @Test(arguments: [MarkdownOptions.commonMark, .gfm, .site])
    func languagePrefixIsNotDoubled(_ options: MarkdownOptions) {
        #expect(html("```language-js\nx\n```\n", options) == "<pre><code class=\"language-js\">x\n</code></pre>\n")
        #expect(html("```js extra\nx\n```\n", options) == "<pre><code class=\"language-js\">x\n</code></pre>\n")
        #expect(html("```language-\nx\n```\n", options) == "<pre><code class=\"language-\">x\n</code></pre>\n")
    }
}

/// Differences from Debian's cmark-gfm found by `scripts/markdown-differential` and random documents, where the
/// current specs (and cmark 0.30) side with us: each stays as the spec says.
@Suite struct SpecOverOutdatedCmarkGFMTests {
    @Test(arguments: [
        // A closing tag (HTML block condition 7) cannot interrupt a paragraph, lazy continuation lines included.
        ("> x\n</b>\n", "<blockquote>\n<p>x\n</b></p>\n</blockquote>\n"),
        ("[^1]\n\n[^1]: x\n</b>\n", "<p><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup></p>\n"
            + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>x\n</b> <a href=\"#fnref-1\" class=\"footnote-backref\" "
            + "data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">↩</a></p>\n</li>\n</ol>\n</section>\n"),
        // Since 0.30, `<!` and any ASCII letter (not only an uppercase one) starts HTML block condition 4.
        ("<!www.x.com\n", "<!www.x.com\n"),
        // `**` between two punctuation characters both opens and closes, so with a closing `*` the lengths sum to 3:
        // no emphasis (cmark-gfm with its strikethrough extension misreads a following `~`).
        ("a>**~x*\n", "<p>a&gt;**~x*</p>\n"),
        ("a>**.x*\n", "<p>a&gt;**.x*</p>\n"),
    ])
    func asTheSpecSays(_ markdown: String, _ expected: String) {
        #expect(html(markdown, .gfm) == expected)
    }
}
