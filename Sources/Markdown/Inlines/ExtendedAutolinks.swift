// GFM extended autolinks (GFM spec §6.9, as cmark-gfm 0.29.0.gfm.13's extensions/autolink.c behaves):
// `www.example.com`, `http://`, `https://` and `ftp://` URLs and e-mail addresses (with optional
// `mailto:` / `xmpp:`) recognized in running text, with trailing punctuation and unbalanced `)` left out.
// www/URL links are found during the inline pass (at `w` and `:`); e-mail addresses afterwards, in the
// merged text of each run outside links (cmark-gfm's postprocess), see `emailAutolinks`.
// None is made while a `[` or `![` is open, as in cmark-gfm.

enum ExtendedAutolink {
    /// cmark-gfm's `autolink_delim`: where the link really ends inside `data[start..<end]`: cut at `<`,
    /// then drop trailing `?!.,:*_~'"`, an entity-like `&name;`, and `)` with no partner inside.
    static func trimEnd(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var linkEnd = end
        var opening = 0, closing = 0
        var i = start
        while i < linkEnd {
            let c = s[i]
            if c == UInt8(ascii: "<") {
                linkEnd = i
                break
            }
            if c == UInt8(ascii: "(") { opening += 1 } else if c == UInt8(ascii: ")") { closing += 1 }
            i += 1
        }
        while linkEnd > start {
            switch s[linkEnd - 1] {
            case UInt8(ascii: ")"):
                if closing <= opening { return linkEnd }
                closing -= 1
                linkEnd -= 1
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                 UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                linkEnd -= 1
            case UInt8(ascii: ";"):
                var k = linkEnd - 2
                while k > start, CharacterClass.isASCIILetter(s[k]) { k -= 1 }
                if k < linkEnd - 2, k >= start, s[k] == UInt8(ascii: "&") {
                    linkEnd = k
                } else {
                    linkEnd -= 1
                }
            default:
                return linkEnd
            }
        }
        return linkEnd
    }

    /// A host character for cmark-gfm: not whitespace, not punctuation (Unicode letters and symbols count).
    static func isHostCharacter(_ s: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        let (c, _) = UTF8Decoding.decode(UnsafeBufferPointer(rebasing: s[..<end]), at: i)
        return !CharacterClass.isUnicodeWhitespace(c) && !CharacterClass.isUnicodePunctuationOnly(c)
    }

    /// cmark-gfm's `check_domain`: the length of the domain at `start`, 0 if invalid. Underscores are not
    /// allowed in the last two segments (unless there are more than 10 segments, cmark-gfm's guard
    /// against slow inputs); without `allowShort`, at least one dot is needed.
    static func domainLength(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, allowShort: Bool) -> Int {
        let size = end - start
        guard size > 1 else { return 0 }
        var i = 1
        var dots = 0, underscoresBefore = 0, underscores = 0
        while i < size - 1 {
            if s[start + i] == UInt8(ascii: "\\"), i < size - 2 { i += 1 }
            let c = s[start + i]
            if c == UInt8(ascii: "_") {
                underscores += 1
            } else if c == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
            } else if c != UInt8(ascii: "-"), !isHostCharacter(s, at: start + i, end: end) {
                break
            }
            i += 1
        }
        if (underscoresBefore > 0 || underscores > 0) && dots <= 10 { return 0 }
        return allowShort || dots > 0 ? i : 0
    }
}

extension InlineSubject {
    private var insideBrackets: Bool { !brackets.isEmpty }

    /// `www.` at `pos`: a link to `http://www.…`. Returns false when there is none.
    mutating func handleWWWAutolink() -> Bool {
        guard !insideBrackets, pos == 0 || SpecialBytes.mayPrecedeWWW(s[pos - 1]),
              RawHTML.starts(UnsafeBufferPointer(rebasing: s[..<end]), at: pos, with: "www.") else { return false }
        var linkEnd = ExtendedAutolink.domainLength(s, pos, end, allowShort: false)
        guard linkEnd > 0 else { return false }
        linkEnd += pos
        while linkEnd < end, !CharacterClass.isSpaceOrLineEnding(s[linkEnd]), s[linkEnd] != UInt8(ascii: "<") {
            linkEnd += 1
        }
        linkEnd = ExtendedAutolink.trimEnd(s, pos, linkEnd)
        guard linkEnd > pos else { return false }
        let text = String(utf8Bytes: UnsafeBufferPointer(rebasing: s[pos..<linkEnd]))
        appendExtendedAutolink(destination: "http://" + text, start: pos, end: linkEnd)
        return true
    }

    /// `://` at `pos` after `http`, `https` or `ftp`: a URL autolink. The scheme was already emitted as
    /// text and is taken back. Returns false when there is none.
    mutating func handleURLAutolink() -> Bool {
        guard !insideBrackets, peek(pos + 1) == UInt8(ascii: "/"), peek(pos + 2) == UInt8(ascii: "/"),
              end - pos >= 4 else { return false }
        var schemeStart = pos
        while schemeStart > 0, CharacterClass.isASCIILetter(s[schemeStart - 1]) { schemeStart -= 1 }
        let scheme = String(utf8Bytes: UnsafeBufferPointer(rebasing: s[schemeStart..<pos])).lowercased()
        guard scheme == "http" || scheme == "https" || scheme == "ftp",
              pos + 3 < end, ExtendedAutolink.isHostCharacter(s, at: pos + 3, end: end) else { return false }
        // The scheme must be the end of the last text item.
        let last = Int(list[InlineList.root].last)
        guard last > 0, list[last].kind == .text, list[last].b == pos, list[last].a <= schemeStart else { return false }
        let domain = ExtendedAutolink.domainLength(s, pos + 3, end, allowShort: true)
        guard domain > 0 else { return false }
        var linkEnd = pos + 3 + domain
        while linkEnd < end, !CharacterClass.isSpaceOrLineEnding(s[linkEnd]), s[linkEnd] != UInt8(ascii: "<") {
            linkEnd += 1
        }
        linkEnd = ExtendedAutolink.trimEnd(s, pos, linkEnd)
        guard linkEnd > pos else { return false }
        if list[last].a == schemeStart {
            list.unlink(last)
        } else {
            list[last].b = schemeStart
            list[last].end = schemeStart
        }
        let url = String(utf8Bytes: UnsafeBufferPointer(rebasing: s[schemeStart..<linkEnd]))
        appendExtendedAutolink(destination: url, start: schemeStart, end: linkEnd)
        return true
    }

    private mutating func appendExtendedAutolink(destination: String, start: Int, end: Int) {
        let index = links.count
        links.append(LinkTarget(destination: destination, title: "", source: .extendedAutolink))
        let link = list.append(.link, index, start: start, end: end)
        let text = list.make(.text, start, end, start: start, end: end)
        list.appendChild(text, to: link)
        pos = end
    }
}

/// A piece of a text run after looking for e-mail addresses in it.
enum TextPiece {
    case text(Range<Int>)
    /// An address (or `mailto:`/`xmpp:` link) at `range`, linking to `destination`.
    case email(Range<Int>, destination: String)
}

extension ExtendedAutolink {
    /// cmark-gfm's `postprocess_text`: the e-mail autolinks in `text` (the merged text of consecutive
    /// text nodes outside links), in order, with the text around them.
    static func emailAutolinks(in text: UnsafeBufferPointer<UInt8>) -> [TextPiece]? {
        var pieces: [TextPiece] = []
        var segmentStart = 0  // text before this is already in `pieces`
        var offset = 0        // where to look for the next `@`
        while offset < text.count {
            guard let at = text[offset...].firstIndex(of: UInt8(ascii: "@")) else { break }
            let maxRewind = at - segmentStart
            var rewind = 0
            var autoMailto = true
            var isXMPP = false
            while rewind < maxRewind {
                let c = text[at - rewind - 1]
                if CharacterClass.isASCIIAlphanumeric(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "+")
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") {
                    rewind += 1
                    continue
                }
                if c == UInt8(ascii: ":") {
                    if protocolPrecedes("mailto:", text, at: at - rewind, segmentStart: segmentStart) {
                        autoMailto = false
                        rewind += 7
                        continue
                    }
                    if protocolPrecedes("xmpp:", text, at: at - rewind, segmentStart: segmentStart) {
                        autoMailto = false
                        isXMPP = true
                        rewind += 5
                        continue
                    }
                }
                break
            }
            guard rewind > 0 else {
                offset = at + 1
                continue
            }
            var linkEnd = 0
            var ats = 0, dots = 0
            let size = text.count - at
            while linkEnd < size {
                let c = text[at + linkEnd]
                if CharacterClass.isASCIIAlphanumeric(c) {
                } else if c == UInt8(ascii: "@") {
                    ats += 1
                    // A second `@` makes this no address; stopping here keeps `a@a@a@…` linear.
                    if ats > 1 { break }
                } else if c == UInt8(ascii: "."), linkEnd < size - 1, CharacterClass.isASCIIAlphanumeric(text[at + linkEnd + 1]) {
                    dots += 1
                } else if c == UInt8(ascii: "/"), isXMPP {
                } else if c != UInt8(ascii: "-"), c != UInt8(ascii: "_") {
                    break
                }
                linkEnd += 1
            }
            let lastByte = linkEnd > 0 ? text[at + linkEnd - 1] : 0
            guard linkEnd >= 2, ats == 1, dots > 0,
                  CharacterClass.isASCIILetter(lastByte) || lastByte == UInt8(ascii: ".") else {
                offset = at + 1
                continue
            }
            let trimmedEnd = trimEnd(text, at, at + linkEnd)
            guard trimmedEnd > at else {
                offset = at + 1
                continue
            }
            let linkStart = at - rewind
            if linkStart > segmentStart { pieces.append(.text(segmentStart..<linkStart)) }
            let address = String(utf8Bytes: UnsafeBufferPointer(rebasing: text[linkStart..<trimmedEnd]))
            pieces.append(.email(linkStart..<trimmedEnd, destination: autoMailto ? "mailto:" + address : address))
            segmentStart = trimmedEnd
            offset = trimmedEnd
        }
        guard !pieces.isEmpty else { return nil }
        if segmentStart < text.count { pieces.append(.text(segmentStart..<text.count)) }
        return pieces
    }

    /// cmark-gfm's `validate_protocol`: `scheme` ends at `i` (just before the address), fits in the
    /// current segment, and is not glued to a preceding letter or digit.
    private static func protocolPrecedes(_ scheme: StaticString, _ text: UnsafeBufferPointer<UInt8>, at i: Int,
                                         segmentStart: Int) -> Bool {
        let count = scheme.utf8CodeUnitCount
        guard i - count >= segmentStart, RawHTML.starts(text, at: i - count, with: scheme) else { return false }
        return i - count == segmentStart || !CharacterClass.isASCIIAlphanumeric(text[i - count - 1])
    }
}
