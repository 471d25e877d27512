// The words the generator writes on a page, one table per language: the interface (navigation, figure and equation
// labels, the parts of a figure), the sentences the charts write themselves (their descriptions, notes and the axis
// titles they choose: `Charts.ChartText`), and the translation of the words the experiments put in their charts
// (titles, axis titles, panel labels). A table is a value of one struct, so a language that lacks an interface or chart
// sentence does not compile; an experiment's chart word without a translation is an error at the directive that
// draws it; an edition in a language without a table is an error in site.yml.

import Charts

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
    /// The sentences and words the charts write themselves.
    let chart: ChartText
    /// The words the experiments write into their charts, in this language.
    let chartWords: ChartWords
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
        chart: .english,
        chartWords: .asWritten,
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
        builtWith: "build-docs로 만들었다. 모든 그림과 수치는 함께 실린 실험에서 계산한 것이다.",
        figure: { "그림 \($0)" },
        equation: { "식 \($0)" },
        chart: ChartText(
            counted: { n, noun in
                let word = switch noun {
                case .value: "값"
                case .category: "범주"
                case .series: "계열"
                case .bin: "구간"
                case .row: "행"
                case .column: "열"
                case .cell: "칸"
                case .nan: "NaN"
                case .plusInfinity: "+∞"
                case .minusInfinity: "−∞"
                }
                return "\(word) \(n)개"
            },
            lineChart: "선 그래프", barChart: "막대 그래프", heatmap: "히트맵", histogram: "히스토그램", histograms: "히스토그램 격자",
            noData: "데이터 없음",
            values: "값", row: "행", column: "열", rowNumber: { "\($0)행" },
            count: "개수", shareOfValues: "값의 비율", density: "밀도",
            zeroBand: "= 0", nonPositiveBand: "≤ 0",
            notDrawn: { "그리지 못한 값: " + $0.joined(separator: ", ") },
            nonPositiveOnLogAxis: { "로그 축에 놓을 수 없는 0 이하 값 \($0)개" },
            nonPositiveOnLogScale: { "로그 색 척도에 놓을 수 없는 0 이하 값 \($0)개" },
            outsideRange: { "\($1)…\($2) 밖의 값 \($0)개" },
            outsideBins: { "구간 밖의 값 \($0)개" },
            noValue: "값 없음",
            emptyCells: { "\($0): 칸 \($1)개" },
            coincide: { $0.joined(separator: " / ") + " (겹침)" },
            lineChartSummary: { y, x, n in "\(x)에 따른 \(y)의 선 그래프" + (n.map { "(계열 \($0)개)" } ?? "") + "." },
            seriesNoData: { "\($0): 데이터 없음." },
            seriesAllZero: { "\($0): 모든 점에서 정확히 0." },
            seriesPoint: { "\($0): \($2) \($3)일 때 \($1)." },
            seriesRun: { label, y0, xName, x0, y1, x1, range in
                let extremes = range.map { " (범위 \($0.low)~\($0.high))" } ?? ""
                return "\(label): \(xName) \(x0)일 때 \(y0), \(x1)일 때 \(y1)\(extremes)."
            },
            seriesZeros: { "값 \($1)개 중 \($0)개는 정확히 0." },
            referenceLine: { "점선: \($0) (\($1))." },
            barChartSummary: { q, c, n in "범주 \(c)개에 대한 \(q)의 막대 그래프" + (n.map { "(계열 \($0)개)" } ?? "") + "." },
            allBarsEqual: { "모든 막대의 값이 같다: \($0)." },
            highestAndLowest: { "최고 \($0)(\($1)), 최저 \($2)(\($3))." },
            heatmapSummary: { "\($2) \($1)개 × \($4) \($3)개 격자의 \($0) 히트맵." },
            allCellsEqual: { value, _ in "모든 칸의 값이 같다: \(value)." },
            noCellHasAValue: "값이 있는 칸이 없다.",
            emptyHistogramSummary: { subject in (subject.map { "\($0)의 " } ?? "") + "히스토그램: 그릴 수 있는 유한한 값이 없다." },
            histogramSummary: { subject, n, bins, from, to, moments in
                let of = subject.map { "\($0)의 " } ?? ""
                let spread = moments.map { ", 평균 \($0.mean), 표준편차 \($0.deviation)" } ?? ""
                return "\(of)히스토그램: 값 \(n)개, \(from)부터 \(to)까지 구간 \(bins)개\(spread)."
            },
            fullestBin: { "가장 많이 찬 구간(\($0)~\($1))에 값의 \($2)가 들어 있다." },
            curveShows: { "곡선: \($0)." },
            smallMultiplesSummary: { subject, rows, columns, labels, ownRanges in
                let span = labels.map { labels in "(" + labels.first + (labels.last.map { "~" + $0 } ?? "") + ")" } ?? ""
                return "\(subject)의 히스토그램을 행 \(rows)개 × 열 \(columns)개의 격자\(span)로 보인다."
                    + (ownRanges ? " 패널마다 x 범위가 따로 있다." : "")
            },
            rowSpread: { label, trend in
                switch trend {
                case .single(let v): "\(label): 표준편차 \(v)."
                case .stays(let v): "\(label): 표준편차가 \(v) 근처에 머문다."
                case .shrinks(let a, let b): "\(label): 표준편차가 \(a)에서 \(b)까지 줄어든다."
                case .grows(let a, let b): "\(label): 표준편차가 \(a)에서 \(b)까지 커진다."
                }
            },
            pointMass: { "정확히 \($0)인 값: \($1.joined(separator: ", ")) (구간과 따로 표시)." }),
        chartWords: .translated(words: [
            // Chart titles
            "Activations per layer": "층별 활성화 값",
            "Gradients with respect to the activations, per layer": "층별 활성화 값에 대한 기울기",
            "Gradients with respect to the weights, per layer": "층별 가중치에 대한 기울기",
            "Activation root mean square √E[x²] across depth": "깊이에 따른 활성화 값의 제곱평균제곱근 √E[x²]",
            "Activation standard deviation across depth": "깊이에 따른 활성화 값의 표준편차",
            "Distinct hidden units during training": "학습 중 서로 다른 은닉 유닛의 수",
            "Gradient standard deviation per layer": "층별 기울기 표준편차",
            "Learning rate against score, by fc init": "학습률과 점수(완전 연결 층 초기화 방법별)",
            "Optimization history": "최적화 기록",
            "Rank of the hidden weight matrices": "은닉층 가중치 행렬의 계수",
            "Training loss": "학습 손실",
            "Validation accuracy": "검증 정확도",
            "Best trial score per cell (trials in the table)": "칸별 최고 시행 점수(시행 수는 표에)",
            "Share of the score variance per parameter (η²)": "매개변수별 점수 분산의 몫(η²)",
            "Test accuracy": "시험 정확도",
            "Test accuracy at the best learning rate": "최적 학습률에서의 시험 정확도",
            "Mean activation per hidden layer": "은닉층별 평균 활성화 값",
            "Activation std per hidden layer": "은닉층별 활성화 값의 표준편차",
            "Saturated share per hidden layer": "은닉층별 포화된 몫",
            "Inactive share per hidden layer": "은닉층별 비활성 몫",
            // Axis titles
            "activation": "활성화 값",
            "activation gradient ∂L/∂a": "활성화 값 기울기 ∂L/∂a",
            "weight": "가중치",
            "weight gradient ∂L/∂W": "가중치 기울기 ∂L/∂W",
            "epoch": "에폭",
            "layer": "층",
            "learning rate": "학습률",
            "step": "단계",
            "trial": "시행",
            "accuracy": "정확도",
            "cross-entropy": "교차 엔트로피",
            "distinct units": "서로 다른 유닛 수",
            "rank": "계수",
            "root mean square √E[x²]": "제곱평균제곱근 √E[x²]",
            "standard deviation": "표준편차",
            "trial-split accuracy": "시행 분할 정확도",
            "best trial-split accuracy": "최고 시행 분할 정확도",
            "share": "몫",
            "conv init": "합성곱 초기화",
            "fc init": "완전 연결 초기화",
            "test accuracy": "시험 정확도",
            // Panels and legends
            "weights": "가중치",
            "N(0, σ²) density": "N(0, σ²) 밀도",
            "U(−a, a) density": "U(−a, a) 밀도",
            "chance, ln 10 = 2.30": "우연 수준, ln 10 = 2.30",
            // Tables of numbers behind the figures: titles and column names
            "Activation root mean square √E[x²] per layer": "층별 활성화 값의 제곱평균제곱근 √E[x²]",
            "Activation standard deviation per layer": "층별 활성화 값의 표준편차",
            "Activation statistics per layer": "층별 활성화 값 통계",
            "Empirical and analytic weight variance": "가중치 분산의 실측값과 이론값",
            "Results (mean ± std over seeds)": "결과(시드에 대한 평균 ± 표준편차)",
            "Results": "결과",
            "Standard deviations per layer": "층별 표준편차",
            "Symmetry before and after training": "학습 전후의 대칭성",
            "Hidden-layer activity at the start and the end (mean over seeds)": "처음과 마지막의 은닉층 활동(시드에 대한 평균)",
            "Hidden-layer activity at the start and the end": "처음과 마지막의 은닉층 활동",
            "Top trials": "상위 시행",
            "Trials per cell": "칸별 시행 수",
            "Best learning rate per cell": "칸별 최적 학습률",
            "Uniform bound and its Monte Carlo check": "균등분포의 경계와 몬테카를로 검증",
            "activations": "활성화 값",
            "analytic variance": "이론 분산",
            "best score": "최고 점수",
            "bound a": "경계 a",
            "distinct units at start": "처음의 서로 다른 유닛 수",
            "distinct units at end": "마지막의 서로 다른 유닛 수",
            "distribution": "분포",
            "inactive": "비활성 비율",
            "diverged seeds": "발산한 시드",
            "empirical variance": "실측 분산",
            "epochs": "에폭 수",
            "final loss": "최종 손실",
            "final training loss": "최종 학습 손실",
            "initializer": "초기화 방법",
            "max": "최댓값",
            "mean": "평균",
            "min": "최솟값",
            "rank at start": "처음의 계수",
            "rank at end": "마지막의 계수",
            "ratio": "비",
            "relative error": "상대 오차",
            "run": "실행",
            "sampled variance": "표본 분산",
            "saturated": "포화 비율",
            "scheme": "방식",
            "std": "표준편차",
            "test": "시험",
            "trials": "시행 수",
            "validation": "검증",
            "validation accuracy": "검증 정확도",
            "variance σ²": "분산 σ²",
            "zero": "0의 비율",
            // Notation, the same in every language
            "n_in": "n_in",
            "n_out": "n_out",
            "∂L/∂W": "∂L/∂W",
            "∂L/∂a": "∂L/∂a",
            // Series labels that are not run labels
            "trial score": "시행 점수",
            "best so far": "지금까지의 최고",
            // Heatmap notes
            "No scored trial": "점수를 매긴 시행 없음",
            // Plot tables
            "function": "함수",
            "argmax": "argmax",
            "column": "열",
            "count": "개수",
            "missing": "빈 칸",
        ], phrases: [
            ("layer {n}", "층 {n}"),
            ("{label}, layer {n}", "{label}, 층 {n}"),
            ("mean over {n} seeds", "시드 {n}개의 평균"),
            ("mean over 1 seed", "시드 1개의 평균"),
            ("±1 std over {n} seeds", "시드 {n}개의 ±1 표준편차"),
            ("Sampled weights, fan-in {n}, fan-out {m}", "표본 가중치, 팬인 {n}, 팬아웃 {m}"),
            // A title of the table with the count of layers shown: "Activations per layer (10 of 30 layers)".
            ("{title} ({n} of {m} layers)", "{title} (층 {m}개 중 {n}개)"),
            // A plot's table: the author's variable stands where a run label would.
            ("Functions over {label} from {a} to {b} ({n} samples)", "{a}에서 {b}까지 {label}의 함수(표본 {n}개)"),
            ("at {label} = {x}", "{label} = {x}에서"),
            ("Columns of {label} ({n} rows)", "{label}의 열(행 {n}개)"),
        ]),
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

/// The words the experiments write into their charts, in one language: as written (the experiments write English),
/// or a table of words and of phrases with numbers in them. In a phrase, `{title}` stands for a chart word of the table,
/// `{label}` for a run label or an author's symbol (kept as it is) and any other `{name}` for a number; the translation puts each where it
/// belongs.
enum ChartWords: Sendable {
    case asWritten
    case translated(words: [String: String], phrases: [(english: String, translation: String)])

    /// The word in this language, or nil when the table has none.
    func translation(_ text: String) -> String? {
        switch self {
        case .asWritten: return text
        case .translated(let words, let phrases):
            if let word = words[text] { return word }
            let longestWord = words.keys.reduce(0) { max($0, $1.utf8.count) }
            for (english, translation) in phrases {
                if let found = Self.match(Substring(english), Substring(text), words: words, longestWord: longestWord, found: [:]) {
                    return Self.fill(translation, found, words: words)
                }
            }
            return nil
        }
    }

    /// The placeholders of `pattern` as parts of `text`, or nil when it does not match; shorter values are tried
    /// first. Linear in the text (an author's label can be long): a value must be followed by the literal after its
    /// placeholder, a number extends over number characters only and a title over at most the longest word.
    private static func match(_ pattern: Substring, _ text: Substring, words: [String: String], longestWord: Int,
                              found: [Substring: Substring]) -> [Substring: Substring]? {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else {
            return pattern == text ? found : nil
        }
        let literal = pattern[..<open]
        guard text.hasPrefix(literal) else { return nil }
        let name = pattern[pattern.index(after: open)..<close], rest = pattern[pattern.index(after: close)...]
        let next = rest.prefix { $0 != "{" }
        let tail = text.dropFirst(literal.count)
        var end = tail.startIndex, length = 0, hasDigit = false
        while end < tail.endIndex {
            let character = tail[end]
            end = tail.index(after: end)
            length += character.utf8.count
            switch name {
            case "title":
                if length > longestWord { return nil }
            case "label":
                break
            default:
                guard Self.isNumberCharacter(character) else { return nil }  // nor is any longer value a number
                hasDigit = hasDigit || character.isNumber
                if !hasDigit { continue }
            }
            guard tail[end...].hasPrefix(next) else { continue }
            if name == "title", words[String(tail[..<end])] == nil { continue }
            var more = found
            more[name] = tail[..<end]
            if let all = match(rest, tail[end...], words: words, longestWord: longestWord, found: more) { return all }
        }
        return nil
    }

    /// `phrase` with each `{name}` replaced by its value (a title by its translation), in one pass: a label may hold braces.
    private static func fill(_ phrase: String, _ found: [Substring: Substring], words: [String: String]) -> String {
        var result = "", rest = phrase[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            result += rest[..<open]
            if let value = found[name] {
                result += name == "title" ? words[String(value)] ?? String(value) : String(value)
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A character of a number as the formatter spells it: digits with a sign, a decimal point, separators or a power of ten.
    private static func isNumberCharacter(_ character: Character) -> Bool {
        character.isNumber || "−-+.,×⁻⁺".contains(character)
    }
}
