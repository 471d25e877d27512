// MathMLNode: the small tree the parser builds and the writer prints. Only MathML Core elements exist here
// (https://www.w3.org/TR/mathml-core/), so everything we emit is something Chromium, Firefox and Safari render.

struct MathMLNode: Sendable, Equatable {
    enum Tag: String, Sendable {
        case math, semantics, annotation
        case mrow, mstyle, mphantom, mpadded
        case mi, mn, mo, mtext, mspace
        case msub, msup, msubsup, munder, mover, munderover
        case mfrac, msqrt, mroot
        case mtable, mtr, mtd
    }

    var tag: Tag
    /// In writing order, so output is byte-identical across runs.
    var attributes: [(name: String, value: String)]
    var children: [MathMLNode]
    /// Character data of token elements (mi, mn, mo, mtext, annotation).
    var text: String

    init(_ tag: Tag, _ attributes: [(name: String, value: String)] = [], children: [MathMLNode] = [], text: String = "") {
        self.tag = tag
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    static func == (a: MathMLNode, b: MathMLNode) -> Bool {
        a.tag == b.tag && a.text == b.text && a.children == b.children
            && a.attributes.elementsEqual(b.attributes) { $0.name == $1.name && $0.value == $1.value }
    }

    // Token elements.
    static func mi(_ text: String, _ attributes: [(name: String, value: String)] = []) -> MathMLNode { MathMLNode(.mi, attributes, text: text) }
    static func mn(_ text: String) -> MathMLNode { MathMLNode(.mn, text: text) }
    static func mo(_ text: String, _ attributes: [(name: String, value: String)] = []) -> MathMLNode { MathMLNode(.mo, attributes, text: text) }
    static func mtext(_ text: String) -> MathMLNode { MathMLNode(.mtext, text: text) }
    static func mspace(width: String) -> MathMLNode {
        // MathML Core clamps a negative mspace width to zero; a negative margin moves the next box back.
        width.hasPrefix("-") ? MathMLNode(.mspace, [("style", "margin-left: \(width)")]) : MathMLNode(.mspace, [("width", width)])
    }

    /// One node for a list: the node itself when there is exactly one, else an `mrow`.
    static func row(_ nodes: [MathMLNode]) -> MathMLNode {
        nodes.count == 1 ? nodes[0] : MathMLNode(.mrow, children: nodes)
    }

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// Sets an attribute, replacing an earlier value.
    mutating func set(_ name: String, _ value: String) {
        if let i = attributes.firstIndex(where: { $0.name == name }) { attributes[i].value = value } else { attributes.append((name, value)) }
    }

    /// The characters of the node's text, in order, as a reader would type them (no-break spaces as spaces):
    /// what a reference to a \tag{…} shows.
    var plainText: String {
        var result = ""
        var stack = [self]
        while let node = stack.popLast() {
            result.unicodeScalars.append(contentsOf: node.text.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 })
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }

    /// The `mo` at the core of an embellished operator (the base of its scripts), where spacing attributes act.
    mutating func setOnCoreOperator(_ name: String, _ value: String) {
        switch tag {
        case .mo: set(name, value)
        case .msub, .msup, .msubsup, .munder, .mover, .munderover, .mfrac:
            if !children.isEmpty, children[0].tag == .mo { children[0].set(name, value) }
        default: break
        }
    }
}
