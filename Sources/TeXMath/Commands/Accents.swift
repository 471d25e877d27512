// Accents and over/under decorations: \hat \bar \tilde \vec \dot \ddot … (a character over the base,
// `mover accent="true"`), the wide ones that stretch (\widehat, \overline, \overrightarrow), and the braces
// \overbrace and \underbrace, whose scripts are set over and under as labels (TeX makes them \mathop\limits).

enum Accents {
    private struct Accent {
        let character: String
        let stretchy: Bool
        var under = false
        var brace = false
        /// CSS for the mark: \vec's arrow is a smaller glyph than → (TeX draws it from the accent font).
        var style: String?
    }

    private static let table: [String: Accent] = [
        "hat": Accent(character: "^", stretchy: false), "widehat": Accent(character: "\u{302}", stretchy: true),
        "check": Accent(character: "ˇ", stretchy: false), "widecheck": Accent(character: "\u{30C}", stretchy: true),
        "tilde": Accent(character: "~", stretchy: false), "widetilde": Accent(character: "˜", stretchy: true),
        "bar": Accent(character: "‾", stretchy: false), "overline": Accent(character: "‾", stretchy: true),
        "vec": Accent(character: "→", stretchy: false, style: "font-size: 70%"), "overrightarrow": Accent(character: "→", stretchy: true),
        "overleftarrow": Accent(character: "←", stretchy: true), "overleftrightarrow": Accent(character: "↔", stretchy: true),
        "dot": Accent(character: "˙", stretchy: false), "ddot": Accent(character: "¨", stretchy: false),
        "dddot": Accent(character: "⃛", stretchy: false),
        "acute": Accent(character: "´", stretchy: false), "grave": Accent(character: "`", stretchy: false),
        "breve": Accent(character: "˘", stretchy: false), "mathring": Accent(character: "˚", stretchy: false),
        "underrightarrow": Accent(character: "→", stretchy: true, under: true),
        "underleftarrow": Accent(character: "←", stretchy: true, under: true),
        "overbrace": Accent(character: "⏞", stretchy: true, brace: true),
        "underbrace": Accent(character: "⏟", stretchy: true, under: true, brace: true),
    ]

    static let commands: [String: Command] = {
        var commands: [String: Command] = [:]
        for (name, accent) in table {
            commands[name] = Command("\\\(name){base}") { parser, token throws(TeXError) in
                let base = try parser.argument(of: token, usage: "\\\(name){base}")
                var mark = MathMLNode.mo(accent.character, [("stretchy", accent.stretchy ? "true" : "false")])
                if let style = accent.style { mark.set("style", style) }
                let node = accent.under
                    ? MathMLNode(.munder, accent.brace ? [] : [("accentunder", "true")], children: [base, mark])
                    : MathMLNode(.mover, accent.brace ? [] : [("accent", "true")], children: [base, mark])
                var atom = Atom(node)
                if accent.brace { atom.limits = .limits }
                return atom
            }
        }
        // Chromium does not stretch an underscore or overline glyph under a wide base, so \underline is a rule
        // drawn by CSS, as TeX draws it (a rule, not a glyph).
        commands["underline"] = Command("\\underline{base}") { parser, token throws(TeXError) in
            let base = try parser.argument(of: token, usage: "\\underline{base}")
            return Atom(MathMLNode(.mrow, [("style", "border-bottom: 0.06em solid; padding-bottom: 0.1em")], children: [base]))
        }
        return commands
    }()
}
