// CONTRACT (written by the blocks helper; the inlines helper replaces the body): writes inline nodes.

extension HTMLWriter {
    /// Writes the opening (`entering`) or closing of an inline node; returns whether its children should be
    /// visited (and its exit called). Use `write`, `writeEscaped`, `writeHref`, `writeRawHTML`.
    mutating func renderInline(_ node: Node, entering: Bool) -> Bool {
        if entering, case .text(let text) = node.kind { writeEscaped(text) }
        return true
    }
}
