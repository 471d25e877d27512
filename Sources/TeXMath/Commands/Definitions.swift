// Definitions: \newcommand{\name}[n]{body}, \renewcommand, \providecommand, and plain TeX's \def\name#1#2{body}, for the
// formula they appear in. The macro expander does the expansion, within its budget.

enum Definitions {
    static let commands: [String: Command] = [
        "newcommand": Command("\\newcommand{\\name}[arguments]{body}") { parser, token throws(TeXError) in
            try parser.defineMacro(token, redefining: false)
            return nil
        },
        "renewcommand": Command("\\renewcommand{\\name}[arguments]{body}") { parser, token throws(TeXError) in
            try parser.defineMacro(token, redefining: true)
            return nil
        },
        "providecommand": Command("\\providecommand{\\name}[arguments]{body}") { parser, token throws(TeXError) in
            try parser.defineMacro(token, redefining: true, keepingExisting: true)
            return nil
        },
        "def": Command("\\def\\name#1{body}") { parser, token throws(TeXError) in
            try parser.defineMacro(token, redefining: true)
            return nil
        },
    ]
}

extension Parser {
    /// `keepingExisting`: \\providecommand reads the definition but keeps a command that already exists.
    /// The name defined, or nil when an existing command was kept.
    @discardableResult
    func defineMacro(_ command: Token, redefining: Bool, keepingExisting: Bool = false) throws(TeXError) -> String? {
        let usage = command.isCommand("def") ? "\\def\\name#1{body}" : "\\newcommand{\\name}[arguments]{body}"
        func skipSpaces() { while input.peekRaw().kind == .space { input.advance() } }
        skipSpaces()
        var nameToken = input.nextRaw()
        if nameToken.isCharacter("{") {
            nameToken = input.nextRaw()
            skipSpaces()
            guard input.nextRaw().isCharacter("}") else {
                throw TeXError("\(command.spelling) defines one command name", at: nameToken, hint: "usage: \(usage)")
            }
        }
        guard case .command(let name) = nameToken.kind else {
            throw TeXError("\(command.spelling) needs a command name to define", at: nameToken.kind == .end ? command : nameToken,
                           hint: "usage: \(usage)")
        }
        if !redefining && (Commands.all[name] != nil || Symbols.commands[name] != nil || input.macros[name] != nil) {
            throw TeXError("\\\(name) is already defined", at: nameToken, hint: "use \\renewcommand to redefine it")
        }
        var parameters = 0
        skipSpaces()
        if command.isCommand("def") {
            while case .parameter(let n) = input.peekRaw().kind {
                guard n == parameters + 1 else { throw TeXError("parameters must be numbered #1, #2, … in order", at: input.peekRaw()) }
                parameters = n
                input.advance()
            }
        } else if input.peekRaw().isCharacter("[") {
            input.advance()
            let count = input.nextRaw()
            guard case .character(let c) = count.kind, let n = Int(String(c)), (0...9).contains(n), input.nextRaw().isCharacter("]") else {
                throw TeXError("the number of arguments must be a digit in brackets, as in [2]", at: count)
            }
            parameters = n
        }
        skipSpaces()
        let open = input.nextRaw()
        guard open.isCharacter("{") else {
            throw TeXError("missing body for \\\(name)", at: open.kind == .end ? command : open, hint: "usage: \(usage)")
        }
        guard let body = input.readBalanced() else { throw unclosedBrace(open) }
        for token in body {
            if case .parameter(let n) = token.kind, n > parameters {
                throw TeXError("#\(n) in the body of \\\(name), which takes \(parameters) argument\(parameters == 1 ? "" : "s")", at: token)
            }
        }
        if keepingExisting && (Commands.all[name] != nil || Symbols.commands[name] != nil || input.macros[name] != nil) { return nil }
        input.define(name, Macro(parameters: parameters, body: body))
        return name
    }
}

extension Parser {
    /// A text of definitions only (`TeXMath.definitions`): each one read as in a formula; the names defined.
    func readDefinitions() throws(TeXError) -> [String] {
        var names: [String] = []
        while true {
            let token = input.nextRaw()
            switch token.kind {
            case .space: continue
            case .end: return names
            case .command(let name) where Definitions.commands[name] != nil:
                if let defined = try defineMacro(token, redefining: name != "newcommand", keepingExisting: name == "providecommand"),
                   !names.contains(defined) {
                    names.append(defined)
                }
            default:
                throw TeXError("expected a definition such as \\newcommand{\\name}{body} or \\def\\name{body}, not \(token.spelling)", at: token,
                               hint: "a macros file holds only \\newcommand, \\renewcommand, \\providecommand and \\def definitions")
            }
        }
    }
}
