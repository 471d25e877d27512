// Walking and rewriting a tree without recursion (trees may be as deep as the input is long):
// enter/exit events as cmark's iterator (src/iterator.c) gives them, a rewriter that replaces nodes
// (swift-markdown's MarkupRewriter, reduced to one closure), and a node's plain text.

extension Node {
    /// Calls `visit` for every node of the tree in document order: once on entering (`entering == true`)
    /// and, for nodes with children, once on leaving (`entering == false`) after all of them.
    /// Leaves (nodes without children) are only entered. Returning `false` on entering skips the node's children
    /// (and its exit event).
    public func walk(_ visit: (_ node: Node, _ entering: Bool) throws -> Bool) rethrows {
        var stack: [(node: Node, next: Int)] = []
        if try visit(self, true), !children.isEmpty { stack.append((self, 0)) }
        while let top = stack.last {
            if top.next < top.node.children.count {
                stack[stack.count - 1].next += 1
                let child = top.node.children[top.next]
                if try visit(child, true), !child.children.isEmpty { stack.append((child, 0)) }
            } else {
                stack.removeLast()
                _ = try visit(top.node, false)
            }
        }
    }

    /// Every node below this one (not this one) in document order.
    public func forEachDescendant(_ body: (Node) throws -> Void) rethrows {
        // Pre-order with a stack of nodes still to visit, next one last.
        var pending: [Node] = children.reversed()
        while let node = pending.popLast() {
            try body(node)
            pending.append(contentsOf: node.children.reversed())
        }
    }

    /// Replaces nodes below this one: `transform` sees every descendant in document order and returns
    /// the nodes to put in its place (none to delete it), or nil to keep it and go on into its children.
    /// Replacement nodes are not visited.
    ///
    ///     document.root.rewrite { node in
    ///         guard case .math(let math) = node.kind else { return nil }
    ///         return [Node(.inlineHTML(mathML(math.tex)), range: node.range)]
    ///     }
    public func rewrite(_ transform: (Node) throws -> [Node]?) rethrows {
        var stack: [(node: Node, next: Int)] = [(self, 0)]
        while let top = stack.last {
            let parent = top.node
            guard top.next < parent.children.count else {
                stack.removeLast()
                continue
            }
            let child = parent.children[top.next]
            if let replacement = try transform(child) {
                parent.children.replaceSubrange(top.next...top.next, with: replacement)
                stack[stack.count - 1].next += replacement.count
            } else {
                stack[stack.count - 1].next += 1
                if !child.children.isEmpty { stack.append((child, 0)) }
            }
        }
    }

    /// The text a reader sees, without markup: text, code spans and math as written, line breaks as spaces,
    /// image descriptions included. Used for heading ids and page titles.
    public var plainText: String {
        var text = ""
        walk { node, entering in
            guard entering else { return true }
            switch node.kind {
            case .text(let s), .code(let s): text += s
            case .math(let math): text += math.tex
            case .softBreak, .hardBreak: text += " "
            case .codeBlock(let block): text += block.content
            case .htmlBlock, .inlineHTML: break
            case .mathBlock(let tex): text += tex
            default: break
            }
            return true
        }
        return text
    }
}
