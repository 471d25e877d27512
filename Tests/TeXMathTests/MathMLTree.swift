// Test support: parses converter output as XML (Foundation's XMLDocument, an independent parser) and prints the
// presentation tree in a compact form a reviewer can read: `mrow(mi:x mo:= mfrac(mn:1 mn:2))`.
// Token elements show their text, other elements their children; attributes are checked by separate tests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import TeXMath

enum MathMLTree {
    /// The parsed `<math>` element; throws when the output is not well-formed XML.
    static func parse(_ mathML: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: mathML, options: [.nodePreserveWhitespace])
        guard let root = document.rootElement(), root.localName == "math" else {
            throw CocoaError(.coderInvalidValue)
        }
        return root
    }

    /// The presentation child of `<semantics>`, compactly.
    static func structure(_ mathML: String) throws -> String {
        let root = try parse(mathML)
        guard let semantics = elements(root).first, semantics.localName == "semantics",
              let presentation = elements(semantics).first else { return "?" }
        return compact(presentation)
    }

    static func compact(_ element: XMLElement) -> String {
        let name = element.localName ?? "?"
        if ["mi", "mn", "mo", "mtext"].contains(name) { return name + ":" + (element.stringValue ?? "") }
        let children = elements(element)
        if children.isEmpty { return name }
        return name + "(" + children.map(compact).joined(separator: " ") + ")"
    }

    static func elements(_ element: XMLElement) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }
    }

    /// Every element in document order (an explicit stack, whatever the depth).
    static func allElements(_ root: XMLElement) -> [XMLElement] {
        var out: [XMLElement] = []
        var stack = [root]
        while let element = stack.popLast() {
            out.append(element)
            stack.append(contentsOf: elements(element).reversed())
        }
        return out
    }

    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    /// The annotation's text: the TeX the formula came from.
    static func annotation(_ mathML: String) throws -> String? {
        try allElements(parse(mathML)).first { $0.localName == "annotation" }?.stringValue
    }
}
