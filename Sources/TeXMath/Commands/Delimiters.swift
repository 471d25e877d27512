// Delimiters: \left … \middle … \right, which stretch to what they enclose, and \big \Big \bigg \Bigg
// (with l, r, m variants), which have fixed sizes. The sizes are plain TeX's (\big is 8.5pt of a 10pt font,
// so 0.85em above and below the axis ≈ 1.2em tall; \Big 1.623em, \bigg 2.047em, \Bigg 2.470em, as KaTeX measures).

enum Delimiters {
    /// What may follow \left, \right, \middle and \big: characters and the commands for them. `.` is none.
    static let characters: Set<Unicode.Scalar> = ["(", ")", "[", "]", "|", "/", "<", ">", "⟨", "⟩", "‖", "⌊", "⌋", "⌈", "⌉", "↑", "↓"]
    static let names: [String: String] = [
        "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
        "langle": "⟨", "rangle": "⟩", "vert": "|", "Vert": "‖", "|": "‖", "lvert": "|", "rvert": "|",
        "lVert": "‖", "rVert": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "lgroup": "⟮", "rgroup": "⟯", "backslash": "\\", "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕",
        "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕",
    ]
    /// Fences that the browser's operator dictionary already makes stretchy.
    private static let stretchyByDefault: Set<String> = ["(", ")", "[", "]", "{", "}", "|", "‖", "⟨", "⟩", "⌊", "⌋", "⌈", "⌉", "⟮", "⟯"]

    static let commands: [String: Command] = {
        var table: [String: Command] = ["left": Command("\\left( … \\right)", parseLeft)]
        let sizes = [("big", "1.2em"), ("Big", "1.623em"), ("bigg", "2.047em"), ("Bigg", "2.470em")]
        for (name, size) in sizes {
            for (suffix, atomClass) in [("", AtomClass.ord), ("l", .open), ("r", .close), ("m", .rel)] {
                table[name + suffix] = Command("\\\(name + suffix)(") { parser, token throws(TeXError) in
                    let delimiter = try parser.delimiter(after: token) ?? ""
                    var attributes: [(name: String, value: String)] = [("minsize", size), ("maxsize", size)]
                    if !stretchyByDefault.contains(delimiter) { attributes.append(("stretchy", "true")) }
                    if atomClass == .ord { attributes += [("lspace", "0"), ("rspace", "0")] }
                    return Atom(.mo(delimiter, attributes), atomClass)
                }
            }
        }
        return table
    }()

    /// `\left` read: the enclosed list up to its `\right`, as one inner atom in an `mrow` of its own, so
    /// the fences stretch to exactly that content.
    private static func parseLeft(_ parser: Parser, _ left: Token) throws(TeXError) -> Atom? {
        let open = try parser.delimiter(after: left)
        try parser.enter(left)
        defer { parser.leave() }
        var atoms: [Atom] = []
        if let open { atoms.append(Atom(fence(open, form: "prefix"), .open)) }
        while true {
            atoms += try parser.parseExpression()
            let stop = try parser.peek()
            if stop.isCommand("middle") {
                parser.input.advance()
                if let middle = try parser.delimiter(after: stop) {
                    var node = fence(middle, form: "infix")
                    node.attributes += [("lspace", "0.05em"), ("rspace", "0.05em")]
                    atoms.append(Atom(node, .ord))
                }
            } else if stop.isCommand("right") {
                parser.input.advance()
                if let close = try parser.delimiter(after: stop) { atoms.append(Atom(fence(close, form: "postfix"), .close)) }
                if !atoms.contains(where: { $0.node.attribute("fence") != "true" && isTall($0.node) }) {
                    // TeX lets a delimiter fall short of its content by up to 5pt (\delimitershortfall), so around
                    // text-height content \left( is an ordinary parenthesis. The browser stretches to cover every
                    // script and picks a larger glyph, so fences around such content are not stretched at all.
                    for i in atoms.indices where atoms[i].node.attribute("fence") == "true" { atoms[i].node.set("stretchy", "false") }
                }
                return Atom(MathMLNode(.mrow, children: parser.finish(atoms)), .inner)
            } else {
                throw TeXError("\\left\(open ?? ".") has no matching \\right", at: left,
                               hint: "close it with \\right) (or \\right. for no delimiter) before \(stop.kind == .end ? "the end" : stop.spelling)")
            }
        }
    }

    /// Whether `node` holds something taller than a line of text: a fraction, a table, limits, a large operator.
    static func isTall(_ node: MathMLNode) -> Bool {
        var stack = [node]
        while let next = stack.popLast() {
            switch next.tag {
            case .mfrac, .mtable, .munder, .munderover: return true
            case .mo where ["∑", "∏", "∐", "∫", "∬", "∭", "∮", "⋃", "⋂"].contains(next.text): return true
            case .mo where next.attribute("fence") == "true" && next.attribute("stretchy") != "false": return true
            default: stack.append(contentsOf: next.children)
            }
        }
        return false
    }

    static func fence(_ text: String, form: String) -> MathMLNode {
        var attributes: [(name: String, value: String)] = [("fence", "true"), ("form", form)]
        if !stretchyByDefault.contains(text) { attributes.append(("stretchy", "true")) }
        return .mo(text, attributes)
    }
}

extension Parser {
    /// The delimiter after \left, \right, \middle or \big; nil for `.` (no delimiter).
    func delimiter(after command: Token) throws(TeXError) -> String? {
        let token = try peek()
        switch token.kind {
        case .character("."):
            input.advance()
            return nil
        case .character(let c) where Delimiters.characters.contains(c):
            input.advance()
            return c == "<" ? "⟨" : c == ">" ? "⟩" : String(c)
        case .command(let name) where Delimiters.names[name] != nil:
            input.advance()
            return Delimiters.names[name]
        default:
            throw TeXError("\(command.spelling) needs a delimiter, not \(token.spelling)", at: token.kind == .end ? command : token,
                           hint: "for example \(command.spelling)( or \(command.spelling)\\{, or \(command.spelling). for none")
        }
    }
}
