// SVGWriter: the only way text reaches a chart's output. A tiny XML writer in the manner of matplotlib's
// `XMLWriter` (backend_svg.py) with plotters' escaping-by-construction: tags are a closed enum, attribute
// names are string literals, and every attribute value and text node is escaped on the way in, so
// unescaped or ill-formed output cannot be written. Numbers go through `coordinate(_:)`: rounded to
// 0.01, shortest form, so output is compact and byte-identical on every machine.

import Basics

/// An SVG element name; the set is closed so a typo cannot produce a stray tag.
enum SVGTag: String {
    case svg, title, desc, g, defs, clipPath, linearGradient, stop, rect, path, line, circle, text
}

/// An attribute name. Only literals in this module can make one: names are never built from data.
struct AttributeName: ExpressibleByStringLiteral, Equatable {
    let name: String
    init(stringLiteral value: StaticString) { name = value.description }
}

struct SVGWriter {
    private(set) var output = ""
    private var open: [SVGTag] = []

    init() { output.reserveCapacity(8192) }

    /// `<tag a="v" …>`; each value is escaped.
    mutating func start(_ tag: SVGTag, _ attributes: [(AttributeName, String)] = []) {
        writeTag(tag, attributes)
        output += ">"
        open.append(tag)
    }

    /// `</tag>`; the tag must be the innermost open one (a mismatch is a bug in the chart code).
    mutating func end(_ tag: SVGTag) {
        precondition(open.last == tag, "SVGWriter: </\(tag.rawValue)> does not close <\(open.last?.rawValue ?? "nothing")>")
        open.removeLast()
        output += "</\(tag.rawValue)>"
    }

    /// `<tag …/>`, or `<tag …>text</tag>` when `text` is given.
    mutating func element(_ tag: SVGTag, _ attributes: [(AttributeName, String)] = [], text: String? = nil) {
        writeTag(tag, attributes)
        if let text {
            output += ">"
            output += escapeText(text)
            output += "</\(tag.rawValue)>"
        } else {
            output += "/>"
        }
    }

    /// The finished document; every element opened has been closed.
    func finish() -> String {
        precondition(open.isEmpty, "SVGWriter: <\(open.last!.rawValue)> left open")
        return output
    }

    private mutating func writeTag(_ tag: SVGTag, _ attributes: [(AttributeName, String)]) {
        output += "<"
        output += tag.rawValue
        for (name, value) in attributes {
            output += " "
            output += name.name
            output += "=\""
            output += escapeAttribute(value)
            output += "\""
        }
    }
}

/// Text content: `&`, `<`, `>` become references; characters XML 1.0 forbids become U+FFFD.
func escapeText(_ s: String) -> String { HTML.escape(s, for: .xmlText) }

/// Attribute values: as text, plus `"` and the whitespace controls (kept as references so they survive
/// attribute-value normalization).
func escapeAttribute(_ s: String) -> String { HTML.escape(s, for: .xmlAttribute) }

/// A coordinate or length, rounded to 0.01 and printed in its shortest form: `12.5`, `3`, `-0.25`.
/// Integer arithmetic only, so the digits never depend on a platform's float printing. Non-finite
/// values (which chart code filters out before drawing) print as `0` so output stays valid.
func coordinate(_ value: Double) -> String {
    let scaled = (value * 100).rounded()
    guard scaled.isFinite, abs(scaled) < 1e15, scaled != 0 else { return "0" }
    let n = Int(scaled)
    let magnitude = n.magnitude
    var s = n < 0 ? "-" : ""
    s += String(magnitude / 100)
    let fraction = Int(magnitude % 100)
    if fraction != 0 {
        s += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
    }
    return s
}
