// Text: \text{…} and its relatives set words inside math, as `mtext`. Spaces are kept (as no-break spaces,
// which a browser does not collapse at the edges of an element), `$…$` inside returns to math as in amsmath,
// and the escapes \% \$ \& \# \_ \{ \} give their characters.

enum Text {
    private static let styles: [String: String?] = [
        "text": nil, "textrm": nil, "textnormal": nil, "mbox": nil, "textup": nil,
        "textbf": "font-weight: bold", "textit": "font-style: italic", "textsf": "font-family: sans-serif",
        "texttt": "font-family: monospace", "emph": "font-style: italic",
    ]

    /// Commands allowed inside text, and what they print.
    static let characters: [String: String] = [
        " ": "\u{A0}", "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "{": "{", "}": "}",
        "textbackslash": "\\", ",": "\u{2009}", ";": "\u{2005}", "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}",
        "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—", "S": "§", "P": "¶",
        // LaTeX's letters and text symbols that KaTeX lists.
        "OE": "Œ", "oe": "œ", "AE": "Æ", "ae": "æ", "O": "Ø", "o": "ø", "AA": "Å", "aa": "å", "ss": "ß", "i": "ı", "j": "ȷ",
        "textunderscore": "_", "textdagger": "†", "textdaggerdbl": "‡", "textasciitilde": "~", "textasciicircum": "^",
        "textellipsis": "…", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
        "textdollar": "$", "textless": "<", "textgreater": ">", "textsterling": "£", "textbar": "|", "textbardbl": "‖",
        "textbraceleft": "{", "textbraceright": "}", "textdegree": "°", "sect": "§", "textregistered": "®",
    ]

    static let commands: [String: Command] = styles.reduce(into: [:]) { table, entry in
        let (name, style) = entry
        table[name] = Command("\\\(name){words}") { parser, token throws(TeXError) in
            Atom(try parser.text(of: token, style: style))
        }
    }
}

extension Parser {
    /// The braced text argument of `command`.
    func text(of command: Token, style: String?) throws(TeXError) -> MathMLNode {
        while input.peekRaw().kind == .space { input.advance() }
        let open = input.peekRaw()
        guard open.isCharacter("{") else {
            throw TeXError("missing argument for \(command.spelling)", at: command, hint: "usage: \(command.spelling){words}")
        }
        input.advance()
        try enter(open)
        defer { leave() }
        var nodes: [MathMLNode] = []
        var words = ""
        var braces = 0
        func flush() {
            guard !words.isEmpty else { return }
            nodes.append(MathMLNode(.mtext, style.map { [("style", $0)] } ?? [], text: words))
            words = ""
        }
        loop: while true {
            let token = try input.next()
            switch token.kind {
            case .end:
                throw unclosedBrace(open)
            case .character("}"):
                if braces == 0 { break loop }
                braces -= 1
            case .character("{"):
                braces += 1
            case .character("$"):
                flush()
                try enter(token)
                let atoms = try parseExpression(.dollar)
                guard try peek().isCharacter("$") else {
                    throw TeXError("math in \(command.spelling) is never closed by $", at: token)
                }
                input.advance()
                leave()
                nodes.append(.row(finish(atoms)))
            case .space, .character("~"):
                if !words.hasSuffix("\u{A0}") { words += "\u{A0}" }
            case .character(let c):
                words.unicodeScalars.append(c)
            case .parameter(let n):
                throw TeXError("#\(n) outside a macro definition", at: token)
            case .command(let name):
                if let character = Text.characters[name] {
                    words += character
                } else if let command = Commands.all[name], Text.commands[name] != nil {
                    flush()
                    if let atom = try command.parse(self, token) { nodes.append(atom.node) }
                } else {
                    let near = Parser.nearestName(to: name, among: Array(Text.characters.keys.filter { $0.count > 1 }) + Array(Text.commands.keys))
                    throw TeXError("\\\(name) is not allowed in text", at: token,
                                   hint: near.map { "did you mean \\\($0)?" } ?? "put math between $ signs: \\text{for all $x$}")
                }
            }
        }
        flush()
        return nodes.isEmpty ? .mtext("") : .row(nodes)
    }
}
