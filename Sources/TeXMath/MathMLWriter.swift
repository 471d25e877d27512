// MathMLWriter: prints a MathMLNode tree as XML. Every piece of text and every attribute value goes through
// one escaping function, so the output is well-formed XML whatever the formula contained. The walk uses an
// explicit stack (enter/exit, as cmark's renderer does), so no input can make it recurse deeply. Output is
// built as UTF-8 bytes and turned into a String once (appending to a String scalar by scalar was the
// converter's main cost).

import Basics

enum MathMLWriter {
    static func write(_ root: MathMLNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        open(root, into: &out)
        // Each frame is an element whose children are being written; `next` is the child to write next.
        var stack: [(children: [MathMLNode], next: Int, tag: MathMLNode.Tag)] = []
        if !isEmptyElement(root) { stack.append((root.children, 0, root.tag)) }
        while !stack.isEmpty {
            let top = stack.count - 1
            let (children, next, tag) = stack[top]
            if next == children.count {
                appendLiteral("</", to: &out)
                append(tag.rawValue, to: &out)
                out.append(UInt8(ascii: ">"))
                stack.removeLast()
                continue
            }
            stack[top].next = next + 1
            let child = children[next]
            open(child, into: &out)
            if !isEmptyElement(child) { stack.append((child.children, 0, child.tag)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isEmptyElement(_ node: MathMLNode) -> Bool {
        node.tag == .mspace && node.children.isEmpty && node.text.isEmpty
    }

    /// The start tag and the text of `node` (`<mspace …/>` when it has no content).
    private static func open(_ node: MathMLNode, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        append(node.tag.rawValue, to: &out)
        for (name, value) in node.attributes {
            out.append(UInt8(ascii: " "))
            append(name, to: &out)
            appendLiteral("=\"", to: &out)
            escape(value, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        if isEmptyElement(node) {
            appendLiteral("/>", to: &out)
        } else {
            out.append(UInt8(ascii: ">"))
            escape(node.text, into: &out)
        }
    }

    /// Appends markup (a tag or attribute name, `</`): its bytes at once. Appending a string's `utf8` view goes
    /// through the generic sequence path (8 % of the converter's instructions).
    @inline(__always)
    private static func append(_ markup: String, to out: inout [UInt8]) {
        var markup = markup
        markup.withUTF8 { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func appendLiteral(_ markup: StaticString, to out: inout [UInt8]) {
        markup.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// XML character data and attribute values: markup characters become references, and characters XML 1.0
    /// does not allow become U+FFFD.
    static func escape(_ text: String, into out: inout [UInt8]) {
        HTML.append(text, escapingFor: .xml, to: &out)
    }
}
