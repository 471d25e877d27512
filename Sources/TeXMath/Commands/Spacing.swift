// Spacing: TeX's math spaces in mu (1/18 em): \, 3mu, \: \> 4mu, \; 5mu, \! −3mu, \quad 1em, \qquad 2em,
// the control space `\ ` and `~` (an interword space, 1/3 em in Computer Modern), \hspace{…}, \kern, \mkern,
// and the phantoms, which take space without ink.

enum Spacing {
    static let interwordSpace = "0.3333em"

    private static let fixed: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
        ";": "0.2778em", "thickspace": "0.2778em", "!": "-0.1667em", "negthinspace": "-0.1667em",
        "negmedspace": "-0.2222em", "negthickspace": "-0.2778em", "quad": "1em", "qquad": "2em",
        " ": interwordSpace, "nobreakspace": interwordSpace, "space": interwordSpace, "enspace": "0.5em", "enskip": "0.5em",
    ]

    static let commands: [String: Command] = {
        var table: [String: Command] = [:]
        for (name, width) in fixed {
            table[name] = Command("\\\(name)") { _, _ in space(width: width) }
        }
        for name in ["hspace", "hskip", "kern", "mkern", "mskip", "mspace"] {
            table[name] = Command("\\\(name){1em}") { parser, token throws(TeXError) in
                if name == "hspace", parser.input.peekRaw().isCharacter("*") { parser.input.advance() }
                return space(width: try parser.dimension(of: token))
            }
        }
        table["phantom"] = Command("\\phantom{content}") { parser, token throws(TeXError) in
            Atom(MathMLNode(.mphantom, children: [try parser.argument(of: token, usage: "\\phantom{content}")]))
        }
        table["hphantom"] = Command("\\hphantom{content}") { parser, token throws(TeXError) in
            let content = try parser.argument(of: token, usage: "\\hphantom{content}")
            return Atom(MathMLNode(.mpadded, [("height", "0"), ("depth", "0")], children: [MathMLNode(.mphantom, children: [content])]))
        }
        table["vphantom"] = Command("\\vphantom{content}") { parser, token throws(TeXError) in
            let content = try parser.argument(of: token, usage: "\\vphantom{content}")
            return Atom(MathMLNode(.mpadded, [("width", "0")], children: [MathMLNode(.mphantom, children: [content])]))
        }
        return table
    }()

    static func space(width: String) -> Atom { Atom(.mspace(width: width), .space) }

    /// Lengths in em: TeX's units, taking 1em = 10pt as in Computer Modern at 10pt (18mu = 1em).
    static let units: [String: Double] = [
        "em": 1, "ex": 0.431, "mu": 1.0 / 18, "pt": 0.1, "pc": 1.2, "bp": 0.1004, "px": 0.075, "in": 7.227,
        "cm": 2.8453, "mm": 0.28453,
    ]

    /// TeX's largest dimension, 16383.99998pt, in em.
    static let maximumEm = 1638.0

    static func em(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let whole = abs(scaled) / 10_000
        var fraction = String(abs(scaled) % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction) + "em"
    }
}

extension Parser {
    /// A TeX dimension, braced (`\hspace{1em}`) or not (`\kern3mu`), as a CSS length in em.
    func dimension(of command: Token) throws(TeXError) -> String {
        while input.peekRaw().kind == .space { input.advance() }
        let start = input.peekRaw()
        var text = ""
        if start.isCharacter("{") {
            text = try rawArgument(of: command, usage: "\(command.spelling){1em}").text
        } else {
            // Unbraced: a signed decimal number and a two-letter unit, as in \kern-3mu.
            var unitLetters = 0
            while unitLetters < 2, case .character(let c) = input.peekRaw().kind {
                if c >= "a" && c <= "z" {
                    unitLetters += 1
                } else if !(c == "-" || c == "+" || c == "." || (c >= "0" && c <= "9")) || unitLetters > 0 {
                    break
                }
                text.unicodeScalars.append(c)
                input.advance()
            }
        }
        let trimmed = text.filter { $0 != " " }
        let unitStart = trimmed.firstIndex { $0.isLetter } ?? trimmed.endIndex
        guard let value = Double(trimmed[..<unitStart]), let unit = Spacing.units[String(trimmed[unitStart...])] else {
            throw TeXError("\(command.spelling) needs a length such as 1em or 3mu, not '\(text)'",
                           at: start.kind == .end ? command : start)
        }
        // TeX's own limit on a dimension is 16383.99998pt (about 1638em); beyond it the number cannot be written.
        guard abs(value * unit) <= Spacing.maximumEm else {
            throw TeXError("\(command.spelling) length '\(text)' is too large (at most \(Int(Spacing.maximumEm))em)",
                           at: start.kind == .end ? command : start)
        }
        return Spacing.em(value * unit)
    }
}
