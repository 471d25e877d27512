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
    ] as [(String, String, String?)])
    func mistakes(text: String, message: String, hint: String?) {
        let (configuration, diagnostics) = SiteConfiguration.parse(text, path: "s.yml")
        #expect(configuration == nil)
        #expect(diagnostics.map(\.description) == [message])
        #expect(diagnostics.first?.hint == hint)
    }
}
