// Links and images (CommonMark 0.31.2 §6.3, §6.4) and GFM footnote references: the bracket stack and
// what a `]` does (cmark's `handle_close_bracket`): an inline link `[text](dest "title")`, a full
// `[text][label]`, collapsed `[label][]` or shortcut `[label]` reference, a footnote reference
// `[^label]` (only to a defined footnote), or else a literal `]`.

/// An opening `[` or `![` waiting for its `]`.
struct Bracket {
    /// The `[` / `![` text item.
    var item: Int
    /// The position just after the bracket.
    var position: Int
    var isImage: Bool
    /// Another bracket was opened after this one (so `[text][]`-style labels cannot be this one's text).
    var bracketAfter = false
}

extension InlineSubject {
    mutating func pushBracket(image: Bool, item: Int) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(item: item, position: pos, isImage: image))
        if !image { noLinkOpeners = false }
    }

    /// Spaces, tabs and line endings from `i` (cmark's `scan_spacechars`).
    private func skipWhitespace(_ i: Int) -> Int {
        var j = i
        while j < end, CharacterClass.isSpaceOrLineEnding(s[j]) { j += 1 }
        return j
    }

    /// `]` at `pos`.
    mutating func handleCloseBracket() {
        let bracketPosition = pos
        pos += 1
        let afterBracket = pos
        guard let opener = brackets.last else {
            appendText(bracketPosition, afterBracket)
            return
        }
        if !opener.isImage && noLinkOpeners {
            brackets.removeLast()
            appendText(bracketPosition, afterBracket)
            return
        }
        let content = UnsafeBufferPointer(rebasing: s[..<end])

        // An inline link: `(` destination, title, `)`.
        if peek(pos) == UInt8(ascii: "(") {
            let destinationStart = skipWhitespace(pos + 1)
            if let (afterDestination, destination) = scanInlineDestination(content, at: destinationStart) {
                let titleStart = skipWhitespace(afterDestination)
                var afterTitle = titleStart
                var title: Range<Int>?
                if titleStart > afterDestination, let (e, t) = LinkSyntax.scanTitle(content, at: titleStart) {
                    afterTitle = e
                    title = t
                }
                let close = skipWhitespace(afterTitle)
                if peek(close) == UInt8(ascii: ")") {
                    pos = close + 1
                    let target = LinkTarget(
                        destination: String(utf8Bytes: CharacterReferences.unescape(content, destination)),
                        title: title.map { String(utf8Bytes: CharacterReferences.unescape(content, $0)) } ?? "",
                        source: .inline)
                    makeLink(opener: opener, target: target)
                    return
                }
            }
        }

        // A reference: `[label]` right after, or this bracket's own text.
        var label: Range<Int>?
        if let (afterLabel, found) = LinkSyntax.scanLabel(content, at: afterBracket) {
            pos = afterLabel
            label = found
        }
        if label?.isEmpty ?? true, !opener.bracketAfter {
            label = opener.position..<bracketPosition
        }
        if let label, !label.isEmpty, let definition = references.resolve(content, label) {
            makeLink(opener: opener, target: LinkTarget(destination: definition.destination,
                                                        title: definition.title, source: .reference))
            return
        }
        pos = afterBracket

        // A footnote reference `[^label]`.
        if options.contains(.footnotes), references.hasFootnotes,
           bracketPosition - opener.position > 1, s[opener.position] == UInt8(ascii: "^"),
           let definitionLabel = references.footnote(content, opener.position + 1..<bracketPosition) {
            makeFootnoteReference(opener: opener, label: definitionLabel, end: afterBracket)
            return
        }

        brackets.removeLast()
        appendText(bracketPosition, afterBracket)
    }

    /// An inline link's destination: as `LinkSyntax.scanDestination`, and it may be empty (`[a]()`).
    private func scanInlineDestination(_ content: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Range<Int>)? {
        if i < end, s[i] == UInt8(ascii: ")") { return (i, i..<i) }
        guard let (e, d) = LinkSyntax.scanDestination(content, at: i) else { return nil }
        return (e, d)
    }

    /// Turns the opener and everything after it into a link or image ending at `pos`.
    private mutating func makeLink(opener: Bracket, target: LinkTarget) {
        let index = links.count
        links.append(target)
        let link = list.make(opener.isImage ? .image : .link, index, start: list[opener.item].start, end: pos)
        list.insert(link, before: opener.item)
        list.move(after: opener.item, before: -1, into: link)
        list.unlink(opener.item)
        processEmphasis(stackBottom: opener.position)
        brackets.removeLast()
        // Links may not contain links: the `[` openers before this one are spent.
        if !opener.isImage { noLinkOpeners = true }
    }

    private mutating func makeFootnoteReference(opener: Bracket, label: String, end: Int) {
        let index = footnotes.count
        footnotes.append(label)
        let bracketStart = list[opener.item].start
        // `![^1]` is a `!` followed by the reference (as cmark-gfm reads it).
        let start = opener.isImage ? bracketStart + 1 : bracketStart
        let reference = list.make(.footnoteReference, index, start: start, end: end)
        list.insert(reference, before: opener.item)
        if opener.isImage {
            let bang = list.make(.text, bracketStart, start, start: bracketStart, end: start)
            list.insert(bang, before: reference)
        }
        // The label's text was parsed as inlines; drop it, and the delimiters in it.
        while delimiters.last >= 0, delimiters[delimiters.last].position >= opener.position {
            delimiters.remove(delimiters.last)
        }
        let holder = list.make(.root, start: 0, end: 0)
        list.move(after: opener.item, before: -1, into: holder)
        list.unlink(opener.item)
        brackets.removeLast()
    }
}
