// Phase 2 of parsing (CommonMark 0.31.2 §6, appendix A "Phase 2: inline structure"), after cmark's
// src/inlines.c: one left-to-right pass over a finished leaf's bytes that emits text, code spans,
// autolinks, raw HTML, entities and breaks, and records delimiter runs (`*`, `_`, `~`) and brackets on
// two stacks; a closing bracket resolves links and images, and "process emphasis" resolves the
// delimiter runs at the end (Delimiters.swift). Extensions: GFM strikethrough, extended autolinks and
// footnote references; math spans `$…$` / `$$…$$` in site mode (MathSpans.swift).
// Everything works on UTF-8 bytes; every scan is bounded so the whole pass is linear in the input.

/// Phase 2: turns a finished leaf block's text into inline nodes.
struct InlineParser {
    let references: ReferenceMap
    let options: MarkdownOptions
    /// One subject for all the leaves of a document (a document has many small leaves): its working
    /// arrays keep their capacity, and no per-leaf state is built and copied.
    private let subject: SubjectBox

    init(references: ReferenceMap, options: MarkdownOptions) {
        self.references = references
        self.options = options
        subject = SubjectBox(InlineSubject(references: references, options: options, special: SpecialBytes.table(for: options)))
    }

    /// The inline nodes of a paragraph's, heading's or table cell's content (leading and trailing
    /// whitespace of the whole content already removed by the block parser, as cmark does).
    func parse(_ text: LeafText) -> [Node] {
        parseCountingFootnotes(text).nodes
    }

    /// The inline nodes, and whether any is (or contains) a footnote reference.
    func parseCountingFootnotes(_ text: LeafText) -> (nodes: [Node], hasFootnoteReferences: Bool) {
        text.bytes.withUnsafeBufferPointer { bytes in
            subject.value.reset(bytes, source: text.bytes)
            return subject.value.run(locator: SourceLocator(text, bytes: bytes))
        }
    }
}

/// The subject, shared by the leaves of one document.
private final class SubjectBox {
    var value: InlineSubject
    init(_ value: InlineSubject) { self.value = value }
}

/// What a link or image points to.
struct LinkTarget {
    var destination: String
    var title: String
    var source: Node.Link.Source
}

/// The state of one inline pass ("subject" in cmark).
struct InlineSubject {
    var s = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The array `s` points into, which text nodes keep slices of.
    var source: [UInt8] = []
    /// The end of the content after trailing whitespace.
    var end = 0
    let references: ReferenceMap
    let options: MarkdownOptions
    var pos = 0

    var list = InlineList(length: 0)
    /// Text produced by decoding (character references, escapes), referenced by `.literal` items.
    var literals: [UInt8] = []
    /// Contents of code spans, raw HTML and math.
    var strings: [String] = []
    var links: [LinkTarget] = []
    /// Footnote references: the label as its definition writes it.
    var footnotes: [String] = []

    var delimiters = DelimiterStack()
    var brackets: [Bracket] = []
    /// cmark's `no_link_openers`: after a link is made, the `[` openers before it can no longer make
    /// links (links do not nest); a new `[` makes them possible again. One flag instead of a walk down the
    /// bracket stack keeps `![[]()` repeated linear.
    var noLinkOpeners = true

    /// Code spans: where the last backtick run of each length was seen, once a scan reached the end
    /// without finding a closer (`scan_to_closing_backticks`), so each missing closer is discovered once.
    /// Indexed by run length, -1 where none was seen; an array grown to the longest run (at most
    /// `maximumBacktickRun`, and never longer than the backticks scanned), kept from leaf to leaf.
    var backtickRuns: [Int] = []
    var scannedAllBackticks = false
    /// Raw HTML constructs whose terminator (`-->`, `?>`, `]]>`, `>`) is known to be absent from here on.
    var rawHTMLMemo = RawHTML.Memo()
    /// No `$$` is left after the last failed display-math scan.
    var noDisplayMathEnd = false

    /// Which bytes end a run of plain text.
    let special: SpecialBytes

    /// The last item `appendText` made, which later plain text may extend.
    var lastPlainText = -1
    /// Scratch space for merging text runs in `makeNodes`.
    var merged: [UInt8] = []
    /// Scratch space for `processEmphasis`.
    var openersBottom: [Int] = []

    init(references: ReferenceMap, options: MarkdownOptions, special: SpecialBytes) {
        self.references = references
        self.options = options
        self.special = special
    }

    /// Starts on the next leaf: `s` is `source`'s bytes. The working arrays are emptied, keeping their capacity.
    mutating func reset(_ s: UnsafeBufferPointer<UInt8>, source: [UInt8]) {
        self.s = s
        self.source = source
        var end = s.count
        while end > 0, CharacterClass.isTrimmedAtLeafEnd(s[end - 1]) { end -= 1 }
        self.end = end
        pos = 0
        list.reset(length: end)
        // Most leaves leave most arrays empty, and emptying one costs a call even then.
        Self.empty(&literals)
        Self.empty(&strings)
        Self.empty(&links)
        Self.empty(&footnotes)
        delimiters.removeAll()
        Self.empty(&brackets)
        noLinkOpeners = true
        Self.empty(&backtickRuns)
        scannedAllBackticks = false
        rawHTMLMemo = RawHTML.Memo()
        noDisplayMathEnd = false
        lastPlainText = -1
        Self.empty(&merged)
        Self.empty(&openersBottom)
    }

    @inline(__always)
    private static func empty<T>(_ array: inout [T]) {
        if !array.isEmpty { array.removeAll(keepingCapacity: true) }
    }

    @inline(__always)
    func peek(_ i: Int) -> UInt8 { i < end ? s[i] : 0 }

    // MARK: The pass

    /// The whole of phase 2 for this leaf.
    mutating func run(locator: SourceLocator) -> (nodes: [Node], hasFootnoteReferences: Bool) {
        parseInlines()
        return (makeNodes(locator: locator), !footnotes.isEmpty)
    }

    mutating func parseInlines() {
        while pos < end {
            parseInline()
        }
        processEmphasis(stackBottom: 0)
    }

    /// Parses one inline at `pos` (cmark's `parse_inline`).
    private mutating func parseInline() {
        let c = s[pos]
        switch c {
        case 0x0A, 0x0D:
            handleNewline()
        case UInt8(ascii: "`"):
            handleBackticks()
        case UInt8(ascii: "\\"):
            handleBackslash()
        case UInt8(ascii: "&"):
            handleEntity()
        case UInt8(ascii: "<"):
            handlePointyBracket()
        case UInt8(ascii: "*"), UInt8(ascii: "_"):
            handleDelimiterRun(c)
        case UInt8(ascii: "~") where options.contains(.strikethrough):
            handleDelimiterRun(c)
        case UInt8(ascii: "["):
            let item = list.append(.text, pos, pos + 1, start: pos, end: pos + 1)
            pos += 1
            pushBracket(image: false, item: item)
        case UInt8(ascii: "]"):
            handleCloseBracket()
        case UInt8(ascii: "!"):
            if peek(pos + 1) == UInt8(ascii: "[") {
                let item = list.append(.text, pos, pos + 2, start: pos, end: pos + 2)
                pos += 2
                pushBracket(image: true, item: item)
            } else {
                appendText(pos, pos + 1)
                pos += 1
            }
        case UInt8(ascii: "$") where options.contains(.math):
            handleDollar()
        case UInt8(ascii: ":") where options.contains(.autolinks):
            if !handleURLAutolink() { handleText() }
        case UInt8(ascii: "w") where options.contains(.autolinks):
            if !handleWWWAutolink() { handleText() }
        default:
            handleText()
        }
    }

    /// Plain text up to the next byte that may start something; trailing spaces dropped before a line end.
    private mutating func handleText() {
        let start = pos
        var i = pos + 1
        special.buffer.withUnsafeBufferPointer { table in
            while i < end {
                let b = s[i]
                if table[Int(b)] {
                    // A `w` only matters where a `www.` autolink may begin.
                    if b != UInt8(ascii: "w") || SpecialBytes.mayPrecedeWWW(s[i - 1]) { break }
                }
                i += 1
            }
        }
        pos = i
        var textEnd = i
        if i < end, s[i] == 0x0A || s[i] == 0x0D {
            while textEnd > start, CharacterClass.isSpaceOrLineEnding(s[textEnd - 1]) { textEnd -= 1 }
        }
        if textEnd > start { appendText(start, textEnd) }
    }

    /// Plain text `start..<end`; it extends the previous item when that is plain text ending at `start`
    /// (so `a]a]a]…` makes one item, not one per bracket).
    mutating func appendText(_ start: Int, _ end: Int) {
        let last = Int(list[InlineList.root].last)
        if last >= 0, last == lastPlainText, list[last].b == start {
            list[last].b = end
            list[last].end = end
            return
        }
        lastPlainText = list.append(.text, start, end, start: start, end: end)
    }

    mutating func appendLiteral(_ bytes: some Collection<UInt8>, start: Int, end: Int) {
        let a = literals.count
        literals.append(contentsOf: bytes)
        list.append(.literal, a, literals.count, start: start, end: end)
    }

    /// A line ending: a hard break after two or more spaces, else a soft break; the next line's
    /// leading spaces are skipped (§6.7, §6.8).
    private mutating func handleNewline() {
        let newline = pos
        if s[pos] == 0x0D { pos += 1 }
        if pos < end, s[pos] == 0x0A { pos += 1 }
        let hard = newline >= 2 && s[newline - 1] == 0x20 && s[newline - 2] == 0x20
        list.append(hard ? .hardBreak : .softBreak, start: hard ? trailingSpacesStart(newline) : newline, end: pos)
        pos = LinkSyntax.skipSpaces(s, from: pos)
    }

    private func trailingSpacesStart(_ i: Int) -> Int {
        var j = i
        while j > 0, s[j - 1] == 0x20 { j -= 1 }
        return j
    }

    /// `\` before ASCII punctuation is that character; before a line ending, a hard break (§6.4 and §2.4).
    private mutating func handleBackslash() {
        let start = pos
        pos += 1
        let next = peek(pos)
        if CharacterClass.isASCIIPunctuation(next) {
            pos += 1
            list.append(.text, start + 1, start + 2, start: start, end: pos)
        } else if pos < end, next == 0x0A || next == 0x0D {
            if next == 0x0D { pos += 1 }
            if peek(pos) == 0x0A { pos += 1 }
            list.append(.hardBreak, start: start, end: pos)
            pos = LinkSyntax.skipSpaces(s, from: pos)
        } else {
            appendText(start, start + 1)
        }
    }

    /// `&name;`, `&#123;`, `&#x1F;`, or a literal `&` (§2.5).
    private mutating func handleEntity() {
        let start = pos
        var decoded: [UInt8] = []
        if let after = CharacterReferences.scan(UnsafeBufferPointer(rebasing: s[..<end]), at: pos, into: &decoded) {
            pos = after
            appendLiteral(decoded, start: start, end: after)
        } else {
            pos += 1
            appendText(start, start + 1)
        }
    }
}

/// A 256-entry table of the bytes at which plain text stops, per set of options.
struct SpecialBytes: Sendable {
    let buffer: [Bool]

    static func table(for options: MarkdownOptions) -> SpecialBytes {
        var table = [Bool](repeating: false, count: 256)
        for b in "\n\r\\`&_*[]<!".utf8 { table[Int(b)] = true }
        if options.contains(.strikethrough) { table[Int(UInt8(ascii: "~"))] = true }
        if options.contains(.math) { table[Int(UInt8(ascii: "$"))] = true }
        if options.contains(.autolinks) {
            table[Int(UInt8(ascii: ":"))] = true
            table[Int(UInt8(ascii: "w"))] = true
        }
        return SpecialBytes(buffer: table)
    }

    /// cmark-gfm begins a `www.` autolink only at the start or after whitespace or `*`, `_`, `~`, `(`.
    @inline(__always)
    static func mayPrecedeWWW(_ b: UInt8) -> Bool {
        CharacterClass.isSpaceOrLineEnding(b) || b == UInt8(ascii: "*") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "~") || b == UInt8(ascii: "(")
    }
}
