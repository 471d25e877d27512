// The whole pipeline (blocks, inlines, HTML) against the reference examples, byte for byte: every example of
// the CommonMark 0.31.2 spec in `.commonMark` mode, and every GFM extension example in `.gfm` mode (their
// output is what cmark-gfm 0.29.0.gfm.13 writes, which passes them all). One test case per example, named by
// its number, plus a summary that lists every failing example with its section.
import Foundation
import Testing
@testable import Markdown

func html(_ markdown: String, _ options: MarkdownOptions) -> String {
    HTMLRenderer(options: options).render(Document(parsing: markdown, options: options))
}

@Suite struct CommonMarkSpecTests {
    @Test("CommonMark 0.31.2 example", arguments: SpecFixtures.commonMark)
    func example(_ example: SpecExample) {
        #expect(html(example.markdown, .commonMark) == example.html,
                "example \(example.example) (\(example.section))\n\(example.markdown)")
    }

    @Test func allExamplesPass() {
        #expect(SpecFixtures.commonMark.count == 652)
        let failing = SpecFixtures.commonMark.filter { html($0.markdown, .commonMark) != $0.html }
        #expect(failing.isEmpty, "\(failing.count) of 652 fail: \(failing.map { "\($0.example) (\($0.section))" }.joined(separator: ", "))")
    }
}

@Suite struct GFMExtensionTests {
    @Test("GFM extension example", arguments: SpecFixtures.gfm)
    func example(_ example: SpecExample) {
        let output = html(example.markdown, .gfm)
        // Example 20 of extensions.txt expects `<IGNORE>`: any output passes if the parser does not fail.
        guard example.html != "<IGNORE>\n" else { return }
        #expect(output == expectedFromCmarkGFM(example),
                "\(example.extension ?? "") example \(example.example) (\(example.section))\n\(example.markdown)")
    }

    @Test func allExamplesPass() {
        #expect(SpecFixtures.gfm.count == 54)
        let failing = SpecFixtures.gfm.filter {
            $0.html != "<IGNORE>\n" && html($0.markdown, .gfm) != expectedFromCmarkGFM($0)
        }
        #expect(failing.isEmpty, "\(failing.count) of 54 fail: \(failing.map { "\($0.example) (\($0.section))" }.joined(separator: ", "))")
    }

    /// The GFM spec's two task list examples (279, 280) are written `<input disabled="" type="checkbox">`;
    /// cmark-gfm writes the same attributes as `<input type="checkbox" disabled="" />` (see Fixtures/gfm/README.md),
    /// and the strict mode writes what cmark-gfm writes.
    func expectedFromCmarkGFM(_ example: SpecExample) -> String {
        guard example.extension == "tasklist", example.example > 100 /* numbered as in the GFM spec */ else { return example.html }
        return example.html
            .replacingOccurrences(of: #"<input checked="" disabled="" type="checkbox">"#, with: #"<input type="checkbox" checked="" disabled="" />"#)
            .replacingOccurrences(of: #"<input disabled="" type="checkbox">"#, with: #"<input type="checkbox" disabled="" />"#)
    }
}
