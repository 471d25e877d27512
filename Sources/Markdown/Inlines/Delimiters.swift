// Emphasis, strong emphasis (CommonMark 0.31.2 §6.2) and GFM strikethrough: delimiter runs, their
// left/right-flanking classification, and "process emphasis" (appendix A), after cmark's
// `scan_delims` / `process_emphasis` / `S_insert_emph` and cmark-gfm's strikethrough extension.
//
// Linear time: for each kind of closer (character, whether it can also open, length mod 3) we remember
// the position below which no opener can match it (`openersBottom`), so no opener is examined twice for
// the same kind of closer; closers that find no opener and cannot open are dropped at once.

/// A delimiter run on the stack: `*`, `_` or `~` text that may open or close emphasis.
struct Delimiter {
    var character: UInt8
    var canOpen: Bool
    var canClose: Bool
    /// The text item holding the run's characters (shortened as they are used).
    var item: Int
    /// The position just after the run: orders delimiters against brackets.
    var position: Int
    /// The run's original length (the "rule of 3" uses it).
    var length: Int
    var previous: Int = -1
    var next: Int = -1
    /// The neighbours with the same character: an opener search only ever needs those.
    var previousSame: Int = -1
    var nextSame: Int = -1
}

/// Delimiters in a doubly linked list (removal from the middle is common), threaded a second time
/// through the delimiters of each character, so that looking for a `~` opener does not walk over every
/// `*` in between (which would make `~a *b *b … c~~ c~~ …` quadratic).
struct DelimiterStack {
    var storage: [Delimiter] = []
    var last = -1
    /// The last delimiter of each character (`*`, `_`, `~`).
    private var lastSame = (-1, -1, -1)

    /// Empties the stack, keeping the storage's capacity.
    mutating func removeAll() {
        if !storage.isEmpty { storage.removeAll(keepingCapacity: true) }
        last = -1
        lastSame = (-1, -1, -1)
    }

    subscript(_ i: Int) -> Delimiter {
        get { storage[i] }
        set { storage[i] = newValue }
    }

    private func lastSame(_ c: UInt8) -> Int {
        c == UInt8(ascii: "*") ? lastSame.0 : c == UInt8(ascii: "_") ? lastSame.1 : lastSame.2
    }

    private mutating func setLastSame(_ c: UInt8, _ i: Int) {
        if c == UInt8(ascii: "*") { lastSame.0 = i } else if c == UInt8(ascii: "_") { lastSame.1 = i } else { lastSame.2 = i }
    }

    mutating func push(_ delimiter: Delimiter) {
        var d = delimiter
        let index = storage.count
        d.previous = last
        d.next = -1
        d.previousSame = lastSame(d.character)
        d.nextSame = -1
        storage.append(d)
        if last >= 0 { storage[last].next = index }
        last = index
        if d.previousSame >= 0 { storage[d.previousSame].nextSame = index }
        setLastSame(d.character, index)
    }

    mutating func remove(_ i: Int) {
        let d = storage[i]
        if d.next >= 0 { storage[d.next].previous = d.previous } else { last = d.previous }
        if d.previous >= 0 { storage[d.previous].next = d.next }
        if d.nextSame >= 0 { storage[d.nextSame].previousSame = d.previousSame } else { setLastSame(d.character, d.previousSame) }
        if d.previousSame >= 0 { storage[d.previousSame].nextSame = d.nextSame }
    }
}

extension InlineSubject {
    /// A run of `*`, `_` or `~` at `pos`: text, pushed as a delimiter when it can open or close.
    mutating func handleDelimiterRun(_ c: UInt8) {
        let start = pos
        while pos < end, s[pos] == c { pos += 1 }
        let count = pos - start
        // The characters before and after the run; the start and end of the text count as whitespace.
        let before: UInt32 = start == 0 ? 0x0A : UTF8Decoding.decode(s, before: start)
        let after: UInt32 = pos >= end ? 0x0A : UTF8Decoding.decode(UnsafeBufferPointer(rebasing: s[..<end]), at: pos).0
        let spaceBefore = CharacterClass.isUnicodeWhitespace(before)
        let spaceAfter = CharacterClass.isUnicodeWhitespace(after)
        let punctuationBefore = CharacterClass.isUnicodePunctuation(before)
        let punctuationAfter = CharacterClass.isUnicodePunctuation(after)
        let leftFlanking = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore)
        let rightFlanking = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter)
        let canOpen: Bool
        let canClose: Bool
        if c == UInt8(ascii: "_") {
            canOpen = leftFlanking && (!rightFlanking || punctuationBefore)
            canClose = rightFlanking && (!leftFlanking || punctuationAfter)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        let item = list.append(.text, start, pos, start: start, end: pos)
        // cmark-gfm: only `~` and `~~` strike through.
        guard canOpen || canClose, c != UInt8(ascii: "~") || count <= 2 else { return }
        delimiters.push(Delimiter(character: c, canOpen: canOpen, canClose: canClose, item: item,
                                  position: pos, length: count))
    }

    /// Index into `openersBottom` for a closer.
    private func bottomIndex(_ d: Delimiter) -> Int {
        let base = d.character == UInt8(ascii: "*") ? 0 : d.character == UInt8(ascii: "_") ? 6 : 12
        return base + (d.canOpen ? 3 : 0) + d.length % 3
    }

    /// Resolves the delimiters above `stackBottom` into emphasis, strong emphasis and strikethrough,
    /// then removes them all from the stack.
    mutating func processEmphasis(stackBottom: Int) {
        guard delimiters.last >= 0 else { return }  // most leaves have no `*`, `_` or `~`
        openersBottom.removeAll(keepingCapacity: true)
        openersBottom.append(contentsOf: repeatElement(stackBottom, count: 18))
        // Move back to the first delimiter above the bottom.
        var closer = -1
        var candidate = delimiters.last
        while candidate >= 0, delimiters[candidate].position >= stackBottom {
            closer = candidate
            candidate = delimiters[candidate].previous
        }
        while closer >= 0 {
            let c = delimiters[closer]
            guard c.canClose else {
                closer = c.next
                continue
            }
            let bottom = bottomIndex(c)
            // Look back for the nearest opener that matches (only delimiters of the same character can).
            var opener = c.previousSame
            var found = false
            while opener >= 0, delimiters[opener].position >= openersBottom[bottom] {
                let o = delimiters[opener]
                if o.canOpen, o.character == c.character {
                    // The rule of 3: a run that can both open and close cannot pair with one whose
                    // length would sum to a multiple of 3, unless both are multiples of 3.
                    if !(c.canOpen || o.canClose) || c.length % 3 == 0 || (o.length + c.length) % 3 != 0 {
                        found = true
                        break
                    }
                }
                opener = o.previousSame
            }
            let oldCloser = closer
            if found {
                closer = c.character == UInt8(ascii: "~")
                    ? insertStrikethrough(opener: opener, closer: closer)
                    : insertEmphasis(opener: opener, closer: closer)
            } else {
                closer = c.next
                // No opener below here for this kind of closer, now or later.
                openersBottom[bottom] = c.position
                if !c.canOpen { delimiters.remove(oldCloser) }
            }
        }
        while delimiters.last >= 0, delimiters[delimiters.last].position >= stackBottom {
            delimiters.remove(delimiters.last)
        }
    }

    /// Wraps the items between opener and closer in `<em>` (one delimiter each) or `<strong>` (two).
    /// Returns the next closer to look at.
    private mutating func insertEmphasis(opener: Int, closer: Int) -> Int {
        let openerItem = delimiters[opener].item
        let closerItem = delimiters[closer].item
        let openerCount = list[openerItem].b - list[openerItem].a
        let closerCount = list[closerItem].b - list[closerItem].a
        let use = openerCount >= 2 && closerCount >= 2 ? 2 : 1
        // The opener keeps its first characters, the closer its last ones.
        list[openerItem].b -= use
        list[openerItem].end -= use
        list[closerItem].a += use
        list[closerItem].start += use

        // Delimiters between the two can no longer match anything.
        var d = delimiters[closer].previous
        while d >= 0, d != opener {
            let previous = delimiters[d].previous
            delimiters.remove(d)
            d = previous
        }

        let emphasis = list.make(use == 1 ? .emphasis : .strong,
                                 start: list[openerItem].end, end: list[closerItem].start)
        list.move(after: openerItem, before: closerItem, into: emphasis)
        list.insert(emphasis, after: openerItem)

        if openerCount == use {
            list.unlink(openerItem)
            delimiters.remove(opener)
        }
        if closerCount == use {
            list.unlink(closerItem)
            let next = delimiters[closer].next
            delimiters.remove(closer)
            return next
        }
        return closer
    }

    /// cmark-gfm's strikethrough: runs of equal length strike through what is between them. When the
    /// nearest opener has another length, nothing happens (as in cmark-gfm); a closer that cannot open is
    /// then dropped, since no later search could use it (cmark-gfm keeps it, and later searches walk over it).
    private mutating func insertStrikethrough(opener: Int, closer: Int) -> Int {
        let next = delimiters[closer].next
        let openerItem = delimiters[opener].item
        let closerItem = delimiters[closer].item
        guard list[openerItem].b - list[openerItem].a == list[closerItem].b - list[closerItem].a else {
            if !delimiters[closer].canOpen { delimiters.remove(closer) }
            return next
        }
        let strike = list.make(.strikethrough, start: list[openerItem].start, end: list[closerItem].end)
        list.move(after: openerItem, before: closerItem, into: strike)
        list.insert(strike, after: openerItem)
        list.unlink(openerItem)
        list.unlink(closerItem)
        var d = closer
        while d >= 0, d != opener {
            let previous = delimiters[d].previous
            delimiters.remove(d)
            d = previous
        }
        delimiters.remove(opener)
        return next
    }
}
