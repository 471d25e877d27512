import Testing
@testable import Diagnostics

@Suite struct DiagnosticsTests {
    @Test func compilerStyle() {
        let d = Diagnostic.error("unknown key 'activaton'", path: "docs-src/a.md", line: 3, column: 1, hint: "did you mean 'activation'?")
        let source = "# Title\n\n\tactivaton: tanh\nnext\n"
        #expect(DiagnosticFormatter.format(d, source: source) == """
            docs-src/a.md:3:1: error: unknown key 'activaton'
                 activaton: tanh
                ^
            note: did you mean 'activation'?
            """)
    }

    @Test func lineLookup() {
        #expect(DiagnosticFormatter.line(1, of: "a\nb") == "a")
        #expect(DiagnosticFormatter.line(2, of: "a\r\nb") == "b")
        #expect(DiagnosticFormatter.line(3, of: "a\nb") == nil)
        #expect(DiagnosticFormatter.line(0, of: "a") == nil)
    }

    @Test func shiftedIntoFile() {
        let inner = Diagnostic.error("x", path: "p", line: 1, column: 4)
        #expect(inner.shifted(toFragmentAt: SourceLocation(line: 10, column: 3)).location == SourceLocation(line: 10, column: 6))
        let second = Diagnostic.error("x", path: "p", line: 2, column: 4)
        #expect(second.shifted(toFragmentAt: SourceLocation(line: 10, column: 3)).location == SourceLocation(line: 11, column: 4))
    }

    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("ab", "ba", 1), ("activaton", "activation", 1), ("가나다", "가다", 1),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Suggestion.editDistance(a, b) == expected)
        #expect(Suggestion.editDistance(b, a) == expected)
    }

    @Test func suggestions() {
        let keys = ["activation", "init", "layers", "width", "samples", "seed", "bins", "range"]
        #expect(Suggestion.closest(to: "activaton", among: keys) == "activation")
        #expect(Suggestion.closest(to: "layer", among: keys) == "layers")
        #expect(Suggestion.closest(to: "colour", among: keys) == nil)
        #expect(Suggestion.hint(for: "sed", among: keys) == "did you mean 'seed'?")
    }
}
