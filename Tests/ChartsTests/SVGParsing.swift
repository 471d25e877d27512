// Test support: parses chart output as XML (so every test also checks well-formedness) into a small tree
// that tests can query: elements by name, attribute values, text.
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Charts

final class Node {
    let name: String
    let attributes: [String: String]
    var children: [Node] = []
    var text = ""
    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    /// All descendants (and self) named `name`, in document order.
    func all(_ name: String) -> [Node] {
        var out: [Node] = []
        var stack: [Node] = [self]
        while let n = stack.popLast() {
            if n.name == name { out.append(n) }
            stack.append(contentsOf: n.children.reversed())
        }
        return out
    }

    /// Text of this node and its descendants.
    var allText: String { text + children.map(\.allText).joined() }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [Node] = []
    var root: Node?
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = Node(name: name, attributes: attributes)
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

struct ParseError: Error { let message: String }

/// The SVG's tree, or an error when it is not well-formed XML.
func parse(_ svg: String) throws -> Node {
    let parser = XMLParser(data: Data(svg.utf8))
    let builder = TreeBuilder()
    parser.delegate = builder
    guard parser.parse(), builder.error == nil, let root = builder.root else {
        throw ParseError(message: "not well-formed: \(builder.error.map { "\($0)" } ?? "no root") in \(svg.prefix(300))")
    }
    return root
}

/// Texts of all <text> elements.
func texts(_ root: Node) -> [String] { root.all("text").map(\.allText) }

/// Number of subpaths (M commands) in a path's `d`.
func subpaths(_ d: String) -> Int { d.filter { $0 == "M" }.count }

/// A text element with the position, anchor and font size it inherits from its groups.
struct PlacedText {
    var text: String
    var x: Double
    var y: Double
    var anchor: String
    var fontSize: Double
    var bold: Bool
    var rotated: Bool

    /// Estimated horizontal extent, with the module's own width table.
    var span: ClosedRange<Double> {
        let w = textWidth(text, fontSize: fontSize, bold: bold)
        switch anchor {
        case "middle": return (x - w / 2)...(x + w / 2)
        case "end": return (x - w)...x
        default: return x...(x + w)
        }
    }
}

/// Every <text> in the tree, with inherited `text-anchor` and `font-size` (from style attributes).
func placedTexts(_ root: Node) -> [PlacedText] {
    var out: [PlacedText] = []
    func fontSize(_ node: Node) -> Double? {
        guard let style = node.attributes["style"], let r = style.range(of: "font-size:") else { return nil }
        let rest = style[r.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(rest)
    }
    func walk(_ node: Node, anchor: String, size: Double, bold: Bool) {
        let anchor = node.attributes["text-anchor"] ?? anchor
        let size = fontSize(node) ?? size
        let bold = bold || (node.attributes["style"]?.contains("font-weight:600") ?? false)
        if node.name == "text" {
            out.append(PlacedText(text: node.allText, x: Double(node.attributes["x"] ?? "0") ?? 0,
                                  y: Double(node.attributes["y"] ?? "0") ?? 0, anchor: anchor, fontSize: size, bold: bold,
                                  rotated: node.attributes["transform"] != nil))
        }
        for child in node.children { walk(child, anchor: anchor, size: size, bold: bold) }
    }
    walk(root, anchor: "start", size: 11, bold: false)
    return out
}

/// The figure's width and height from its viewBox.
func viewBox(_ root: Node) -> (Double, Double) {
    let parts = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
    return parts.count == 4 ? (parts[2], parts[3]) : (0, 0)
}

/// Checks that horizontal texts stay inside the figure and that texts on one baseline do not overlap.
func expectTextFits(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let root = try parse(svg)
    let (width, _) = viewBox(root)
    let texts = placedTexts(root).filter { !$0.rotated }
    for t in texts {
        #expect(t.span.lowerBound >= -0.5 && t.span.upperBound <= width + 0.5, "'\(t.text)' runs out of the figure: \(t.span)", sourceLocation: sourceLocation)
    }
    let rows = Dictionary(grouping: texts, by: { ($0.y * 10).rounded() })
    for (_, row) in rows {
        let sorted = row.sorted { $0.span.lowerBound < $1.span.lowerBound }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(a.span.upperBound <= b.span.lowerBound + 0.5, "'\(a.text)' overlaps '\(b.text)'", sourceLocation: sourceLocation)
        }
    }
}

/// Checks the accessibility frame and that every id starts with the prefix.
func expectAccessible(_ svg: String, prefix: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let root = try parse(svg)
    #expect(root.name == "svg", sourceLocation: sourceLocation)
    #expect(root.attributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(root.attributes["aria-labelledby"] == "\(prefix)-title", sourceLocation: sourceLocation)
    #expect(root.attributes["aria-describedby"] == "\(prefix)-desc", sourceLocation: sourceLocation)
    #expect(root.children.first?.name == "title" && root.children.first?.attributes["id"] == "\(prefix)-title", sourceLocation: sourceLocation)
    #expect(root.children.dropFirst().first?.name == "desc" && root.children.dropFirst().first?.attributes["id"] == "\(prefix)-desc", sourceLocation: sourceLocation)
    #expect(!(root.children.first?.allText.isEmpty ?? true), sourceLocation: sourceLocation)
    var ids: [String] = []
    var stack = [root]
    while let n = stack.popLast() {
        if let id = n.attributes["id"] { ids.append(id) }
        stack += n.children
    }
    for id in ids { #expect(id.hasPrefix(prefix), "id '\(id)'", sourceLocation: sourceLocation) }
    #expect(Set(ids).count == ids.count, "duplicate ids", sourceLocation: sourceLocation)
    // Non-finite numbers never reach geometry: no attribute holds NaN or inf.
    stack = [root]
    while let n = stack.popLast() {
        for (name, value) in n.attributes where name != "id" && !name.hasPrefix("aria-") {
            let v = value.lowercased()
            #expect(!v.contains("nan") && !v.contains("inf"), "\(n.name) \(name)=\(value)", sourceLocation: sourceLocation)
        }
        stack += n.children
    }
}
