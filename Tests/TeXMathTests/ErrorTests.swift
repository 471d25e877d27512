// Bad input: the exact message, hint and position (line, column in Unicode scalars) for each kind of mistake,
// grouped by the stage that finds it (after KaTeX's test/errors-spec).
import Testing
@testable import TeXMath

@Suite struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let tex: String
        let display: Bool
        let message: String
        let hint: String?
        let line: Int
        let column: Int
        var testDescription: String { tex }
    }

    static func bad(_ tex: String, display: Bool = false, _ message: String, hint: String? = nil, _ line: Int, _ column: Int) -> Case {
        Case(tex: tex, display: display, message: message, hint: hint, line: line, column: column)
    }

    static let lexer: [Case] = [
        bad(#"x + \"#, "a lone \\ ends the formula", hint: "write \\backslash for a backslash", 1, 5),
        bad("50% of x", "% starts a comment that would hide the rest of the formula", hint: "write \\% for a percent sign", 1, 3),
        bad("a\u{7}b", "control character U+0007 in the formula", 1, 2),
    ]

    static let parser: [Case] = [
        bad(#"\fracc{1}{2}"#, "unknown command \\fracc", hint: "did you mean \\frac?", 1, 1),
        bad(#"x = \sqr{2}"#, "unknown command \\sqr", hint: "did you mean \\sqrt?", 1, 5),
        bad(#"\alpah + 1"#, "unknown command \\alpah", hint: "did you mean \\alpha?", 1, 1),
        bad(#"\Var(x)"#, "unknown command \\Var", hint: "write \\operatorname{Var}, or define \\Var with \\newcommand{\\Var}{…}", 1, 1),
        bad(#"\softmax(x)"#, "unknown command \\softmax", hint: "write \\operatorname{softmax}, or define \\softmax with \\newcommand{\\softmax}{…}", 1, 1),
        bad(#"x \in \R^n"#, "unknown command \\R", hint: "write \\mathbb{R}, or define \\R with \\newcommand{\\R}{…}", 1, 7),
        bad(#"\foobarbaz"#, "unknown command \\foobarbaz", 1, 1),
        bad("{a + b", "unbalanced braces: { is never closed", hint: "add a } to close it", 1, 1),
        bad("x^{2", "unbalanced braces: { is never closed", hint: "add a } to close it", 1, 3),
        bad("a + b}", "unbalanced braces: } has no matching {", 1, 6),
        bad(#"\frac{1}{2}}"#, "unbalanced braces: } has no matching {", 1, 12),
        bad(#"\left( x + 1"#, "\\left( has no matching \\right", hint: "close it with \\right) (or \\right. for no delimiter) before the end", 1, 1),
        bad(#"{\left[ x } \right]"#, "\\left[ has no matching \\right", hint: "close it with \\right) (or \\right. for no delimiter) before }", 1, 2),
        bad(#"x \right)"#, "\\right has no matching \\left", 1, 3),
        bad(#"a \middle| b"#, "\\middle outside \\left … \\right", 1, 3),
        bad(#"\left x \right)"#, "\\left needs a delimiter, not x", hint: "for example \\left( or \\left\\{, or \\left. for none", 1, 7),
        bad(#"\frac{1}"#, "missing argument for \\frac", hint: "usage: \\frac{numerator}{denominator}", 1, 1),
        bad(#"\frac"#, "missing argument for \\frac", hint: "usage: \\frac{numerator}{denominator}", 1, 1),
        bad(#"\sqrt"#, "missing argument for \\sqrt", hint: "usage: \\sqrt[index]{radicand}", 1, 1),
        bad(#"{\hat}"#, "missing argument for \\hat", hint: "usage: \\hat{base}", 1, 2),
        bad(#"\sqrt[3 x"#, "\\sqrt[ is never closed by ]", 1, 6),
        bad("x^", "missing superscript after ^", 1, 2),
        bad("x_}", "missing subscript after _", 1, 2),
        bad("x^2^3", "double superscript", hint: "use braces: {x^a}^b or x^{ab}", 1, 4),
        bad("x_1_2", "double subscript", hint: "use braces: {x_a}_b or x_{ab}", 1, 4),
        bad("x^2'", "double superscript", hint: "put the prime first: x'^2", 1, 4),
        bad("a & b", "& outside an alignment environment", hint: "use \\begin{aligned} … \\end{aligned}", 1, 3),
        bad(#"a \\ b"#, "\\\\ outside an environment", hint: "inline math has one line; write the lines as display math ($$…$$)", 1, 3),
        bad("x = $y$", "$ inside math", hint: "write \\$ for a dollar sign", 1, 5),
        bad("#1", "#1 outside a macro definition", 1, 1),
        bad(#"\limits^2"#, "\\limits must follow an operator such as \\sum or \\int", 1, 1),
        bad(#"x\limits^2"#, "\\limits must follow an operator such as \\sum or \\int", 1, 2),
        bad(#"\text{a \alpha b}"#, "\\alpha is not allowed in text", hint: "put math between $ signs: \\text{for all $x$}", 1, 9),
        bad(#"\text{for $x}"#, "math in \\text is never closed by $", 1, 11),
        bad(#"\hspace{wide}"#, "\\hspace needs a length such as 1em or 3mu, not 'wide'", 1, 8),
        bad(#"\not"#, "\\not must be followed by a relation such as = or \\in", 1, 1),
    ]

    static let environments: [Case] = [
        bad(#"\begin{alignn} a \end{alignn}"#, display: true, "unknown environment alignn", hint: "did you mean 'align'?", 1, 8),
        bad(#"\begin{pmatrx} a \end{pmatrx}"#, "unknown environment pmatrx", hint: "did you mean 'pmatrix'?", 1, 8),
        bad(#"\begin{aligned} a &= b \end{align}"#, "\\end{align} does not match \\begin{aligned} at 1:1", 1, 24),
        bad("\\begin{cases} 1 & x \\\\\n 0 & y \\end{matrix}", "\\end{matrix} does not match \\begin{cases} at 1:1", 2, 8),
        bad(#"\begin{matrix} a & b"#, "\\begin{matrix} has no matching \\end{matrix}", 1, 1),
        bad(#"x \end{matrix}"#, "\\end has no matching \\begin", 1, 3),
        bad(#"\begin{cases} a & b & c \end{cases}"#, "too many columns in cases (at most 2)", 1, 21),
        bad(#"\begin{align} a \end{align}"#, "align must be the whole formula of display math", hint: "in inline math use aligned or gathered", 1, 1),
        bad(#"x = \begin{align} a \end{align}"#, display: true, "\\begin must be the whole formula", hint: "inside a formula use aligned or gathered", 1, 5),
        bad(#"{\begin{equation} a \end{equation}}"#, display: true, "equation must be the whole formula of display math", hint: "inside a formula use aligned or gathered", 1, 2),
        bad(#"\begin{equation} a \\ b \end{equation}"#, display: true, "equation has one line", hint: "for several lines use align or gather", 1, 20),
        bad(#"\begin{array}{lxr} a \end{array}"#, "unknown column type x in the array specification", hint: "columns are l, c or r, with | for a rule", 1, 15),
        bad(#"\begin{array} a \end{array}"#, "missing argument for \\begin", hint: "usage: \\begin{array}{columns}", 1, 1),
    ]

    static let numbering: [Case] = [
        bad(#"x \tag{1}"#, "\\tag needs display math", hint: "inline math has no equation numbers", 1, 3),
        bad(#"x \tag{1} \tag{2}"#, display: true, "a second \\tag for the same equation", 1, 11),
        bad(#"x \label{a}"#, display: true, "\\label{a} is on a line without a number", hint: "number the line (remove \\nonumber, or add \\tag{…})", 1, 3),
        bad(#"\begin{align} a \label{x} \\ b \label{x} \end{align}"#, display: true, "duplicate \\label{x}", 1, 32),
        bad(#"\begin{align} a \nonumber \label{x} \end{align}"#, display: true, "\\label{x} is on a line without a number", hint: "number the line (remove \\nonumber, or add \\tag{…})", 1, 27),
    ]

    static let macros: [Case] = [
        bad(#"\def\a{\a} \a"#, "more than 1000 macro expansions", hint: "\\a seems to expand to itself", 1, 12),
        bad(#"\def\a{\a\a} \a"#, "more than 1000 macro expansions", hint: "\\a seems to expand to itself", 1, 14),
        bad(#"\newcommand{\frac}{x}"#, "\\frac is already defined", hint: "use \\renewcommand to redefine it", 1, 13),
        bad(#"\newcommand{\f}[1]{#2}"#, "#2 in the body of \\f, which takes 1 argument", 1, 20),
        bad(#"\newcommand{\f}[1]{#1} \f"#, "missing argument 1 of \\f", hint: "\\f takes 1 argument", 1, 24),
        bad(#"\newcommand{x}{y}"#, "\\newcommand needs a command name to define", hint: "usage: \\newcommand{\\name}[arguments]{body}", 1, 13),
    ]

    @Test(arguments: lexer + parser + environments + numbering + macros)
    func error(_ c: Case) {
        do {
            let output = try TeXMath.mathML(c.tex, display: c.display)
            Issue.record("no error; output \(output)")
        } catch {
            #expect(error.message == c.message)
            #expect(error.hint == c.hint)
            #expect(error.line == c.line)
            #expect(error.column == c.column)
        }
    }

    @Test func columnsCountUnicodeScalars() {
        // "α + \fracc" : α is one scalar (two UTF-8 bytes), so \fracc starts at column 5.
        #expect(throws: TeXError(message: "unknown command \\fracc", hint: "did you mean \\frac?", line: 1, column: 5)) {
            try TeXMath.mathML("α + \\fracc{1}{2}", display: false)
        }
    }

    @Test func errorOnSecondLineOfDisplayMath() {
        #expect(throws: TeXError(message: "unknown command \\sqr", hint: "did you mean \\sqrt?", line: 3, column: 7)) {
            try TeXMath.mathML("\\begin{aligned}\r\n a &= b \\\\\n c &= \\sqr{2}\n\\end{aligned}", display: true)
        }
    }

    @Test func documentMacroErrors() {
        #expect(throws: TeXError.self) {
            try TeXMath.render("x", options: .init(macros: ["bad": "\\"]))
        }
    }

    // Shared definitions (a site's math-macros): read once, used by every formula; a mistake is at its place in
    // their text, marked `inDefinitions`.
    @Test func definitionsAreUsedByEveryFormula() throws {
        let definitions = try TeXMath.definitions("""
        % variance and expectation
        \\newcommand{\\Var}{\\operatorname{Var}}
        \\def\\E#1{\\mathbb{E}[#1]}
        \\providecommand{\\frac}{x}
        """)
        #expect(definitions.names == ["E", "Var"])
        let options = TeXMath.Options(definitions: definitions)
        // The same MathML as the formula with the macros written out; only the annotation (the TeX) differs.
        func withoutTeX(_ mathML: String) -> Substring { mathML[..<mathML.range(of: "<annotation")!.lowerBound] }
        #expect(withoutTeX(try TeXMath.render(#"\Var(x) = \E{x^2}"#, options: options).mathML)
                == withoutTeX(try TeXMath.mathML(#"\operatorname{Var}(x) = \mathbb{E}[x^2]"#, display: false)))
        #expect(throws: TeXError.self) { try TeXMath.render(#"\Var"#, options: .init()) }
    }

    @Test func definitionsErrorsPointIntoTheirText() {
        #expect(throws: TeXError(message: "expected a definition such as \\newcommand{\\name}{body} or \\def\\name{body}, not x",
                                 hint: "a macros file holds only \\newcommand, \\renewcommand, \\providecommand and \\def definitions",
                                 line: 2, column: 3, inDefinitions: true)) {
            try TeXMath.definitions("\\newcommand{\\R}{\\mathbb{R}}\n  x")
        }
        #expect(throws: TeXError(message: "\\R is already defined", hint: "use \\renewcommand to redefine it", line: 2, column: 13,
                                 inDefinitions: true)) {
            try TeXMath.definitions("\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\R}{x}")
        }
    }

    @Test func anErrorInsideADefinitionIsInTheDefinitions() throws {
        let definitions = try TeXMath.definitions("\n  \\newcommand{\\Var}{\\operatornam{Var}}")
        #expect(throws: TeXError(message: "unknown command \\operatornam", hint: "did you mean \\operatorname?", line: 2, column: 21,
                                 inDefinitions: true)) {
            try TeXMath.render(#"x + \Var(x)"#, options: .init(definitions: definitions))
        }
        // The formula's own mistakes stay in the formula.
        #expect(throws: TeXError(message: "unknown command \\R", hint: "write \\mathbb{R}, or define \\R for every formula in math-macros in site.yml",
                                 line: 1, column: 1)) {
            try TeXMath.render(#"\R"#, options: .init(definitions: definitions, definitionsSetting: "math-macros in site.yml"))
        }
    }
}
