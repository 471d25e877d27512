// A block still open during phase 1 (CommonMark 0.31.2 appendix A, "open blocks"): its node, the text
// gathered so far, and what the line-matching rules need to know about it.
import Diagnostics

/// The parser's record of one open block. Closed blocks keep only their `Node`; all that the rules for
/// tight and loose lists need from a closed child is passed to its parent when it closes.
final class OpenBlock {
    enum Kind: Equatable {
        case document, blockQuote, list, listItem, paragraph, atxHeading, setextHeading, thematicBreak
        case fencedCode, indentedCode, mathBlock, table, footnoteDefinition
        /// HTML block; its start condition (1…7, spec 4.6) is `htmlCondition`.
        case htmlBlock

        /// Whether a block of this kind may hold a block of kind `child` (cmark's `can_contain`).
        func canContain(_ child: Kind) -> Bool {
            switch self {
            case .document, .blockQuote, .listItem, .footnoteDefinition: child != .listItem
            case .list: child == .listItem
            default: false
            }
        }

        /// Leaves whose lines are kept verbatim: no block can start inside them.
        var takesRawLines: Bool {
            switch self {
            case .fencedCode, .indentedCode, .mathBlock, .htmlBlock: true
            default: false
            }
        }
    }

    var kind: Kind
    let node: Node
    /// 1-based line where the block starts.
    let startLine: Int

    /// Leaf content (paragraph, heading, code, HTML): the lines, each ending in `\n`.
    var content: [UInt8] = []
    /// For paragraphs and headings: where each content line starts, for source ranges of inlines.
    var lines: [LeafText.Line] = []
    /// The last source line this block took a line from, and that line's length in columns, for its range.
    var lastLine: Int
    var lastLineEndColumn: Int

    // List items and lists (spec 5.2): where the content of the item starts.
    var markerOffset = 0
    var padding = 0
    var listMarker: Node.List.Marker = .bullet("-")

    // Fenced code and math blocks: the fence that closes them.
    var fenceCharacter: UInt8 = 0
    var fenceLength = 0
    var fenceOffset = 0
    /// A math block saw its closing `$$` (one left open at its container's end is reported).
    var fenceClosed = false

    // HTML blocks: which of the seven start conditions opened it (and so which end condition closes it).
    var htmlCondition = 0

    // Tables: alignment of each column, and how many empty cells were added to pad short rows so far.
    var alignments: [Node.Table.Alignment] = []
    var paddingCells = 0

    // Tight or loose (spec 5.3), decided from these when a list closes (cmark's `finalize` for lists).
    /// The last line this block took was blank (cmark's LAST_LINE_BLANK).
    var lastLineBlank = false
    /// A list saw a blank line last (cmark skips nested lists on further blank lines, to stay linear).
    var listSawBlankLine = false
    /// Whether the last child (closed) ends with a blank line, descending into lists and items.
    var lastChildEndsWithBlank = false
    /// Whether some child other than the last one ends with a blank line.
    var earlierChildEndsWithBlank = false
    /// Lists: a blank line separates two items or two blocks of an item, so the list is loose.
    var isLoose = false
    /// Lists: the last item would make the list loose if another item followed it.
    var lastItemLoosensIfFollowed = false

    init(_ kind: Kind, node: Node, line: Int) {
        self.kind = kind
        self.node = node
        self.startLine = line
        self.lastLine = line
        self.lastLineEndColumn = node.range.start.column
    }

    /// Whether this block (closed) ends with a blank line, looking into the last item of lists (cmark's `S_ends_with_blank_line`).
    var endsWithBlankLine: Bool {
        lastLineBlank || ((kind == .list || kind == .listItem) && lastChildEndsWithBlank)
    }
}
