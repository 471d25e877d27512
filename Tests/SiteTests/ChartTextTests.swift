// The charts of a Korean page speak Korean: the sentences Charts writes itself (the SVG's <title> and <desc>, notes,
// axis titles it chooses) come from the edition's table, and the experiments' chart words are translated. Latin words
// left in a Korean page's charts must come from the directive (run labels such as `he-normal`) or be mathematics.
import Charts
@testable import Experiments
import Foundation
import Testing
@testable import Site

@Suite struct ChartTextTests {
    /// One directive of each chart shape: a histogram with a density curve (weights), small multiples (activations),
    /// a line chart with a log axis and several series (depth).
    static let directives = [
        "```experiment weights\nname: w\ninit: he-normal\nfan-in: 64\nfan-out: 32\nseed: 3\n```\n",
        "```experiment activations\nname: a\ninit: normal(0.5), he-uniform\nactivation: tanh\nlayers: 3\nwidth: 8\nsamples: 16\nbins: 5\n```\n",
        "```experiment depth\nname: d\ninit: lecun-normal, orthogonal\nactivation: selu\nlayers: 4\nwidth: 8\nsamples: 16\n```\n",
    ]

    static func twoEditions() throws -> TestSite {
        let body = directives.joined(separator: "\n")
        return try TestSite([
            "site.yml": "title: T\neditions: en, ko\n",
            "index.md": "# Home\n\n" + body,
            "ko/index.md": "# 홈\n\n" + body,
        ])
    }

    /// The text of every `<title>`, `<desc>` and `<text>` inside the page's SVGs.
    static func chartTexts(_ html: String) -> [String] {
        html.matches(of: /<(title|desc|text)\b[^>]*>([^<]*)<\/(?:title|desc|text)>/).map { String($0.output.2) }
            .map { $0.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<") }
    }

    /// Latin words (two letters or more) in the page's charts that neither the directives nor mathematics explain.
    static func unexplainedLatinWords(_ html: String) -> [String] {
        let svgs = html.matches(of: /<svg[\s\S]*?<\/svg>/).map { String($0.output) }.joined()
        let fromDirectives = Set(directives.joined().matches(of: /[A-Za-z]+/).map { $0.output.lowercased() })
        let mathematics: Set<String> = ["nan", "ln"]
        var found: [String] = []
        for text in chartTexts(svgs) {
            for word in text.matches(of: /[A-Za-z]{2,}/).map({ String($0.output) })
            where !fromDirectives.contains(word.lowercased()) && !mathematics.contains(word.lowercased()) && !found.contains(word) {
                found.append(word)
            }
        }
        return found
    }

    @Test func aKoreanPageHasNoEnglishChartSentences() throws {
        let site = try Self.twoEditions()
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let korean = site.page("ko/index.html"), english = site.page("index.html")
        #expect(Self.unexplainedLatinWords(korean) == [])
        // The check finds English where there is some: the English page's charts.
        let englishWords = Self.unexplainedLatinWords(english)
        for word in ["Histograms", "standard", "deviation", "Not", "drawn", "Line", "chart", "against"] {
            #expect(englishWords.contains(word), "\(word) not found in \(englishWords)")
        }
    }

    @Test func aKoreanFigureDescribesItselfInKorean() throws {
        let site = try Self.twoEditions()
        defer { site.remove() }
        #expect(site.build().succeeded)
        let korean = site.page("ko/index.html")
        let descriptions = korean.matches(of: /<desc id="[^"]*">([^<]*)<\/desc>/).map { String($0.output.1) }
        // Desktop and phone drawings of three figures.
        #expect(descriptions.count == 6)
        // Each figure's description in the edition's words and word order, with its note on what was not drawn.
        #expect(descriptions.contains { $0.hasPrefix("가중치의 히스토그램을 행 1개 × 열 1개의 격자(가중치)로 보인다. he-normal: 표준편차 ")
            && $0.contains(" 그리지 못한 값: ") && $0.hasSuffix(" 밖의 값 1개.") })
        #expect(descriptions.contains { $0.hasPrefix("활성화 값의 히스토그램을 행 2개 × 열 3개의 격자(층 1~층 3)로 보인다. normal(0.5): 표준편차가 ")
            && $0.contains("까지 줄어든다.") })
        #expect(descriptions.contains { $0.hasPrefix("층에 따른 표준편차의 선 그래프(계열 2개). lecun-normal: 층 1일 때 ") })
        // The axis title a histogram chooses itself.
        #expect(korean.contains(">값의 비율</text>"))
        // The tables of numbers behind the figures: titles and column names in Korean, run labels as written.
        #expect(korean.contains("<th scope=\"col\">초기화 방법</th>") && korean.contains("<th scope=\"col\">실행</th>"))
        #expect(korean.contains("<caption>층별 활성화 값 통계</caption>"))
        #expect(!korean.contains("<th scope=\"col\">run</th>"))
        #expect(!korean.contains("share of values"))
    }

    @Test func everyStringOfTheKoreanTableIsKorean() {
        // A table is a struct, so a missing string does not compile; what remains is a string copied in English.
        // Mathematics and notation are the same in every language.
        let sameInEveryLanguage: Set<String> = ["= 0", "≤ 0"]
        func strings(_ value: Any, path: String) -> [(String, String)] {
            if let s = value as? String { return [(path, s)] }
            if let list = value as? [String] { return list.enumerated().map { ("\(path)[\($0)]", $1) } }
            guard value is InterfaceText || value is ChartText else { return [] }
            return Mirror(reflecting: value).children.flatMap { strings($0.value, path: path + "." + ($0.label ?? "?")) }
        }
        let all = strings(InterfaceText.korean, path: "korean")
        #expect(all.count > 40)
        for (path, s) in all where !sameInEveryLanguage.contains(s) {
            #expect(s.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(path) = '\(s)' has no Hangul")
        }
        // And the test can fail: the English table has none.
        #expect(strings(InterfaceText.english, path: "english").allSatisfy { !$0.1.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } })
    }

    @Test func aChartWordWithoutATranslationIsAnErrorAtItsDirective() throws {
        // A heatmap's chart words come from the experiment; the Korean table has a phrase for "layer N" but not
        // for a word it has never seen, so a chart with one is an error in the Korean edition only.
        let figure = try #require(Self.heatmapFigure(title: "A title nobody translated"))
        let (_, missing) = figure.localized(InterfaceText.korean.chartWords.translation)
        #expect(missing == ["A title nobody translated"])
        let (_, none) = figure.localized(InterfaceText.english.chartWords.translation)
        #expect(none == [])
    }

    /// Every kind's charts and tables (the engine's canaries: a tiny run of each kind) have their words in the Korean
    /// table, so a kind that gains a chart word or a table column fails here before it fails a Korean page.
    @Test func everyKindsChartWordsHaveKoreanText() throws {
        for text in EngineFingerprint.canaries {
            let (directive, diagnostics) = ExperimentDirective.parse(description: text, path: "canary")
            let parsed = try #require(directive, "\(diagnostics)")
            let result = try parsed.bound.run(RunContext(directive: parsed, sourceRoot: URL(fileURLWithPath: "/"),
                                                         trainingData: EngineFingerprint.syntheticImages(),
                                                         files: EngineFingerprint.files))
            #expect(ExperimentExpansion.localized(result, InterfaceText.korean.chartWords).missing == [], "\(parsed.kind)")
        }
    }

    /// A heatmap figure as an experiment stores it.
    static func heatmapFigure(title: String) -> Experiments.FigureData? {
        let chart = Heatmap(title: title, rows: ["he-normal"], columns: ["layer 1"], values: [[0.5]], value: Axis("accuracy"))
        return Experiments.FigureData(chart)
    }
}
