// MacroExpander: sits between the lexer and the parser and replaces macro calls by their bodies, as TeX's
// stomach asks its mouth (The TeXbook, chapter 20). Macros come from three places: a few built in (below), the
// caller's `Options.macros` and `Options.definitions` (a site's math-macros), and `\newcommand` / `\def` inside the
// formula. Every expansion counts against a budget, so `\def\a{\a}` fails quickly instead of hanging (after
// KaTeX's `countExpansion`), and so does every token an expansion produces: one `\def` whose body repeats `#1`
// n times, called with an n-token argument, produces n² tokens from 2n of input, so counting expansions alone
// does not bound the work.

struct Macro: Sendable {
    var parameters: Int
    var body: [Token]
}

struct MacroExpander {
    /// More expansions than this in one formula is a runaway macro, not mathematics.
    static let expansionBudget = 1000
    /// More tokens than this produced by expansions is a runaway macro too; it bounds the formula's output
    /// (the author's own tokens plus these) in proportion to its input.
    static let producedTokenBudget = 100_000

    /// Definitions that amsmath or LaTeX make with macros; the rest of LaTeX's commands are in Commands/.
    static let builtIn: [String: String] = [
        "iff": "\\;\\Longleftrightarrow\\;",
        "implies": "\\;\\Longrightarrow\\;",
        "impliedby": "\\;\\Longleftarrow\\;",
        "dots": "\\ldots",
        "dotsc": "\\ldots",
        "dotso": "\\ldots",
        "dotsb": "\\cdots",
        "dotsm": "\\cdots",
        "dotsi": "\\cdots",
        "bmod": "\\mathbin{\\mathrm{mod}}",
        "pmod": "\\quad(\\mathrm{mod}\\ #1)",
        "mod": "\\quad\\mathrm{mod}\\,\\,",
        "neq": "\\ne",
        "stackrel": "\\overset{#1}{#2}",
        "substack": "\\begin{subarray}{c}#1\\end{subarray}",
        "newline": "\\\\",
        // KaTeX's further names (its docs/supported.md), as the commands they stand for.
        "Alpha": "\\mathrm{A}", "Beta": "\\mathrm{B}", "Epsilon": "\\mathrm{E}", "Zeta": "\\mathrm{Z}", "Eta": "\\mathrm{H}",
        "Iota": "\\mathrm{I}", "Kappa": "\\mathrm{K}", "Mu": "\\mathrm{M}", "Nu": "\\mathrm{N}", "Omicron": "\\mathrm{O}",
        "Rho": "\\mathrm{P}", "Tau": "\\mathrm{T}", "Chi": "\\mathrm{X}",
        // Not \\N, \\R, \\Z: documents define those themselves with \\newcommand, which must keep working.
        "Reals": "\\mathbb{R}", "reals": "\\mathbb{R}",
        "natnums": "\\mathbb{N}", "cnums": "\\mathbb{C}", "Complex": "\\mathbb{C}",
        "Darr": "\\Downarrow", "dArr": "\\Downarrow", "darr": "\\downarrow", "Harr": "\\Leftrightarrow", "hArr": "\\Leftrightarrow",
        "harr": "\\leftrightarrow", "Larr": "\\Leftarrow", "lArr": "\\Leftarrow", "larr": "\\leftarrow", "Lrarr": "\\Leftrightarrow",
        "lrArr": "\\Leftrightarrow", "lrarr": "\\leftrightarrow", "Rarr": "\\Rightarrow", "rArr": "\\Rightarrow", "rarr": "\\rightarrow",
        "Uarr": "\\Uparrow", "uArr": "\\Uparrow", "uarr": "\\uparrow",
        "alef": "\\aleph", "alefsym": "\\aleph", "empty": "\\emptyset", "exist": "\\exists", "image": "\\Im", "real": "\\Re",
        "infin": "\\infty", "isin": "\\in", "lang": "\\langle", "rang": "\\rangle", "plusmn": "\\pm", "sub": "\\subset",
        "sube": "\\subseteq", "supe": "\\supseteq", "sdot": "\\cdot", "thetasym": "\\vartheta", "colonequals": "\\coloneqq",
        "equalscolon": "\\eqqcolon", "mathellipsis": "\\ldots", "underbar": "\\underline{#1}", "bold": "\\mathbf{#1}",
        "frak": "\\mathfrak{#1}", "Bbb": "\\mathbb{#1}", "mathnormal": "{#1}", "textmd": "\\textrm{#1}", "pmb": "\\boldsymbol{#1}",
        "mathstrut": "\\vphantom{(}", "operatornamewithlimits": "\\operatorname*{#1}",
        "argmax": "\\operatorname*{arg\\,max}", "argmin": "\\operatorname*{arg\\,min}", "plim": "\\operatorname*{plim}",
        "injlim": "\\operatorname*{inj\\,lim}", "projlim": "\\operatorname*{proj\\,lim}",
        "arcctg": "\\operatorname{arcctg}", "arctg": "\\operatorname{arctg}", "ch": "\\operatorname{ch}", "cosec": "\\operatorname{cosec}",
        "cotg": "\\operatorname{cotg}", "ctg": "\\operatorname{ctg}", "cth": "\\operatorname{cth}", "sh": "\\operatorname{sh}",
        "tg": "\\operatorname{tg}", "th": "\\operatorname{th}",
        "bra": "\\langle #1\\rvert", "ket": "\\lvert #1\\rangle", "braket": "\\langle #1\\rangle",
        "Bra": "\\left\\langle #1\\right\\rvert", "Ket": "\\left\\lvert #1\\right\\rangle",
        "pod": "\\quad(#1)",
        // Line-breaking hints and \relax do nothing here: display math has no automatic breaks.
        "allowbreak": "", "nobreak": "", "relax": "",
        "liminf": "\\operatorname*{lim\\,inf}",
        "limsup": "\\operatorname*{lim\\,sup}",
    ]

    private var tokens: [Token]
    private var index = 0
    /// Tokens produced by expansions, to be read before `tokens[index...]`; the next one is last.
    private var pending: [Token] = []
    private(set) var macros: [String: Macro]
    private var expansions = 0
    private var producedTokens = 0

    init(tokens: [Token], macros: [String: Macro]) {
        self.tokens = tokens
        self.macros = macros
    }

    /// The names of every macro, for "did you mean" hints.
    var names: Dictionary<String, Macro>.Keys { macros.keys }

    mutating func define(_ name: String, _ macro: Macro) { macros[name] = macro }

    /// The next token without expanding it.
    func peekRaw() -> Token { pending.last ?? tokens[index] }

    /// Drops the next token.
    mutating func advance() {
        if pending.popLast() == nil, index < tokens.count - 1 { index += 1 }
    }

    /// The token after the next one, unexpanded (for `3.14`: is the `.` followed by a digit?).
    func peekRawSecond() -> Token {
        if pending.count >= 2 { return pending[pending.count - 2] }
        if pending.count == 1 { return tokens[index] }
        return tokens[min(index + 1, tokens.count - 1)]
    }

    mutating func nextRaw() -> Token {
        let token = peekRaw()
        advance()
        return token
    }

    /// The next token after expanding any macros at the front.
    mutating func peek() throws(TeXError) -> Token {
        while true {
            let token = peekRaw()
            guard case .command(let name) = token.kind, let macro = macros[name] else { return token }
            advance()
            try expand(macro, named: name, at: token)
        }
    }

    mutating func next() throws(TeXError) -> Token {
        let token = try peek()
        advance()
        return token
    }

    private mutating func expand(_ macro: Macro, named name: String, at call: Token) throws(TeXError) {
        expansions += 1
        if expansions > Self.expansionBudget {
            throw TeXError("more than \(Self.expansionBudget) macro expansions", at: call,
                           hint: "\\\(name) seems to expand to itself")
        }
        var arguments: [[Token]] = []
        for number in stride(from: 1, through: macro.parameters, by: 1) {
            while peekRaw().kind == .space { advance() }
            guard let argument = readArgument() else {
                throw TeXError("missing argument \(number) of \\\(name)", at: call,
                               hint: "\\\(name) takes \(macro.parameters) argument\(macro.parameters == 1 ? "" : "s")")
            }
            arguments.append(argument)
        }
        // The size of the expansion is known before it is built, so the budget stops it before any memory is spent.
        var size = 0
        for token in macro.body {
            if case .parameter(let n) = token.kind, n <= arguments.count { size += arguments[n - 1].count } else { size += 1 }
        }
        producedTokens += size
        if producedTokens > Self.producedTokenBudget {
            throw TeXError("macros produce more than \(Self.producedTokenBudget) tokens", at: call,
                           hint: "\\\(name) expands to \(size) tokens here; a formula this large is a runaway macro")
        }
        // The expansion is read next; its tokens point at the call, where the author can see them, except those of
        // the shared definitions (`Options.definitions`), which point into their text, where the author wrote them.
        func placed(_ token: Token) -> Token {
            token.inDefinitions ? token : Token(kind: token.kind, inDefinitions: call.inDefinitions, line: call.line, column: call.column)
        }
        var replacement: [Token] = []
        replacement.reserveCapacity(size)
        for token in macro.body {
            if case .parameter(let n) = token.kind {
                guard n <= arguments.count else {
                    throw TeXError("\\\(name) uses #\(n) but takes \(macro.parameters) argument\(macro.parameters == 1 ? "" : "s")", at: call)
                }
                for argumentToken in arguments[n - 1] { replacement.append(placed(argumentToken)) }
            } else {
                replacement.append(placed(token))
            }
        }
        pending.append(contentsOf: replacement.reversed())
    }

    /// One undelimited macro argument: a single token, or the tokens inside a balanced `{…}` group.
    /// Nil at the end of the formula, at a `}` or at an unbalanced group.
    mutating func readArgument() -> [Token]? {
        let first = peekRaw()
        switch first.kind {
        case .end: return nil
        case .character("}"): return nil
        case .character("{"):
            advance()
            return readBalanced()
        default:
            advance()
            return [first]
        }
    }

    /// The tokens up to the `}` that closes an already opened `{`, which is consumed; nil when it never closes.
    mutating func readBalanced() -> [Token]? {
        var depth = 0
        var result: [Token] = []
        while true {
            let token = nextRaw()
            switch token.kind {
            case .end: return nil
            case .character("{"): depth += 1
            case .character("}"):
                if depth == 0 { return result }
                depth -= 1
            default: break
            }
            result.append(token)
        }
    }

    /// Macros from source text (the built-in table and the caller's options), lexed once.
    static func macros(from definitions: [String: String]) throws(TeXError) -> [String: Macro] {
        var result: [String: Macro] = [:]
        for (name, body) in definitions {
            let tokens = try Lexer.tokens(body).dropLast()   // drop `.end`
            let parameters = tokens.reduce(0) { count, token in
                if case .parameter(let n) = token.kind { return max(count, n) }
                return count
            }
            result[name.hasPrefix("\\") ? String(name.dropFirst()) : name] = Macro(parameters: parameters, body: Array(tokens))
        }
        return result
    }
}
