// Inline values that are names (`{{study.best.conv-init}}`): printed as written, never formatted, escaped as text.
import Experiments
import Markdown
import Testing
@testable import Site

@Suite struct InlineNameTests {
    let result = ExperimentResult(kind: "study", name: "s", figures: [], caption: "", tables: [], csv: "", runLabels: [""],
                                  values: ["best.lr": 0.0094],
                                  names: ["best.conv-init": .init("he-normal", choices: ["zeros", "he-normal"]),
                                          "best.odd": .init("<b>&amp;", choices: ["<b>&amp;"])])

    func reference(_ text: String) throws -> InlineReference { try #require(InlineReference.scan(text).references.first) }

    @Test func aNameReadsAsWrittenInProseAndInDirectives() throws {
        guard case .success(let prose, let plain) = InlineValues.value(try reference("{{s.best.conv-init}}"), in: result) else {
            Issue.record("no value"); return
        }
        #expect(prose == "he-normal" && plain == "he-normal")
    }

    @Test func aFormatOnANameIsAnError() throws {
        guard case .failure(let message, let hint, _) = InlineValues.value(try reference("{{s.best.conv-init | %1}}"), in: result) else {
            Issue.record("a format was accepted"); return
        }
        #expect(message == "'best.conv-init' is a name ('he-normal'), not a number: it takes no format, got '| %1'")
        #expect(hint == "write {{s.best.conv-init}}")
    }

    /// The value replaces a text node's text, which the renderer escapes like any prose.
    @Test func aNameIsEscapedInTheHTML() throws {
        let document = Document(parsing: "The best: {{s.best.odd}}.\n")
        var found = false
        document.root.walk { node, entering in
            guard entering, case .text(let text) = node.kind, text.contains("{{") else { return true }
            let scan = InlineReference.scan(text)
            if case .success(let prose, _) = InlineValues.value(scan.references[0], in: result) {
                node.kind = .text(InlineReference.substitute(in: text, scan.references) { _ in prose })
                found = true
            }
            return true
        }
        #expect(found)
        #expect(HTMLRenderer().render(document) == "<p>The best: &lt;b&gt;&amp;amp;.</p>\n")
    }
}
