// Scanners for what may follow `<` in running text (CommonMark 0.31.2 §6.5 autolinks, §6.6 raw HTML):
// URI and email autolinks; open and closing tags, comments (`<!-->` and `<!--->` count, as 0.31.2 says),
// processing instructions, declarations and CDATA sections.
// Comments, processing instructions, declarations and CDATA run to a terminator; once a scan finds none
// up to the end of the leaf, `Memo` remembers it, so `<!--` repeated 300,000 times stays linear.

enum RawHTML {
    /// Terminators known to be missing from the rest of the leaf.
    struct Memo {
        var noCommentEnd = false
        var noProcessingInstructionEnd = false
        var noDeclarationEnd = false
        var noCDATAEnd = false
    }

    /// `<scheme:…>` at `i` (which holds `<`): returns the end (after `>`).
    static func scanURIAutolink(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        var j = i + 1
        guard j < s.count, CharacterClass.isASCIILetter(s[j]) else { return nil }
        j += 1
        while j < s.count, j - (i + 1) < 32,
              CharacterClass.isASCIIAlphanumeric(s[j]) || s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: ".")
                || s[j] == UInt8(ascii: "-") {
            j += 1
        }
        let schemeLength = j - (i + 1)
        guard schemeLength >= 2, schemeLength <= 32, j < s.count, s[j] == UInt8(ascii: ":") else { return nil }
        j += 1
        while j < s.count {
            let b = s[j]
            if b == UInt8(ascii: ">") { return j + 1 }
            if b <= 0x20 || b == 0x7F || b == UInt8(ascii: "<") { return nil }
            j += 1
        }
        return nil
    }

    /// `<local@domain>` at `i` (HTML5's e-mail address pattern): returns the end (after `>`).
    static func scanEmailAutolink(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        var j = i + 1
        let localStart = j
        while j < s.count, isEmailLocal(s[j]) { j += 1 }
        guard j > localStart, j < s.count, s[j] == UInt8(ascii: "@") else { return nil }
        j += 1
        // Labels: alphanumeric at both ends, hyphens inside, at most 63 characters, separated by dots.
        while true {
            let labelStart = j
            while j < s.count, j - labelStart < 63, CharacterClass.isASCIIAlphanumeric(s[j]) || s[j] == UInt8(ascii: "-") {
                j += 1
            }
            guard j > labelStart, CharacterClass.isASCIIAlphanumeric(s[labelStart]),
                  CharacterClass.isASCIIAlphanumeric(s[j - 1]) else { return nil }
            guard j < s.count else { return nil }
            if s[j] == UInt8(ascii: ">") { return j + 1 }
            guard s[j] == UInt8(ascii: ".") else { return nil }
            j += 1
        }
    }

    private static func isEmailLocal(_ b: UInt8) -> Bool {
        if CharacterClass.isASCIIAlphanumeric(b) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Raw HTML at `i` (which holds `<`): returns the end.
    static func scan(_ s: UnsafeBufferPointer<UInt8>, at i: Int, memo: inout Memo) -> Int? {
        let j = i + 1
        guard j < s.count else { return nil }
        switch s[j] {
        case UInt8(ascii: "!"):
            if starts(s, at: j + 1, with: "--") {
                if starts(s, at: j + 3, with: ">") { return j + 4 }  // <!-->
                if starts(s, at: j + 3, with: "->") { return j + 5 }  // <!--->
                guard !memo.noCommentEnd else { return nil }
                if let close = find(s, "-->", from: j + 3) { return close + 3 }
                memo.noCommentEnd = true
                return nil
            }
            if starts(s, at: j + 1, with: "[CDATA[") {
                guard !memo.noCDATAEnd else { return nil }
                if let close = find(s, "]]>", from: j + 8) { return close + 3 }
                memo.noCDATAEnd = true
                return nil
            }
            if j + 1 < s.count, CharacterClass.isASCIILetter(s[j + 1]) {
                guard !memo.noDeclarationEnd else { return nil }
                if let close = find(s, ">", from: j + 2) { return close + 1 }
                memo.noDeclarationEnd = true
            }
            return nil
        case UInt8(ascii: "?"):
            guard !memo.noProcessingInstructionEnd else { return nil }
            if let close = find(s, "?>", from: j + 1) { return close + 2 }
            memo.noProcessingInstructionEnd = true
            return nil
        case UInt8(ascii: "/"):
            return scanClosingTag(s, at: j + 1)
        default:
            return scanOpenTag(s, at: j)
        }
    }

    /// `tagname attribute* whitespace* /? >` from `i` (just after `<`).
    private static func scanOpenTag(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard var j = scanTagName(s, at: i) else { return nil }
        while true {
            let afterSpace = skipWhitespace(s, from: j)
            guard afterSpace < s.count else { return nil }
            let b = s[afterSpace]
            if b == UInt8(ascii: ">") { return afterSpace + 1 }
            if b == UInt8(ascii: "/") {
                return afterSpace + 1 < s.count && s[afterSpace + 1] == UInt8(ascii: ">") ? afterSpace + 2 : nil
            }
            // An attribute needs whitespace before it.
            guard afterSpace > j, let afterAttribute = scanAttribute(s, at: afterSpace) else { return nil }
            j = afterAttribute
        }
    }

    /// `tagname whitespace* >` from `i` (just after `</`).
    private static func scanClosingTag(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard let j = scanTagName(s, at: i) else { return nil }
        let k = skipWhitespace(s, from: j)
        return k < s.count && s[k] == UInt8(ascii: ">") ? k + 1 : nil
    }

    /// An ASCII letter, then letters, digits and hyphens.
    private static func scanTagName(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < s.count, CharacterClass.isASCIILetter(s[i]) else { return nil }
        var j = i + 1
        while j < s.count, CharacterClass.isASCIIAlphanumeric(s[j]) || s[j] == UInt8(ascii: "-") { j += 1 }
        return j
    }

    /// `name` optionally followed by `= value` (unquoted, single- or double-quoted).
    private static func scanAttribute(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < s.count else { return nil }
        let first = s[i]
        guard CharacterClass.isASCIILetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else {
            return nil
        }
        var j = i + 1
        while j < s.count {
            let b = s[j]
            guard CharacterClass.isASCIIAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") else { break }
            j += 1
        }
        let beforeEquals = skipWhitespace(s, from: j)
        guard beforeEquals < s.count, s[beforeEquals] == UInt8(ascii: "=") else { return j }
        let valueStart = skipWhitespace(s, from: beforeEquals + 1)
        guard valueStart < s.count else { return nil }
        let quote = s[valueStart]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var k = valueStart + 1
            while k < s.count, s[k] != quote { k += 1 }
            return k < s.count ? k + 1 : nil
        }
        var k = valueStart
        while k < s.count {
            switch s[k] {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"):
                return k > valueStart ? k : nil
            default:
                k += 1
            }
        }
        return k > valueStart ? k : nil
    }

    private static func skipWhitespace(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var j = i
        while j < s.count, CharacterClass.isSpaceOrLineEnding(s[j]) { j += 1 }
        return j
    }

    static func starts(_ s: UnsafeBufferPointer<UInt8>, at i: Int, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i >= 0, i + count <= s.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where s[i + k] != p[k] { return false }
        return true
    }

    /// The first occurrence of `needle` at or after `from`.
    static func find(_ s: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var i = max(from, 0)
        while i + count <= s.count {
            if s[i] == first, starts(s, at: i, with: needle) { return i }
            i += 1
        }
        return nil
    }
}

extension InlineSubject {
    /// `<` at `pos`: an autolink, raw HTML, or a literal `<`.
    mutating func handlePointyBracket() {
        let start = pos
        let content = UnsafeBufferPointer(rebasing: s[..<end])
        if let after = RawHTML.scanURIAutolink(content, at: start) {
            appendAutolink(start + 1..<after - 1, email: false, end: after)
        } else if let after = RawHTML.scanEmailAutolink(content, at: start) {
            appendAutolink(start + 1..<after - 1, email: true, end: after)
        } else if let after = RawHTML.scan(content, at: start, memo: &rawHTMLMemo) {
            let index = strings.count
            strings.append(String(utf8Bytes: UnsafeBufferPointer(rebasing: s[start..<after])))
            list.append(.html, index, start: start, end: after)
            pos = after
        } else {
            appendText(start, start + 1)
            pos = start + 1
        }
    }

    /// An autolink's destination and text are its content with character references decoded (as cmark);
    /// backslashes stay (§6.5: no escapes in autolinks).
    private mutating func appendAutolink(_ range: Range<Int>, email: Bool, end after: Int) {
        var decoded: [UInt8] = []
        var i = range.lowerBound
        let bounded = UnsafeBufferPointer(rebasing: s[..<range.upperBound])
        while i < range.upperBound {
            if s[i] == UInt8(ascii: "&"), let next = CharacterReferences.scan(bounded, at: i, into: &decoded) {
                i = next
            } else {
                decoded.append(s[i])
                i += 1
            }
        }
        let text = String(utf8Bytes: decoded)
        let index = links.count
        links.append(LinkTarget(destination: email ? "mailto:" + text : text, title: "", source: .autolink))
        let link = list.append(.link, index, start: pos, end: after)
        let a = literals.count
        literals.append(contentsOf: decoded)
        let child = list.make(.literal, a, literals.count, start: range.lowerBound, end: range.upperBound)
        list.appendChild(child, to: link)
        pos = after
    }
}
