// site.yml: the keys, quoting, and every kind of mistake with its exact diagnostic.
import Diagnostics
import Testing
@testable import Site

@Suite struct SiteConfigurationTests {
    @Test func readsEveryKey() {
        let text = """
        # The course
        title: "Weight initialization, by experiment"
        description: Every figure computed at build time   # a comment
        author: 'Kim O''Neil'
        language: ko
        footer: "Licensed CC BY 4.0"
        math-font: fonts/latinmodern-math.otf
        """
        let (configuration, diagnostics) = SiteConfiguration.parse(text, path: "docs-src/site.yml")
        #expect(diagnostics.isEmpty)
        #expect(configuration == SiteConfiguration(
            title: "Weight initialization, by experiment", description: "Every figure computed at build time",
            author: "Kim O'Neil", language: "ko", footer: "Licensed CC BY 4.0", mathFont: "fonts/latinmodern-math.otf",
            editions: ["ko"]))
    }

    @Test func editionsListTheLanguagesSiteFirst() {
        let (configuration, diagnostics) = SiteConfiguration.parse("title: T\neditions: en, ko # two\n", path: "s.yml")
        #expect(diagnostics.isEmpty)
        #expect(configuration?.editions == ["en", "ko"])
        #expect(configuration?.language == "en")
    }

    @Test func languageDefaultsToEnglish() {
        let (configuration, _) = SiteConfiguration.parse("title: T\r\n", path: "s.yml")
        #expect(configuration?.language == "en")
        #expect(configuration?.title == "T")
    }

    @Test(arguments: [
        ("titel: A course\n", "s.yml:1:1: error: unknown key 'titel' in site configuration (known keys: title, description, author, language, footer, math-font, editions, chapter-numbers, strict-figures, math-macros, numbering, stylesheet, parts)", "did you mean 'title'?"),
        ("title: A\nauthor \"x\"\n", "s.yml:2:1: error: expected 'key: value'", nil),
        ("title: \"A course\n", "s.yml:1:8: error: unterminated quoted string", nil),
        ("title: \"A\" course\n", "s.yml:1:8: error: unexpected text after the closing quote", nil),
        ("author: me\n", "s.yml: error: site configuration needs a 'title'", nil),
        ("title: A\ntitle: B\n", "s.yml:2:1: error: duplicate key 'title'", nil),
        // A form feed does not end a line (the fuzzer found a value error counted two lines too far).
        ("title: A\u{0C}B\u{2028}C\nstrict-figures: maybe\n", "s.yml:2:1: error: 'strict-figures' is true or false, not 'maybe'", nil),
    ] as [(String, String, String?)])
    func mistakes(text: String, message: String, hint: String?) {
        let (configuration, diagnostics) = SiteConfiguration.parse(text, path: "s.yml")
        #expect(configuration == nil)
        #expect(diagnostics.map(\.description) == [message])
        #expect(diagnostics.first?.hint == hint)
    }

    @Test func readsTheAuthoringKeys() {
        let text = """
        title: T
        chapter-numbers: true
        numbering: chapter
        stylesheet: css/custom.css
        math-macros: |
          \\newcommand{\\Var}{\\operatorname{Var}}
            \\def\\E#1{\\mathbb{E}[#1]}

          % the end
        parts:
          # a comment
          Part I: Basics: 01-a, 02-b.md
          'Part II': 03-c
        footer: F
        """
        let (configuration, diagnostics) = SiteConfiguration.parse(text, path: "s.yml")
        #expect(diagnostics.isEmpty)
        #expect(configuration?.numbering == .chapter)
        #expect(configuration?.stylesheet == "css/custom.css")
        #expect(configuration?.footer == "F")
        // The block's text keeps its lines and its deeper indentation, so its positions are site.yml's.
        let macros = configuration?.mathMacros
        #expect(macros == SiteConfiguration.MathMacros(text: "\\newcommand{\\Var}{\\operatorname{Var}}\n  \\def\\E#1{\\mathbb{E}[#1]}\n\n% the end",
                                                        isFile: false, line: 6, column: 3, indent: 2))
        #expect(macros.map { $0.position(line: 2, column: 3) } ?? (0, 0) == (7, 5))
        #expect(configuration?.parts == [
            SiteConfiguration.Part(title: "Part I: Basics", pages: ["01-a", "02-b"], path: "s.yml", line: 12, column: 3),
            SiteConfiguration.Part(title: "Part II", pages: ["03-c"], path: "s.yml", line: 13, column: 3),
        ])
    }

    @Test func mathMacrosOnTheLineOrInAFile() {
        let (inline, _) = SiteConfiguration.parse("title: T\nmath-macros:  \\newcommand{\\R}{\\mathbb{R}}\n", path: "s.yml")
        #expect(inline?.mathMacros == SiteConfiguration.MathMacros(text: "\\newcommand{\\R}{\\mathbb{R}}", isFile: false, line: 2, column: 15, indent: 0))
        let (file, _) = SiteConfiguration.parse("title: T\nmath-macros: tex/macros.tex # shared\n", path: "s.yml")
        #expect(file?.mathMacros == SiteConfiguration.MathMacros(text: "tex/macros.tex", isFile: true, line: 2, column: 14, indent: 0))
        let (none, _) = SiteConfiguration.parse("title: T\n", path: "s.yml")
        #expect(none?.mathMacros == nil && none?.numbering == .page && none?.parts == [] && none?.stylesheet == nil)
    }
}
