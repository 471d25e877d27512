// Test support: parses chart output as XML (so every test also checks well-formedness) into a small tree
// that tests can query: elements by name, attribute values, text.
import Foundation
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
