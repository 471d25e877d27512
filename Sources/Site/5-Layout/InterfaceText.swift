// The words the generator itself writes on a page (navigation, figure and equation labels, the parts of a figure),
// one table per language. A table is a value of one struct, so a language that lacks a string does not compile;
// an edition in a language without a table is an error in site.yml.

/// The interface text of one language.
struct InterfaceText: Sendable, Equatable {
    /// The language's name in itself, for the language switcher: "English", "한국어".
    let languageName: String
    let skipToContent: String
    let chapters: String
    let onThisPage: String
    let previous: String
    let next: String
    let previousAndNext: String
    let languages: String
    /// Before a section's name, for the `#` link beside its heading.
    let linkToSection: String
    /// Names of the regions that scroll sideways (read by screen readers when they take focus).
    let code: String
    let table: String
    let formula: String
    let experimentParametersLabel: String
    /// What a derivation is called in those names.
    let derivationName: String
    let numbersBehindFigure: String
    let numbers: String
    let downloadCSV: String
    let experimentParameters: String
    /// Before the command that reruns an experiment.
    let tryIt: String
    /// The title of the page with every chapter, and the link to it.
    let wholeCourse: String
    let printWholeCourse: String
    /// GitHub's alert titles: Note, Tip, Important, Warning, Caution.
    let alertTitles: [String]
    /// What an empty link to a derivation reads.
    let derivation: String
    let builtWith: String
    /// A figure's and an equation's label, by number ("3" or, numbered by chapter, "3.2").
    let figure: @Sendable (String) -> String
    let equation: @Sendable (String) -> String
    /// A chapter by its number, and a label of another page qualified by its chapter (or the page's title), so a
    /// link from elsewhere reads "Figure 2 in Chapter 3", not a "Figure 2" that clashes with this page's own.
    let chapter: @Sendable (Int) -> String
    let inPage: @Sendable (_ label: String, _ page: String) -> String

    static func == (a: InterfaceText, b: InterfaceText) -> Bool { a.languageName == b.languageName }

    static let english = InterfaceText(
        languageName: "English",
        skipToContent: "Skip to content",
        chapters: "Chapters",
        onThisPage: "On this page",
        previous: "Previous",
        next: "Next",
        previousAndNext: "Previous and next page",
        languages: "Language",
        linkToSection: "Link to section:",
        code: "Code",
        table: "Table",
        formula: "Formula",
        experimentParametersLabel: "experiment parameters",
        derivationName: "Derivation",
        numbersBehindFigure: "The numbers behind the figure",
        numbers: "The numbers",
        downloadCSV: "Download all values (CSV)",
        experimentParameters: "Experiment parameters",
        tryIt: "Run it yourself, from the repository's folder:",
        wholeCourse: "the whole course",
        printWholeCourse: "The whole course on one page, for printing",
        alertTitles: ["Note", "Tip", "Important", "Warning", "Caution"],
        derivation: "the derivation",
        builtWith: "Built with build-docs: every figure and number was computed from the experiment shown with it.",
        figure: { "Figure \($0)" },
        equation: { "Equation \($0)" },
        chapter: { "Chapter \($0)" },
        inPage: { "\($0) in \($1)" })

    static let korean = InterfaceText(
        languageName: "한국어",
        skipToContent: "본문으로 건너뛰기",
        chapters: "차례",
        onThisPage: "이 페이지의 내용",
        previous: "이전",
        next: "다음",
        previousAndNext: "이전 페이지와 다음 페이지",
        languages: "언어",
        linkToSection: "이 절로 가는 링크:",
        code: "코드",
        table: "표",
        formula: "수식",
        experimentParametersLabel: "실험 매개변수",
        derivationName: "유도 과정",
        numbersBehindFigure: "그림의 바탕이 된 수치",
        numbers: "수치",
        downloadCSV: "모든 값 내려받기 (CSV)",
        experimentParameters: "실험 매개변수",
        tryIt: "저장소 폴더에서 직접 실행해 보기:",
        wholeCourse: "전체 과정",
        printWholeCourse: "인쇄용: 전체 과정을 한 페이지로",
        alertTitles: ["참고", "팁", "중요", "경고", "주의"],
        derivation: "유도 과정",
        builtWith: "build-docs로 만들었습니다. 모든 그림과 수치는 함께 실린 실험에서 계산한 것입니다.",
        figure: { "그림 \($0)" },
        equation: { "식 \($0)" },
        chapter: { "\($0)장" },
        inPage: { "\($1)의 \($0)" })

    /// The tables, by primary language subtag (`ko` for `ko-KR`).
    static let tables: [String: InterfaceText] = ["en": english, "ko": korean]

    /// The table for a BCP 47 tag, or nil when the language has none.
    static func table(for language: String) -> InterfaceText? {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return tables[primary]
    }
}
