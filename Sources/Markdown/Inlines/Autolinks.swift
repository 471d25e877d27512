// Autolinks (CommonMark 0.31.2 §6.5): `<scheme:…>` and `<local@domain>`, and what `<` starts in running
// text: an autolink, else raw HTML (RawHTML.swift), else a literal `<`.

enum Autolink {
    /// `<scheme:…>` at `i` (which holds `<`): returns the end (after `>`).
    static func scanURI(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
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
    static func scanEmail(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
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
}

extension InlineSubject {
    /// `<` at `pos`: an autolink, raw HTML, or a literal `<`.
    mutating func handlePointyBracket() {
        let start = pos
        let content = UnsafeBufferPointer(rebasing: s[..<end])
        if let after = Autolink.scanURI(content, at: start) {
            appendAutolink(start + 1..<after - 1, email: false, end: after)
        } else if let after = Autolink.scanEmail(content, at: start) {
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
