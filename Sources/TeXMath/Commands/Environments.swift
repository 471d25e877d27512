// Environments: \begin{name} … \end{name} with `&` between cells and `\\` between lines (amsmath's align,
// align*, aligned, gather, gathered, equation, split, cases, dcases, rcases, the matrices, and LaTeX's array
// with its column specification; smallmatrix and subarray in script style). Lines of align, gather and equation are numbered unless starred or marked
// \nonumber / \notag; \tag{…} replaces a number. Tables.swift turns the cells into an `mtable`.

struct Environment: Sendable {
    enum Layout: Sendable { case align, gather, matrix, cases, array }

    var layout: Layout
    /// Lines get equation numbers (align, gather, equation).
    var numbered = false
    /// Only the whole of a display formula (align, gather, equation); inside one, authors use aligned.
    var wholeFormula = false
    var maxColumns: Int?
    var maxLines: Int?
    /// Cells in display style (align, gathered) rather than text style (matrices, cases).
    var displayStyle = false
    /// Cells in script style, the size of a subscript (smallmatrix, and subarray under \\sum).
    var small = false
    /// alignat: `{n}` column pairs, set side by side with no space between them.
    var countsPairs = false
    var open: String?
    var close: String?

    static let all: [String: Environment] = [
        "align": Environment(layout: .align, numbered: true, wholeFormula: true, displayStyle: true),
        "align*": Environment(layout: .align, wholeFormula: true, displayStyle: true),
        "aligned": Environment(layout: .align, displayStyle: true),
        "alignat": Environment(layout: .align, numbered: true, wholeFormula: true, displayStyle: true, countsPairs: true),
        "alignat*": Environment(layout: .align, wholeFormula: true, displayStyle: true, countsPairs: true),
        "alignedat": Environment(layout: .align, displayStyle: true, countsPairs: true),
        "split": Environment(layout: .align, maxColumns: 2, displayStyle: true),
        "gather": Environment(layout: .gather, numbered: true, wholeFormula: true, maxColumns: 1, displayStyle: true),
        "gather*": Environment(layout: .gather, wholeFormula: true, maxColumns: 1, displayStyle: true),
        "gathered": Environment(layout: .gather, maxColumns: 1, displayStyle: true),
        "equation": Environment(layout: .gather, numbered: true, wholeFormula: true, maxColumns: 1, maxLines: 1, displayStyle: true),
        "equation*": Environment(layout: .gather, wholeFormula: true, maxColumns: 1, maxLines: 1, displayStyle: true),
        "cases": Environment(layout: .cases, maxColumns: 2, open: "{"),
        "dcases": Environment(layout: .cases, maxColumns: 2, displayStyle: true, open: "{"),
        "rcases": Environment(layout: .cases, maxColumns: 2, close: "}"),
        "matrix": Environment(layout: .matrix),
        "pmatrix": Environment(layout: .matrix, open: "(", close: ")"),
        "bmatrix": Environment(layout: .matrix, open: "[", close: "]"),
        "Bmatrix": Environment(layout: .matrix, open: "{", close: "}"),
        "vmatrix": Environment(layout: .matrix, open: "|", close: "|"),
        "Vmatrix": Environment(layout: .matrix, open: "‖", close: "‖"),
        "array": Environment(layout: .array),
        "smallmatrix": Environment(layout: .matrix, small: true),
        "subarray": Environment(layout: .array, maxColumns: 1, small: true),
    ]
}

enum Environments {
    static let commands: [String: Command] = [
        "begin": Command("\\begin{name} … \\end{name}") { parser, token throws(TeXError) in
            try parser.parseEnvironment(token)
        },
    ]
}

/// One finished line of a table.
struct TableLine {
    var cells: [[MathMLNode]]
    var tag: MathMLNode?
    var ruleAbove = false
    var ruleBelow = false
}

extension Parser {
    func parseEnvironment(_ begin: Token) throws(TeXError) -> Atom {
        let (name, nameToken) = try rawArgument(of: begin, usage: "\\begin{name}")
        guard var environment = Environment.all[name] else {
            throw TeXError("unknown environment \(name)", at: nameToken,
                           hint: Parser.nearestName(to: name, among: Environment.all.keys).map { "did you mean '\($0)'?" }
                            ?? "the environments are " + Environment.all.keys.sorted().joined(separator: ", "))
        }
        if environment.wholeFormula && (!display || depth > 0) {
            throw TeXError("\(name) must be the whole formula of display math", at: begin,
                           hint: display ? "inside a formula use aligned or gathered" : "in inline math use aligned or gathered")
        }
        if environment.countsPairs {
            let (count, countToken) = try rawArgument(of: begin, usage: "\\begin{\(name)}{pairs}")
            guard let pairs = Int(count.filter { $0 != " " }), (1...100).contains(pairs) else {
                throw TeXError("\(name) needs a number of column pairs, as in \\begin{\(name)}{2}", at: countToken)
            }
            environment.maxColumns = 2 * pairs
        }
        var columns: [Tables.Column]?
        if environment.layout == .array {
            let (spec, specToken) = try rawArgument(of: begin, usage: "\\begin{array}{columns}")
            columns = try Tables.columns(spec, at: specToken)
            if name == "subarray", columns!.count != 1 || columns![0].alignment == .right || columns![0].ruleBefore || columns![0].ruleAfter {
                throw TeXError("subarray takes one column, l or c", at: specToken, hint: "\\begin{subarray}{c} … \\end{subarray}")
            }
        }
        try enter(begin)
        defer { leave() }
        let (savedFont, savedLine, savedStyle) = (font, line, style)
        font = nil
        // amsmath sets align and gathered cells in display style, matrices and cases in text style.
        style = environment.small ? .script : environment.displayStyle ? .display : .text
        defer { (font, line, style) = (savedFont, savedLine, savedStyle) }
        // Numbered environments own their lines' numbers; in the others \tag belongs to the enclosing formula.
        let ownsNumbers = environment.wholeFormula
        if ownsNumbers { line = LineNumbering() }

        var lines: [TableLine] = []
        var cells: [[MathMLNode]] = []
        var ruleAbove = false
        while true {
            if cells.isEmpty {
                while try peek().isCommand("hline") { input.advance(); ruleAbove = true }
            }
            let atoms = try parseExpression()
            let stop = try peek()
            input.advance()
            switch stop.kind {
            case .character("&"):
                cells.append(finish(atoms))
                if let max = environment.maxColumns, cells.count >= max {
                    throw TeXError("too many columns in \(name) (at most \(max))", at: stop)
                }
            case .command("\\"), .command("cr"):
                skipLineSpacing()
                cells.append(finish(atoms))
                let tag = ownsNumbers ? try number(line!, numbered: environment.numbered) : nil
                lines.append(TableLine(cells: cells, tag: tag, ruleAbove: ruleAbove))
                if let max = environment.maxLines, lines.count >= max {
                    throw TeXError("\(name) has one line", at: stop, hint: "for several lines use align or gather")
                }
                cells = []
                ruleAbove = false
                if ownsNumbers { line = LineNumbering() }
            case .command("end"):
                let (endName, _) = try rawArgument(of: stop, usage: "\\end{\(name)}")
                guard endName == name else {
                    throw TeXError("\\end{\(endName)} does not match \\begin{\(name)} at \(begin.line):\(begin.column)", at: stop)
                }
                cells.append(finish(atoms))
                // A final `\\` before \end starts no line (amsmath drops an empty last line).
                let empty = cells.count == 1 && cells[0].isEmpty && !lines.isEmpty
                    && (line.map { $0.tag == nil && $0.label == nil } ?? true)
                if empty {
                    if ruleAbove { lines[lines.count - 1].ruleBelow = true }
                } else {
                    let tag = ownsNumbers ? try number(line!, numbered: environment.numbered) : nil
                    lines.append(TableLine(cells: cells, tag: tag, ruleAbove: ruleAbove))
                }
                try Tables.checkPadding(lines, columns: columns, at: begin)
                var table = Tables.build(environment, lines: lines, columns: columns)
                if environment.small { table = MathMLNode(.mstyle, [("displaystyle", "false"), ("scriptlevel", "1")], children: [table]) }
                var atom = Atom(table)
                if environment.wholeFormula { atom.wholeFormula = begin }
                return atom
            case .end:
                throw TeXError("\\begin{\(name)} has no matching \\end{\(name)}", at: begin)
            default:
                throw unexpected(stop)
            }
        }
    }

    /// `\\[2pt]`: extra space after a line, which we leave to the table's own spacing.
    func skipLineSpacing() {
        guard input.peekRaw().isCharacter("[") else { return }
        while true {
            let token = input.nextRaw()
            if token.isCharacter("]") || token.kind == .end { return }
        }
    }
}
