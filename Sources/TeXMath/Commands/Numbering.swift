// Equation numbering: \tag{…} (shown in parentheses) and \tag*{…} (shown as written) replace a line's number,
// \nonumber and \notag drop it, \label{name} names it so the page can refer to it (TeXMath.Rendering.labels).
// They act on the current line of align, gather or equation, or on the whole display formula; inline math has
// no numbers.

enum Numbering {
    static let commands: [String: Command] = [
        "tag": Command("\\tag{text}") { parser, token throws(TeXError) in
            var starred = false
            if parser.input.peekRaw().isCharacter("*") {
                parser.input.advance()
                starred = true
            }
            // Text, as in amsmath, with `$…$` for math: \tag{$\ast$}.
            let node = try parser.text(of: token, style: nil)
            try parser.requireLine(for: token)
            if parser.line?.tag != nil { throw TeXError("a second \\tag for the same equation", at: token) }
            parser.line?.tag = (node, node.plainText, starred, token)
            return nil
        },
        "label": Command("\\label{name}") { parser, token throws(TeXError) in
            let (name, _) = try parser.rawArgument(of: token, usage: "\\label{name}")
            try parser.requireLine(for: token)
            if parser.line?.label != nil { throw TeXError("a second \\label for the same equation", at: token) }
            parser.line?.label = (name, token)
            return nil
        },
        "nonumber": Command("\\nonumber") { parser, token throws(TeXError) in
            try parser.requireLine(for: token)
            parser.line?.suppressed = true
            return nil
        },
        "notag": Command("\\notag") { parser, token throws(TeXError) in
            try parser.requireLine(for: token)
            parser.line?.suppressed = true
            return nil
        },
    ]
}

extension Parser {
    func requireLine(for token: Token) throws(TeXError) {
        if line == nil {
            throw TeXError("\(token.spelling) needs display math", at: token, hint: "inline math has no equation numbers")
        }
    }
}
