// Editions: a site in several languages from one source folder. The first edition is at the root, each other one
// in a folder named by its language; every page links to its counterparts, the interface text is the edition's,
// a page missing in one edition is a warning, and a language without interface text is an error.
import Foundation
import Testing
@testable import Site

@Suite struct EditionTests {
    static let twoEditions: [String: String] = [
        "site.yml": "title: Weights\neditions: en, ko\n",
        "ko/site.yml": "title: 가중치\n",
        "index.md": "# Home\n\nSee [the chapter](01-a.md) and [](01-a.md#the-part).\n",
        "01-a.md": "# A chapter\n\n## The part\n\n## More\n\nText.\n",
        "02-b.md": "# Only in English\n\nText.\n",
        "ko/index.md": "# 홈\n\n[장](01-a.md)과 [](01-a.md#기울기-소실)을 보라.\n",
        "ko/01-a.md": "# 한 장\n\n## 기울기 소실\n\n## 더 보기\n\n본문.\n",
    ]

    @Test func eachEditionHasItsPagesNavigationAndText() throws {
        let site = try TestSite(Self.twoEditions)
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        #expect(site.outputFiles().keys.sorted() == [
            ".build-docs", "01-a.html", "02-b.html", "index.html", "ko/01-a.html", "ko/index.html", "ko/print.html", "print.html",
            "style.css",
        ])
        let korean = site.page("ko/01-a.html")
        #expect(korean.contains("<html lang=\"ko\">"))
        #expect(korean.contains("<title>한 장 · 가중치</title>"))
        #expect(korean.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        // The navigation lists the edition's own pages only, with its words.
        #expect(korean.contains("aria-label=\"차례\""))
        #expect(korean.contains("<a href=\"index.html\">홈</a>"))
        #expect(!korean.contains("Only in English"))
        #expect(korean.contains("<h2 class=\"toc-title\">이 페이지의 내용</h2>"))
        // A Korean heading keeps its Hangul id, and an empty link to it reads the heading.
        #expect(korean.contains("id=\"기울기-소실\""))
        #expect(site.page("ko/index.html").contains("<a href=\"01-a.html#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4\">기울기 소실</a>"))
        let english = site.page("01-a.html")
        #expect(english.contains("<h2 class=\"toc-title\">On this page</h2>"))
        #expect(english.contains("Only in English"))
    }

    @Test func pagesLinkToTheirCounterparts() throws {
        let site = try TestSite(Self.twoEditions)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let english = site.page("01-a.html")
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"01-a.html\">"))
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"ko\" href=\"ko/01-a.html\">"))
        #expect(english.contains("<a href=\"ko/01-a.html\" hreflang=\"ko\" lang=\"ko\">한국어</a>"))
        #expect(english.contains("<a href=\"01-a.html\" lang=\"en\" aria-current=\"page\">English</a>"))
        let korean = site.page("ko/01-a.html")
        #expect(korean.contains("<a href=\"../01-a.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        // No counterpart: no switcher at all rather than a broken link.
        let only = site.page("02-b.html")
        #expect(!only.contains("hreflang"))
        #expect(!only.contains("class=\"editions\""))
    }

    @Test func aMissingCounterpartIsAWarning() throws {
        let site = try TestSite(Self.twoEditions)
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        let warnings = report.diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasSuffix("02-b.md:1:1: warning: page has no 'ko' edition: \(site.source.path)/ko/02-b.md does not exist") == true)
    }

    @Test func figuresAndEquationsAreNamedInTheEditionsLanguage() throws {
        var files = Self.twoEditions
        files["ko/01-a.md"] = """
            # 한 장

            ## 기울기 소실

            $$
            \\begin{equation}\\label{eq:var}
            \\operatorname{Var}(w) = \\frac{2}{n}
            \\end{equation}
            $$

            [](#eq:var)을 보라.

            ```experiment weights
            name: w
            caption: 가중치.
            init: he-normal
            fan-in: 10
            fan-out: 10
            ```

            [](#fig-w)을 보라.

            """
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let korean = site.page("ko/01-a.html")
        #expect(korean.contains(">식 1</a>을 보라."))
        #expect(korean.contains(">그림 1</a>을 보라."))
        #expect(korean.contains("<span class=\"figure-number\">그림 1.</span>"))
        #expect(korean.contains("<summary>그림의 바탕이 된 수치</summary>"))
        #expect(korean.contains("<summary>실험 매개변수</summary>"))
    }

    @Test func aLanguageWithoutInterfaceTextIsAnError() throws {
        let site = try TestSite(["site.yml": "title: T\neditions: en, xx\n", "index.md": "# Home\n"])
        defer { site.remove() }
        let report = site.build()
        #expect(!report.succeeded)
        #expect(report.diagnostics.map(\.description) == [
            "\(site.source.path)/site.yml:2:1: error: no interface text for the language 'xx' (the generator has: en, ko)",
        ])
    }

    @Test func editionsAreChecked() throws {
        for (yml, message) in [
            ("title: T\neditions: en, en\n", "edition 'en' is listed twice"),
            ("title: T\neditions: en, k_o\n", "'k_o' is not a language tag (such as en, ko or pt-BR)"),
            ("title: T\nlanguage: ko\neditions: en, ko\n", "'language: ko' differs from the first edition 'en'; the first edition is the site's language"),
        ] {
            let site = try TestSite(["site.yml": yml, "index.md": "# Home\n"])
            defer { site.remove() }
            let report = site.build()
            #expect(report.diagnostics.map(\.message) == [message], "\(yml)")
        }
        let site = try TestSite(["site.yml": "title: T\neditions: en, ko\n", "ko/site.yml": "title: 티\nmath-font: x.otf\n",
                                 "index.md": "# Home\n", "ko/index.md": "# 홈\n"])
        defer { site.remove() }
        #expect(site.build().diagnostics.map(\.message) == [
            "unknown key 'math-font' in an edition's configuration (known keys: title, description, author, footer, parts)",
        ])
    }

    @Test func chapterNumbersAreOptIn() throws {
        let files = ["index.md": "# Home\n", "01-a.md": "# A\n", "02-b.md": "# B\n"]
        var numbered = files
        numbered["site.yml"] = "title: T\nchapter-numbers: true\n"
        let site = try TestSite(numbered)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let page = site.page("index.html")
        #expect(page.contains("<a href=\"index.html\" aria-current=\"page\">Home</a>"))
        #expect(page.contains("<a href=\"02-b.html\"><span class=\"chapter-number\">2</span> B</a>"))
        let plain = try TestSite(files)
        defer { plain.remove() }
        #expect(plain.build().succeeded)
        #expect(plain.page("index.html").contains("<a href=\"02-b.html\">B</a>"))
    }

    /// A translated page repeats its counterpart's directive with a translated caption: the build runs it once, both
    /// editions quote the same numbers, and names and inline values resolve within each edition.
    @Test func experimentsAreSharedBetweenEditions() throws {
        let directive = { (caption: String) in
            "```experiment weights\nname: w\ncaption: \(caption)\ninit: he-normal\nfan-in: 64\nfan-out: 32\nseed: 3\n```\n"
        }
        let site = try TestSite([
            "site.yml": "title: T\neditions: en, ko\n",
            "index.md": "# Home\n\n" + directive("Weights.") + "\nVariance {{w.weights.variance | 4}}.\n",
            "ko/index.md": "# 홈\n\n" + directive("가중치.") + "\n분산 {{w.weights.variance | 4}}.\n",
        ])
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        #expect(report.experimentsRun == 1)
        #expect(report.experimentsShared == 1)
        #expect(report.summary.hasSuffix(": 1 experiment run, 0 reused, 1 shared between editions"))
        let english = site.page("index.html"), korean = site.page("ko/index.html")
        let number = try #require(english.firstMatch(of: /Variance ([0-9.]+)\./)?.output.1)
        #expect(korean.contains("분산 \(number)."))
        #expect(english.contains("Weights.") && !english.contains("가중치."))
        #expect(korean.contains("가중치.") && !korean.contains("Weights."))
        // From the cache: the English run is read back, the Korean one shares it.
        let warm = site.build()
        #expect(warm.experimentsRun == 0 && warm.experimentsReused == 1 && warm.experimentsShared == 1)
    }

    @Test func namesAreUniquePerEdition() throws {
        let site = try TestSite([
            "site.yml": "title: T\neditions: en, ko\n",
            "index.md": "# Home\n\n```experiment weights\nname: w\ninit: he-normal\nfan-in: 8\nfan-out: 8\n```\n",
            "ko/index.md": "# 홈\n\n```experiment weights\nname: w\ninit: he-normal\nfan-in: 8\nfan-out: 8\n```\n\n{{v.weights.variance}}\n",
        ])
        defer { site.remove() }
        let report = site.build(cache: false)
        // The same name in two editions is fine; an unknown name in the Korean edition is not looked up in English.
        #expect(report.diagnostics.map(\.message) == ["unknown experiment 'v' in inline value"])
    }

    /// The generator's words in charts and alerts are the edition's: a Korean page draws the same numbers with Korean
    /// titles and axis words (run labels stay), and GitHub's alert titles are translated.
    @Test func chartWordsAndAlertTitlesAreTranslated() throws {
        let site = try TestSite([
            "site.yml": "title: T\neditions: en, ko\n",
            "index.md": "# Home\n\n> [!NOTE]\n> A note.\n\n```experiment weights\nname: w\ninit: he-normal\nfan-in: 64\nfan-out: 32\n```\n",
            "ko/index.md": "# 홈\n\n> [!NOTE]\n> 참고할 점.\n\n```experiment weights\nname: w\ninit: he-normal\nfan-in: 64\nfan-out: 32\n```\n",
        ])
        defer { site.remove() }
        #expect(site.build().succeeded)
        let korean = site.page("ko/index.html"), english = site.page("index.html")
        #expect(korean.contains("표본 가중치, 팬인 64, 팬아웃 32"))
        #expect(korean.contains(">가중치</text>"))
        #expect(korean.contains(">he-normal</text>"))
        #expect(!korean.contains("Sampled weights"))
        #expect(english.contains("Sampled weights, fan-in 64, fan-out 32"))
        #expect(korean.contains("<p class=\"markdown-alert-title\">참고</p>"))
        #expect(english.contains("<p class=\"markdown-alert-title\">Note</p>"))
    }

    @Test func koreanChartWordsIncludePhrasesWithNumbers() {
        let korean = InterfaceText.korean.chartWords
        #expect(korean.translation("layer 12") == "층 12")
        #expect(korean.translation("±1 std over 3 seeds") == "시드 3개의 ±1 표준편차")
        #expect(korean.translation("Activations per layer (10 of 30 layers)") == "층별 활성화 값 (층 30개 중 10개)")
        #expect(korean.translation("Sampled weights, fan-in 784, fan-out 10") == "표본 가중치, 팬인 784, 팬아웃 10")
        #expect(korean.translation("zeros, layer 2") == "zeros, 층 2")
        #expect(korean.translation("mean over 3 seeds") == "시드 3개의 평균")
        #expect(korean.translation("layer x") == nil)
        #expect(korean.translation("layer 1 ") == nil)
        #expect(korean.translation("Untranslated title (10 of 30 layers)") == nil)
        #expect(korean.translation("An untranslated title") == nil)
        #expect(InterfaceText.english.chartWords.translation("An untranslated title") == "An untranslated title")
        #expect(korean.translation("{n}, layer 2") == "{n}, 층 2")
    }

    /// An author's label in a phrase ("{label}, layer {n}") is matched without trying every length of every
    /// placeholder: the work grows with the label's length, not with its square.
    @Test func longLabelsAreMatchedInLinearTime() {
        let korean = InterfaceText.korean.chartWords
        func label(_ n: Int) -> String { String(repeating: "at 1 = 2, layer (3 of 4 layers) ", count: n / 32) }
        #expect(korean.translation(label(64) + ", layer 7") == label(64) + ", 층 7")
        func best(_ n: Int) -> Double {
            let texts = [label(n) + ", layer 7", label(n) + ", layer x", "at " + label(n) + " = 1", label(n) + " (1 of 2 layers)",
                         "layer " + String(repeating: "1,", count: n / 2) + "x", "Functions over " + label(n) + " from 1 to 2 (3 samples"]
            return fastestCPUTime { for text in texts { _ = korean.translation(text) } }
        }
        _ = best(500)
        let ratio = best(8_000) / best(2_000)  // was 17 (5.3 s at 8,000 characters)
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }
}
