// Phase 1: the block structure, one line at a time, as CommonMark 0.31.2 appendix A describes and cmark's
// src/blocks.c does it: (1) match the line against the open blocks (a block quote needs `>`, a list item
// its indentation, …), (2) open any new blocks the rest of the line starts, (3) add what remains to the
// innermost block, or to the open paragraph as a lazy continuation line. Tabs count to the next multiple
// of 4 columns (spec 2.2). Leaves are handed to phase 2 (InlineParser) once the whole input is read, so that
// link reference definitions anywhere in the document are known.
import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct BlockParser {
    let options: MarkdownOptions
    let path: String

    init(options: MarkdownOptions, path: String) {
        self.options = options
        self.path = path
    }

    func parse(_ text: UnsafeBufferPointer<UInt8>) -> Document {
        // A UTF-8 byte-order mark is not content (editors on Windows write one): as cmark, skip it.
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF {
            return parse(UnsafeBufferPointer(rebasing: text[3...]))
        }
        // NUL is not allowed in HTML: it reads as U+FFFD (spec 2.3), replaced once here for the whole input.
        if let base = text.baseAddress, memchr(base, 0, text.count) != nil {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.count + 16)
            for byte in text {
                if byte == 0 { bytes.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { bytes.append(byte) }
            }
            return bytes.withUnsafeBufferPointer { parse($0) }
        }
        var state = LineProcessor(input: text, options: options, path: path)
        return state.run()
    }
}

/// The state of phase 1 while it reads the input: the current line and the stack of open blocks.
struct LineProcessor {
    let input: UnsafeBufferPointer<UInt8>
    let options: MarkdownOptions
    let path: String

    // The current line: `input[lineStart ..< lineStart + lineLength]`, without its line ending.
    var lineStart = 0
    var lineLength = 0
    /// 1-based number of the current line.
    var lineNumber = 0
    /// The current line's length in columns (Unicode scalars), for source ranges.
    var lineColumns = 0

    // Position in the current line (cmark's parser fields).
    /// Byte offset in the line.
    var offset = 0
    /// Column with tabs expanded to tab stops of 4.
    var column = 0
    /// A tab only partly used as indentation: the rest counts as spaces of content.
    var partiallyConsumedTab = false
    var firstNonspace = 0
    var firstNonspaceColumn = 0
    /// Columns of whitespace from `offset` to `firstNonspace`.
    var indent = 0
    /// Nothing but whitespace from `offset` to the end of the line.
    var blank = false
    /// Position at which a thematic break scan already failed on this line (cmark's `thematic_break_kill_pos`),
    /// so that `- - - - … x` is not rescanned from every marker.
    var thematicBreakKillPosition = 0

    /// Open blocks from the document down to the innermost one.
    var open: [OpenBlock]
    let references: ReferenceMap
    /// Leaves waiting for phase 2, with their text.
    var leaves: [(node: Node, text: LeafText)] = []
    /// Where each paragraph's entry in `leaves` is (for alerts, which edit a closed paragraph).
    var leafIndex: [ObjectIdentifier: Int] = [:]
    var diagnostics: [Diagnostic] = []
    var frontMatter: FrontMatter?
    /// Footnote definitions in document order; footnotes are numbered after phase 2 if there are any.
    var footnoteDefinitions: [Node] = []

    init(input: UnsafeBufferPointer<UInt8>, options: MarkdownOptions, path: String) {
        self.input = input
        self.options = options
        self.path = path
        let root = Node(.document, range: SourceRange(line: 1, column: 1, endColumn: 1))
        open = [OpenBlock(.document, node: root, line: 1)]
        references = ReferenceMap(documentLength: input.count)
    }

    // MARK: Reading lines

    mutating func run() -> Document {
        var position = 0
        if options.contains(.frontMatter) {
            position = readFrontMatter()
        }
        while position < input.count {
            // A line ends at LF, CR or CR LF (spec 2.1); the ending itself is not part of the line.
            let (end, columns) = LineScan.line(in: input, from: position)
            lineStart = position
            lineLength = end - position
            lineColumns = columns
            lineNumber += 1
            processLine()
            if end < input.count {
                position = end + (input[end] == 13 && end + 1 < input.count && input[end + 1] == 10 ? 2 : 1)
            } else {
                position = end
            }
        }
        while open.count > 1 { closeInnermost() }
        let root = open[0].node
        root.range.end = root.children.last?.range.end ?? SourceLocation(line: max(1, lineNumber), column: lineColumns + 1)
        parseInlines()
        if options.contains(.headingIDs) { HeadingIDs.assign(root) }
        var document = Document(root: root, frontMatter: frontMatter, diagnostics: diagnostics)
        document.sourceByteCount = input.count
        return document
    }

    /// Byte `i` of the current line; a line ending (`\n`) past its end.
    @inline(__always)
    func peek(_ i: Int) -> UInt8 {
        i < lineLength ? input[lineStart + i] : 10
    }

    @inline(__always)
    func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }

    /// Moves `count` bytes on, or with `columns` `count` columns (splitting a tab if needed); cmark's `S_advance_offset`.
    mutating func advance(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < lineLength {
            let byte = input[lineStart + offset]
            if byte == 9 {
                let toTabStop = 4 - (column % 4)
                if columns {
                    partiallyConsumedTab = toTabStop > count
                    let step = min(count, toTabStop)
                    column += step
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= step
                } else {
                    partiallyConsumedTab = false
                    column += toTabStop
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    /// Finds the first non-whitespace byte from `offset`, the indentation before it, and whether the line is blank there.
    mutating func findFirstNonspace() {
        // Still ahead of the offset: the whitespace before it was scanned already (each byte is scanned once
        // per line, or 1,000 nested list items with their indentation would take quadratic time per line).
        guard firstNonspace <= offset else {
            indent = firstNonspaceColumn - column
            blank = firstNonspace >= lineLength
            return
        }
        var i = offset
        var col = column
        var toTabStop = 4 - (column % 4)
        while i < lineLength {
            let byte = input[lineStart + i]
            if byte == 32 {
                i += 1
                col += 1
                toTabStop -= 1
                if toTabStop == 0 { toTabStop = 4 }
            } else if byte == 9 {
                i += 1
                col += toTabStop
                toTabStop = 4
            } else {
                break
            }
        }
        firstNonspace = i
        firstNonspaceColumn = col
        indent = col - column
        blank = i >= lineLength
    }

    // MARK: One line

    mutating func processLine() {
        offset = 0
        column = 0
        firstNonspace = 0
        firstNonspaceColumn = 0
        blank = false
        partiallyConsumedTab = false
        thematicBreakKillPosition = 0

        // 1. Which open blocks does the line continue?
        var allMatched = true
        var matched = 0
        var index = 1
        while index < open.count {
            let block = open[index]
            findFirstNonspace()
            switch continues(block) {
            case .yes:
                matched = index
                index += 1
                continue
            case .no:
                allMatched = false
            case .lineDone:
                return
            }
            break
        }
        if allMatched { matched = open.count - 1 }

        // 2. New blocks the rest of the line starts.
        let tipIsParagraph = open[open.count - 1].kind == .paragraph
        var opener = BlockOpener(matched: matched)
        openNewBlocks(&opener, allMatched: allMatched, maybeLazy: tipIsParagraph)

        // 3. What remains is text for the innermost block.
        addText(opener)
    }

    enum Continuation { case yes, no, lineDone }

    /// Whether the current line continues `block`, consuming its prefix if so (spec 5.1, 5.2, 4.4, 4.5, 4.6).
    mutating func continues(_ block: OpenBlock) -> Continuation {
        switch block.kind {
        case .blockQuote:
            guard indent <= 3, peek(firstNonspace) == UInt8(ascii: ">") else { return .no }
            advance(indent + 1, columns: true)
            if isSpaceOrTab(peek(offset)) { advance(1, columns: true) }
        case .list:
            // A run of blank lines in deeply nested lists would be rematched through every level on every line:
            // after the first one, nothing changes, so skip the rest (cmark does the same).
            if blank {
                if block.listSawBlankLine, indent == 0 {
                    let tip = open[open.count - 1]
                    if tip.kind.takesRawLines {
                        addLine(to: tip)
                    }
                    return .lineDone
                }
                block.listSawBlankLine = true
            } else {
                block.listSawBlankLine = false
            }
        case .listItem:
            if indent >= block.markerOffset + block.padding {
                advance(block.markerOffset + block.padding, columns: true)
            } else if blank, !block.node.children.isEmpty {
                advance(firstNonspace - offset, columns: false)
            } else {
                return .no
            }
        case .footnoteDefinition:
            // cmark-gfm: content indented by 4 columns, or a blank line.
            if indent >= 4 {
                advance(4, columns: true)
            } else if !blank {
                return .no
            }
        case .fencedCode, .mathBlock:
            if indent <= 3, peek(firstNonspace) == block.fenceCharacter,
               let length = closingFenceLength(at: firstNonspace, character: block.fenceCharacter),
               length >= block.fenceLength {
                // The closing fence ends the block and the line.
                block.lastLine = lineNumber
                block.lastLineEndColumn = lineColumns + 1
                block.fenceClosed = true
                closeInnermost()
                return .lineDone
            }
            var remaining = block.fenceOffset
            while remaining > 0, isSpaceOrTab(peek(offset)) {
                advance(1, columns: true)
                remaining -= 1
            }
            if block.kind == .mathBlock, let end = mathCloserAtLineEnd() {
                // `x = 1 $$`, as notebooks write it: the line's text is the block's last, the `$$` closes it.
                addLine(to: block, end: end)
                block.fenceClosed = true
                closeInnermost()
                return .lineDone
            }
        case .indentedCode:
            if indent >= 4 {
                advance(4, columns: true)
            } else if blank {
                advance(firstNonspace - offset, columns: false)
            } else {
                return .no
            }
        case .htmlBlock:
            if block.htmlCondition >= 6, blank { return .no }
        case .paragraph:
            if blank { return .no }
        case .table:
            // Past the padding budget the table ends (cmark-gfm stops taking rows there too).
            if blank || block.paddingCells > TableSyntax.maximumPaddingCells
                || TableSyntax.cells(input, lineStart + firstNonspace, lineStart + lineLength).isEmpty { return .no }
        case .atxHeading, .setextHeading, .thematicBreak:
            return .no
        case .document:
            break
        }
        return .yes
    }

    /// The blocks opened on the current line so far.
    struct BlockOpener {
        /// Index in `open` of the last block the line continued.
        let matched: Int
        /// Whether a block was opened (so the line is not a lazy continuation).
        var openedAny = false
        /// The opening fence's line is the info string, not content.
        var fenceOpened = false
        /// A list item opened on this line (a task list marker may follow).
        var itemOpened = false
    }

    /// Step 2: open blocks while the line starts them (cmark's `open_new_blocks`, in its order).
    mutating func openNewBlocks(_ opener: inout BlockOpener, allMatched: Bool, maybeLazy: Bool) {
        var maybeLazy = maybeLazy
        while true {
            let container = opener.openedAny ? open[open.count - 1] : open[opener.matched]
            if container.kind.takesRawLines { return }
            findFirstNonspace()
            let indented = indent >= 4
            let c = peek(firstNonspace)
            let containerIsParagraph = container.kind == .paragraph

            if !indented, c == UInt8(ascii: ">") {
                let start = firstNonspace
                advance(firstNonspace + 1 - offset, columns: false)
                if isSpaceOrTab(peek(offset)) { advance(1, columns: true) }
                openBlock(.blockQuote, kind: .blockQuote, at: start, &opener)
            } else if !indented, c == UInt8(ascii: "#"), let (level, length) = atxHeadingStart(at: firstNonspace) {
                let start = firstNonspace
                advance(firstNonspace + length - offset, columns: false)
                openBlock(.atxHeading, kind: .heading(Node.Heading(level: level)), at: start, &opener)
            } else if !indented, c == UInt8(ascii: "`") || c == UInt8(ascii: "~"), let length = openingFenceLength(at: firstNonspace) {
                let start = firstNonspace
                let fenceOffset = firstNonspace - offset
                advance(firstNonspace + length - offset, columns: false)
                let info = infoString(from: offset)
                let block = openBlock(.fencedCode, kind: .codeBlock(Node.CodeBlock(content: "", info: info, isFenced: true)),
                                      at: start, &opener)
                block.fenceCharacter = c
                block.fenceLength = length
                block.fenceOffset = fenceOffset
                opener.fenceOpened = true
                advance(lineLength - offset, columns: false)
            } else if !indented, options.contains(.math), c == UInt8(ascii: "$"), peek(firstNonspace + 1) == c,
                      isBlankFrom(firstNonspace + 2) {
                let start = firstNonspace
                let fenceOffset = firstNonspace - offset
                let block = openBlock(.mathBlock, kind: .mathBlock(""), at: start, &opener)
                block.fenceCharacter = c
                block.fenceLength = 2
                block.fenceOffset = fenceOffset
                opener.fenceOpened = true
                advance(lineLength - offset, columns: false)
            } else if !indented, c == UInt8(ascii: "<"),
                      let condition = HTMLBlockSyntax.startCondition(line: lineBuffer, at: firstNonspace,
                                                                      mayBeKind7: !containerIsParagraph && !maybeLazy) {
                openBlock(.htmlBlock, kind: .htmlBlock(""), at: firstNonspace, &opener).htmlCondition = condition
                // The tag is part of the content: the offset stays.
            } else if !indented, containerIsParagraph, let level = setextUnderlineLevel(at: firstNonspace) {
                // Link reference definitions at the paragraph's start are not heading text (spec example 215).
                if extractReferenceDefinitions(container) {
                    container.kind = .setextHeading
                    container.node.kind = .heading(Node.Heading(level: level, isSetext: true))
                    container.lastLine = lineNumber
                    container.lastLineEndColumn = lineColumns + 1
                    advance(lineLength - offset, columns: false)
                }
            } else if !indented, !(containerIsParagraph && !allMatched), thematicBreakKillPosition <= firstNonspace,
                      isThematicBreak(at: firstNonspace) {
                let block = openBlock(.thematicBreak, kind: .thematicBreak, at: firstNonspace, &opener)
                block.lastLineEndColumn = lineColumns + 1
                advance(lineLength - offset, columns: false)
            } else if !indented, options.contains(.footnotes), c == UInt8(ascii: "["),
                      let (label, length) = footnoteDefinitionStart(at: firstNonspace) {
                let start = firstNonspace
                advance(firstNonspace + length - offset, columns: false)
                references.addFootnote(label: label)
                let block = openBlock(.footnoteDefinition, kind: .footnoteDefinition(Node.FootnoteDefinition(label: label)),
                                      at: start, &opener)
                footnoteDefinitions.append(block.node)
            } else if !indented || container.kind == .list, indent < 4,
                      let (marker, length) = listMarker(at: firstNonspace, interruptsParagraph: containerIsParagraph) {
                openListItem(marker: marker, markerLength: length, container: container, &opener)
            } else if indented, !maybeLazy, !blank {
                advance(4, columns: true)
                openBlock(.indentedCode, kind: .codeBlock(Node.CodeBlock(content: "", isFenced: false)), at: offset, &opener)
            } else if !indented, options.contains(.tables), containerIsParagraph, openTable(container, &opener) {
                // The paragraph's last line became the table's header row.
            } else if !indented, options.contains(.taskLists), opener.itemOpened, container.kind == .listItem,
                      container.node.children.isEmpty, let task = taskMarker(at: firstNonspace) {
                if case .listItem = container.node.kind { container.node.kind = .listItem(Node.ListItem(task: task)) }
                advance(firstNonspace + 3 - offset, columns: false)
                return
            } else {
                return
            }
            let innermost = open[open.count - 1].kind
            if innermost == .paragraph || innermost == .atxHeading || innermost == .setextHeading || innermost.takesRawLines {
                return
            }
            maybeLazy = false
        }
    }

    /// The current line as a buffer (for scanners shared with other files).
    var lineBuffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: input[lineStart..<(lineStart + lineLength)])
    }

    func isBlankFrom(_ i: Int) -> Bool {
        var i = i
        while i < lineLength {
            if !isSpaceOrTab(input[lineStart + i]) { return false }
            i += 1
        }
        return true
    }

    /// Opens a block as the innermost one, first closing the blocks the line did not continue and any block that
    /// cannot hold it (cmark's `add_child`).
    @discardableResult
    mutating func openBlock(_ blockKind: OpenBlock.Kind, kind: Node.Kind, at position: Int, _ opener: inout BlockOpener) -> OpenBlock {
        if !opener.openedAny {
            while open.count - 1 > opener.matched { closeInnermost() }
            opener.openedAny = true
        }
        while !open[open.count - 1].kind.canContain(blockKind) { closeInnermost() }
        let parent = open[open.count - 1]
        let start = SourceLocation(line: lineNumber, column: position + 1)
        let node = Node(kind, range: SourceRange(start: start, end: start))
        let block = OpenBlock(blockKind, node: node, line: lineNumber)
        block.lastLineEndColumn = lineColumns + 1
        appendChild(block, to: parent)
        open.append(block)
        return block
    }

    /// Adds a child node, updating what the parent knows for tight/loose decisions.
    mutating func appendChild(_ block: OpenBlock, to parent: OpenBlock) {
        if !parent.node.children.isEmpty {
            parent.earlierChildEndsWithBlank = parent.earlierChildEndsWithBlank || parent.lastChildEndsWithBlank
            if parent.kind == .list, parent.lastItemLoosensIfFollowed { parent.isLoose = true }
        }
        parent.lastChildEndsWithBlank = false
        parent.lastItemLoosensIfFollowed = false
        parent.node.children.append(block.node)
    }

    /// A list item (and its list, unless the container is a list of the same type), spec 5.2 and 5.3.
    mutating func openListItem(marker: Node.List.Marker, markerLength: Int, container: OpenBlock, _ opener: inout BlockOpener) {
        let start = firstNonspace
        advance(firstNonspace + markerLength - offset, columns: false)
        // Padding: 1–4 spaces after the marker belong to it; 5 or more mean indented code, and then only one does.
        let savedTab = partiallyConsumedTab, savedOffset = offset, savedColumn = column
        while column - savedColumn <= 5, isSpaceOrTab(peek(offset)) { advance(1, columns: true) }
        let spaces = column - savedColumn
        var padding: Int
        if spaces >= 5 || spaces < 1 || offset >= lineLength {
            padding = markerLength + 1
            offset = savedOffset
            column = savedColumn
            partiallyConsumedTab = savedTab
            if spaces > 0 { advance(1, columns: true) }
        } else {
            padding = markerLength + spaces
        }
        let markerOffset = indent
        let sameList: Bool
        if container.kind == .list, case .list(let list) = container.node.kind {
            switch (list.marker, marker) {
            case (.bullet(let a), .bullet(let b)): sameList = a == b
            case (.ordered(_, let a), .ordered(_, let b)): sameList = a == b
            default: sameList = false
            }
        } else {
            sameList = false
        }
        if !sameList {
            let list = openBlock(.list, kind: .list(Node.List(marker: marker, isTight: true)), at: start, &opener)
            list.listMarker = marker
        }
        let item = openBlock(.listItem, kind: .listItem(Node.ListItem()), at: start, &opener)
        item.markerOffset = markerOffset
        item.padding = padding
        opener.itemOpened = true
    }

    /// Step 3 (cmark's `add_text_to_container`).
    mutating func addText(_ opener: BlockOpener) {
        let containerIndex = opener.openedAny ? open.count - 1 : opener.matched
        let container = open[containerIndex]
        findFirstNonspace()

        // Blank lines decide whether lists are loose (spec 5.3).
        if blank, let lastChild = container.node.children.last {
            if containerIndex + 1 < open.count, open[containerIndex + 1].node === lastChild {
                open[containerIndex + 1].lastLineBlank = true
            } else {
                container.lastChildEndsWithBlank = true
                if container.kind == .list { container.lastItemLoosensIfFollowed = true }
            }
        }
        let kind = container.kind
        container.lastLineBlank = blank && kind != .blockQuote && kind != .atxHeading && kind != .setextHeading
            && kind != .thematicBreak && kind != .fencedCode && kind != .mathBlock
            && !(kind == .listItem && container.node.children.isEmpty && container.startLine == lineNumber)
        for i in 0..<containerIndex where open[i].lastLineBlank { open[i].lastLineBlank = false }

        // (Blocks are compared by index here: a `let` for the tip counted references on every line.)
        let tipIndex = open.count - 1
        if tipIndex != containerIndex, !opener.openedAny, !blank, open[tipIndex].kind == .paragraph {
            // A lazy continuation line (spec 5.1): the paragraph goes on though its containers did not match.
            addLine(to: open[tipIndex])
            return
        }
        while open.count - 1 > containerIndex { closeInnermost() }

        switch container.kind {
        case .fencedCode, .mathBlock:
            if !opener.fenceOpened { addLine(to: container) }
        case .indentedCode:
            addLine(to: container)
        case .htmlBlock:
            addLine(to: container)
            let condition = container.htmlCondition
            if condition <= 5, HTMLBlockSyntax.endsBlock(condition: condition, line: lineBuffer, from: firstNonspace) {
                closeInnermost()
            }
        case _ where blank:
            break
        case .paragraph, .setextHeading:
            advance(firstNonspace - offset, columns: false)
            addLine(to: container)
        case .atxHeading:
            advance(firstNonspace - offset, columns: false)
            addLine(to: container, end: atxContentEnd())
        case .table:
            addTableRow(to: container)
        default:
            var opener = opener
            let paragraph = openBlock(.paragraph, kind: .paragraph, at: firstNonspace, &opener)
            advance(firstNonspace - offset, columns: false)
            addLine(to: paragraph)
        }
    }

    /// Appends the rest of the line (from `offset`) to a leaf, with the spaces of a partly used tab (cmark's `add_line`).
    mutating func addLine(to block: OpenBlock, end: Int? = nil) {
        let end = end ?? lineLength
        if block.content.isEmpty {
            // Room for a few lines like this one: most blocks are a few lines long, and growing from nothing
            // reallocates at every doubling.
            block.content.reserveCapacity(4 * (lineLength + 1))
        }
        if block.kind == .paragraph || block.kind == .setextHeading || block.kind == .atxHeading {
            if block.lines.isEmpty { block.lines.reserveCapacity(4) }
            block.lines.append(LeafText.Line(offset: block.content.count,
                                             location: SourceLocation(line: lineNumber, column: offset + 1)))
        }
        if partiallyConsumedTab {
            offset += 1
            let toTabStop = 4 - (column % 4)
            for _ in 0..<toTabStop { block.content.append(32) }
        }
        if offset < end {
            block.content.append(contentsOf: UnsafeBufferPointer(rebasing: input[(lineStart + offset)..<(lineStart + end)]))
        }
        block.content.append(10)
        block.lastLine = lineNumber
        block.lastLineEndColumn = lineColumns + 1
    }

    // MARK: Closing blocks

    /// Closes the innermost open block (cmark's `finalize`): leaves get their content, lists their tightness.
    mutating func closeInnermost() {
        let block = open.removeLast()
        let parent = open[open.count - 1]
        let node = block.node
        var removed = false

        switch block.kind {
        case .paragraph:
            if !extractReferenceDefinitions(block) {
                parent.node.children.removeLast()
                removed = true
            } else {
                addLeaf(block)
            }
        case .atxHeading, .setextHeading:
            addLeaf(block)
        case .fencedCode, .indentedCode:
            if block.kind == .indentedCode { removeTrailingBlankLines(&block.content) }
            if case .codeBlock(var code) = node.kind {
                code.content = String(decoding: block.content, as: UTF8.self)
                node.kind = .codeBlock(code)
                if options.contains(.math), code.isFenced, code.language == "math" {
                    node.kind = .mathBlock(String(code.content.dropLast(code.content.hasSuffix("\n") ? 1 : 0)))
                }
            }
        case .mathBlock:
            if block.content.last == 10 { block.content.removeLast() }
            node.kind = .mathBlock(String(decoding: block.content, as: UTF8.self))
            if !block.fenceClosed {
                // Otherwise prose after it would silently become math (and math after it prose).
                let start = node.range.start
                diagnostics.append(.error("unterminated display math: the '$$' opened here is never closed, so the rest of its block would be math",
                                          path: path, line: start.line, column: start.column,
                                          hint: "close it with a line '$$', or end its last line with '$$'"))
            }
        case .htmlBlock:
            node.kind = .htmlBlock(String(decoding: block.content, as: UTF8.self))
        case .list:
            if case .list(var list) = node.kind {
                list.isTight = !block.isLoose
                node.kind = .list(list)
            }
        case .listItem:
            if block.earlierChildEndsWithBlank { parent.isLoose = true }
        case .blockQuote:
            if options.contains(.alerts) { makeAlert(block) }
        default:
            break
        }

        // Range: leaves end with their last line, containers with their last child.
        if let last = node.children.last, !node.kind.isLeafWithInlines {
            node.range.end = max(last.range.end, node.range.start)
        } else {
            node.range.end = SourceLocation(line: block.lastLine, column: block.lastLineEndColumn)
        }

        if !removed {
            parent.lastChildEndsWithBlank = block.endsWithBlankLine
            if parent.kind == .list {
                parent.lastItemLoosensIfFollowed = block.lastLineBlank || block.lastChildEndsWithBlank
            }
        }
    }

    /// Queues a paragraph's or heading's text for phase 2.
    mutating func addLeaf(_ block: OpenBlock) {
        var bytes = block.content
        block.content = []  // the leaf's bytes move to phase 2 without a copy
        // Trailing whitespace of the whole content is not part of it (cmark trims before inline parsing).
        while let last = bytes.last, last == 10 || last == 32 || last == 9 || last == 13 { bytes.removeLast() }
        if options.contains(.alerts), block.kind == .paragraph { leafIndex[ObjectIdentifier(block.node)] = leaves.count }
        leaves.append((block.node, LeafText(bytes: bytes, lines: block.lines)))
    }

    /// Reads link reference definitions at the start of a paragraph (spec 4.7) into the reference map and
    /// removes them from its content; false when nothing but whitespace remains.
    mutating func extractReferenceDefinitions(_ block: OpenBlock) -> Bool {
        if block.content.first == UInt8(ascii: "[") {
            let (definitions, consumed) = LinkReferenceDefinition.parse(block.content)
            if consumed > 0 {
                for definition in definitions { references.add(definition) }
                block.content.removeFirst(consumed)
                block.lines = block.lines.compactMap { line in
                    line.offset >= consumed ? LeafText.Line(offset: line.offset - consumed, location: line.location) : nil
                }
                if let first = block.lines.first {
                    block.node.range.start = first.location
                }
            }
        }
        return block.content.contains { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
    }

    func removeTrailingBlankLines(_ content: inout [UInt8]) {
        var end = content.count
        while end > 0, content[end - 1] == 32 || content[end - 1] == 9 || content[end - 1] == 10 || content[end - 1] == 13 {
            end -= 1
        }
        if end == 0 {
            content.removeAll()
            return
        }
        // Keep the rest of the last non-blank line, up to its line ending.
        while end < content.count, content[end] != 10 { end += 1 }
        content.removeSubrange(end...)
        content.append(10)
    }

    // MARK: Phase 2

    /// Phase 2 for every leaf, in document order (leaves close in document order: only the innermost block is a
    /// leaf). Footnote references are numbered by their first appearance.
    mutating func parseInlines() {
        let parser = InlineParser(references: references, options: options)
        var footnoteReferences: [Node] = []
        for (node, text) in leaves {
            let (children, hasFootnoteReferences) = parser.parseCountingFootnotes(text)
            node.children = children
            if hasFootnoteReferences, !footnoteDefinitions.isEmpty {
                FootnoteNumbering.collectReferences(in: children, into: &footnoteReferences)
            }
        }
        leaves = []
        if !footnoteDefinitions.isEmpty {
            FootnoteNumbering.number(references: footnoteReferences, definitions: footnoteDefinitions)
        }
    }
}

extension Node.Kind {
    /// Blocks whose children are inlines.
    var isLeafWithInlines: Bool {
        switch self {
        case .paragraph, .heading, .tableCell: true
        default: false
        }
    }
}
