// HTML blocks (CommonMark 0.31.2 section 4.6): the seven start conditions and the end conditions of the
// first five (the last two end at a blank line).

enum HTMLBlockSyntax {
    /// Condition 6: block-level tag names (lower case).
    private static let blockTags: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
        "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup",
        "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

    /// Condition 1: tags whose content is raw text, ended by their closing tag even across blank lines.
    private static let rawTextTags: [[UInt8]] = ["pre", "script", "style", "textarea"].map { Array($0.utf8) }

    /// Which start condition (1–7) the line meets at `i` (which holds `<`), or nil. Condition 7 cannot
    /// interrupt a paragraph, so the caller says whether it is allowed.
    static func startCondition(line: UnsafeBufferPointer<UInt8>, at i: Int, mayBeKind7: Bool) -> Int? {
        let n = line.count
        func at(_ k: Int) -> UInt8 { k < n ? line[k] : 10 }
        guard at(i) == UInt8(ascii: "<") else { return nil }
        let next = at(i + 1)
        if next == UInt8(ascii: "!") {
            if at(i + 2) == UInt8(ascii: "-"), at(i + 3) == UInt8(ascii: "-") { return 2 }
            if hasPrefix(line, i + 2, "[CDATA[") { return 5 }
            if isLetter(at(i + 2)) { return 4 }
            return nil
        }
        if next == UInt8(ascii: "?") { return 3 }
        // Tag name after `<` or `</`.
        let closing = next == UInt8(ascii: "/")
        let nameStart = closing ? i + 2 : i + 1
        var nameEnd = nameStart
        while nameEnd < n, isLetter(line[nameEnd]) || isDigit(line[nameEnd]) || line[nameEnd] == UInt8(ascii: "-") { nameEnd += 1 }
        guard nameEnd > nameStart, isLetter(line[nameStart]) else { return nil }
        let name = line[nameStart..<nameEnd].map { $0 | 0x20 }
        let after = at(nameEnd)
        let endsName = after == 10 || after == 32 || after == 9 || after == UInt8(ascii: ">")
        if !closing, endsName, rawTextTags.contains(name) { return 1 }
        if blockTags.contains(name), endsName || (after == UInt8(ascii: "/") && at(nameEnd + 1) == UInt8(ascii: ">")) {
            return 6
        }
        // The spec names pre, script, style and textarea as exceptions, but those open tags are condition 1
        // already; cmark (and so the spec's own expected output) lets `</pre>` alone on a line start condition 7.
        if mayBeKind7 {
            let end = closing ? closingTagEnd(line, nameEnd) : openTagEnd(line, nameEnd)
            if let end, isBlank(line, from: end) { return 7 }
        }
        return nil
    }

    /// Whether the line contains the end of a condition 1–5 block.
    static func endsBlock(condition: Int, line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        switch condition {
        case 1:
            var i = start
            while i + 1 < line.count {
                if line[i] == UInt8(ascii: "<"), line[i + 1] == UInt8(ascii: "/") {
                    for tag in rawTextTags where i + 2 + tag.count < line.count + 1 {
                        let end = i + 2 + tag.count
                        guard end < line.count, line[end] == UInt8(ascii: ">") else { continue }
                        if zip(line[(i + 2)..<end], tag).allSatisfy({ $0 | 0x20 == $1 }) { return true }
                    }
                }
                i += 1
            }
            return false
        case 2: return contains(line, from: start, "-->")
        case 3: return contains(line, from: start, "?>")
        case 4: return contains(line, from: start, ">")
        case 5: return contains(line, from: start, "]]>")
        default: return false
        }
    }

    // MARK: Condition 7: a complete open or closing tag (spec 6.6) alone on its line

    /// After the tag name: attributes, optional `/`, `>`; the index after `>`.
    private static func openTagEnd(_ s: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start
        let n = s.count
        while true {
            let beforeSpace = i
            while i < n, s[i] == 32 || s[i] == 9 { i += 1 }
            guard i < n else { return nil }
            if s[i] == UInt8(ascii: ">") { return i + 1 }
            if s[i] == UInt8(ascii: "/") { return i + 1 < n && s[i + 1] == UInt8(ascii: ">") ? i + 2 : nil }
            // An attribute needs whitespace before it.
            guard i > beforeSpace else { return nil }
            guard isLetter(s[i]) || s[i] == UInt8(ascii: "_") || s[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            while i < n, isLetter(s[i]) || isDigit(s[i]) || s[i] == UInt8(ascii: "_") || s[i] == UInt8(ascii: ".")
                || s[i] == UInt8(ascii: ":") || s[i] == UInt8(ascii: "-") { i += 1 }
            // Optional value specification.
            var j = i
            while j < n, s[j] == 32 || s[j] == 9 { j += 1 }
            if j < n, s[j] == UInt8(ascii: "=") {
                j += 1
                while j < n, s[j] == 32 || s[j] == 9 { j += 1 }
                guard j < n else { return nil }
                let quote = s[j]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    j += 1
                    while j < n, s[j] != quote { j += 1 }
                    guard j < n else { return nil }
                    j += 1
                } else {
                    let valueStart = j
                    while j < n, !isUnquotedValueStop(s[j]) { j += 1 }
                    guard j > valueStart else { return nil }
                }
                i = j
            }
        }
    }

    private static func isUnquotedValueStop(_ b: UInt8) -> Bool {
        switch b {
        case 32, 9, 10, 13, 11, 12, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "`"): true
        default: false
        }
    }

    /// After a closing tag's name: optional whitespace and `>`.
    private static func closingTagEnd(_ s: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start
        while i < s.count, s[i] == 32 || s[i] == 9 { i += 1 }
        return i < s.count && s[i] == UInt8(ascii: ">") ? i + 1 : nil
    }

    // MARK: Bytes

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func isBlank(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        s[i...].allSatisfy { $0 == 32 || $0 == 9 }
    }

    /// Whether `s` at `i` starts with `prefix` (exactly, case-sensitive).
    private static func hasPrefix(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard i + p.count <= s.count else { return false }
        for k in 0..<p.count where s[i + k] != p[k] { return false }
        return true
    }

    private static func contains(_ s: UnsafeBufferPointer<UInt8>, from start: Int, _ needle: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard s.count >= p.count else { return false }
        var i = start
        while i + p.count <= s.count {
            if s[i] == p[0], hasPrefix(s, i, needle) { return true }
            i += 1
        }
        return false
    }
}
