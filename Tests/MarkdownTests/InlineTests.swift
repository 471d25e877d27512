// The inline phase's parts checked against independent facts: HTML5's entity table, Unicode case folding,
// link reference definitions, source ranges, GFM strikethrough/footnotes and the reference budget.
import Diagnostics
import Foundation
import Testing
@testable import Markdown

/// Parses one leaf (a single paragraph's text) and returns its inline nodes.
func inlines(_ text: String, options: MarkdownOptions = .commonMark, references: ReferenceMap = ReferenceMap()) -> [Node] {
    var lines: [LeafText.Line] = []
    var offset = 0
    for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        lines.append(.init(offset: offset, location: .init(line: k + 1, column: 1)))
        offset += line.utf8.count + 1
    }
    return InlineParser(references: references, options: options).parse(LeafText(bytes: Array(text.utf8), lines: lines))
}

/// The HTML of one paragraph's inlines, without the `<p>` wrapper.
func inlineHTML(_ text: String, options: MarkdownOptions = .commonMark, references: ReferenceMap = ReferenceMap()) -> String {
    let paragraph = Node(.paragraph, range: SourceRange(line: 1, column: 1, endColumn: 1),
                         children: inlines(text, options: options, references: references))
    let html = HTMLRenderer(options: options).render(paragraph)
    return String(html.dropFirst(3).dropLast(5))
}

@Suite struct EntityTests {
    /// Facts from the HTML standard's named character reference table.
    @Test(arguments: [
        ("&amp;", "&"), ("&copy;", "©"), ("&ngE;", "\u{2267}\u{0338}"), ("&CounterClockwiseContourIntegral;", "∳"),
        ("&Dcaron;", "Ď"), ("&HilbertSpace;", "ℋ"), ("&DifferentialD;", "ⅆ"), ("&ClockwiseContourIntegral;", "∲"),
        ("&nbsp;", "\u{A0}"), ("&fjlig;", "fj"),
    ])
    func namedReference(source: String, expected: String) {
        #expect(inlines(source).first?.kind == .text(expected))
    }

    @Test func tableHoldsEveryNameWithSemicolon() {
        // HTML5 defines 2,231 names, 2,125 of them ending in ';' (the rest are legacy forms without it).
        #expect(CharacterReferences.named.count == 2125)
        #expect(CharacterReferences.named["amp"] == Array("&".utf8))
        #expect(CharacterReferences.named.keys.allSatisfy { $0.utf8.count <= CharacterReferences.maximumNameLength })
    }

    @Test(arguments: [
        ("&#35;", "#"), ("&#x22;", "\""), ("&#X22;", "\""), ("&#0;", "\u{FFFD}"), ("&#x110000;", "\u{FFFD}"),
        ("&#xD800;", "\u{FFFD}"), ("&#1234567;", "\u{FFFD}"), ("&#12345678;", "&#12345678;"), ("&#x1234567;", "&#x1234567;"),
        ("&#;", "&#;"), ("&copy", "&copy"), ("&MadeUpEntity;", "&MadeUpEntity;"), ("&#87;", "W"),
    ])
    func numericAndInvalidReferences(source: String, expected: String) {
        let text = inlines(source).map { node -> String in if case .text(let t) = node.kind { t } else { "?" } }.joined()
        #expect(text == expected)
    }

    @Test func unescapeIsOnePass() {
        // `\&` is an escaped ampersand: what follows is not a character reference.
        #expect(CharacterReferences.unescape(#"\&ouml; &ouml; \* \a"#) == #"&ouml; ö * \a"#)
    }
}

@Suite struct LinkLabelTests {
    @Test(arguments: [("ẞ", "SS"), ("ẞ", "ss"), ("Straße", "STRASSE"), ("ﬃ", "FFI"), ("ΣΑΣ", "σας"),
                      ("Foo \n\t bar", "foo bar"), ("  ÀÉÎ  ", "àéî")])
    func labelsMatch(a: String, b: String) {
        #expect(LinkLabel.normalize(a) == LinkLabel.normalize(b))
    }

    @Test(arguments: [("foo", "fo o"), ("a", "á"), ("[a]", "a")])
    func labelsDiffer(a: String, b: String) {
        #expect(LinkLabel.normalize(a) != LinkLabel.normalize(b))
    }

    @Test func firstDefinitionWins() {
        let map = ReferenceMap()
        #expect(map.add(LinkReferenceDefinition(label: "Foo", destination: "/first")))
        #expect(!map.add(LinkReferenceDefinition(label: "FOO", destination: "/second")))
        #expect(map["foo"]?.destination == "/first")
        #expect(inlineHTML("[foo]", references: map) == #"<a href="/first">foo</a>"#)
    }

    @Test func expansionIsBudgeted() {
        // A 1,000-byte destination used 500 times would write 500 kB: the budget (here 100,000 bytes)
        // stops resolving after 100 uses, as cmark does.
        let map = ReferenceMap(documentLength: 10)
        map.add(LinkReferenceDefinition(label: "x", destination: String(repeating: "a", count: 1000)))
        let nodes = inlines(String(repeating: "[x] ", count: 500), references: map)
        let links = nodes.filter { if case .link = $0.kind { true } else { false } }
        #expect(links.count == 100)
    }
}

@Suite struct LinkReferenceDefinitionTests {
    @Test func readsDefinitionsAndStopsAtText() {
        let text = "[a]: /x\n[b]:\n  /y\n  'T'\ntext"
        let (definitions, consumed) = LinkReferenceDefinition.parse(Array(text.utf8))
        #expect(definitions == [LinkReferenceDefinition(label: "a", destination: "/x"),
                                LinkReferenceDefinition(label: "b", destination: "/y", title: "T")])
        #expect(consumed == text.utf8.count - 4)
    }

    @Test func titleFollowedByTextIsNotPartOfTheDefinition() {
        // The title line has more after it, so the definition ends after the destination (spec example 210's rule)...
        let (definitions, consumed) = LinkReferenceDefinition.parse(Array("[a]: /x\n\"t\" more".utf8))
        #expect(definitions == [LinkReferenceDefinition(label: "a", destination: "/x")])
        #expect(consumed == 8)
        // ...and text after the destination on its own line means no definition at all.
        #expect(LinkReferenceDefinition.parse(Array("[a]: /x \"t\" more".utf8)).definitions.isEmpty)
    }

    @Test func escapesAndEntitiesAreResolved() {
        let (definitions, _) = LinkReferenceDefinition.parse(Array(#"[é]: <a b\>c&amp;> "\"q\" &copy;""#.utf8))
        #expect(definitions == [LinkReferenceDefinition(label: "é", destination: "a b>c&", title: "\"q\" ©")])
    }

    @Test(arguments: ["[]: /x", "[ ]: /x", "[a] : /x", "[a]:", "[a]: <x", "[a]: /x 'unclosed"])
    func notADefinition(text: String) {
        #expect(LinkReferenceDefinition.parse(Array(text.utf8)).consumed == 0)
    }
}

@Suite struct SourceRangeTests {
    func range(_ node: Node) -> String { "\(node.range)" }

    @Test func inlineNodesKnowWhereTheyAre() {
        let nodes = inlines("Hi *there* `x`\n[é](/u) **b**")
        #expect(nodes.map(range) == ["1:1-1:4", "1:4-1:11", "1:11-1:12", "1:12-1:15", "1:15-2:1", "2:1-2:8", "2:8-2:9", "2:9-2:14"])
        let link = nodes[5]
        // Columns count Unicode scalars: `é` is one column.
        #expect(link.children.map(range) == ["2:2-2:3"])
        #expect(nodes[1].children.map(range) == ["1:5-1:10"])
    }

    @Test func emailAutolinksAfterDecodedTextMapBackToTheSource() {
        // The e-mail pass runs on merged text ("x & me@x.com"), whose offsets differ from the source's.
        let nodes = inlines("x &amp; me@x.com", options: .gfm)
        #expect(nodes.map(\.kind) == [.text("x & "), .link(.init(destination: "mailto:me@x.com", source: .extendedAutolink))])
        #expect(nodes.map(range) == ["1:1-1:9", "1:9-1:17"])
    }

    @Test func rangesFollowTheLinesOfTheSource() {
        // A leaf whose lines start at column 3 (inside a block quote, say).
        let text = "a *b\nc* d"
        let leaf = LeafText(bytes: Array(text.utf8), lines: [.init(offset: 0, location: .init(line: 4, column: 3)),
                                                            .init(offset: 5, location: .init(line: 5, column: 3))])
        let nodes = InlineParser(references: ReferenceMap(), options: .commonMark).parse(leaf)
        #expect(nodes.map(range) == ["4:3-4:5", "4:5-5:5", "5:5-5:7"])
    }
}

@Suite struct GFMInlineTests {
    @Test(arguments: [
        ("~~a~~ ~b~", "<del>a</del> <del>b</del>"),
        ("~~~a~~~", "~~~a~~~"),
        ("~a~~", "~a~~"),
        ("a ~ b ~", "a ~ b ~"),
        ("~~*a*~~", "<del><em>a</em></del>"),
    ])
    func strikethrough(source: String, expected: String) {
        #expect(inlineHTML(source, options: .gfm) == expected)
        #expect(inlineHTML("~~a~~", options: .commonMark) == "~~a~~")
    }

    @Test func footnoteReferencesNeedADefinition() {
        let map = ReferenceMap()
        map.addFootnote(label: "Note")
        let nodes = inlines("a[^note] b[^other]", options: .gfm, references: map)
        #expect(nodes.count == 3)
        #expect(nodes[1].kind == .footnoteReference(.init(label: "Note")))
        #expect(nodes[2].kind == .text(" b[^other]"))
        // Without the footnotes extension it is a shortcut reference link attempt, so text.
        #expect(inlines("a[^note]", options: .commonMark, references: map).first?.kind == .text("a[^note]"))
    }

    @Test(arguments: [
        ("see www.example.com/a?b=(c)).", #"see <a href="http://www.example.com/a?b=(c)">www.example.com/a?b=(c)</a>)."#),
        ("x http://a.b/c&amp;", #"x <a href="http://a.b/c">http://a.b/c</a>&amp;"#),
        ("[www.a.com](/u)", #"<a href="/u">www.a.com</a>"#),
        ("`www.a.com`", "<code>www.a.com</code>"),
        ("foo_bar@x.com", #"<a href="mailto:foo_bar@x.com">foo_bar@x.com</a>"#),
        ("*me@x.com*", #"<em><a href="mailto:me@x.com">me@x.com</a></em>"#),
        ("wwwx.com awww.a.com", "wwwx.com awww.a.com"),
    ])
    func extendedAutolinks(source: String, expected: String) {
        #expect(inlineHTML(source, options: .gfm) == expected)
    }
}

@Suite struct DeepInlineTests {
    // Outputs are compared as Bool so that a failure does not print half a megabyte.

    @Test func deeplyNestedEmphasisNeedsNoRecursion() {
        // 25,000 levels of <strong>, as in the "nested inlines" pathological case at twice its size.
        let n = 50_000
        let html = inlineHTML(String(repeating: "*", count: n) + "a" + String(repeating: "*", count: n))
        let expected = String(repeating: "<strong>", count: n / 2) + "a" + String(repeating: "</strong>", count: n / 2)
        let matches = html == expected
        #expect(matches)
    }

    @Test func deeplyNestedImagesNeedNoRecursion() {
        // The description of an image is plain text, so nested images leave only the innermost text.
        let n = 20_000
        let html = inlineHTML(String(repeating: "![", count: n) + "a" + String(repeating: "](u)", count: n))
        #expect(html == #"<img src="u" alt="a" />"#)
    }
}

/// Inputs that would take quadratic time if a scan in the GFM or site extensions restarted from each
/// candidate (`a@a@…` e-mail candidates, unclosed `$$`, `www.` prefixes, …). At 100,000 repetitions a
/// quadratic pass takes minutes; the linear one takes milliseconds. The output is checked too.
@Suite struct HostileExtensionInputTests {
    @Test(arguments: [
        ("a@", "a@"), ("a:", "a:"), ("$a ", "$a "), ("~a ", "~a "),
        ("<a b='", "&lt;a b='"), ("[^a]", "[^a]"),
    ])
    func repeatedUnitStaysText(unit: String, escaped: String) {
        let n = 100_000
        let html = HTMLRenderer(options: .site).render(Document(parsing: String(repeating: unit, count: n), options: .site))
        let expected = "<p>" + String(repeating: escaped, count: n).trimmingCharacters(in: .whitespaces) + "</p>\n"
        let matches = html == expected
        #expect(matches, "\(unit.debugDescription) × \(n): output starts \(html.prefix(80).debugDescription)")
    }

    @Test(arguments: [
        ("~a ", "b~~ "),  // every closer finds an opener of another length
        ("~~a ", "b~ "),
    ])
    func strikethroughWithMismatchedLengths(opening: String, closing: String) {
        let n = 50_000
        let text = String(repeating: opening, count: n) + String(repeating: "*b ", count: n) + String(repeating: closing, count: n)
        let html = HTMLRenderer(options: .gfm).render(Document(parsing: text, options: .gfm))
        let matches = html == "<p>" + text.trimmingCharacters(in: .whitespaces) + "</p>\n"
        #expect(matches)
    }

    @Test func unclosedDisplayMathIsScannedOnce() {
        let n = 100_000
        let text = "$$" + String(repeating: "a$ ", count: n)
        let html = HTMLRenderer(options: .site).render(Document(parsing: text, options: .site))
        let matches = html == "<p>" + text.trimmingCharacters(in: .whitespaces) + "</p>\n"
        #expect(matches)
    }

    @Test func manyWWWPrefixesAreLinkedInOnePass() {
        let n = 100_000
        let html = HTMLRenderer(options: .site).render(Document(parsing: String(repeating: "www.a( ", count: n), options: .site))
        #expect(html.components(separatedBy: "<a href=").count - 1 == n)
    }
}
