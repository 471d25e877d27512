// The words the experiments write into their charts (titles, axis titles, panel labels, legend words), in each
// language that has a table. A chart word without a translation is an error in that edition's page, so a Korean page
// never shows an English chart title by accident. Numbers inside a phrase are matched by the patterns below.

enum ChartText {
    /// The translation of a chart word into `language`, or nil when there is none (English needs none).
    static func translation(_ text: String, into language: String) -> String? {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) {
        case "ko"?: korean(text)
        default: text
        }
    }

    static let koreanWords: [String: String] = [
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
    ]

    /// Korean for a chart word: a word of the table, or a phrase with numbers in it.
    static func korean(_ text: String) -> String? {
        if let word = koreanWords[text] { return word }
        if let n = number(after: "layer ", in: text) { return "층 \(n)" }
        if let n = number(in: text, between: "±1 std over ", and: " seeds") { return "시드 \(n)개의 ±1 표준편차" }
        if text.hasPrefix("Sampled weights, fan-in "), let comma = text.range(of: ", fan-out ") {
            let fanIn = text[text.index(text.startIndex, offsetBy: "Sampled weights, fan-in ".count)..<comma.lowerBound]
            let fanOut = text[comma.upperBound...]
            if fanIn.allSatisfy(\.isNumber), fanOut.allSatisfy(\.isNumber) { return "표본 가중치, 팬인 \(fanIn), 팬아웃 \(fanOut)" }
        }
        // "Activations per layer (10 of 30 layers)": a title of the table with the count of layers shown.
        if let open = text.range(of: " ("), text.hasSuffix(" layers)"), let title = koreanWords[String(text[..<open.lowerBound])] {
            let inner = text[open.upperBound...].dropLast(" layers)".count).split(separator: " ")
            if inner.count == 3, inner[1] == "of", inner[0].allSatisfy(\.isNumber), inner[2].allSatisfy(\.isNumber) {
                return "\(title) (층 \(inner[2])개 중 \(inner[0])개)"
            }
        }
        return nil
    }

    private static func number(after prefix: String, in text: String) -> Substring? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        return !rest.isEmpty && rest.allSatisfy(\.isNumber) ? rest : nil
    }

    private static func number(in text: String, between prefix: String, and suffix: String) -> Substring? {
        guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.count > prefix.count + suffix.count else { return nil }
        let middle = text.dropFirst(prefix.count).dropLast(suffix.count)
        return middle.allSatisfy(\.isNumber) ? middle : nil
    }
}
