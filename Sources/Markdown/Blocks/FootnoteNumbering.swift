// GFM footnotes after parsing (as cmark-gfm numbers them): footnotes are numbered in the order of their first
// reference; each reference learns its number and which reference to its footnote it is (for back-links),
// and each definition how many references it has. Unreferenced definitions keep number 0 and are not shown.

enum FootnoteNumbering {
    /// A footnote lists a back-link for each of its first this-many references; later ones link to the
    /// footnote but get none (cmark-gfm writes them all: 100,000 `[^1]` made 60 times their size in HTML).
    static let maximumBackReferences = 100

    /// - Parameters:
    ///   - references: the footnote reference nodes in document order.
    ///   - definitions: the footnote definition nodes in document order (the first of a label counts).
    static func number(references: [Node], definitions: [Node]) {
        var byLabel: [String: Node] = [:]
        for node in definitions {
            if case .footnoteDefinition(let definition) = node.kind, byLabel[definition.label] == nil {
                byLabel[definition.label] = node
            }
        }
        var next = 1
        for node in references {
            guard case .footnoteReference(var reference) = node.kind,
                  let definitionNode = byLabel[reference.label],
                  case .footnoteDefinition(var definition) = definitionNode.kind else { continue }
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

    /// Appends the footnote references among `inlines` and their descendants, in document order.
    static func collectReferences(in inlines: [Node], into references: inout [Node]) {
        var pending: [Node] = inlines.reversed()
        while let node = pending.popLast() {
            if case .footnoteReference = node.kind { references.append(node) }
            pending.append(contentsOf: node.children.reversed())
        }
    }
}
