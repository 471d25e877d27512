// The highlighter: each token class on real Swift and Python, escaping, and that no character is lost or added.
import Testing
@testable import Site

@Suite struct SyntaxHighlighterTests {
    /// The text with the token spans removed and entities decoded, which must equal the input.
    func plain(_ html: String) -> String {
        var text = html
        for tag in ["keyword", "string", "number", "comment", "type"] {
            text = text.replacingOccurrences(of: "<span class=\"tok-\(tag)\">", with: "")
        }
        return text.replacingOccurrences(of: "</span>", with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func swiftTokens() {
        let html = SyntaxHighlighter.highlight("let x: Float = 1.5e-3 // note\nvar s = \"a \\\"q\\\" <b>\"\n", as: .swift)
        #expect(html == """
            <span class="tok-keyword">let</span> x: <span class="tok-type">Float</span> = <span class="tok-number">1.5e-3</span> \
            <span class="tok-comment">// note</span>\n<span class="tok-keyword">var</span> s = \
            <span class="tok-string">&quot;a \\&quot;q\\&quot; &lt;b&gt;&quot;</span>\n
            """)
    }

    @Test func swiftNestedBlockCommentsAndRawStrings() {
        let code = "/* a /* b */ still */ x = #\"raw \"quoted\" \"# + 0x1F"
        let html = SyntaxHighlighter.highlight(code, as: .swift)
        #expect(html.hasPrefix("<span class=\"tok-comment\">/* a /* b */ still */</span> x = "))
        #expect(html.contains("<span class=\"tok-string\">#&quot;raw &quot;quoted&quot; &quot;#</span>"))
        #expect(html.hasSuffix("<span class=\"tok-number\">0x1F</span>"))
        #expect(plain(html) == code)
    }

    @Test func pythonTokens() {
        let code = "@dataclass\ndef f(x):\n    return f\"{x}\" + r'\\d' + '''multi\nline''' # done\nNone and 3.0\n"
        let html = SyntaxHighlighter.highlight(code, as: .python)
        #expect(html.contains("<span class=\"tok-type\">@dataclass</span>"))
        #expect(html.contains("<span class=\"tok-keyword\">def</span> f(x):"))
        #expect(html.contains("<span class=\"tok-string\">f&quot;{x}&quot;</span>"))
        #expect(html.contains("<span class=\"tok-string\">r'\\d'</span>"))
        #expect(html.contains("<span class=\"tok-string\">'''multi\nline'''</span>"))
        #expect(html.contains("<span class=\"tok-comment\"># done</span>"))
        #expect(html.contains("<span class=\"tok-keyword\">None</span> <span class=\"tok-keyword\">and</span> <span class=\"tok-number\">3.0</span>"))
        #expect(plain(html) == code)
    }

    @Test func unterminatedStringEndsAtTheLine() {
        let html = SyntaxHighlighter.highlight("x = \"open\ny = 1", as: .swift)
        #expect(html == "x = <span class=\"tok-string\">&quot;open</span>\ny = <span class=\"tok-number\">1</span>")
    }

    @Test func languageNames() {
        #expect(SyntaxHighlighter.language(named: "Swift") == .swift)
        #expect(SyntaxHighlighter.language(named: "py") == .python)
        #expect(SyntaxHighlighter.language(named: "rust") == nil)
    }

    @Test func linearOnLongInput() {
        // An unclosed block comment and an unclosed string over 200,000 characters: one pass each.
        let code = "/*" + String(repeating: "a \" ", count: 50_000)
        #expect(plain(SyntaxHighlighter.highlight(code, as: .swift)) == code)
        let python = String(repeating: "'''x", count: 50_000)
        #expect(plain(SyntaxHighlighter.highlight(python, as: .python)) == python)
    }
}
