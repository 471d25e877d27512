// What the structure tests do not show: attributes that decide spacing, stretching and style, checked on the
// exact MathML text of small formulas, and the numbering of display equations.
import Testing
@testable import TeXMath

@Suite struct OutputTests {
    /// The presentation part of the output (between `<semantics>` and `<annotation`).
    static func body(_ tex: String, display: Bool = false) throws -> String {
        let mathML = try TeXMath.mathML(tex, display: display)
        let start = mathML.range(of: "<semantics>")!.upperBound
        let end = mathML.range(of: "<annotation")!.lowerBound
        return String(mathML[start..<end])
    }

    @Test(arguments: [
        // A binary operator after nothing, an opening or a relation is ordinary: no space (TeX rule 5).
        ("-x", "<mrow><mo lspace=\"0\" rspace=\"0\">−</mo><mi>x</mi></mrow>"),
        ("(-x)", "<mrow><mo stretchy=\"false\">(</mo><mo lspace=\"0\" rspace=\"0\">−</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>"),
        ("a=-b", "<mrow><mi>a</mi><mo>=</mo><mo lspace=\"0\" rspace=\"0\">−</mo><mi>b</mi></mrow>"),
        ("a-b", "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>"),
        // …and before a relation, a closing or at the end.
        ("a+", "<mrow><mi>a</mi><mo lspace=\"0\" rspace=\"0\">+</mo></mrow>"),
        ("x^+", "<mrow><msup><mi>x</mi><mo lspace=\"0\" rspace=\"0\">+</mo></msup></mrow>"),
        // In script styles TeX drops the spaces around binary operators, relations and punctuation: in scripts,
        // limits, and the parts of an inline fraction (but not of a display one).
        ("x^{a+b}", "<mrow><msup><mi>x</mi><mrow><mi>a</mi><mo lspace=\"0\" rspace=\"0\">+</mo><mi>b</mi></mrow></msup></mrow>"),
        (#"\sum_{i=1}"#, "<mrow><munder><mo lspace=\"0\" rspace=\"0\">∑</mo><mrow><mi>i</mi><mo lspace=\"0\" rspace=\"0\">=</mo><mn>1</mn></mrow></munder></mrow>"),
        (#"\frac{a,b}{2}"#, "<mrow><mfrac><mrow><mi>a</mi><mo lspace=\"0\" rspace=\"0\">,</mo><mi>b</mi></mrow><mn>2</mn></mfrac></mrow>"),
        (#"\dfrac{a+b}{2}"#, "<mrow><mstyle displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac></mstyle></mrow>"),
        ("{a+b \\over 2}", "<mrow><mfrac><mrow><mi>a</mi><mo lspace=\"0\" rspace=\"0\">+</mo><mi>b</mi></mrow><mn>2</mn></mfrac></mrow>"),
        (#"\sqrt[n+1]{a+b}"#, "<mrow><mroot><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mrow><mi>n</mi><mo lspace=\"0\" rspace=\"0\">+</mo><mn>1</mn></mrow></mroot></mrow>"),
        (#"\scriptstyle a=b"#, "<mrow><mstyle displaystyle=\"false\" scriptlevel=\"1\"><mi>a</mi><mo lspace=\"0\" rspace=\"0\">=</mo><mi>b</mi></mstyle></mrow>"),
        // Fences keep their size unless \left…\right asks; | is ordinary.
        ("|x|", "<mrow><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">|</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">|</mo></mrow>"),
        // \left…\right stretches around tall content; around a line of text TeX's delimiter shortfall keeps
        // the ordinary glyph, so the fences do not stretch.
        (#"\left(\frac12\right)"#, "<mrow><mo fence=\"true\" form=\"prefix\">(</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mo fence=\"true\" form=\"postfix\">)</mo></mrow>"),
        (#"\left/\sum\right."#, "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\">/</mo><mo lspace=\"0\" rspace=\"0\">∑</mo></mrow>"),
        (#"\left|x\right|"#, "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"false\">|</mo><mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"false\">|</mo></mrow>"),
        (#"\left/x\right."#, "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"false\">/</mo><mi>x</mi></mrow>"),
        (#"\big("#, "<mrow><mo minsize=\"1.2em\" maxsize=\"1.2em\" lspace=\"0\" rspace=\"0\">(</mo></mrow>"),
        (#"\Bigm|"#, "<mrow><mo minsize=\"1.623em\" maxsize=\"1.623em\">|</mo></mrow>"),
        // Large operators: thin space to an ordinary neighbour, explicit zero spacing on the operator itself.
        (#"\sum x"#, "<mrow><mo lspace=\"0\" rspace=\"0\">∑</mo><mspace width=\"0.1667em\"/><mi>x</mi></mrow>"),
        (#"a\int"#, "<mrow><mi>a</mi><mspace width=\"0.1667em\"/><mo lspace=\"0\" rspace=\"0\">∫</mo></mrow>"),
        (#"\int\limits_0^1"#, "<mrow><munderover><mo lspace=\"0\" rspace=\"0\" movablelimits=\"false\">∫</mo><mn>0</mn><mn>1</mn></munderover></mrow>"),
        (#"\lim_{n}"#, "<mrow><munder><mo lspace=\"0\" rspace=\"0\" movablelimits=\"true\">lim</mo><mi>n</mi></munder><mo>\u{2061}</mo></mrow>"),
        // Named functions: thin space before an ordinary argument, none before a parenthesis.
        (#"\sin x"#, "<mrow><mi>sin</mi><mo>\u{2061}</mo><mspace width=\"0.1667em\"/><mi>x</mi></mrow>"),
        (#"\sin(x)"#, "<mrow><mi>sin</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>"),
        // The formula is always one mrow inside <semantics>.
        // Letters: italic by default (the browser's job), upright where TeX sets them upright.
        (#"\Gamma\gamma"#, "<mrow><mi mathvariant=\"normal\">Γ</mi><mi>γ</mi></mrow>"),
        (#"\mathrm{d}"#, "<mrow><mi mathvariant=\"normal\">d</mi></mrow>"),
        (#"\mathrm{Var}"#, "<mrow><mi>Var</mi></mrow>"),
        (#"\operatorname{f}"#, "<mrow><mi mathvariant=\"normal\">f</mi><mo>\u{2061}</mo></mrow>"),
        (#"\mathbb{R}\mathcal{L}\mathfrak{R}\mathbf{x}\mathit{h}"#, "<mrow><mi>ℝ</mi><mi>ℒ</mi><mi>ℜ</mi><mi>𝐱</mi><mi>ℎ</mi></mrow>"),
        (#"\boldsymbol{\alpha\nabla}"#, "<mrow><mi>𝜶𝜵</mi></mrow>"),
        // Styles and spaces.
        (#"\dfrac12"#, "<mrow><mstyle displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle></mrow>"),
        (#"\tfrac12"#, "<mrow><mstyle displaystyle=\"false\" scriptlevel=\"0\"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle></mrow>"),
        (#"\binom nk"#, "<mrow><mo fence=\"true\" form=\"prefix\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo fence=\"true\" form=\"postfix\">)</mo></mrow>"),
        (#"a\!b"#, "<mrow><mi>a</mi><mspace style=\"margin-left: -0.1667em\"/><mi>b</mi></mrow>"),
        (#"\hspace{2pt}\mkern18mu\kern-1ex"#, "<mrow><mspace width=\"0.2em\"/><mspace width=\"1em\"/><mspace style=\"margin-left: -0.431em\"/></mrow>"),
        (#"\text{a  b}"#, "<mrow><mtext>a\u{A0}b</mtext></mrow>"),
        (#"\textbf{w}"#, "<mrow><mtext style=\"font-weight: bold\">w</mtext></mrow>"),
        (#"\hat x\vec v"#, "<mrow><mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">^</mo></mover><mover accent=\"true\"><mi>v</mi><mo stretchy=\"false\" style=\"font-size: 70%\">→</mo></mover></mrow>"),
        ("f''", "<mrow><mi>f</mi><mo lspace=\"0\" rspace=\"0\">″</mo></mrow>"),
        ("f'^2", "<mrow><msup><mrow><mi>f</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow><mn>2</mn></msup></mrow>"),
        // Escaping: markup characters in the formula never become markup.
        (#"a<b>c \text{<i>&amp;}"#, "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&gt;</mo><mi>c</mi><mtext>&lt;i&gt;&amp;amp;</mtext></mrow>"),
        ("", "<mrow></mrow>"),
    ])
    func attributes(tex: String, expected: String) throws {
        #expect(try Self.body(tex) == expected)
    }

    @Test func displayFractionPartsKeepTheirSpaces() throws {
        #expect(try Self.body(#"\frac{a+b}{2}"#, display: true) == "<mrow><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac></mrow>")
        // …but a fraction inside a display fraction is in script style again.
        #expect(try Self.body(#"\frac{\frac{a+b}{2}}{3}"#, display: true).contains(#"<mo lspace="0" rspace="0">+</mo>"#))
    }

    @Test func wholeDocument() throws {
        #expect(try TeXMath.mathML("x", display: false) == """
            <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><semantics><mrow><mi>x</mi></mrow>\
            <annotation encoding="application/x-tex">x</annotation></semantics></math>
            """)
        #expect(try TeXMath.mathML("a<\"b\"", display: true).hasSuffix(
            #"<annotation encoding="application/x-tex">a&lt;&quot;b&quot;</annotation></semantics></math>"#))
    }

    @Test func alignColumns() throws {
        let body = try Self.body(#"\begin{aligned} a &= b \\ c &= d \end{aligned}"#, display: true)
        #expect(body.hasPrefix(#"<mrow><mtable displaystyle="true"><mtr><mtd style="text-align: right; text-align: -webkit-right; padding-left: 0; padding-right: 0"><mi>a</mi></mtd><mtd style="text-align: left; padding-left: 0; padding-right: 0"><mo>=</mo><mi>b</mi></mtd></mtr>"#))
    }

    @Test func arrayRules() throws {
        let body = try Self.body(#"\begin{array}{|l|r} a & b \\ \hline c & d \\ \hline \end{array}"#)
        #expect(body.contains(#"<mtd style="text-align: left; border-left: 0.06em solid; border-right: 0.06em solid"><mi>a</mi></mtd>"#))
        #expect(body.contains(#"<mtd style="text-align: left; border-left: 0.06em solid; border-right: 0.06em solid; border-top: 0.06em solid; border-bottom: 0.06em solid"><mi>c</mi></mtd>"#))
    }

    // MARK: Equation numbers and labels

    @Test func alignNumbersLinesAndReportsLabels() throws {
        let tex = #"\begin{align} a &= b \label{first} \\ c &= d \nonumber \\ e &= f \tag{*} \label{star} \\ g &= h \notag \\ i &= j \\ \end{align}"#
        let rendering = try TeXMath.render(tex, options: .init(display: true, firstEquationNumber: 7))
        #expect(rendering.labels == [.init(name: "first", number: "7"), .init(name: "star", number: "*")])
        #expect(rendering.nextEquationNumber == 9)
        let tags = try MathMLTree.allElements(MathMLTree.parse(rendering.mathML)).filter { $0.localName == "mtext" }.map { $0.stringValue ?? "" }
        #expect(tags == ["(7)", "(*)", "(8)"])
        #expect(rendering.mathML.hasPrefix(#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" style="position: relative; box-sizing: border-box; min-width: max-content; padding-right: 3em">"#))
        // Five lines: the empty one after the last \\ is dropped, as amsmath does.
        #expect(try MathMLTree.allElements(MathMLTree.parse(rendering.mathML)).filter { $0.localName == "mtr" }.count == 5)
    }

    @Test func starredAndUnnumberedEnvironments() throws {
        for tex in [#"\begin{align*} a &= b \end{align*}"#, #"\begin{gather*} a \end{gather*}"#, #"\begin{equation*} a \end{equation*}"#, "a = b"] {
            let rendering = try TeXMath.render(tex, options: .init(display: true))
            #expect(rendering.nextEquationNumber == 1, "\(tex)")
            #expect(!rendering.mathML.contains("position"), "\(tex)")
        }
    }

    @Test func tagOnWholeFormula() throws {
        let rendering = try TeXMath.render(#"E = mc^2 \tag{1.2} \label{einstein}"#, options: .init(display: true, firstEquationNumber: 4))
        #expect(rendering.labels == [.init(name: "einstein", number: "1.2")])
        #expect(rendering.nextEquationNumber == 4)
        #expect(rendering.mathML.contains(#"<mtext style="position: absolute; right: 0">(1.2)</mtext>"#))
    }

    @Test func equationAndGatherCount() throws {
        let equation = try TeXMath.render(#"\begin{equation} a \label{e} \end{equation}"#, options: .init(display: true, firstEquationNumber: 3))
        #expect(equation.labels == [.init(name: "e", number: "3")])
        #expect(equation.nextEquationNumber == 4)
        let gather = try TeXMath.render(#"\begin{gather} a \\ b \\ c \end{gather}"#, options: .init(display: true))
        #expect(gather.nextEquationNumber == 4)
    }

    @Test func documentMacros() throws {
        let options = TeXMath.Options(macros: ["R": #"\mathbb{R}"#, "\\norm": #"\left\|#1\right\|"#])
        #expect(try MathMLTree.structure(TeXMath.render(#"x \in \R, \norm{x}"#, options: options).mathML)
            == "mrow(mi:x mo:∈ mi:ℝ mo:, mrow(mo:‖ mi:x mo:‖))")
    }
}
