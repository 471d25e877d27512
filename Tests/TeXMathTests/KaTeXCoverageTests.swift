// TeX that KaTeX and MathJax accept, decided one by one against KaTeX's list of supported functions
// (docs/supported.md): each construct here is either converted (with the structure it must have) or rejected
// with an error that says what to write instead. The README's Math section lists the decisions.
import Foundation
import Testing
@testable import TeXMath

@Suite struct KaTeXCoverageTests {
    func mathML(_ tex: String, display: Bool = true) throws -> String {
        let full = try TeXMath.mathML(tex, display: display)
        return String(full[full.range(of: "<semantics>")!.upperBound..<full.range(of: "<annotation")!.lowerBound])
    }

    func cell(_ content: String) -> String { "<mtr><mtd style=\"padding-left: 0; padding-right: 0\">\(content)</mtd></mtr>" }

    @Test func lineBreaksInDisplayMathStackCentredLines() throws {
        #expect(try mathML(#"a \\ b"#) == "<mrow><mtable displaystyle=\"true\">" + cell("<mi>a</mi>") + cell("<mi>b</mi>") + "</mtable></mrow>")
        // \newline is the same; a spacing argument is ignored; a final \\ starts no line.
        #expect(try mathML(#"a \newline b"#) == mathML(#"a \\[4pt] b \\"#))
        #expect(try mathML(#"a \cr b"#) == mathML(#"a \\ b"#))
        // A \tag belongs to the whole formula.
        #expect(try TeXMath.render(#"a \\ b \tag{1a}\label{x}"#, options: .init(display: true)).labels == [.init(name: "x", number: "1a")])
        // align must still be the whole formula.
        #expect(throws: TeXError.self) { try TeXMath.mathML(#"\begin{align}a\end{align} \\ b"#, display: true) }
    }

    @Test func lineBreaksInInlineMathAreAnError() {
        #expect(throws: TeXError(message: "\\\\ outside an environment",
                                 hint: "inline math has one line; write the lines as display math ($$…$$)", line: 1, column: 3)) {
            try TeXMath.mathML(#"a \\ b"#, display: false)
        }
    }

    @Test func smallMatrixIsAMatrixInScriptStyle() throws {
        let small = try mathML(#"\begin{smallmatrix}a&b\\c&d\end{smallmatrix}"#)
        let matrix = try mathML(#"\begin{matrix}a&b\\c&d\end{matrix}"#)
        #expect(small == matrix.replacingOccurrences(of: "<mtable>", with: "<mstyle displaystyle=\"false\" scriptlevel=\"1\"><mtable>")
            .replacingOccurrences(of: "</mtable>", with: "</mtable></mstyle>"))
        // Inside parentheses, as authors write a small matrix inline.
        #expect(try mathML(#"\left(\begin{smallmatrix}1&0\\0&1\end{smallmatrix}\right)"#, display: false).contains("scriptlevel=\"1\""))
    }

    @Test func substackAndSubarray() throws {
        let stacked = try mathML(#"\sum_{\substack{0<i<m\\0<j<n}} x"#)
        #expect(stacked.hasPrefix("<mrow><munder><mo lspace=\"0\" rspace=\"0\">∑</mo><mstyle displaystyle=\"false\" scriptlevel=\"1\"><mtable><mtr><mtd><mn>0</mn>"))
        #expect(try mathML(#"\sum_{\begin{subarray}{l}i\\j\end{subarray}}"#).contains("text-align: left"))
        #expect(throws: TeXError.self) { try TeXMath.mathML(#"\begin{subarray}{cc}a&b\end{subarray}"#, display: true) }
        #expect(throws: TeXError.self) { try TeXMath.mathML(#"\begin{subarray}{r}a\end{subarray}"#, display: true) }
    }

    /// A prime is a superscript in TeX; we set it at full size after the base (U+2032 is already raised) and
    /// scripts attach after it, so `x'_i`, `x_i'` and `x'^2` all work, and `x^2'` is a double superscript.
    @Test(arguments: [
        ("x'_i", "<mrow><msub><mrow><mi>x</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow><mi>i</mi></msub></mrow>"),
        ("x_i'", "<mrow><msub><mrow><mi>x</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow><mi>i</mi></msub></mrow>"),
        ("x_i'^2", "<mrow><msubsup><mrow><mi>x</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow><mi>i</mi><mn>2</mn></msubsup></mrow>"),
        ("x''_{ij}", "<mrow><msub><mrow><mi>x</mi><mo lspace=\"0\" rspace=\"0\">″</mo></mrow><mrow><mi>i</mi><mi>j</mi></mrow></msub></mrow>"),
        ("f'''(x)", "<mrow><mrow><mi>f</mi><mo lspace=\"0\" rspace=\"0\">‴</mo></mrow><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>"),
    ])
    func primesWithScripts(tex: String, expected: String) throws {
        #expect(try mathML(tex) == expected)
    }

    @Test func primeAfterASuperscriptIsADoubleSuperscript() {
        #expect(throws: TeXError.self) { try TeXMath.mathML("x^2'", display: false) }
    }

    @Test func mathInsideTag() throws {
        let rendering = try TeXMath.render(#"x \tag{$\ast$}\label{star}"#, options: .init(display: true))
        #expect(rendering.mathML.contains("<mrow style=\"position: absolute; right: 0\"><mtext>(</mtext><mo lspace=\"0\" rspace=\"0\">∗</mo><mtext>)</mtext></mrow>"))
        #expect(rendering.labels == [.init(name: "star", number: "∗")])
        // Plain tags are one mtext, as before; \tag* shows the text without parentheses.
        #expect(try TeXMath.render(#"x \tag{A}"#, options: .init(display: true)).mathML.contains("<mtext style=\"position: absolute; right: 0\">(A)</mtext>"))
        #expect(try TeXMath.render(#"x \tag*{$n=1$}"#, options: .init(display: true)).mathML
            .contains("<mrow style=\"position: absolute; right: 0\"><mi>n</mi><mo>=</mo><mn>1</mn></mrow>"))
        // In an align line too.
        let align = try TeXMath.render(#"\begin{align}a&=b\tag{$\dagger$}\label{d}\end{align}"#, options: .init(display: true))
        #expect(align.labels == [.init(name: "d", number: "†")])
        #expect(align.mathML.contains("<mtext>(</mtext><mo lspace=\"0\" rspace=\"0\">†</mo><mtext>)</mtext>"))
    }

    /// TeX puts no space between an operator name and an opening delimiter, a thin space before an ordinary
    /// atom or a \left…\right group: `\log(x)` is tight, `\log x` has a thin space.
    @Test func spacingAfterOperatorNames() throws {
        #expect(try mathML(#"\log(x)"#) == "<mrow><mi>log</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
        #expect(try mathML(#"\log x"#) == "<mrow><mi>log</mi><mo>\u{2061}</mo><mspace width=\"0.1667em\"/><mi>x</mi></mrow>")
        #expect(try mathML(#"\operatorname{tr}(A)"#).contains("<mo>\u{2061}</mo><mo stretchy=\"false\">(</mo>"))
        // \left…\right is an Inner atom, which TeX does space from an operator.
        #expect(try mathML(#"\sin\left(x\right)"#).contains("<mo>\u{2061}</mo><mspace width=\"0.1667em\"/><mrow><mo"))
    }
}

/// Every whole-formula example of KaTeX's list, with our decision (Fixtures/katex-supported.tsv).
struct KaTeXExample: Sendable, CustomTestStringConvertible {
    var tex: String
    /// nil: converts; else the error message it must give (with a hint).
    var error: String?
    var testDescription: String { tex }

    static let all: [KaTeXExample] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/katex-supported.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return KaTeXExample(tex: fields[1], error: fields[0] == "NO" ? fields[2] : nil)
        }
    }()
}

extension KaTeXCoverageTests {
    @Test func theListIsThere() {
        #expect(KaTeXExample.all.count > 900, "Fixtures/katex-supported.tsv is missing or short")
    }

    @Test(arguments: KaTeXExample.all)
    func katexExample(_ example: KaTeXExample) {
        do {
            let mathML = try TeXMath.mathML(example.tex, display: true)
            #expect(example.error == nil, "converts, but the decision was: \(example.error ?? "")")
            #expect(mathML.hasSuffix("</math>"))
        } catch {
            #expect(error.message == example.error)
            #expect(error.hint != nil, "a declined command says what to write instead")
        }
    }
}
