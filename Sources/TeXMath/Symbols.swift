// Symbols: every command that stands for one character, and every character that means something, as data.
// The kind decides the element and the spacing, following TeX's atom classes (The TeXbook, chapter 17 and
// appendix G): identifiers are `mi` (Ord), relations and binary operators are `mo` whose spacing the browser's
// operator dictionary supplies, fences do not stretch unless asked (as in TeX), large operators carry limits.

enum Symbol: Sendable {
    /// `mi`; `upright` for letters TeX sets in roman (capital Greek, ∇, ∀).
    case identifier(String, upright: Bool)
    /// `mo` with a spacing class: .bin, .rel, .punct, or .ord (no space around, e.g. `/`).
    case `operator`(String, AtomClass)
    /// `mo stretchy="false"`, class .open, .close or .ord (`|`).
    case fence(String, AtomClass)
    /// ∑, ∫: `limits` puts sub- and superscripts under and over in display style.
    case largeOperator(String, limits: Bool)
}

enum Symbols {
    static func identifier(_ text: String, upright: Bool = false) -> Symbol { .identifier(text, upright: upright) }

    /// Control sequences naming one symbol, grouped as in a TeX reference card.
    static let commands: [String: Symbol] = {
        var table: [String: Symbol] = [:]
        let greek: [(String, String)] = [
            ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"), ("varepsilon", "ε"),
            ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"), ("iota", "ι"), ("kappa", "κ"),
            ("varkappa", "ϰ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"),
            ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"), ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"),
            ("upsilon", "υ"), ("phi", "ϕ"), ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
        ]
        for (name, letter) in greek { table[name] = identifier(letter) }
        let capitalGreek: [(String, String)] = [
            ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"), ("Pi", "Π"),
            ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
        ]
        for (name, letter) in capitalGreek { table[name] = identifier(letter, upright: true) }

        let ordinary: [(String, String, Bool)] = [
            ("infty", "∞", false), ("partial", "∂", false), ("nabla", "∇", true), ("forall", "∀", true),
            ("exists", "∃", true), ("nexists", "∄", true), ("emptyset", "∅", true), ("varnothing", "∅", true),
            ("ell", "ℓ", false), ("hbar", "ℏ", false), ("imath", "ı", false), ("jmath", "ȷ", false), ("Re", "ℜ", true),
            ("Im", "ℑ", true), ("aleph", "ℵ", true), ("wp", "℘", false), ("neg", "¬", true), ("lnot", "¬", true),
            ("top", "⊤", true), ("bot", "⊥", true), ("angle", "∠", true), ("triangle", "△", true), ("square", "□", true),
            ("Box", "□", true), ("checkmark", "✓", true), ("prime", "′", true), ("degree", "°", true),
            ("ldots", "…", true), ("cdots", "⋯", true), ("vdots", "⋮", true), ("ddots", "⋱", true),
            ("%", "%", true), ("$", "$", true), ("#", "#", true), ("&", "&", true), ("_", "_", true),
            ("flat", "♭", true), ("sharp", "♯", true), ("natural", "♮", true), ("clubsuit", "♣", true),
            ("diamondsuit", "♢", true), ("heartsuit", "♡", true), ("spadesuit", "♠", true), ("S", "§", true),
            ("P", "¶", true), ("dag", "†", true), ("ddag", "‡", true), ("copyright", "©", true), ("pounds", "£", true),
            ("backslash", "\\", true),
        ]
        for (name, text, upright) in ordinary { table[name] = identifier(text, upright: upright) }

        let binary: [(String, String)] = [
            ("pm", "±"), ("mp", "∓"), ("times", "×"), ("div", "÷"), ("cdot", "⋅"), ("ast", "∗"), ("star", "⋆"),
            ("circ", "∘"), ("bullet", "∙"), ("oplus", "⊕"), ("ominus", "⊖"), ("otimes", "⊗"), ("oslash", "⊘"),
            ("odot", "⊙"), ("cup", "∪"), ("cap", "∩"), ("sqcup", "⊔"), ("sqcap", "⊓"), ("vee", "∨"), ("lor", "∨"),
            ("wedge", "∧"), ("land", "∧"), ("setminus", "∖"), ("smallsetminus", "∖"), ("uplus", "⊎"), ("amalg", "⨿"),
            ("diamond", "⋄"), ("bigtriangleup", "△"), ("bigtriangledown", "▽"), ("triangleleft", "◃"),
            ("triangleright", "▹"), ("dagger", "†"), ("ddagger", "‡"), ("wr", "≀"), ("bigcirc", "◯"), ("centerdot", "⋅"),
        ]
        for (name, text) in binary { table[name] = .operator(text, .bin) }

        let relations: [(String, String)] = [
            ("leq", "≤"), ("le", "≤"), ("geq", "≥"), ("ge", "≥"), ("ne", "≠"), ("approx", "≈"),
            ("sim", "∼"), ("simeq", "≃"), ("cong", "≅"), ("equiv", "≡"), ("propto", "∝"), ("ll", "≪"), ("gg", "≫"),
            ("prec", "≺"), ("succ", "≻"), ("preceq", "⪯"), ("succeq", "⪰"), ("subset", "⊂"), ("supset", "⊃"),
            ("subseteq", "⊆"), ("supseteq", "⊇"), ("subsetneq", "⊊"), ("supsetneq", "⊋"), ("in", "∈"), ("notin", "∉"),
            ("ni", "∋"), ("owns", "∋"), ("to", "→"), ("rightarrow", "→"), ("leftarrow", "←"), ("gets", "←"),
            ("leftrightarrow", "↔"), ("Rightarrow", "⇒"), ("Leftarrow", "⇐"), ("Leftrightarrow", "⇔"),
            ("longrightarrow", "⟶"), ("longleftarrow", "⟵"), ("longleftrightarrow", "⟷"), ("Longrightarrow", "⟹"),
            ("Longleftarrow", "⟸"), ("Longleftrightarrow", "⟺"), ("mapsto", "↦"), ("longmapsto", "⟼"),
            ("hookrightarrow", "↪"), ("hookleftarrow", "↩"), ("uparrow", "↑"), ("downarrow", "↓"), ("updownarrow", "↕"),
            ("Uparrow", "⇑"), ("Downarrow", "⇓"), ("nearrow", "↗"), ("searrow", "↘"), ("nwarrow", "↖"), ("swarrow", "↙"),
            ("rightleftharpoons", "⇌"), ("leadsto", "⇝"), ("mid", "∣"), ("nmid", "∤"), ("parallel", "∥"),
            ("nparallel", "∦"), ("perp", "⊥"), ("models", "⊨"), ("vdash", "⊢"), ("dashv", "⊣"), ("vDash", "⊨"),
            ("asymp", "≍"), ("doteq", "≐"), ("triangleq", "≜"), ("coloneqq", "≔"), ("eqqcolon", "≕"),
            ("approxeq", "≊"), ("lesssim", "≲"), ("gtrsim", "≳"), ("leqslant", "⩽"), ("geqslant", "⩾"), ("nless", "≮"),
            ("ngtr", "≯"), ("nleq", "≰"), ("ngeq", "≱"), ("sqsubseteq", "⊑"), ("sqsupseteq", "⊒"), ("bowtie", "⋈"),
            ("smile", "⌣"), ("frown", "⌢"), ("ncong", "≇"), ("nsim", "≁"), ("lll", "⋘"), ("ggg", "⋙"),
            ("therefore", "∴"), ("because", "∵"), ("eqsim", "≂"),
        ]
        for (name, text) in relations { table[name] = .operator(text, .rel) }
        table["colon"] = .operator(":", .punct)

        let fences: [(String, String, AtomClass)] = [
            ("{", "{", .open), ("}", "}", .close), ("lbrace", "{", .open), ("rbrace", "}", .close),
            ("lbrack", "[", .open), ("rbrack", "]", .close), ("langle", "⟨", .open), ("rangle", "⟩", .close),
            ("lfloor", "⌊", .open), ("rfloor", "⌋", .close), ("lceil", "⌈", .open), ("rceil", "⌉", .close),
            ("lvert", "|", .open), ("rvert", "|", .close), ("lVert", "‖", .open), ("rVert", "‖", .close),
            ("vert", "|", .ord), ("Vert", "‖", .ord), ("|", "‖", .ord), ("lgroup", "⟮", .open), ("rgroup", "⟯", .close),
        ]
        for (name, text, atomClass) in fences { table[name] = .fence(text, atomClass) }

        let large: [(String, String, Bool)] = [
            ("sum", "∑", true), ("prod", "∏", true), ("coprod", "∐", true), ("bigcup", "⋃", true), ("bigcap", "⋂", true),
            ("bigvee", "⋁", true), ("bigwedge", "⋀", true), ("bigoplus", "⨁", true), ("bigotimes", "⨂", true),
            ("bigodot", "⨀", true), ("biguplus", "⨄", true), ("bigsqcup", "⨆", true),
            ("int", "∫", false), ("iint", "∬", false), ("iiint", "∭", false), ("oint", "∮", false),
            ("intop", "∫", true), ("smallint", "∫", false),
        ]
        for (name, text, limits) in large { table[name] = .largeOperator(text, limits: limits) }

        // amssymb's symbols and KaTeX's further names for symbols (its docs/supported.md), each the Unicode
        // character it stands for, by TeX class.
        let moreRelations: [(String, String)] = [
            ("Bumpeq", "≎"), ("Doteq", "≑"), ("Join", "⋈"), ("Lleftarrow", "⇚"), ("Lsh", "↰"), ("Rrightarrow", "⇛"),
            ("Rsh", "↱"), ("Subset", "⋐"), ("Supset", "⋑"), ("Vdash", "⊩"), ("Vvdash", "⊪"), ("backepsilon", "∍"),
            ("backsim", "∽"), ("backsimeq", "⋍"), ("between", "≬"), ("blacktriangleleft", "◀"),
            ("blacktriangleright", "▶"), ("bumpeq", "≏"), ("circeq", "≗"), ("circlearrowleft", "↺"),
            ("circlearrowright", "↻"), ("curlyeqprec", "⋞"), ("curlyeqsucc", "⋟"), ("curvearrowleft", "↶"),
            ("curvearrowright", "↷"), ("dashleftarrow", "⇠"), ("dashrightarrow", "⇢"), ("doteqdot", "≑"),
            ("downdownarrows", "⇊"), ("downharpoonleft", "⇃"), ("downharpoonright", "⇂"), ("eqcirc", "≖"),
            ("eqslantgtr", "⪖"), ("eqslantless", "⪕"), ("fallingdotseq", "≒"), ("geqq", "≧"), ("gggtr", "⋙"),
            ("gnapprox", "⪊"), ("gneq", "⪈"), ("gneqq", "≩"), ("gnsim", "⋧"), ("gt", ">"), ("gtrapprox", "⪆"),
            ("gtreqless", "⋛"), ("gtreqqless", "⪌"), ("gtrless", "≷"), ("imageof", "⊷"), ("leftarrowtail", "↢"),
            ("leftharpoondown", "↽"), ("leftharpoonup", "↼"), ("leftleftarrows", "⇇"), ("leftrightarrows", "⇆"),
            ("leftrightharpoons", "⇋"), ("leftrightsquigarrow", "↭"), ("leqq", "≦"), ("lessapprox", "⪅"),
            ("lesseqgtr", "⋚"), ("lesseqqgtr", "⪋"), ("lessgtr", "≶"), ("llless", "⋘"), ("lnapprox", "⪉"),
            ("lneq", "⪇"), ("lneqq", "≨"), ("lnsim", "⋦"), ("looparrowleft", "↫"), ("looparrowright", "↬"),
            ("lt", "<"), ("multimap", "⊸"), ("nLeftarrow", "⇍"), ("nLeftrightarrow", "⇎"), ("nRightarrow", "⇏"),
            ("nVDash", "⊯"), ("nVdash", "⊮"), ("nleftarrow", "↚"), ("nleftrightarrow", "↮"), ("nprec", "⊀"),
            ("npreceq", "⋠"), ("nrightarrow", "↛"), ("nsubseteq", "⊈"), ("nsucc", "⊁"), ("nsucceq", "⋡"),
            ("nsupseteq", "⊉"), ("ntriangleleft", "⋪"), ("ntrianglelefteq", "⋬"), ("ntriangleright", "⋫"),
            ("ntrianglerighteq", "⋭"), ("nvDash", "⊭"), ("nvdash", "⊬"), ("origof", "⊶"), ("pitchfork", "⋔"),
            ("precapprox", "⪷"), ("preccurlyeq", "≼"), ("precnapprox", "⪹"), ("precneqq", "⪵"), ("precnsim", "⋨"),
            ("precsim", "≾"), ("restriction", "↾"), ("rightarrowtail", "↣"), ("rightharpoondown", "⇁"),
            ("rightharpoonup", "⇀"), ("rightleftarrows", "⇄"), ("rightrightarrows", "⇉"), ("rightsquigarrow", "⇝"),
            ("risingdotseq", "≓"), ("shortmid", "∣"), ("shortparallel", "∥"), ("smallfrown", "⌢"),
            ("smallsmile", "⌣"), ("sqsubset", "⊏"), ("sqsupset", "⊐"), ("subseteqq", "⫅"), ("subsetneqq", "⫋"),
            ("succapprox", "⪸"), ("succcurlyeq", "≽"), ("succnapprox", "⪺"), ("succneqq", "⪶"), ("succnsim", "⋩"),
            ("succsim", "≿"), ("supseteqq", "⫆"), ("supsetneqq", "⫌"), ("thickapprox", "≈"), ("thicksim", "∼"),
            ("trianglelefteq", "⊴"), ("trianglerighteq", "⊵"), ("twoheadleftarrow", "↞"), ("twoheadrightarrow", "↠"),
            ("upharpoonleft", "↿"), ("upharpoonright", "↾"), ("upuparrows", "⇈"), ("varpropto", "∝"),
            ("vartriangle", "△"), ("vartriangleleft", "⊲"), ("vartriangleright", "⊳"),
        ]
        for (name, text) in moreRelations { table[name] = .operator(text, .rel) }
        let moreBinaries: [(String, String)] = [
            ("And", "&"), ("Cap", "⋒"), ("Cup", "⋓"), ("barwedge", "⊼"), ("boxdot", "⊡"), ("boxminus", "⊟"),
            ("boxplus", "⊞"), ("boxtimes", "⊠"), ("circledast", "⊛"), ("circledcirc", "⊚"), ("circleddash", "⊝"),
            ("curlyvee", "⋎"), ("curlywedge", "⋏"), ("divideontimes", "⋇"), ("dotplus", "∔"), ("doublebarwedge", "⩞"),
            ("doublecap", "⋒"), ("doublecup", "⋓"), ("gtrdot", "⋗"), ("intercal", "⊺"), ("leftthreetimes", "⋋"),
            ("lessdot", "⋖"), ("lhd", "⊲"), ("ltimes", "⋉"), ("rhd", "⊳"), ("rightthreetimes", "⋌"), ("rtimes", "⋊"),
            ("unlhd", "⊴"), ("unrhd", "⊵"), ("veebar", "⊻"),
        ]
        for (name, text) in moreBinaries { table[name] = .operator(text, .bin) }
        let moreLetters: [(String, String)] = [
           
        ]
        for (name, text) in moreLetters { table[name] = identifier(text) }
        let moreOrdinary: [(String, String)] = [
            ("Diamond", "◊"), ("Finv", "Ⅎ"), ("Game", "⅁"), ("backprime", "‵"), ("beth", "ℶ"), ("bigstar", "★"),
            ("blacklozenge", "⧫"), ("blacksquare", "■"), ("blacktriangle", "▲"), ("blacktriangledown", "▼"),
            ("circledR", "®"), ("circledS", "Ⓢ"), ("complement", "∁"), ("daleth", "ℸ"), ("diagdown", "╲"),
            ("diagup", "╱"), ("digamma", "ϝ"), ("eth", "ð"), ("gimel", "ℷ"), ("hslash", "ℏ"), ("lozenge", "◊"),
            ("maltese", "✠"), ("mathsterling", "£"), ("measuredangle", "∡"), ("mho", "℧"), ("sphericalangle", "∢"),
            ("surd", "√"), ("triangledown", "▽"), ("varvdots", "⋮"), ("yen", "¥"),
        ]
        for (name, text) in moreOrdinary { table[name] = identifier(text, upright: true) }
        let moreFences: [(String, String)] = [
            ("lmoustache", "⎰"), ("lparen", "("), ("rmoustache", "⎱"), ("rparen", ")"),
        ]
        for (name, text) in moreFences { table[name] = .fence(text, ["lparen", "lmoustache"].contains(name) ? .open : .close) }
        let morePunctuation: [(String, String)] = [
            ("cdotp", "⋅"), ("ldotp", "."),
        ]
        for (name, text) in morePunctuation { table[name] = .operator(text, .punct) }
        let moreNames: [(String, Symbol)] = [
            ("varGamma", identifier("Γ")), ("varDelta", identifier("Δ")), ("varTheta", identifier("Θ")), ("varLambda", identifier("Λ")),
            ("varXi", identifier("Ξ")), ("varPi", identifier("Π")), ("varSigma", identifier("Σ")), ("varUpsilon", identifier("Υ")),
            ("varPhi", identifier("Φ")), ("varPsi", identifier("Ψ")), ("varOmega", identifier("Ω")), ("Bbbk", identifier("𝕜")),
            ("weierp", identifier("℘")), ("clubs", identifier("♣", upright: true)), ("diamonds", identifier("♢", upright: true)),
            ("hearts", identifier("♡", upright: true)), ("spades", identifier("♠", upright: true)), ("Dagger", identifier("‡", upright: true)),
            ("minuso", identifier("⦵", upright: true)), ("lq", identifier("‘", upright: true)), ("rq", identifier("’", upright: true)),
            ("notni", .operator("∌", .rel)), ("dblcolon", .operator("∷", .rel)), ("coloncolon", .operator("∷", .rel)),
            ("Coloneqq", .operator("⩴", .rel)), ("ratio", .operator("∶", .rel)), ("vcentcolon", .operator("∶", .rel)),
            ("llbracket", .fence("⟦", .open)), ("rrbracket", .fence("⟧", .close)), ("lBrace", .fence("⦃", .open)),
            ("rBrace", .fence("⦄", .close)), ("ulcorner", .fence("┌", .open)), ("urcorner", .fence("┐", .close)),
            ("llcorner", .fence("└", .open)), ("lrcorner", .fence("┘", .close)),
            ("Updownarrow", .operator("⇕", .rel)), ("oiint", .largeOperator("∯", limits: false)), ("oiiint", .largeOperator("∰", limits: false)),
        ]
        for (name, symbol) in moreNames { table[name] = symbol }
        return table
    }()

    /// What a character typed in the formula means. ASCII follows plain TeX's \mathcode table; other characters
    /// mean what the command that produces them means, so `≤` is `\le` and `α` is `\alpha`.
    static let characters: [Unicode.Scalar: Symbol] = {
        var table: [Unicode.Scalar: Symbol] = [:]
        for symbol in commands.values {
            let text: String
            switch symbol {
            case .identifier(let t, _), .operator(let t, _), .fence(let t, _), .largeOperator(let t, _): text = t
            }
            guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.value > 0x7F else { continue }
            // Several commands share a character; keep one meaning per character, chosen deterministically.
            if case .largeOperator(_, false) = symbol, table[scalar] != nil { continue }
            if case .fence(_, .ord) = symbol { table[scalar] = symbol; continue }
            if table[scalar] == nil { table[scalar] = symbol }
        }
        let ascii: [(Unicode.Scalar, Symbol)] = [
            ("+", .operator("+", .bin)), ("-", .operator("−", .bin)), ("*", .operator("∗", .bin)),
            ("=", .operator("=", .rel)), ("<", .operator("<", .rel)), (">", .operator(">", .rel)), (":", .operator(":", .rel)),
            (",", .operator(",", .punct)), (";", .operator(";", .punct)), ("/", .operator("/", .ord)),
            (".", .operator(".", .ord)), ("!", .operator("!", .close)), ("?", .operator("?", .close)),
            ("(", .fence("(", .open)), (")", .fence(")", .close)), ("[", .fence("[", .open)), ("]", .fence("]", .close)),
            ("|", .fence("|", .ord)), ("@", identifier("@", upright: true)), ("\"", identifier("\u{201D}", upright: true)),
            ("`", identifier("\u{2018}", upright: true)),
        ]
        for (c, symbol) in ascii { table[c] = symbol }
        // Unicode spellings of ASCII operators and of symbols without a command of their own.
        table["−"] = .operator("−", .bin)
        table["·"] = .operator("⋅", .bin)
        table["∑"] = .largeOperator("∑", limits: true)
        table["∫"] = .largeOperator("∫", limits: false)
        table["′"] = nil   // primes are scripts, handled by the parser
        return table
    }()
}
