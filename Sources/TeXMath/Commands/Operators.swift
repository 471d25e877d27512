// Operators: named functions (\log, \sin, \exp: upright, followed by U+2061 FUNCTION APPLICATION; \lim, \max,
// \min, \sup take limits under them in display style), \operatorname{Var} and \operatorname*{arg\,max} for
// the rest (`\Var` is deliberately not built in, as in LaTeX), the class changers \mathrel \mathbin \mathop …,
// and \not, which negates the relation after it.

enum Operators {
    static let functions = ["arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim",
                            "exp", "hom", "ker", "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh"]
    static let functionsWithLimits = ["det", "gcd", "inf", "lim", "max", "min", "Pr", "sup"]

    static let commands: [String: Command] = {
        var table: [String: Command] = [:]
        for name in functions {
            table[name] = Command("\\\(name)") { _, _ in function(name, limits: false) }
        }
        for name in functionsWithLimits {
            table[name] = Command("\\\(name)") { _, _ in function(name, limits: true) }
        }
        table["operatorname"] = Command("\\operatorname{name}") { parser, token throws(TeXError) in
            try operatorName(parser, token)
        }
        let classes: [(String, AtomClass)] = [("mathord", .ord), ("mathop", .op), ("mathbin", .bin), ("mathrel", .rel),
                                              ("mathopen", .open), ("mathclose", .close), ("mathpunct", .punct),
                                              ("mathinner", .inner)]
        for (name, atomClass) in classes {
            table[name] = Command("\\\(name){content}") { parser, token throws(TeXError) in
                try classChange(parser, token, to: atomClass)
            }
        }
        table["not"] = Command("\\not=") { parser, token throws(TeXError) in try negation(parser, token) }
        return table
    }()

    static func function(_ name: String, limits: Bool) -> Atom {
        var atom: Atom
        if limits {
            // An operator (not an identifier) so that `movablelimits` can put its limits at the side inline.
            atom = Atom(.mo(name, [("lspace", "0"), ("rspace", "0"), ("movablelimits", "true")]), .op)
            atom.limits = .displayLimits
        } else {
            atom = Atom(.mi(name), .op)
        }
        atom.appliesFunction = true
        return atom
    }

    /// \operatorname{Var} → <mi>Var</mi>; \operatorname*{arg\,max} takes limits like \max.
    private static func operatorName(_ parser: Parser, _ token: Token) throws(TeXError) -> Atom {
        var starred = false
        if parser.input.peekRaw().isCharacter("*") {
            parser.input.advance()
            starred = true
        }
        let saved = parser.font
        parser.font = .normal
        defer { parser.font = saved }
        let atoms = try parser.argumentAtoms(of: token, usage: "\\operatorname{name}")
        // A name made of characters and thin spaces becomes one token; anything else stays a row.
        var name = ""
        for atom in atoms {
            switch atom.node.tag {
            case .mi, .mn, .mo: name += atom.node.text
            case .mspace where atom.node.attribute("width") == Atom.thinSpace: name += "\u{2009}"
            default:
                var row = Atom(.row(parser.finish(atoms)), .op)
                row.appliesFunction = true
                row.limits = starred ? .displayLimits : .scripts
                return row
            }
        }
        if starred { return function(name, limits: true) }
        var atom = Atom(.mi(name, name.unicodeScalars.count == 1 ? [("mathvariant", "normal")] : []), .op)
        atom.appliesFunction = true
        return atom
    }

    /// \mathrel{:=}, \mathbin{\operatorname{mod}}: the content with another atom class. A single operator
    /// takes the class's spacing from the browser's dictionary; anything else gets TeX's spaces explicitly.
    private static func classChange(_ parser: Parser, _ token: Token, to atomClass: AtomClass) throws(TeXError) -> Atom {
        let atoms = try parser.argumentAtoms(of: token, usage: "\(token.spelling){content}")
        var node = MathMLNode.row(parser.finish(atoms))
        switch atomClass {
        case .bin, .rel:
            if node.tag == .mo {
                node.attributes.removeAll { $0.name == "lspace" || $0.name == "rspace" }
            } else {
                let space = atomClass == .bin ? "0.2222em" : "0.2778em"
                node = MathMLNode(.mrow, children: [.mspace(width: space), node, .mspace(width: space)])
            }
        case .ord, .op:
            if node.tag == .mo {
                node.set("lspace", "0")
                node.set("rspace", "0")
            }
        default:
            break
        }
        return Atom(node, atomClass)
    }

    private static let negated: [String: String] = [
        "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∼": "≁", "≃": "≄", "≅": "≇", "≈": "≉", "≡": "≢",
        "⊂": "⊄", "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "∣": "∤", "∥": "∦", "≺": "⊀", "≻": "⊁", "∋": "∌", "⊢": "⊬", "⊨": "⊭",
    ]

    /// \not= → ≠; a relation without a precomposed negation gets U+0338 COMBINING LONG SOLIDUS OVERLAY.
    private static func negation(_ parser: Parser, _ token: Token) throws(TeXError) -> Atom {
        let next = try parser.next()
        guard var atom = try parser.parseBase(next, single: true), atom.node.tag == .mo || atom.node.tag == .mi else {
            throw TeXError("\\not must be followed by a relation such as = or \\in", at: token)
        }
        atom.node.text = negated[atom.node.text] ?? atom.node.text + "\u{338}"
        return atom
    }
}
