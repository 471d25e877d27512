// Recognizers for the lines that start or end leaf blocks and list items, each named after its spec section:
// ATX headings (4.2), setext underlines (4.3), thematic breaks (4.1), code fences (4.5), list markers (5.2),
// and the GFM additions: footnote definitions and task list markers. They look at the current line only.

extension LineProcessor {
    /// `#` to `######` followed by a space, tab or the line's end (spec 4.2): the level and the length of the
    /// marker with the whitespace after it.
    func atxHeadingStart(at start: Int) -> (level: Int, length: Int)? {
        var i = start
        while peek(i) == UInt8(ascii: "#") { i += 1 }
        let level = i - start
        guard level >= 1, level <= 6 else { return nil }
        let next = peek(i)
        guard next == 10 || isSpaceOrTab(next) else { return nil }
        while isSpaceOrTab(peek(i)) { i += 1 }
        return (level, i - start)
    }

    /// Where an ATX heading's content ends: before the optional closing sequence of `#`s and trailing spaces.
    func atxContentEnd() -> Int {
        var end = lineLength
        while end > offset, isSpaceOrTab(input[lineStart + end - 1]) { end -= 1 }
        var hashes = end
        while hashes > offset, input[lineStart + hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes < end, hashes == offset || isSpaceOrTab(input[lineStart + hashes - 1]) {
            end = hashes
            while end > offset, isSpaceOrTab(input[lineStart + end - 1]) { end -= 1 }
        }
        return end
    }

    /// `===` (level 1) or `---` (level 2), optionally followed by spaces or tabs (spec 4.3).
    func setextUnderlineLevel(at start: Int) -> Int? {
        let c = peek(start)
        guard c == UInt8(ascii: "=") || c == UInt8(ascii: "-") else { return nil }
        var i = start
        while peek(i) == c { i += 1 }
        while isSpaceOrTab(peek(i)) { i += 1 }
        guard i >= lineLength else { return nil }
        return c == UInt8(ascii: "=") ? 1 : 2
    }

    /// Three or more matching `-`, `_` or `*`, with only spaces or tabs between and after (spec 4.1).
    /// A failure at a byte that could never be part of a break is remembered, so later scans from earlier
    /// positions on the same line are skipped.
    mutating func isThematicBreak(at start: Int) -> Bool {
        let c = peek(start)
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "*") else { return false }
        var count = 0
        var i = start
        while i < lineLength {
            let byte = input[lineStart + i]
            if byte == c {
                count += 1
            } else if !isSpaceOrTab(byte) {
                thematicBreakKillPosition = i
                return false
            }
            i += 1
        }
        if count < 3 {
            thematicBreakKillPosition = i
            return false
        }
        return true
    }

    /// An opening code fence (spec 4.5): at least three backticks or tildes; a backtick fence's info string
    /// may not contain backticks. Returns the fence's length.
    func openingFenceLength(at start: Int) -> Int? {
        let c = peek(start)
        var i = start
        while peek(i) == c { i += 1 }
        let length = i - start
        guard length >= 3 else { return nil }
        if c == UInt8(ascii: "`") {
            while i < lineLength {
                if input[lineStart + i] == UInt8(ascii: "`") { return nil }
                i += 1
            }
        }
        return length
    }

    /// A closing fence: a run of `character` followed only by spaces or tabs; its length.
    func closingFenceLength(at start: Int, character: UInt8) -> Int? {
        var i = start
        while peek(i) == character { i += 1 }
        let length = i - start
        guard isBlankFrom(i) else { return nil }
        return length
    }

    /// Inside a display math block, where the text ends if the current line (from `offset`) is text ending in
    /// an unescaped `$$`: the end of that text with the spaces before the `$$` trimmed; nil otherwise.
    func mathCloserAtLineEnd() -> Int? {
        var end = lineLength
        while end > offset, isSpaceOrTab(input[lineStart + end - 1]) { end -= 1 }
        guard end - offset >= 3, input[lineStart + end - 1] == UInt8(ascii: "$"), input[lineStart + end - 2] == UInt8(ascii: "$"),
              input[lineStart + end - 3] != UInt8(ascii: "\\"), input[lineStart + end - 3] != UInt8(ascii: "$") else { return nil }
        end -= 2
        while end > offset, isSpaceOrTab(input[lineStart + end - 1]) { end -= 1 }
        return end > offset ? end : nil
    }

    /// The info string after an opening fence: trimmed, with backslash escapes and entities resolved.
    func infoString(from start: Int) -> String {
        var from = start, to = lineLength
        while from < to, isSpaceOrTab(input[lineStart + from]) { from += 1 }
        while to > from, isSpaceOrTab(input[lineStart + to - 1]) { to -= 1 }
        guard from < to else { return "" }
        return String(decoding: CharacterReferences.unescape(lineBuffer, from..<to), as: UTF8.self)
    }

    /// A bullet (`-`, `+`, `*`) or ordered (1–9 digits, then `.` or `)`) list marker followed by whitespace
    /// (spec 5.2). To interrupt a paragraph, an item must not be empty and an ordered one must start at 1.
    func listMarker(at start: Int, interruptsParagraph: Bool) -> (Node.List.Marker, Int)? {
        let c = peek(start)
        var i = start
        let marker: Node.List.Marker
        if c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            i += 1
            marker = .bullet(Character(Unicode.Scalar(c)))
        } else if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            var number = 0
            var digits = 0
            while digits < 9, peek(i) >= UInt8(ascii: "0"), peek(i) <= UInt8(ascii: "9") {
                number = number * 10 + Int(peek(i) - UInt8(ascii: "0"))
                i += 1
                digits += 1
            }
            let delimiter = peek(i)
            guard delimiter == UInt8(ascii: ".") || delimiter == UInt8(ascii: ")") else { return nil }
            if interruptsParagraph, number != 1 { return nil }
            i += 1
            marker = .ordered(start: number, delimiter: Character(Unicode.Scalar(delimiter)))
        } else {
            return nil
        }
        let next = peek(i)
        guard next == 10 || isSpaceOrTab(next) else { return nil }
        if interruptsParagraph, isBlankFrom(i) { return nil }
        return (marker, i - start)
    }

    /// GFM footnote definition start `[^label]:` (label without spaces, tabs or `]`), with the spaces after it.
    func footnoteDefinitionStart(at start: Int) -> (label: String, length: Int)? {
        guard peek(start + 1) == UInt8(ascii: "^") else { return nil }
        var i = start + 2
        while i < lineLength {
            let byte = input[lineStart + i]
            if byte == UInt8(ascii: "]") || byte == 32 || byte == 9 { break }
            i += 1
        }
        guard i > start + 2, peek(i) == UInt8(ascii: "]"), peek(i + 1) == UInt8(ascii: ":") else { return nil }
        let label = String(decoding: UnsafeBufferPointer(rebasing: input[(lineStart + start + 2)..<(lineStart + i)]), as: UTF8.self)
        var end = i + 2
        while isSpaceOrTab(peek(end)) { end += 1 }
        return (label, end - start)
    }

    /// GFM task list item marker `[ ]`, `[x]` or `[X]` followed by a space or tab (at the line's end it is text,
    /// as in cmark-gfm).
    func taskMarker(at start: Int) -> Node.ListItem.TaskState? {
        guard peek(start) == UInt8(ascii: "["), peek(start + 2) == UInt8(ascii: "]"), isSpaceOrTab(peek(start + 3)) else {
            return nil
        }
        switch peek(start + 1) {
        case 32: return .unchecked
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return .checked
        default: return nil
        }
    }
}
