// MathMLWriter: prints a MathMLNode tree as XML. Every piece of text and every attribute value goes through
// one escaping function, so the output is well-formed XML whatever the formula contained. The walk uses an
// explicit stack (enter/exit, as cmark's renderer does), so no input can make it recurse deeply.

enum MathMLWriter {
    static func write(_ root: MathMLNode) -> String {
        var out = ""
        out.reserveCapacity(256)
        enum Step { case enter(MathMLNode), exit(MathMLNode.Tag) }
        var stack: [Step] = [.enter(root)]
        while let step = stack.popLast() {
            switch step {
            case .exit(let tag):
                out += "</" + tag.rawValue + ">"
            case .enter(let node):
                out += "<" + node.tag.rawValue
                for (name, value) in node.attributes {
                    out += " " + name + "=\""
                    escape(value, into: &out)
                    out += "\""
                }
                if node.children.isEmpty && node.text.isEmpty && node.tag == .mspace {
                    out += "/>"
                    continue
                }
                out += ">"
                escape(node.text, into: &out)
                stack.append(.exit(node.tag))
                for child in node.children.reversed() { stack.append(.enter(child)) }
            }
        }
        return out
    }

    /// XML character data and attribute values: markup characters become references, and characters XML 1.0
    /// does not allow (controls, U+FFFE, U+FFFF) become U+FFFD.
    static func escape(_ text: String, into out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
