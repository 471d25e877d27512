// Fonts and styles: the math alphabets (\mathbf, \mathbb, \mathcal, \boldsymbol, …) written as Unicode
// mathematical letters (MathVariant), the old switches \rm \bf \it \cal \sf \tt, and the style switches
// \displaystyle \textstyle \scriptstyle \scriptscriptstyle, which act on the rest of the group.

enum Fonts {
    static let alphabets: [String: MathVariant] = [
        "mathrm": .normal, "mathup": .normal, "mathit": .italic, "mathbf": .bold, "boldsymbol": .boldItalic,
        "bm": .boldItalic, "mathcal": .script, "mathscr": .script, "mathbb": .doubleStruck, "mathfrak": .fraktur,
        "mathsf": .sansSerif, "mathtt": .monospace,
    ]

    static let commands: [String: Command] = alphabets.reduce(into: [:]) { table, entry in
        let (name, variant) = entry
        table[name] = Command("\\\(name){letters}") { parser, token throws(TeXError) in
            let saved = parser.font
            parser.font = variant
            defer { parser.font = saved }
            let atoms = Atom.joinLetters(try parser.argumentAtoms(of: token, usage: "\\\(name){letters}"))
            if atoms.count == 1 { return atoms[0] }
            return Atom(.row(parser.finish(atoms)))
        }
    }

    struct Switch: Sendable {
        var font: MathVariant?
        var mathStyle: MathStyle?
        var style: [(name: String, value: String)] = []
    }

    /// Commands that change the rest of the group (Parser.parseExpression applies them).
    static let switches: [String: Switch] = [
        "displaystyle": Switch(mathStyle: .display, style: [("displaystyle", "true"), ("scriptlevel", "0")]),
        "textstyle": Switch(mathStyle: .text, style: [("displaystyle", "false"), ("scriptlevel", "0")]),
        "scriptstyle": Switch(mathStyle: .script, style: [("displaystyle", "false"), ("scriptlevel", "1")]),
        "scriptscriptstyle": Switch(mathStyle: .scriptScript, style: [("displaystyle", "false"), ("scriptlevel", "2")]),
        "rm": Switch(font: .normal), "bf": Switch(font: .bold), "it": Switch(font: .italic),
        "cal": Switch(font: .script), "sf": Switch(font: .sansSerif), "tt": Switch(font: .monospace),
    ]
}
