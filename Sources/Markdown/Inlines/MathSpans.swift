// Math spans in site mode: `$tex$` (inline) and `$$tex$$` (display) inside paragraphs, with pandoc's
// rules (pandoc manual, "Math", extension tex_math_dollars), which GitHub follows too:
// the content is not Markdown; `\` escapes the next character (so `\$` does not end the span, and stays
// `\$` in the TeX); an opening `$` must not be followed by whitespace, the closing `$` must not be
// preceded by whitespace nor followed by a digit — so `$5 and $6` stays text.
// Outside math, `\$` is an ordinary backslash escape and gives a literal dollar.

extension InlineSubject {
    mutating func handleDollar() {
        let start = pos
        if peek(pos + 1) == UInt8(ascii: "$") {
            if let close = closingDollars(from: pos + 2, display: true) {
                let tex = trimmed(pos + 2..<close)
                if !tex.isEmpty {
                    appendMath(.displayMath, tex, start: start, end: close + 2)
                    pos = close + 2
                    return
                }
            }
            appendText(start, start + 2)
            pos = start + 2
            return
        }
        let first = peek(pos + 1)
        if pos + 1 < end, !CharacterClass.isSpaceOrLineEnding(first),
           let close = closingDollars(from: pos + 1, display: false) {
            appendMath(.inlineMath, pos + 1..<close, start: start, end: close + 1)
            pos = close + 1
            return
        }
        appendText(start, start + 1)
        pos = start + 1
    }

    private mutating func appendMath(_ kind: InlineItem.Kind, _ tex: Range<Int>, start: Int, end: Int) {
        let index = strings.count
        strings.append(String(utf8Bytes: UnsafeBufferPointer(rebasing: s[tex])))
        list.append(kind, index, start: start, end: end)
    }

    /// Where the closing `$` (or `$$`) is, or nil. An inline span ends at its first unescaped `$`, which
    /// must follow a non-space and not precede a digit; else there is no span here at all. A display span
    /// ends at the first unescaped `$$`; once none is left, later `$$` are not scanned again (linear time).
    private mutating func closingDollars(from: Int, display: Bool) -> Int? {
        if display && noDisplayMathEnd { return nil }
        var i = from
        while i < end {
            let b = s[i]
            if b == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if b == UInt8(ascii: "$") {
                if display {
                    if peek(i + 1) == UInt8(ascii: "$") { return i }
                    i += 1
                    continue
                }
                if CharacterClass.isSpaceOrLineEnding(s[i - 1]) || CharacterClass.isASCIIDigit(peek(i + 1)) {
                    return nil
                }
                return i
            }
            i += 1
        }
        if display { noDisplayMathEnd = true }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, CharacterClass.isSpaceOrLineEnding(s[lower]) { lower += 1 }
        while upper > lower, CharacterClass.isSpaceOrLineEnding(s[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
