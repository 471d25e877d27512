// Scanners for the parts of a link (CommonMark 0.31.2 §6.3): link label, link destination and link title.
// Shared by inline links (`[text](destination "title")`), reference links and link reference definitions.
// Each takes the position of the construct's first byte and returns where it ends, or nil.

enum LinkSyntax {
    /// A label may hold at most 999 characters between its brackets (§6.3).
    static let maximumLabelLength = 999
    /// Balanced parentheses in a bare destination may nest this deep (cmark's limit; the spec allows one).
    static let maximumParenthesisDepth = 32

    /// `[label]` at `i`: no unescaped brackets inside, at most 999 bytes. Returns the end (after `]`)
    /// and the inside, trimmed of surrounding whitespace.
    static func scanLabel(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (end: Int, content: Range<Int>)? {
        guard i < s.count, s[i] == UInt8(ascii: "[") else { return nil }
        var j = i + 1
        while j < s.count {
            let b = s[j]
            if b == UInt8(ascii: "]") {
                var lower = i + 1, upper = j
                while lower < upper, CharacterClass.isSpaceOrLineEnding(s[lower]) { lower += 1 }
                while upper > lower, CharacterClass.isSpaceOrLineEnding(s[upper - 1]) { upper -= 1 }
                return (j + 1, lower..<upper)
            }
            if b == UInt8(ascii: "[") { return nil }
            if b == UInt8(ascii: "\\"), j + 1 < s.count, CharacterClass.isASCIIPunctuation(s[j + 1]) {
                j += 2
            } else {
                j += 1
            }
            if j - (i + 1) > maximumLabelLength { return nil }
        }
        return nil
    }

    /// A link destination at `i`: `<…>` (no line ending or unescaped `<`, `>`), or a nonempty run without
    /// spaces or control characters whose unescaped parentheses balance. Returns the end and the raw
    /// destination (inside the pointy brackets), escapes still in it.
    static func scanDestination(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (end: Int, content: Range<Int>)? {
        guard i < s.count else { return nil }
        if s[i] == UInt8(ascii: "<") {
            var j = i + 1
            while j < s.count {
                switch s[j] {
                case UInt8(ascii: ">"): return (j + 1, i + 1..<j)
                case UInt8(ascii: "\\"): j += (j + 1 < s.count && CharacterClass.isASCIIPunctuation(s[j + 1])) ? 2 : 1
                case 0x0A, 0x0D, UInt8(ascii: "<"): return nil
                default: j += 1
                }
            }
            return nil
        }
        var j = i
        var depth = 0
        loop: while j < s.count {
            let b = s[j]
            switch b {
            case UInt8(ascii: "\\") where j + 1 < s.count && CharacterClass.isASCIIPunctuation(s[j + 1]):
                j += 2
            case UInt8(ascii: "("):
                depth += 1
                if depth > maximumParenthesisDepth { return nil }
                j += 1
            case UInt8(ascii: ")"):
                if depth == 0 { break loop }
                depth -= 1
                j += 1
            case 0...0x20, 0x7F:
                break loop
            default:
                j += 1
            }
        }
        guard j > i, depth == 0 else { return nil }
        return (j, i..<j)
    }

    /// A link title at `i`: `"…"`, `'…'` or `(…)` (the last without unescaped parentheses inside).
    /// Returns the end and the inside, escapes still in it.
    static func scanTitle(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (end: Int, content: Range<Int>)? {
        guard i < s.count else { return nil }
        let closer: UInt8
        switch s[i] {
        case UInt8(ascii: "\""): closer = UInt8(ascii: "\"")
        case UInt8(ascii: "'"): closer = UInt8(ascii: "'")
        case UInt8(ascii: "("): closer = UInt8(ascii: ")")
        default: return nil
        }
        var j = i + 1
        while j < s.count {
            let b = s[j]
            if b == closer { return (j + 1, i + 1..<j) }
            if b == UInt8(ascii: "\\"), j + 1 < s.count, CharacterClass.isASCIIPunctuation(s[j + 1]) {
                j += 2
                continue
            }
            if closer == UInt8(ascii: ")"), b == UInt8(ascii: "(") { return nil }
            j += 1
        }
        return nil
    }

    /// Spaces and tabs from `i`.
    @inline(__always)
    static func skipSpaces(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var j = i
        while j < s.count, s[j] == 0x20 || s[j] == 0x09 { j += 1 }
        return j
    }

    /// A line ending at `i` (LF, CR or CR LF): the position after it, or nil.
    @inline(__always)
    static func skipLineEnding(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < s.count else { return nil }
        if s[i] == 0x0A { return i + 1 }
        if s[i] == 0x0D { return i + 1 < s.count && s[i + 1] == 0x0A ? i + 2 : i + 1 }
        return nil
    }

    /// Spaces and tabs, then at most one line ending, then spaces and tabs ("optional whitespace,
    /// including up to one line ending").
    static func skipSpacesAndOneLineEnding(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        let j = skipSpaces(s, from: i)
        guard let k = skipLineEnding(s, at: j) else { return j }
        return skipSpaces(s, from: k)
    }
}
