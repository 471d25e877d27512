// The end of the inline pass: the finished item list becomes `Node`s, with an explicit stack (emphasis
// may nest as deep as the input is long). Consecutive text items merge into one `.text` node, and in
// GFM mode e-mail addresses in that merged text become links (cmark-gfm finds them after parsing too).
// Source ranges come from `SourceLocator`, which maps byte offsets to line:column in the source.
import Diagnostics

extension InlineSubject {
    mutating func makeNodes(locator: SourceLocator) -> [Node] {
        var locator = locator
        struct Frame {
            var item: Int
            var start: SourceLocation
            var children: [Node] = []
            var cursor: Int32
            var insideLink: Bool
        }
        let findEmails = options.contains(.autolinks)
        var stack = [Frame(item: InlineList.root, start: locator.location(0), children: reservedChildren(InlineList.root),
                           cursor: list[InlineList.root].first, insideLink: false)]
        var merged: [UInt8] = []
        swap(&merged, &self.merged)
        defer { swap(&merged, &self.merged) }
        var segments: [(merged: Int, source: Int, isSource: Bool)] = []
        while true {
            let top = stack.count - 1
            let cursor = stack[top].cursor
            if cursor < 0 {
                let frame = stack.removeLast()
                if stack.isEmpty { return frame.children }
                let item = list[frame.item]
                let range = SourceRange(start: frame.start, end: locator.location(item.end))
                let node = Node(containerKind(item), range: range, children: frame.children)
                stack[stack.count - 1].children.append(node)
                continue
            }
            let item = list[Int(cursor)]
            switch item.kind {
            case .text, .literal:
                let nextKind = item.next >= 0 ? list[Int(item.next)].kind : .root
                if item.kind == .text, nextKind != .text, nextKind != .literal,
                   !findEmails || stack[top].insideLink || !contains(UInt8(ascii: "@"), item.a..<item.b) {
                    // A single run of source text (the common case): no copy through `merged`.
                    stack[top].cursor = item.next
                    guard item.b > item.a else { continue }
                    let range = SourceRange(start: locator.location(item.start), end: locator.location(item.end))
                    stack[top].children.append(Node(text: source, base: s.baseAddress!, item.a, item.b, range: range))
                    continue
                }
                // Merge this and the following text items.
                merged.removeAll(keepingCapacity: true)
                segments.removeAll(keepingCapacity: true)
                var i = cursor
                var last = item
                while i >= 0, list[Int(i)].kind == .text || list[Int(i)].kind == .literal {
                    let t = list[Int(i)]
                    segments.append((merged.count, t.kind == .text ? t.a : t.start, t.kind == .text))
                    if t.kind == .text {
                        merged.append(contentsOf: UnsafeBufferPointer(rebasing: s[t.a..<t.b]))
                    } else {
                        merged.append(contentsOf: literals[t.a..<t.b])
                    }
                    last = t
                    i = t.next
                }
                stack[top].cursor = i
                if merged.isEmpty { continue }
                let pieces: [TextPiece]? = findEmails && !stack[top].insideLink
                    ? merged.withUnsafeBufferPointer { ExtendedAutolink.emailAutolinks(in: $0) } : nil
                guard let pieces else {
                    let range = SourceRange(start: locator.location(item.start), end: locator.location(last.end))
                    stack[top].children.append(Node(.text(String(utf8Bytes: merged)), range: range))
                    continue
                }
                // Map offsets in the merged text back to the source (decoded text maps to its reference's
                // start). Pieces come in order, so one cursor walks the segments once.
                var k = 0
                func sourceOffset(_ m: Int) -> Int {
                    if m >= merged.count { return last.end }
                    while k + 1 < segments.count, segments[k + 1].merged <= m { k += 1 }
                    let segment = segments[k]
                    return segment.isSource ? segment.source + (m - segment.merged) : segment.source
                }
                for piece in pieces {
                    switch piece {
                    case .text(let r):
                        let range = SourceRange(start: locator.location(sourceOffset(r.lowerBound)),
                                                end: locator.location(sourceOffset(r.upperBound)))
                        stack[top].children.append(Node(.text(String(utf8Bytes: merged[r])), range: range))
                    case .email(let r, let destination):
                        let range = SourceRange(start: locator.location(sourceOffset(r.lowerBound)),
                                                end: locator.location(sourceOffset(r.upperBound)))
                        let text = Node(.text(String(utf8Bytes: merged[r])), range: range)
                        let link = Node.Link(destination: destination, source: .extendedAutolink)
                        stack[top].children.append(Node(.link(link), range: range, children: [text]))
                    }
                }
            case .softBreak, .hardBreak, .code, .html, .inlineMath, .displayMath, .footnoteReference:
                stack[top].cursor = item.next
                let range = SourceRange(start: locator.location(item.start), end: locator.location(item.end))
                stack[top].children.append(Node(leafKind(item), range: range))
            case .emphasis, .strong, .strikethrough, .link, .image, .root:
                stack[top].cursor = item.next
                let insideLink = stack[top].insideLink || item.kind == .link || item.kind == .image
                stack.append(Frame(item: Int(cursor), start: locator.location(item.start), children: reservedChildren(Int(cursor)),
                                   cursor: item.first, insideLink: insideLink))
            }
        }
    }

    /// An empty array with room for the nodes item `parent`'s children make (at most one each, but for e-mail
    /// autolinks): one allocation per container instead of a series of doublings.
    private func reservedChildren(_ parent: Int) -> [Node] {
        var count = 0
        var child = list[parent].first
        while child >= 0 {
            count += 1
            child = list[Int(child)].next
        }
        var children: [Node] = []
        children.reserveCapacity(count)
        return children
    }

    private func contains(_ byte: UInt8, _ range: Range<Int>) -> Bool {
        UnsafeBufferPointer(rebasing: s[range]).contains(byte)
    }

    private func leafKind(_ item: InlineItem) -> Node.Kind {
        switch item.kind {
        case .softBreak: return .softBreak
        case .hardBreak: return .hardBreak
        case .code: return .code(strings[item.a])
        case .html: return .inlineHTML(strings[item.a])
        case .inlineMath: return .math(Node.Math(tex: strings[item.a], isDisplay: false))
        case .displayMath: return .math(Node.Math(tex: strings[item.a], isDisplay: true))
        case .footnoteReference: return .footnoteReference(Node.FootnoteReference(label: footnotes[item.a]))
        default: return .text("")
        }
    }

    private func containerKind(_ item: InlineItem) -> Node.Kind {
        switch item.kind {
        case .emphasis: return .emphasis
        case .strong: return .strong
        case .strikethrough: return .strikethrough
        case .link, .image:
            let target = links[item.a]
            let link = Node.Link(destination: target.destination, title: target.title, source: target.source)
            return item.kind == .link ? .link(link) : .image(link)
        default: return .emphasis
        }
    }
}

/// Byte offsets in a leaf's text → source line:column. Queries come in nearly increasing order, so it
/// keeps a cursor and counts only the bytes since the last answer; a query on the cursor's line (nearly
/// all of them) touches neither the line table nor the array.
struct SourceLocator {
    private let lines: [LeafText.Line]
    /// The leaf's bytes (the parser's view of `LeafText.bytes`, alive while the locator is used).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var line = 0
    /// The cursor's line: its number in the source and where the next line starts (`Int.max` on the last).
    private var lineNumber: Int
    private var nextLineOffset: Int
    /// The last answer on the current line: byte offset and its column.
    private var cachedOffset: Int
    private var cachedColumn: Int

    init(_ text: LeafText, bytes: UnsafeBufferPointer<UInt8>) {
        lines = text.lines
        self.bytes = bytes
        cachedOffset = text.lines.first?.offset ?? 0
        cachedColumn = text.lines.first?.location.column ?? 1
        lineNumber = text.lines.first?.location.line ?? 1
        nextLineOffset = text.lines.count > 1 ? text.lines[1].offset : Int.max
    }

    mutating func location(_ offset: Int) -> SourceLocation {
        guard !lines.isEmpty else { return SourceLocation(line: 1, column: 1 + offset) }
        let offset = min(offset, bytes.count)
        if offset < cachedOffset || offset >= nextLineOffset {
            moveCursor(to: offset)
        }
        // Columns count Unicode scalars: every byte but UTF-8 continuation bytes.
        if offset > cachedOffset {
            cachedColumn += LineScan.columns(in: bytes, from: cachedOffset, to: offset)
            cachedOffset = offset
        }
        return SourceLocation(line: lineNumber, column: cachedColumn)
    }

    /// Puts the cursor at the start of the line holding `offset`.
    private mutating func moveCursor(to offset: Int) {
        if offset < lines[line].offset || (line + 1 < lines.count && offset >= lines[line + 1].offset) {
            // Another line: bisect from the current one when moving forward.
            var low = offset >= lines[line].offset ? line : 0
            var high = lines.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lines[mid].offset <= offset { low = mid } else { high = mid - 1 }
            }
            line = low
            lineNumber = lines[line].location.line
            nextLineOffset = line + 1 < lines.count ? lines[line + 1].offset : Int.max
        }
        cachedOffset = lines[line].offset
        cachedColumn = lines[line].location.column
    }
}
