// MathMLWriter: prints a MathMLNode tree as XML. Every piece of text and every attribute value goes through
// one escaping function, so the output is well-formed XML whatever the formula contained. The walk uses an
// explicit stack (enter/exit, as cmark's renderer does), so no input can make it recurse deeply. Output is
// built as UTF-8 bytes and turned into a String once (appending to a String scalar by scalar was the
// converter's main cost).

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
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: tag.rawValue.utf8)
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
        out.append(contentsOf: node.tag.rawValue.utf8)
        for (name, value) in node.attributes {
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: "=\"".utf8)
            escape(value, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        if isEmptyElement(node) {
            out.append(contentsOf: "/>".utf8)
        } else {
            out.append(UInt8(ascii: ">"))
            escape(node.text, into: &out)
        }
    }

    /// XML character data and attribute values: markup characters become references, and characters XML 1.0
    /// does not allow (controls other than tab and line ends, U+FFFE, U+FFFF) become U+FFFD.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { escape($0, into: &out) }
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case ..<0x20: out.append(contentsOf: "\u{FFFD}".utf8)
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                // U+FFFE and U+FFFF are encoded EF BF BE and EF BF BF.
                out.append(contentsOf: "\u{FFFD}".utf8)
                i += 2
            default: out.append(byte)
            }
            i += 1
        }
    }
}
