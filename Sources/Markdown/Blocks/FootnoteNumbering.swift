// GFM footnotes after parsing (as cmark-gfm numbers them): footnotes are numbered in the order of their first
// reference; each reference learns its number and which reference to its footnote it is (for back-links),
// and each definition how many references it has. Unreferenced definitions keep number 0 and are not shown.

enum FootnoteNumbering {
    static func number(_ root: Node) {
        var definitions: [String: Node] = [:]
        root.forEachDescendant { node in
            if case .footnoteDefinition(let definition) = node.kind, definitions[definition.label] == nil {
                definitions[definition.label] = node
            }
        }
        guard !definitions.isEmpty else { return }
        var next = 1
        root.forEachDescendant { node in
            guard case .footnoteReference(var reference) = node.kind,
                  let definitionNode = definitions[reference.label],
                  case .footnoteDefinition(var definition) = definitionNode.kind else { return }
            if definition.number == 0 {
                definition.number = next
                next += 1
            }
            definition.referenceCount += 1
            reference.number = definition.number
            reference.occurrence = definition.referenceCount
            definitionNode.kind = .footnoteDefinition(definition)
            node.kind = .footnoteReference(reference)
        }
    }
}
