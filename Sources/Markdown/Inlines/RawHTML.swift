// Raw HTML in running text (CommonMark 0.31.2 §6.6): open and closing tags, comments (`<!-->` and
// `<!--->` count, as 0.31.2 says), processing instructions, declarations and CDATA sections.
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
