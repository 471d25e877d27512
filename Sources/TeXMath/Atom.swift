// Atom: what the parser collects in a row before it becomes MathML, with its TeX class (The TeXbook, chapter 17).
// Rows are finished here: the class rules of appendix G that the browser's operator dictionary cannot know,
// because they depend on the neighbours, are applied by setting spacing explicitly.

/// TeX's four styles (The TeXbook, chapter 17): a fraction's parts and scripts are set one or two styles smaller.
/// The browser sizes them itself (scriptlevel); the parser tracks the style only for spacing, which TeX drops in
/// script styles.
enum MathStyle: Sendable {
    case display, text, script, scriptScript

    var fraction: MathStyle {
        switch self {
        case .display: .text
        case .text: .script
        case .script, .scriptScript: .scriptScript
        }
    }

    var script: MathStyle { self == .display || self == .text ? .script : .scriptScript }
    var isScript: Bool { self == .script || self == .scriptScript }
}

enum AtomClass: Sendable, Equatable {
    case ord, op, bin, rel, open, close, punct, inner
    /// Explicit spacing (`\,`, `\quad`): invisible to the class rules, as glue is in TeX.
    case space
}

struct Atom: Sendable {
    enum Limits: Sendable, Equatable {
        /// Sub- and superscripts at the side.
        case scripts
        /// Under and over in display style, at the side inline (`movablelimits`), like \sum.
        case displayLimits
        /// Always under and over (`\limits`, \underbrace).
        case limits
    }

    var node: MathMLNode
    var atomClass: AtomClass
    var limits: Limits = .scripts
    /// Named functions (\log, \operatorname) are followed by U+2061 FUNCTION APPLICATION, for screen readers.
    var appliesFunction = false
    /// Letters set in an explicit alphabet (\mathrm{Var}) join into one `mi`, within that one argument.
    var joinsLetters = false
    /// `\begin{align}` and its kin must be the whole formula; this is where one began.
    var wholeFormula: Token?

    init(_ node: MathMLNode, _ atomClass: AtomClass = .ord) {
        self.node = node
        self.atomClass = atomClass
    }

    static let thinSpace = "0.1667em"   // 3mu

    /// The MathML children of an `mrow` holding `atoms`.
    ///
    /// TeX rules applied here (appendix G, rules 5 and 6, and the spacing table in chapter 18):
    /// a binary operator with nothing, an operator, a relation, an opening or punctuation before it, or a
    /// relation, closing or punctuation after it, is ordinary (the minus in `-x` and `(-x)` gets no space);
    /// a thin space separates a large operator or named function from an ordinary or operator neighbour.
    /// In script styles (`tight`) TeX leaves out the spaces around binary operators, relations and punctuation
    /// (the parenthesized entries of the table in chapter 18); browsers would add them, so they are set to zero.
    static func finish(_ atoms: [Atom], tight: Bool = false) -> [MathMLNode] {
        var classes = atoms.map(\.atomClass)
        var previous: Int?
        for i in classes.indices where classes[i] != .space {
            if classes[i] == .bin {
                if let p = previous, ![.bin, .op, .rel, .open, .punct].contains(classes[p]) {} else { classes[i] = .ord }
            }
            if let p = previous, classes[p] == .bin, [.rel, .close, .punct].contains(classes[i]) { classes[p] = .ord }
            previous = i
        }
        if let p = previous, classes[p] == .bin { classes[p] = .ord }

        var out: [MathMLNode] = []
        out.reserveCapacity(atoms.count)
        previous = nil
        for (i, atom) in atoms.enumerated() {
            var node = atom.node
            if (atom.atomClass == .bin && classes[i] == .ord) || (tight && [.bin, .rel, .punct].contains(classes[i])) {
                node.setOnCoreOperator("lspace", "0")
                node.setOnCoreOperator("rspace", "0")
            }
            if classes[i] != .space, let p = previous, thinSpace(between: classes[p], and: classes[i]) {
                out.append(.mspace(width: thinSpace))
            }
            out.append(node)
            if atom.appliesFunction { out.append(.mo("\u{2061}")) }
            if classes[i] != .space { previous = i }
        }
        return out
    }

    /// TeX puts a thin space between Op and Ord/Op/Inner/Close neighbours in every style.
    private static func thinSpace(between left: AtomClass, and right: AtomClass) -> Bool {
        (right == .op && [.ord, .close, .op, .inner].contains(left)) || (left == .op && [.ord, .op, .inner].contains(right))
    }

    /// Adjacent letters of an explicit alphabet become one `mi`: \mathrm{Var} → <mi>Var</mi>.
    static func joinLetters(_ atoms: [Atom]) -> [Atom] {
        guard atoms.contains(where: \.joinsLetters) else { return atoms }
        var out: [Atom] = []
        for atom in atoms {
            if atom.joinsLetters, let last = out.last, last.joinsLetters, atom.node.tag == .mi, last.node.tag == .mi {
                out[out.count - 1].node = .mi(last.node.text + atom.node.text)
            } else {
                out.append(atom)
            }
        }
        for i in out.indices { out[i].joinsLetters = false }
        return out
    }
}
