// Lexer: TeX source → tokens, as TeX's eyes and mouth see it in math mode (The TeXbook, chapters 7–8).
// A control word is `\` and ASCII letters (spaces after it are skipped), a control symbol is `\` and one other
// character; every other character is a token of its own. Each token keeps its line and column (Unicode scalars),
// so every later error points into the formula.

struct Token: Sendable {
    enum Kind: Hashable, Sendable {
        case command(String)         // `\frac` → "frac", `\,` → ","
        case character(Unicode.Scalar)
        case space                   // a run of spaces, tabs and newlines
        case parameter(Int)          // `#1` inside a macro body
        case end                     // after the last token
    }
    var kind: Kind
    /// The token comes from `Options.definitions` (a site's macros), so its position is in their text. (Beside
    /// `kind`, it takes the padding after it: a token stays 40 bytes.)
    var inDefinitions = false
    var line: Int
    var column: Int

    /// The token as the author typed it, for messages: `\frac`, `{`.
    var spelling: String {
        switch kind {
        case .command(let name): "\\" + name
        case .character(let c): String(c)
        case .space: "space"
        case .parameter(let n): "#\(n)"
        case .end: "end of formula"
        }
    }

    func isCharacter(_ c: Unicode.Scalar) -> Bool { kind == .character(c) }
    func isCommand(_ name: String) -> Bool { kind == .command(name) }
}

enum Lexer {
    /// All tokens of `tex`, ending with `.end`.
    static func tokens(_ tex: String) throws(TeXError) -> [Token] {
        let scalars = Array(tex.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count)
        var i = 0, line = 1, column = 1
        let multiline = scalars.contains { $0 == "\n" || $0 == "\r" }

        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
        // Moves past scalars[i], keeping line and column; "\r\n" is one line break.
        func advance() {
            let c = scalars[i]
            i += 1
            if c == "\n" || (c == "\r" && (i >= scalars.count || scalars[i] != "\n")) {
                line += 1
                column = 1
            } else if c != "\r" {
                column += 1
            }
        }

        while i < scalars.count {
            let c = scalars[i]
            let start = Token(kind: .end, line: line, column: column)
            if isSpace(c) {
                while i < scalars.count, isSpace(scalars[i]) { advance() }
                tokens.append(Token(kind: .space, line: start.line, column: start.column))
            } else if c == "\\" {
                advance()
                guard i < scalars.count else {
                    throw TeXError("a lone \\ ends the formula", at: start, hint: "write \\backslash for a backslash")
                }
                if isLetter(scalars[i]) {
                    var name = ""
                    while i < scalars.count, isLetter(scalars[i]) { name.unicodeScalars.append(scalars[i]); advance() }
                    // TeX skips the spaces after a control word: `\alpha b` is α followed by b.
                    while i < scalars.count, isSpace(scalars[i]) { advance() }
                    tokens.append(Token(kind: .command(name), line: start.line, column: start.column))
                } else {
                    let symbol = scalars[i]
                    advance()
                    // `\` followed by a newline or tab is a control space, as in TeX.
                    let name = isSpace(symbol) ? " " : String(symbol)
                    tokens.append(Token(kind: .command(name), line: start.line, column: start.column))
                }
            } else if c == "%" {
                // A comment runs to the end of the line. In a one-line formula it would swallow the rest of the
                // formula silently, which is never what an author of `50%` meant.
                guard multiline else {
                    throw TeXError("% starts a comment that would hide the rest of the formula", at: start,
                                   hint: "write \\% for a percent sign")
                }
                while i < scalars.count, scalars[i] != "\n", scalars[i] != "\r" { advance() }
            } else if c == "#" {
                advance()
                if i < scalars.count, scalars[i] >= "1", scalars[i] <= "9" {
                    let number = Int(scalars[i].value - Unicode.Scalar("0").value)
                    advance()
                    tokens.append(Token(kind: .parameter(number), line: start.line, column: start.column))
                } else {
                    tokens.append(Token(kind: .character("#"), line: start.line, column: start.column))
                }
            } else if c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) {
                throw TeXError("control character U+\(String(c.value, radix: 16, uppercase: true).leftPadded(4)) in the formula",
                               at: start)
            } else {
                advance()
                tokens.append(Token(kind: .character(c), line: start.line, column: start.column))
            }
        }
        tokens.append(Token(kind: .end, line: line, column: column))
        return tokens
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
