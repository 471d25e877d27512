// TeXMath: LaTeX math → MathML Core, on the server, so pages need no JavaScript and no network.
// Stages (after KaTeX and Temml): Lexer → MacroExpander → Parser (with Commands/ and Symbols) → MathMLNode tree
// → MathMLWriter. Each `<math>` keeps the original TeX in `<annotation encoding="application/x-tex">`.

public enum TeXMath {
    /// How to convert one formula.
    public struct Options: Sendable {
        /// `display="block"` (a displayed equation) rather than `display="inline"`.
        public var display: Bool
        /// The number the first numbered line gets (align, gather, equation). A page passes the
        /// `nextEquationNumber` of the previous formula, so numbers run through the page.
        public var firstEquationNumber: Int
        /// Written before every equation number, for numbers per chapter: "3." gives (3.1), (3.2), …
        public var equationNumberPrefix = ""
        /// Macros for every formula of a document, as `\newcommand` would define them: `["R": "\\mathbb{R}"]`,
        /// `["norm": "\\left\\|#1\\right\\|"]` (`#1`… are arguments).
        public var macros: [String: String]
        /// Macros read once for many formulas (a site's `math-macros`), with `definitions(_:)`; an error inside one
        /// of them is reported at its place in their text (`TeXError.inDefinitions`).
        public var definitions: MacroDefinitions?
        /// Where `definitions` are written, named in hints for undefined commands: `math-macros in site.yml`.
        public var definitionsSetting: String?

        public init(display: Bool = false, firstEquationNumber: Int = 1, macros: [String: String] = [:],
                    definitions: MacroDefinitions? = nil, definitionsSetting: String? = nil) {
            self.display = display
            self.firstEquationNumber = firstEquationNumber
            self.macros = macros
            self.definitions = definitions
            self.definitionsSetting = definitionsSetting
        }
    }

    /// Macros defined by `\newcommand`, `\renewcommand`, `\providecommand` and `\def`, read once (`definitions(_:)`).
    public struct MacroDefinitions: Sendable {
        let macros: [String: Macro]
        /// The names defined (without the backslash), sorted.
        public let names: [String]
    }

    /// Reads a text of macro definitions, such as a `.tex` file of `\newcommand`s (with `%` comments); anything
    /// else in it is an error at its line and column in the text.
    ///
    ///     let macros = try TeXMath.definitions(#"\newcommand{\Var}{\operatorname{Var}}"#)
    ///     try TeXMath.render(#"\Var(x)"#, options: .init(definitions: macros))
    public static func definitions(_ tex: String) throws(TeXError) -> MacroDefinitions {
        var tokens = try Lexer.tokens(tex)
        for index in tokens.indices { tokens[index].inDefinitions = true }
        let parser = Parser(tokens: tokens, macros: builtInMacros, display: false, firstEquationNumber: 1)
        let names = try parser.readDefinitions()
        return MacroDefinitions(macros: parser.input.macros, names: names.sorted())
    }

    /// A `\label{name}` and the number (or \tag text) of its line, without parentheses: ("eq:var", "3").
    public struct EquationLabel: Sendable, Hashable {
        public var name: String
        public var number: String
    }

    /// The converted formula.
    public struct Rendering: Sendable {
        /// One `<math>` element.
        public var mathML: String
        /// The labels defined in the formula, in order.
        public var labels: [EquationLabel]
        /// The number the next numbered line of the page should get.
        public var nextEquationNumber: Int
    }

    /// The environments that make a whole display formula (`equation`, `align`, `gather`, their starred forms, …):
    /// what an author may write bare in prose, as MathJax-based tools typeset it.
    public static let displayEnvironments: Set<String> = Set(Environment.all.filter(\.value.wholeFormula).keys)

    /// `<math display="inline|block">` with `<semantics>` … `<annotation encoding="application/x-tex">` the original TeX.
    ///
    ///     try TeXMath.mathML("x^2", display: false)
    ///     // <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><semantics><msup><mi>x</mi><mn>2</mn></msup>…
    public static func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
        try render(tex, options: Options(display: display)).mathML
    }

    /// The formula with its equation labels; see `Options`.
    public static func render(_ tex: String, options: Options) throws(TeXError) -> Rendering {
        var macros = options.definitions?.macros ?? builtInMacros
        if !options.macros.isEmpty {
            do {
                for (name, macro) in try MacroExpander.macros(from: options.macros) { macros[name] = macro }
            } catch {
                throw TeXError(message: "in a document macro: \(error.message)", hint: error.hint, line: 1, column: 1)
            }
        }
        let parser = Parser(tokens: try Lexer.tokens(tex), macros: macros, display: options.display,
                            firstEquationNumber: options.firstEquationNumber)
        parser.definitionsSetting = options.definitionsSetting
        parser.numberPrefix = options.equationNumberPrefix
        let content = try parser.parseFormula()
        let annotation = MathMLNode(.annotation, [("encoding", "application/x-tex")], text: tex)
        var math = MathMLNode(.math, [("xmlns", "http://www.w3.org/1998/Math/MathML"), ("display", options.display ? "block" : "inline")],
                              children: [MathMLNode(.semantics, children: [content, annotation])])
        // Equation numbers are placed against the right edge of the math box (Tables.numbered), in room kept for
        // them: a formula wider than its column (a phone) widens the box, which scrolls, rather than running under
        // its number.
        if parser.showsNumbers { math.set("style", Self.numberedStyle) }
        return Rendering(mathML: MathMLWriter.write(math), labels: parser.labels, nextEquationNumber: parser.equationNumber)
    }

    /// The style of a display with equation numbers: the box the numbers are placed against, at least as wide as
    /// the formula plus the numbers' room.
    static let numberedStyle = "position: relative; box-sizing: border-box; min-width: max-content; padding-right: 3em"

    private static let builtInMacros: [String: Macro] = (try? MacroExpander.macros(from: MacroExpander.builtIn)) ?? [:]
}
