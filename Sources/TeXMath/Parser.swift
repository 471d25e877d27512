// Parser: tokens (through the macro expander) → atoms → MathML nodes.
//
// Why this shape: TeX math is not a context-free language over characters. What a token means depends on
// macros defined earlier, a command decides itself how many arguments it reads (`\frac12` is ½, `\sqrt[3]x`
// reads an optional one), `\over` turns the whole group read so far into a numerator, and `\displaystyle`
// changes everything after it up to the end of the group. So, as TeX itself (The TeXbook, chapters 17, 26)
// and KaTeX's Parser.ts do, we read a list of atoms one at a time, each atom a base followed by sub- and
// superscripts, with every command parsing its own arguments (the tables in Commands/), and we finish a list
// into a MathML row only when it ends at `}`, `&`, `\\`, `\end`, `\right` or the end of the formula.
//
// Recursion follows the nesting of groups; `depth` counts it and stops at `maxDepth`, so 10,000 nested braces
// are an error message, never a stack overflow.

import Diagnostics

/// Tokens that end a list besides `}`, `&`, `\\`, `\end`, `\right`, `\middle` and the end.
struct Stops: OptionSet {
    let rawValue: Int
    static let bracket = Stops(rawValue: 1)   // the optional argument of \sqrt[n]
    static let dollar = Stops(rawValue: 2)    // math inside \text{…$…$…}
}

/// Where \tag, \label and \nonumber of the current line are kept; nil in inline math.
struct LineNumbering {
    /// The tag as set (text, with any `$…$` math in it) and as plain text for references.
    var tag: (node: MathMLNode, text: String, starred: Bool, token: Token)?
    var label: (name: String, token: Token)?
    var suppressed = false
}

final class Parser {
    /// Deeper nesting than this is not a formula a person wrote (TeX's own limit on groups is 255).
    static let maxDepth = 100

    var input: MacroExpander
    let display: Bool
    private(set) var depth = 0
    /// The alphabet letters are set in (\mathbf{…}); nil is TeX's default math italic.
    var font: MathVariant?
    var style: MathStyle
    var line: LineNumbering?
    var equationNumber: Int
    var labels: [TeXMath.EquationLabel] = []
    /// The names in `labels`, so a duplicate is found in constant time in an align of many lines.
    private var labelNames: Set<String> = []
    /// Some line shows an equation number.
    private(set) var showsNumbers = false
    /// Written before every equation number: "3." numbers a chapter's equations (3.1), (3.2), …
    var numberPrefix = ""
    /// Where shared macro definitions are written, for hints (`Options.definitionsSetting`).
    var definitionsSetting: String?

    init(tokens: [Token], macros: [String: Macro], display: Bool, firstEquationNumber: Int) {
        input = MacroExpander(tokens: tokens, macros: macros)
        self.display = display
        equationNumber = firstEquationNumber
        style = display ? .display : .text
    }

    /// MathML for a finished list, spaced for the current style.
    func finish(_ atoms: [Atom]) -> [MathMLNode] { Atom.finish(atoms, tight: style.isScript) }

    /// `body` parsed (and its lists finished) in another style.
    func inStyle<T>(_ newStyle: MathStyle, _ body: () throws(TeXError) -> T) throws(TeXError) -> T {
        let saved = style
        style = newStyle
        defer { style = saved }
        return try body()
    }

    // MARK: - The formula

    func parseFormula() throws(TeXError) -> MathMLNode {
        line = display ? LineNumbering() : nil
        var atoms = try parseExpression()
        var stop = try peek()
        if display && (stop.isCommand("\\") || stop.isCommand("cr")) {
            // Line breaks in display math outside an environment (as KaTeX and MathJax allow): the lines are
            // centred one under another, as in gathered; \tag and \label still belong to the whole formula.
            var lines: [TableLine] = []
            while true {
                try checkWholeFormula(atoms, of: 2)
                // A final `\\` starts no line (as at the end of an environment).
                if !atoms.isEmpty || stop.kind != .end { lines.append(TableLine(cells: [finish(atoms)])) }
                guard stop.isCommand("\\") || stop.isCommand("cr") else { break }
                input.advance()
                skipLineSpacing()
                atoms = try parseExpression()
                stop = try peek()
            }
            atoms = [Atom(Tables.build(Environment.all["gathered"]!, lines: lines, columns: nil))]
        }
        guard stop.kind == .end else { throw unexpected(stop) }
        try checkWholeFormula(atoms, of: atoms.count)
        let content = MathMLNode.row(finish(atoms))
        guard let numbering = line, numbering.tag != nil || numbering.label != nil else {
            return content.tag == .mrow ? content : MathMLNode(.mrow, children: [content])
        }
        guard let tag = try number(numbering, numbered: false) else { return content }
        return MathMLNode(.mrow, children: [content, Tables.tag(tag)])
    }

    /// align, gather and equation must be all there is (`parts` counts the atoms and lines beside them).
    private func checkWholeFormula(_ atoms: [Atom], of parts: Int) throws(TeXError) {
        if parts > 1, let begin = atoms.first(where: { $0.wholeFormula != nil })?.wholeFormula {
            throw TeXError("\(begin.spelling) must be the whole formula", at: begin,
                           hint: "inside a formula use aligned or gathered")
        }
    }

    /// What is shown for a finished line ("(3)", or the \tag), registering its \label; nil when unnumbered.
    func number(_ numbering: LineNumbering, numbered: Bool) throws(TeXError) -> MathMLNode? {
        var shown: MathMLNode?
        var referenced: String?
        if let tag = numbering.tag {
            if tag.node.tag == .mtext {
                shown = .mtext(tag.starred ? tag.node.text : "(\(tag.node.text))")
            } else {
                shown = tag.starred ? tag.node : MathMLNode(.mrow, children: [.mtext("("), tag.node, .mtext(")")])
            }
            referenced = tag.text
        } else if numbered && !numbering.suppressed {
            shown = .mtext("(\(numberPrefix)\(equationNumber))")
            referenced = numberPrefix + String(equationNumber)
            equationNumber += 1
        }
        if let label = numbering.label {
            guard let referenced else {
                throw TeXError("\\label{\(label.name)} is on a line without a number", at: label.token,
                               hint: "number the line (remove \\nonumber, or add \\tag{…})")
            }
            if !labelNames.insert(label.name).inserted {
                throw TeXError("duplicate \\label{\(label.name)}", at: label.token)
            }
            labels.append(TeXMath.EquationLabel(name: label.name, number: referenced))
        }
        if shown != nil { showsNumbers = true }
        return shown
    }

    // MARK: - Tokens

    /// The next token in math mode: macros expanded, spaces skipped.
    func peek() throws(TeXError) -> Token {
        while true {
            let token = try input.peek()
            guard token.kind == .space else { return token }
            input.advance()
        }
    }

    func next() throws(TeXError) -> Token {
        let token = try peek()
        input.advance()
        return token
    }

    func isStop(_ token: Token, _ stops: Stops = []) -> Bool {
        switch token.kind {
        case .end, .character("}"), .character("&"): true
        case .character("]"): stops.contains(.bracket)
        case .character("$"): stops.contains(.dollar)
        case .command("\\"), .command("cr"), .command("end"), .command("right"), .command("middle"): true
        default: false
        }
    }

    /// One level deeper; an error past `maxDepth`, reported at the token that opened the level.
    func enter(_ token: Token) throws(TeXError) {
        depth += 1
        if depth > Self.maxDepth {
            throw TeXError("formula nested too deeply (more than \(Self.maxDepth) levels)", at: token)
        }
    }

    func leave() { depth -= 1 }

    /// The error for a token that ends a list where it cannot.
    func unexpected(_ token: Token) -> TeXError {
        switch token.kind {
        case .character("}"):
            TeXError("unbalanced braces: } has no matching {", at: token)
        case .character("&"):
            TeXError("& outside an alignment environment", at: token, hint: "use \\begin{aligned} … \\end{aligned}")
        case .command("\\"), .command("cr"):
            TeXError("\\\\ outside an environment", at: token,
                     hint: display ? "for several lines use \\begin{aligned} or \\begin{gathered}" : "inline math has one line; write the lines as display math ($$…$$)")
        case .command("end"):
            TeXError("\\end has no matching \\begin", at: token)
        case .command("right"):
            TeXError("\\right has no matching \\left", at: token)
        case .command("middle"):
            TeXError("\\middle outside \\left … \\right", at: token)
        default:
            TeXError("unexpected \(token.spelling)", at: token)
        }
    }

    func unclosedBrace(_ open: Token) -> TeXError {
        TeXError("unbalanced braces: { is never closed", at: open, hint: "add a } to close it")
    }

    // MARK: - Lists and atoms

    /// Atoms up to a stop token, which is left unread.
    func parseExpression(_ stops: Stops = []) throws(TeXError) -> [Atom] {
        var atoms: [Atom] = []
        while true {
            let token = try peek()
            if isStop(token, stops) { return atoms }
            if case .command(let name) = token.kind {
                if let fraction = Fractions.infix[name] {
                    // `a \over b`: everything read so far in this group is the numerator.
                    input.advance()
                    try enter(token)
                    defer { leave() }
                    let denominator = try inStyle(style.fraction) { () throws(TeXError) in try parseExpression(stops) }
                    // The numerator was read before `\over` was seen; its spacing is decided now, in the part style.
                    let numerator = try inStyle(style.fraction) { () throws(TeXError) in finish(atoms) }
                    return [fraction(.row(numerator), .row(try inStyle(style.fraction) { () throws(TeXError) in finish(denominator) }))]
                }
                if let change = Fonts.switches[name] {
                    // `\displaystyle`, `\bf`: applies to the rest of the group.
                    input.advance()
                    try enter(token)
                    defer { leave() }
                    let (savedFont, savedStyle) = (font, style)
                    if let variant = change.font { font = variant }
                    if let newStyle = change.mathStyle { style = newStyle }
                    let rest = try parseExpression(stops)
                    let finished = finish(rest)
                    (font, style) = (savedFont, savedStyle)
                    if change.style.isEmpty {
                        atoms.append(contentsOf: rest)
                    } else {
                        atoms.append(Atom(MathMLNode(.mstyle, change.style, children: finished)))
                    }
                    return atoms
                }
            }
            if let atom = try parseAtom() { atoms.append(atom) }
        }
    }

    /// A base and its scripts; nil for commands that produce nothing (\label, \newcommand).
    func parseAtom() throws(TeXError) -> Atom? {
        let token = try peek()
        let base: Atom
        if token.isCharacter("^") || token.isCharacter("_") || Self.isPrime(token) {
            base = Atom(MathMLNode(.mrow))   // `^2` and `{}^2` have an empty base
        } else {
            input.advance()
            guard let parsed = try parseBase(token) else { return nil }
            base = parsed
        }
        return try parseScripts(base)
    }

    /// What one token (already read) starts, without scripts. `single` reads one digit only, as TeX does for
    /// arguments: `\frac12` is ½ and `x^23` is x²3.
    func parseBase(_ token: Token, single: Bool = false) throws(TeXError) -> Atom? {
        switch token.kind {
        case .character(let c):
            return try parseCharacter(c, token, single: single)
        case .command(let name):
            if let command = Commands.all[name] { return try command.parse(self, token) }
            if let symbol = Symbols.commands[name] { return atom(for: symbol) }
            if name == "limits" || name == "nolimits" {
                throw TeXError("\(token.spelling) must follow an operator such as \\sum or \\int", at: token)
            }
            throw unknownCommand(name, at: token)
        case .parameter(let n):
            throw TeXError("#\(n) outside a macro definition", at: token)
        case .space, .end:
            return nil
        }
    }

    private func parseCharacter(_ c: Unicode.Scalar, _ token: Token, single: Bool) throws(TeXError) -> Atom? {
        switch c {
        case "{":
            return try group(token)
        case "0"..."9":
            return number(c, single: single)
        case "a"..."z", "A"..."Z":
            return identifier(String(c), upright: false)
        case "'":
            return Atom(.mo("′"))
        case "~":
            return Spacing.space(width: Spacing.interwordSpace)
        case "√":
            return try Roots.sqrt.parse(self, token)
        case "#":
            throw TeXError("# outside a macro definition", at: token, hint: "write \\# for the character")
        case "$":
            throw TeXError("$ inside math", at: token, hint: "write \\$ for a dollar sign")
        case "^", "_":
            throw TeXError("missing base before \(c)", at: token)
        default:
            if let symbol = Symbols.characters[c] { return atom(for: symbol) }
            // Other Unicode: letters and digits of any script are identifiers and numbers; math symbols are
            // operators whose spacing the browser's dictionary knows; anything else is an identifier.
            let properties = c.properties
            if properties.numericType == .decimal { return Atom(.mn(String(c))) }
            if properties.generalCategory == .mathSymbol { return Atom(.mo(String(c)), .rel) }
            return identifier(String(c), upright: false)
        }
    }

    /// Digits and a decimal point between digits, as one `mn`: 3.14.
    private func number(_ first: Unicode.Scalar, single: Bool) -> Atom {
        var text = String(first)
        func isDigit(_ token: Token) -> Bool {
            if case .character(let c) = token.kind { return c >= "0" && c <= "9" }
            return false
        }
        while !single {
            let next = input.peekRaw()
            if isDigit(next), case .character(let c) = next.kind {
                text.unicodeScalars.append(c)
                input.advance()
            } else if next.isCharacter("."), isDigit(input.peekRawSecond()) {
                text += "."
                input.advance()
            } else {
                break
            }
        }
        if let font { text = font.map(text) }
        return Atom(.mn(text))
    }

    /// An `mi` in the current alphabet. `upright` letters (capital Greek) are roman in TeX's default font.
    func identifier(_ text: String, upright: Bool) -> Atom {
        var text = text
        var upright = upright
        if let font {
            if font == .normal {
                upright = true
            } else {
                let mapped = font.map(text)
                if mapped != text { text = mapped; upright = false }
            }
        }
        let single = text.unicodeScalars.count == 1
        var atom = Atom(.mi(text, upright && single ? [("mathvariant", "normal")] : []))
        atom.joinsLetters = font != nil
        return atom
    }

    func atom(for symbol: Symbol) -> Atom {
        switch symbol {
        case .identifier(let text, let upright):
            return identifier(text, upright: upright)
        case .operator(let text, let atomClass):
            let spacing: [(name: String, value: String)] = atomClass == .ord ? [("lspace", "0"), ("rspace", "0")] : []
            return Atom(.mo(text, spacing), atomClass)
        case .fence(let text, let atomClass):
            var attributes: [(name: String, value: String)] = [("stretchy", "false")]
            if atomClass == .ord { attributes += [("lspace", "0"), ("rspace", "0")] }
            return Atom(.mo(text, attributes), atomClass)
        case .largeOperator(let text, let limits):
            // The thin spaces around an operator come from Atom.finish, as TeX's spacing table says,
            // not from the browser's dictionary (which differs between browsers).
            var atom = Atom(.mo(text, [("lspace", "0"), ("rspace", "0")]), .op)
            atom.limits = limits ? .displayLimits : .scripts
            return atom
        }
    }

    /// Operator names ML texts use that LaTeX does not define; the fix is \operatorname, not a near command.
    static let undefinedOperatorNames: Set<String> = [
        "Var", "var", "Cov", "cov", "Corr", "Std", "std", "Ex", "tr", "Tr", "diag", "rank", "sgn", "sign", "argmax",
        "argmin", "softmax", "KL", "erf", "relu", "ReLU", "supp", "Prob", "Bern", "Unif", "logit",
    ]

    /// Number sets authors often define as macros.
    static let numberSets: Set<String> = ["R", "N", "Z", "Q", "C", "E"]

    /// Commands KaTeX knows that we decline, each with what to write instead (README, Math: the supported subset).
    static let unsupported: [String: String] = {
        let groups: [(names: [String], hint: String)] = [
            (["color", "textcolor", "colorbox", "fcolorbox"], "colours come from the site's stylesheet (light and dark); emphasise with \\mathbf or words"),
            (["tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge"],
             "font sizes are not set inside math; use \\displaystyle, \\textstyle or \\scriptstyle"),
            (["href", "url", "includegraphics", "html", "htmlId", "htmlClass", "htmlStyle", "htmlData"],
             "links, pictures and HTML belong in the Markdown around the formula"),
            (["gdef", "edef", "xdef", "let", "global", "futurelet", "expandafter", "noexpand", "long", "makeatletter",
              "TextOrMath", "mathchoice", "char", "verb", "par"],
             "define macros with \\newcommand or \\def; type characters as themselves"),
            (["cancel", "bcancel", "xcancel", "sout", "boxed", "phase", "angln", "overgroup", "undergroup", "utilde",
              "overlinesegment", "underlinesegment", "overleftharpoon", "overrightharpoon", "Overrightarrow",
              "underleftrightarrow", "overbracket", "underbracket", "ddddot"],
             "this notation is not in the supported subset; see README, Math"),
            (["xleftarrow", "xrightarrow", "xLeftarrow", "xRightarrow", "xleftrightarrow", "xLeftrightarrow", "xhookleftarrow",
              "xhookrightarrow", "xtwoheadleftarrow", "xtwoheadrightarrow", "xleftharpoonup", "xrightharpoonup",
              "xleftharpoondown", "xrightharpoondown", "xleftrightharpoons", "xrightleftharpoons", "xtofrom", "xmapsto", "xlongequal"],
             "write the label over an arrow with \\overset{label}{\\longrightarrow}"),
            (["smash", "mathllap", "mathrlap", "mathclap", "llap", "rlap", "clap", "raisebox", "vcenter", "hbox"],
             "boxes that overlap or move are not supported; for a label under a sum use \\substack"),
            (["hdashline", "cline", "multicolumn"], "arrays take l, c, r and | columns and \\hline rules"),
            (["brace", "brack", "above", "genfrac"], "use \\frac, \\binom or \\atop"),
            (["mathsfit", "varinjlim", "varprojlim", "varliminf", "varlimsup"], "this notation is not in the supported subset; see README, Math"),
            (["ngeqq", "ngeqslant", "nleqq", "nleqslant", "nshortmid", "nshortparallel", "nsubseteqq", "nsupseteqq", "gvertneqq",
              "lvertneqq", "varsubsetneq", "varsubsetneqq", "varsupsetneq", "varsupsetneqq"],
             "Unicode has no character for this negation; use \\not or a near relation (\\ngeq, \\nleq, \\subsetneq)"),
            (["colonapprox", "Colonapprox", "coloncolonapprox", "colonsim", "Colonsim", "coloncolonsim", "approxcolon",
              "approxcoloncolon", "simcolon", "simcoloncolon", "eqcolon", "Eqcolon", "Eqqcolon", "minuscolon", "minuscoloncolon",
              "coloneq", "Coloneq", "colonminus", "coloncolonminus", "coloncolonequals", "equalscoloncolon"],
             "write the colon and the relation: \\mathrel{:}\\approx (\\coloneqq and \\eqqcolon are supported)"),
            (["TeX", "LaTeX", "KaTeX"], "write the name as text: \\text{LaTeX}"),
            (["'", "\"", ".", "=", "^", "~", "`", "H", "r", "u", "v"], "type the accented letter itself: é, ö, å"),
        ]
        return groups.reduce(into: [:]) { table, group in for name in group.names { table[name] = group.hint } }
    }()

    /// How to define `\name`: where the caller's shared definitions are written (`Options.definitionsSetting`), else
    /// with \newcommand in the formula.
    private func definingHint(_ name: String) -> String {
        if let setting = definitionsSetting { return "define \\\(name) for every formula in \(setting)" }
        return "define \\\(name) with \\newcommand{\\\(name)}{…}"
    }

    func unknownCommand(_ name: String, at token: Token) -> TeXError {
        if let hint = Self.unsupported[name] {
            return TeXError("\\\(name) is not supported", at: token, hint: hint)
        }
        if Self.numberSets.contains(name) {
            return TeXError("unknown command \\\(name)", at: token,
                            hint: "write \\mathbb{\(name)}, or \(definingHint(name))")
        }
        if Self.undefinedOperatorNames.contains(name) {
            let operatorName = name.hasPrefix("arg") ? "\\operatorname*{arg\\,\(name.dropFirst(3))}" : "\\operatorname{\(name)}"
            return TeXError("unknown command \\\(name)", at: token,
                            hint: "write \(operatorName), or \(definingHint(name))")
        }
        let near = Self.nearestName(to: name, among: (Self.builtInNames + input.names).filter { $0.count > 1 })
        return TeXError("unknown command \\\(name)", at: token, hint: near.map { "did you mean \\\($0)?" })
    }

    /// The candidate a typo of `name` may stand for. A typo is at most 3 edits away, so only names of about the
    /// same length are compared: an error costs time in proportion to the name, however long, not to the name
    /// times every command there is.
    static func nearestName(to name: String, among candidates: some Sequence<String>) -> String? {
        let length = name.unicodeScalars.count
        let near = candidates.filter { abs($0.unicodeScalars.count - length) <= 3 }
        // \alpah is \alpha, not \Alpha: a name written in the same case wins a tie.
        let sameCase = near.filter { $0.first?.isUppercase == name.first?.isUppercase }
        return Suggestion.closest(to: name, among: sameCase) ?? Suggestion.closest(to: name, among: near)
    }

    /// Every command name the converter knows, for "did you mean".
    static let builtInNames = Array(Commands.all.keys) + Array(Symbols.commands.keys) + Array(Fractions.infix.keys)
        + Array(Fonts.switches.keys) + ["limits", "nolimits", "left", "right", "middle", "end"]

    // MARK: - Groups and arguments

    /// `{…}` after its `{` was read: an ordinary atom.
    func group(_ open: Token) throws(TeXError) -> Atom {
        let atoms = try groupAtoms(open)
        return Atom(.row(finish(atoms)))
    }

    func groupAtoms(_ open: Token) throws(TeXError) -> [Atom] {
        try enter(open)
        defer { leave() }
        let atoms = try parseExpression()
        guard try peek().isCharacter("}") else { throw unclosedBrace(open) }
        input.advance()
        return atoms
    }

    /// A required argument of `command`: a group, or a single token (`\frac12`, `\sqrt\pi`).
    func argumentAtoms(of command: Token, usage: String) throws(TeXError) -> [Atom] {
        let token = try peek()
        if isStop(token) || token.isCharacter("^") || token.isCharacter("_") {
            throw TeXError("missing argument for \(command.spelling)", at: command, hint: "usage: \(usage)")
        }
        input.advance()
        if token.isCharacter("{") { return try groupAtoms(token) }
        try enter(command)
        defer { leave() }
        guard let atom = try parseBase(token, single: true) else {
            throw TeXError("missing argument for \(command.spelling)", at: command, hint: "usage: \(usage)")
        }
        return [atom]
    }

    func argument(of command: Token, usage: String) throws(TeXError) -> MathMLNode {
        .row(finish(try argumentAtoms(of: command, usage: usage)))
    }

    /// `[…]` after a command, or nil when none follows.
    func optionalArgument(of command: Token) throws(TeXError) -> [Atom]? {
        let open = try peek()
        guard open.isCharacter("[") else { return nil }
        input.advance()
        try enter(open)
        defer { leave() }
        let atoms = try parseExpression(.bracket)
        guard try peek().isCharacter("]") else {
            throw TeXError("\(command.spelling)[ is never closed by ]", at: open)
        }
        input.advance()
        return atoms
    }

    /// A `{…}` argument read as plain characters, unexpanded: environment names, labels, dimensions.
    func rawArgument(of command: Token, usage: String) throws(TeXError) -> (text: String, at: Token) {
        while input.peekRaw().kind == .space { input.advance() }
        let open = input.peekRaw()
        guard open.isCharacter("{") else {
            throw TeXError("missing argument for \(command.spelling)", at: command, hint: "usage: \(usage)")
        }
        input.advance()
        let first = input.peekRaw()
        guard let tokens = input.readBalanced() else { throw unclosedBrace(open) }
        var text = ""
        for token in tokens {
            switch token.kind {
            case .character(let c): text.unicodeScalars.append(c)
            case .space: text += " "
            default: text += token.spelling
            }
        }
        return (text, first.isCharacter("}") ? open : first)
    }

    // MARK: - Scripts

    func parseScripts(_ base: Atom) throws(TeXError) -> Atom {
        var base = base
        var sub: MathMLNode?
        var sup: MathMLNode?
        var primes: MathMLNode?
        loop: while true {
            let token = try peek()
            switch token.kind {
            case .command("limits"), .command("nolimits"):
                input.advance()
                guard base.atomClass == .op else {
                    throw TeXError("\(token.spelling) must follow an operator such as \\sum or \\int", at: token)
                }
                base.limits = token.isCommand("limits") ? .limits : .scripts
            case .character("^"):
                input.advance()
                if sup != nil { throw TeXError("double superscript", at: token, hint: "use braces: {x^a}^b or x^{ab}") }
                sup = try inStyle(style.script) { () throws(TeXError) in try script(after: token, "superscript") }
            case .character("_"):
                input.advance()
                if sub != nil { throw TeXError("double subscript", at: token, hint: "use braces: {x_a}_b or x_{ab}") }
                sub = try inStyle(style.script) { () throws(TeXError) in try script(after: token, "subscript") }
            case .character("'"), .character("′"), .character("″"):
                // A prime is a superscript in TeX (f' is f^\prime), but U+2032 is already a raised glyph: set as
                // a superscript it comes out tiny, so it follows the base at full size and a superscript after it.
                if sup != nil || primes != nil { throw TeXError("double superscript", at: token, hint: "put the prime first: x'^2") }
                var count = 0
                while Self.isPrime(input.peekRaw()) { count += input.nextRaw().isCharacter("″") ? 2 : 1 }
                primes = .mo(String(repeating: "‴", count: count / 3) + ["", "′", "″"][count % 3], [("lspace", "0"), ("rspace", "0")])
            default:
                break loop
            }
        }
        if let primes { base.node = MathMLNode(.mrow, children: [base.node, primes]) }
        guard sub != nil || sup != nil else { return base }
        let underOver = base.limits != .scripts
        if base.limits == .limits { base.node.setOnCoreOperator("movablelimits", "false") }
        let tag: MathMLNode.Tag = switch (sub != nil, sup != nil) {
        case (true, true): underOver ? .munderover : .msubsup
        case (true, false): underOver ? .munder : .msub
        default: underOver ? .mover : .msup
        }
        base.node = MathMLNode(tag, children: [base.node] + [sub, sup].compactMap { $0 })
        return base
    }

    /// `'`, or a prime typed as Unicode (′, ″).
    static func isPrime(_ token: Token) -> Bool {
        token.isCharacter("'") || token.isCharacter("′") || token.isCharacter("″")
    }

    private func script(after token: Token, _ what: String) throws(TeXError) -> MathMLNode {
        let next = try peek()
        if isStop(next) || next.isCharacter("^") || next.isCharacter("_") {
            throw TeXError("missing \(what) after \(token.spelling)", at: token)
        }
        input.advance()
        if next.isCharacter("{") { return try group(next).node }
        try enter(token)
        defer { leave() }
        guard let atom = try parseBase(next, single: true) else {
            throw TeXError("missing \(what) after \(token.spelling)", at: token)
        }
        return .row(finish([atom]))
    }
}
