// The Markdown syntax tree: one `Node` class for every element, its `kind` saying which construct it is
// (named as CommonMark 0.31.2 and the GFM spec name them), its `range` where it came from.
// Trees may be 100,000 levels deep, so nothing here recurses: `deinit` frees children from an explicit stack.
import Diagnostics

/// An element of a parsed document: a block (paragraph, list, …) or an inline (text, emphasis, …).
///
/// A node owns its children. Blocks contain blocks or inlines; inlines contain inlines. Edit a tree
/// in place (`kind`, `children`) or with `rewrite(_:)`.
public final class Node {
    /// Which construct this is, with the construct's own data (a heading's level, a link's destination, …).
    public var kind: Kind {
        get {
            if let sourceText { return .text(sourceText.string) }
            return storedKind
        }
        set {
            storedKind = newValue
            sourceText = nil
        }
    }
    /// Where the construct is in the source: 1-based line and column (columns count Unicode scalars),
    /// from its first character up to the end of its last character.
    public var range: SourceRange
    public var children: [Node]

    /// The kind, except for text kept as `sourceText`.
    var storedKind: Kind {
        didSet { shape = Shape(storedKind) }
    }
    /// What the renderer's walk asks of every node, kept apart from `storedKind`: reading it copies
    /// nothing (reading the kind copies its payload, a reference count per string).
    private(set) var shape: Shape
    /// A text node made by the parser keeps its text as a slice of its paragraph's bytes (no `String` per
    /// node; the renderer escapes the bytes directly); `kind` makes the `String` when asked.
    var sourceText: SourceText?

    public init(_ kind: Kind, range: SourceRange, children: [Node] = []) {
        self.storedKind = kind
        self.shape = Shape(kind)
        self.range = range
        self.children = children
    }

    /// A text node whose text is `bytes[start..<end]`; `base` is where `bytes` keeps its elements.
    init(text bytes: [UInt8], base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, range: SourceRange) {
        self.storedKind = .softBreak  // not read: `sourceText` is set
        self.shape = .inline
        self.sourceText = SourceText(bytes: bytes, buffer: UnsafeBufferPointer(start: base + start, count: end - start))
        self.range = range
        self.children = []
    }

    deinit {
        // Swift frees a chain of uniquely owned objects recursively; a deep tree would overflow the stack.
        // Take the children over and free them one by one, adopting their children in turn. Subtrees at
        // most two levels deep (a paragraph and its inlines, most often) are freed the ordinary way: the
        // recursion stays shallow, and their nodes are not copied into `pending` and counted once more.
        guard Node.holdsDeepSubtree(children) else { return }
        var pending = children
        children = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node), Node.holdsDeepSubtree(node.children) {
                pending.append(contentsOf: node.children)
                node.children = []
            }
        }
    }

    /// Whether some node of `nodes` has a child with children of its own.
    private static func holdsDeepSubtree(_ nodes: [Node]) -> Bool {
        nodes.contains { node in node.children.contains { !$0.children.isEmpty } }
    }
}

extension Node {
    enum Shape {
        /// `text` is a `.text` kind (not `sourceText`), `inline` any other inline.
        case block, softBreak, text, inline

        init(_ kind: Kind) {
            switch kind {
            case .softBreak: self = .softBreak
            case .text: self = .text
            default: self = kind.isBlock ? .block : .inline
            }
        }
    }
}

/// Text as a range of a shared byte buffer (a leaf block's content), valid UTF-8 cut at character boundaries.
/// `buffer` points into `bytes`, which is never mutated and lives as long as this value (an array's
/// elements stay where they are while it is alive and unchanged): the renderer reads the text through
/// `buffer` without counting a reference to `bytes`.
struct SourceText {
    let bytes: [UInt8]
    let buffer: UnsafeBufferPointer<UInt8>

    var string: String { String(decoding: buffer, as: UTF8.self) }
}

extension Node {
    /// The kinds of node, blocks first (CommonMark "container blocks" and "leaf blocks"), then inlines.
    public enum Kind: Equatable, Sendable {
        // MARK: Blocks
        /// The root; its children are the document's blocks.
        case document
        case paragraph
        case heading(Heading)
        case thematicBreak
        case blockQuote
        /// A GitHub alert: a block quote whose first line is `[!NOTE]`, `[!TIP]`, … (site mode).
        case alert(AlertKind)
        /// A bullet or ordered list; its children are `.listItem`s.
        case list(List)
        case listItem(ListItem)
        /// An indented or fenced code block.
        case codeBlock(CodeBlock)
        /// An HTML block (kinds 1–7 of the spec), its lines kept verbatim.
        case htmlBlock(String)
        /// A GFM table; its children are `.tableRow`s, the first one the header row.
        case table(Table)
        /// Its children are `.tableCell`s.
        case tableRow(TableRow)
        /// Its children are inlines.
        case tableCell(TableCell)
        /// `[^label]: text`; its children are blocks.
        case footnoteDefinition(FootnoteDefinition)
        /// `$$ … $$` standing as a block of its own (site mode): the TeX source, unparsed.
        case mathBlock(String)

        // MARK: Inlines
        case text(String)
        case softBreak
        case hardBreak
        /// A code span: its content after the spec's space stripping and line-ending conversion.
        case code(String)
        case emphasis
        case strong
        /// GFM `~~text~~`.
        case strikethrough
        case link(Link)
        /// The image's description is in its children (rendered as the `alt` text).
        case image(Link)
        /// Raw HTML inline: an open or closing tag, comment, processing instruction, declaration or CDATA section.
        case inlineHTML(String)
        /// `$tex$` or `$$tex$$` inside a paragraph (site mode).
        case math(Math)
        /// GFM `[^label]` referring to a footnote definition.
        case footnoteReference(FootnoteReference)
    }

    public struct Heading: Equatable, Sendable {
        /// 1–6.
        public var level: Int
        /// `Title\n=====` rather than `# Title`.
        public var isSetext: Bool
        /// The anchor GitHub would give it (site mode), unique within the document.
        public var id: String?

        public init(level: Int, isSetext: Bool = false, id: String? = nil) {
            self.level = level
            self.isSetext = isSetext
            self.id = id
        }
    }

    public enum AlertKind: String, CaseIterable, Equatable, Sendable {
        case note, tip, important, warning, caution

        /// The title GitHub shows: "Note", "Tip", …
        public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    public struct List: Equatable, Sendable {
        public enum Marker: Equatable, Sendable {
            /// `-`, `+` or `*`.
            case bullet(Character)
            /// `1.` or `1)`: the delimiter is `.` or `)`.
            case ordered(start: Int, delimiter: Character)
        }
        public var marker: Marker
        /// A tight list renders its paragraphs without `<p>` (spec 5.3).
        public var isTight: Bool

        public init(marker: Marker, isTight: Bool) {
            self.marker = marker
            self.isTight = isTight
        }

        public var isOrdered: Bool { if case .ordered = marker { true } else { false } }
        /// The start number of an ordered list, nil for a bullet list.
        public var start: Int? { if case .ordered(let start, _) = marker { start } else { nil } }
    }

    public struct ListItem: Equatable, Sendable {
        public enum TaskState: Equatable, Sendable { case unchecked, checked }
        /// `- [ ] item` / `- [x] item` (GFM task list item), else nil.
        public var task: TaskState?

        public init(task: TaskState? = nil) { self.task = task }
    }

    public struct CodeBlock: Equatable, Sendable {
        /// The content, each line ending in `\n`.
        public var content: String
        /// The whole info string after the opening fence, backslash escapes and entities resolved
        /// (e.g. `experiment activations`); empty for indented code.
        public var info: String
        public var isFenced: Bool

        public init(content: String, info: String = "", isFenced: Bool) {
            self.content = content
            self.info = info
            self.isFenced = isFenced
        }

        /// The first word of the info string (`swift` in ```` ```swift title="a" ````), rendered as `language-swift`.
        /// (Cut at the first space, tab or line feed byte, as cmark does; through the UTF-8 view, which is
        /// also much faster than comparing `Character`s.)
        public var language: String? {
            let utf8 = info.utf8
            let end = utf8.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A } ?? utf8.endIndex
            return end == utf8.startIndex ? nil : String(info[..<end])
        }
    }

    public struct Table: Equatable, Sendable {
        public enum Alignment: Equatable, Sendable { case none, left, center, right }
        /// One per column, from the delimiter row (`:--`, `:-:`, `--:`).
        public var alignments: [Alignment]

        public init(alignments: [Alignment]) { self.alignments = alignments }
    }

    public struct TableRow: Equatable, Sendable {
        public var isHeader: Bool
        public init(isHeader: Bool) { self.isHeader = isHeader }
    }

    public struct TableCell: Equatable, Sendable {
        public var alignment: Table.Alignment
        public init(alignment: Table.Alignment) { self.alignment = alignment }
    }

    public struct FootnoteDefinition: Equatable, Sendable {
        /// The label as written, e.g. `1` in `[^1]:`.
        public var label: String
        /// Position in the footnotes section (1, 2, …) in order of first reference; 0 when never referenced
        /// (such a definition is not rendered).
        public var number: Int
        /// How many references point to it (each gets a back-link).
        public var referenceCount: Int

        public init(label: String, number: Int = 0, referenceCount: Int = 0) {
            self.label = label
            self.number = number
            self.referenceCount = referenceCount
        }
    }

    public struct Link: Equatable, Sendable {
        public enum Source: Equatable, Sendable {
            /// `[text](destination "title")`
            case inline
            /// `[text][label]`, `[label][]` or `[label]`, resolved through a link reference definition.
            case reference
            /// `<https://example.com>` or `<me@example.com>`
            case autolink
            /// GFM `www.example.com`, `https://example.com`, `me@example.com` in running text.
            case extendedAutolink
        }
        /// The URL as resolved (escapes and entities processed, `mailto:` added for e-mail autolinks), not yet percent-encoded.
        public var destination: String
        public var title: String
        public var source: Source

        public init(destination: String, title: String = "", source: Source) {
            self.destination = destination
            self.title = title
            self.source = source
        }
    }

    public struct Math: Equatable, Sendable {
        /// The TeX source between the dollars, unparsed.
        public var tex: String
        /// `$$…$$` (display style) rather than `$…$`.
        public var isDisplay: Bool

        public init(tex: String, isDisplay: Bool) {
            self.tex = tex
            self.isDisplay = isDisplay
        }
    }

    public struct FootnoteReference: Equatable, Sendable {
        /// The label as written, e.g. `note` in `[^note]`.
        public var label: String
        /// The number shown (the definition's `number`); filled in after parsing.
        public var number: Int
        /// 1 for the first reference to this footnote, 2 for the second, … (ids `fnref-x`, `fnref-x-2`).
        public var occurrence: Int

        public init(label: String, number: Int = 0, occurrence: Int = 1) {
            self.label = label
            self.number = number
            self.occurrence = occurrence
        }
    }
}

extension Node.Kind {
    /// Whether this kind is a block (else an inline).
    public var isBlock: Bool {
        switch self {
        case .document, .paragraph, .heading, .thematicBreak, .blockQuote, .alert, .list, .listItem, .codeBlock,
             .htmlBlock, .table, .tableRow, .tableCell, .footnoteDefinition, .mathBlock:
            true
        case .text, .softBreak, .hardBreak, .code, .emphasis, .strong, .strikethrough, .link, .image, .inlineHTML,
             .math, .footnoteReference:
            false
        }
    }
}
