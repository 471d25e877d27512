// GitHub alerts (site mode): a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
// `[!WARNING]` or `[!CAUTION]` (any case, nothing else on the line) becomes an `.alert`, as on github.com.

extension LineProcessor {
    /// Turns a closing block quote into an alert if its first paragraph starts with an alert marker line.
    mutating func makeAlert(_ quote: OpenBlock) {
        guard let first = quote.node.children.first, case .paragraph = first.kind,
              let index = leafIndex[ObjectIdentifier(first)] else { return }
        let text = leaves[index].text
        let lineEnd = text.bytes.firstIndex(of: 10) ?? text.bytes.count
        guard lineEnd >= 4, text.bytes[0] == UInt8(ascii: "["), text.bytes[1] == UInt8(ascii: "!") else { return }
        var end = lineEnd
        while end > 0, text.bytes[end - 1] == 32 || text.bytes[end - 1] == 9 { end -= 1 }
        guard text.bytes[end - 1] == UInt8(ascii: "]") else { return }
        let name = String(decoding: text.bytes[2..<(end - 1)], as: UTF8.self).lowercased()
        guard let kind = Node.AlertKind(rawValue: name) else { return }
        // An alert needs content after its marker (GitHub shows a bare `[!NOTE]` as a quote).
        guard lineEnd < text.bytes.count || quote.node.children.count > 1 else { return }
        quote.node.kind = .alert(kind)
        if lineEnd < text.bytes.count {
            var rest = text.dropping(lineEnd + 1)
            // Spaces at the start of the next line are not content (the inline parser would drop them after a break).
            var skip = 0
            while skip < rest.bytes.count, rest.bytes[skip] == 32 || rest.bytes[skip] == 9 { skip += 1 }
            if skip > 0 {
                rest.bytes.removeFirst(skip)
                if !rest.lines.isEmpty {
                    rest.lines[0].location.column += skip
                    for i in 1..<rest.lines.count { rest.lines[i].offset -= skip }
                }
            }
            leaves[index].text = rest
            first.range.start = rest.lines.first?.location ?? first.range.start
        } else {
            // The marker was the whole paragraph: it leaves the tree (its queued text is emptied, not parsed).
            quote.node.children.removeFirst()
            leaves[index].text = LeafText(bytes: [], lines: [])
        }
    }
}
