// Tables: environment lines → `mtable`. MathML Core has no columnalign or columnspacing attributes, so
// alignment and the gaps between columns are CSS on each `mtd` (text-align, padding), which all three engines
// honour. Equation numbers go at the right margin (see `numbered`).

enum Tables {
    enum Alignment: Sendable { case left, center, right }

    struct Column: Sendable {
        var alignment: Alignment
        var ruleBefore = false
        var ruleAfter = false
    }

    /// An array column specification: `l`, `c`, `r`, and `|` for vertical rules.
    static func columns(_ spec: String, at token: Token) throws(TeXError) -> [Column] {
        var columns: [Column] = []
        var ruleBefore = false
        for c in spec.unicodeScalars {
            switch c {
            case "l", "c", "r":
                columns.append(Column(alignment: c == "l" ? .left : c == "r" ? .right : .center, ruleBefore: ruleBefore))
                ruleBefore = false
            case "|":
                if columns.isEmpty || ruleBefore { ruleBefore = true } else { columns[columns.count - 1].ruleAfter = true }
            case " ":
                break
            default:
                throw TeXError("unknown column type \(c) in the array specification", at: token,
                               hint: "columns are l, c or r, with | for a rule")
            }
        }
        if columns.isEmpty {
            throw TeXError("the array specification has no columns", at: token, hint: "for example \\begin{array}{lcr}")
        }
        return columns
    }

    /// Chromium lays an `mtd` out flush left under `text-align: right` but honours `-webkit-right`; browsers
    /// that do not know the prefixed value keep the first declaration.
    static let alignRight = "text-align: right; text-align: -webkit-right"

    /// Short lines are padded with empty cells to the widest line, so one wide line among many short ones
    /// would make the output quadratic in the input; past this many padding cells the table is an error.
    static let paddingBudget = 100_000

    static func checkPadding(_ lines: [TableLine], columns spec: [Column]?, at begin: Token) throws(TeXError) {
        let count = max(lines.map(\.cells.count).max() ?? 0, spec?.count ?? 0)
        let padding = lines.count * count - lines.reduce(0) { $0 + $1.cells.count }
        if padding > paddingBudget {
            throw TeXError("this table's lines would be padded with \(padding) empty cells (at most \(paddingBudget))", at: begin,
                           hint: "its widest line has \(count) cells; give the lines similar numbers of cells, or split the table")
        }
    }

    static func build(_ environment: Environment, lines: [TableLine], columns spec: [Column]?) -> MathMLNode {
        let count = max(lines.map(\.cells.count).max() ?? 0, spec?.count ?? 0)
        var styles: [String?] = []
        for j in 0..<count {
            var style: [String] = []
            switch environment.layout {
            case .align:
                // Pairs of right- and left-aligned columns meet at the relation; pairs are 2em apart.
                // alignat sets its pairs side by side.
                let gap = environment.countsPairs ? "0" : "1em"
                if j % 2 == 0 {
                    style = [alignRight, "padding-left: \(j == 0 ? "0" : gap)", "padding-right: 0"]
                } else {
                    style = ["text-align: left", "padding-left: 0", "padding-right: \(j == count - 1 ? "0" : gap)"]
                }
            case .gather:
                style = ["padding-left: 0", "padding-right: 0"]
            case .cases:
                style = ["text-align: left", "padding-left: 0", "padding-right: \(j == count - 1 ? "0" : "1em")"]
            case .matrix:
                if j == 0 { style.append("padding-left: 0") }
                if j == count - 1 { style.append("padding-right: 0") }
            case .array:
                if let column = spec.flatMap({ j < $0.count ? $0[j] : nil }) {
                    switch column.alignment {
                    case .left: style.append("text-align: left")
                    case .right: style.append(alignRight)
                    case .center: break
                    }
                    if column.ruleBefore { style.append("border-left: 0.06em solid") }
                    if column.ruleAfter { style.append("border-right: 0.06em solid") }
                }
            }
            styles.append(style.isEmpty ? nil : style.joined(separator: "; "))
        }

        let rows: [[MathMLNode]] = lines.map { line in
            (0..<count).map { j in MathMLNode.row(j < line.cells.count ? line.cells[j] : []) }
        }
        let rules = lines.map { ($0.ruleAbove, $0.ruleBelow) }
        let table: MathMLNode
        if lines.contains(where: { $0.tag != nil }) {
            table = numbered(rows: rows, tags: lines.map(\.tag), cellStyles: styles, displayStyle: environment.displayStyle, rules: rules)
        } else {
            table = mtable(rows: rows, cellStyles: styles, displayStyle: environment.displayStyle, rules: rules)
        }
        guard environment.open != nil || environment.close != nil else { return table }
        var children: [MathMLNode] = []
        if let open = environment.open { children.append(Delimiters.fence(open, form: "prefix")) }
        children.append(table)
        if let close = environment.close { children.append(Delimiters.fence(close, form: "postfix")) }
        return MathMLNode(.mrow, children: children)
    }

    private static func mtable(rows: [[MathMLNode]], cellStyles: [String?], displayStyle: Bool,
                               rules: [(above: Bool, below: Bool)]) -> MathMLNode {
        MathMLNode(.mtable, displayStyle ? [("displaystyle", "true")] : [], children: rows.enumerated().map { i, cells in
            MathMLNode(.mtr, children: cells.enumerated().map { j, cell in
                cellNode(cell, style: j < cellStyles.count ? cellStyles[j] : nil, rule: i < rules.count ? rules[i] : (false, false))
            })
        })
    }

    private static func cellNode(_ content: MathMLNode, style: String?, rule: (above: Bool, below: Bool)) -> MathMLNode {
        var parts = style.map { [$0] } ?? []
        if rule.above { parts.append("border-top: 0.06em solid") }
        if rule.below { parts.append("border-bottom: 0.06em solid") }
        let children = content.tag == .mrow && content.attributes.isEmpty ? content.children : [content]
        return MathMLNode(.mtd, parts.isEmpty ? [] : [("style", parts.joined(separator: "; "))], children: children)
    }

    /// Lines with equation numbers: each number in a last cell, taken out of the flow and put at the right edge
    /// of the `<math>` box (which TeXMath.render makes `position: relative`). The equation stays centred and
    /// the numbers sit at the right margin, as in a LaTeX document. (Chromium ignores a width on `mtable`, so
    /// a full-width table with margin columns does not work.)
    static func numbered(rows: [[MathMLNode]], tags: [MathMLNode?], cellStyles: [String?], displayStyle: Bool,
                         rules: [(above: Bool, below: Bool)] = []) -> MathMLNode {
        MathMLNode(.mtable, displayStyle ? [("displaystyle", "true")] : [], children: rows.enumerated().map { i, cells in
            let rule = i < rules.count ? rules[i] : (false, false)
            let label = MathMLNode(.mtd, [("style", "padding: 0")], children: tags[i].map { [tag($0, inTable: true)] } ?? [])
            return MathMLNode(.mtr, children: cells.enumerated().map { j, cell in
                cellNode(cell, style: j < cellStyles.count ? cellStyles[j] : nil, rule: rule)
            } + [label])
        })
    }

    /// An equation number at the right edge of the enclosing `<math>`. In a table cell Chromium puts the
    /// static position of an absolutely positioned box at the bottom of its row, so the number is moved up
    /// by its own height to sit on the row (measured in headless Chromium, see the README's Math section).
    static func tag(_ content: MathMLNode, inTable: Bool = false) -> MathMLNode {
        var tag = content.tag == .mtext || content.tag == .mrow ? content : MathMLNode(.mrow, children: [content])
        tag.set("style", "position: absolute; right: 0" + (inTable ? "; transform: translateY(-100%)" : ""))
        return tag
    }
}
