// Accents and over/under decorations: \hat \bar \tilde \vec \dot \ddot … (a character over the base,
// `mover accent="true"`), the wide ones that stretch (\widehat, \overline, \overrightarrow), and the braces
// \overbrace and \underbrace, whose scripts are set over and under as labels (TeX makes them \mathop\limits).

enum Accents {
    private struct Accent {
        let character: String
        let stretchy: Bool
        var under = false
        var brace = false
    }

    private static let table: [String: Accent] = [
        "hat": Accent(character: "^", stretchy: false), "widehat": Accent(character: "^", stretchy: true),
        "check": Accent(character: "ˇ", stretchy: false), "widecheck": Accent(character: "ˇ", stretchy: true),
        "tilde": Accent(character: "~", stretchy: false), "widetilde": Accent(character: "~", stretchy: true),
        "bar": Accent(character: "‾", stretchy: false), "overline": Accent(character: "‾", stretchy: true),
        "vec": Accent(character: "→", stretchy: false), "overrightarrow": Accent(character: "→", stretchy: true),
        "overleftarrow": Accent(character: "←", stretchy: true), "overleftrightarrow": Accent(character: "↔", stretchy: true),
        "dot": Accent(character: "˙", stretchy: false), "ddot": Accent(character: "¨", stretchy: false),
        "dddot": Accent(character: "⃛", stretchy: false),
        "acute": Accent(character: "´", stretchy: false), "grave": Accent(character: "`", stretchy: false),
        "breve": Accent(character: "˘", stretchy: false), "mathring": Accent(character: "˚", stretchy: false),
        "underline": Accent(character: "_", stretchy: true, under: true),
        "underrightarrow": Accent(character: "→", stretchy: true, under: true),
        "underleftarrow": Accent(character: "←", stretchy: true, under: true),
        "overbrace": Accent(character: "⏞", stretchy: true, brace: true),
        "underbrace": Accent(character: "⏟", stretchy: true, under: true, brace: true),
    ]

    static let commands: [String: Command] = table.reduce(into: [:]) { commands, entry in
        let (name, accent) = entry
        commands[name] = Command("\\\(name){base}") { parser, token throws(TeXError) in
            let base = try parser.argument(of: token, usage: "\\\(name){base}")
            let mark = MathMLNode.mo(accent.character, [("stretchy", accent.stretchy ? "true" : "false")])
            let node = accent.under
                ? MathMLNode(.munder, accent.brace ? [] : [("accentunder", "true")], children: [base, mark])
                : MathMLNode(.mover, accent.brace ? [] : [("accent", "true")], children: [base, mark])
            var atom = Atom(node)
            if accent.brace { atom.limits = .limits }
            return atom
        }
    }
}
