// Entity and numeric character references (CommonMark 0.31.2 §2.5) and backslash escapes (§2.4):
// `&copy;`, `&#35;`, `&#x22;` decoded to the characters they stand for, and the one-pass "unescape"
// that link destinations, link titles and code block info strings go through.
// The named references are HTML5's (EntityTable.swift, generated); only the forms ending in `;` count.

enum CharacterReferences {
    /// The longest entity name in the table (`CounterClockwiseContourIntegral`).
    static let maximumNameLength = 32

    /// Entity names (without `&` and `;`) → their UTF-8 replacement, parsed from `namedTable` on first use.
    static let named: [String: [UInt8]] = {
        var table: [String: [UInt8]] = [:]
        table.reserveCapacity(2200)
        for record in namedTable.split(separator: " ") {
            guard let colon = record.firstIndex(of: ":") else { continue }
            var bytes: [UInt8] = []
            for hex in record[record.index(after: colon)...].split(separator: ",") {
                UTF8Decoding.append(UInt32(hex, radix: 16) ?? 0xFFFD, to: &bytes)
            }
            table[String(record[..<colon])] = bytes
        }
        return table
    }()

    /// Reads a character reference at `i` (which holds `&`): returns where it ends and appends what it
    /// stands for to `out`, or returns nil (and appends nothing) when there is none.
    /// Code point 0, surrogates and values beyond U+10FFFF become U+FFFD (§2.5).
    static func scan(_ s: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout [UInt8]) -> Int? {
        var j = i + 1
        guard j < s.count else { return nil }
        if s[j] == UInt8(ascii: "#") {
            j += 1
            guard j < s.count else { return nil }
            var value: UInt32 = 0
            let digitsStart: Int
            if s[j] | 0x20 == UInt8(ascii: "x") {
                j += 1
                digitsStart = j
                while j < s.count, j - digitsStart < 7, CharacterClass.isHexDigit(s[j]) {
                    let b = s[j]
                    value = value * 16 + UInt32(b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x61 + 10)
                    j += 1
                }
                guard j - digitsStart >= 1, j - digitsStart <= 6 else { return nil }
            } else {
                digitsStart = j
                while j < s.count, j - digitsStart < 8, CharacterClass.isASCIIDigit(s[j]) {
                    value = value * 10 + UInt32(s[j] - 0x30)
                    j += 1
                }
                guard j - digitsStart >= 1, j - digitsStart <= 7 else { return nil }
            }
            guard j < s.count, s[j] == UInt8(ascii: ";") else { return nil }
            UTF8Decoding.append(value == 0 ? 0xFFFD : value, to: &out)
            return j + 1
        }
        let nameStart = j
        while j < s.count, j - nameStart <= maximumNameLength, CharacterClass.isASCIIAlphanumeric(s[j]) { j += 1 }
        guard j > nameStart, j - nameStart <= maximumNameLength, j < s.count, s[j] == UInt8(ascii: ";"),
              let replacement = named[String(utf8Bytes: UnsafeBufferPointer(rebasing: s[nameStart..<j]))]
        else { return nil }
        out.append(contentsOf: replacement)
        return j + 1
    }

    /// The bytes of `s[range]` with backslash escapes and character references resolved, in one pass
    /// (so `\&amp;` is the literal text `&amp;`).
    static func unescape(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        var copied = i
        while i < range.upperBound {
            let b = s[i]
            if b == UInt8(ascii: "\\"), i + 1 < range.upperBound, CharacterClass.isASCIIPunctuation(s[i + 1]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<i]))
                out.append(s[i + 1])
                i += 2
                copied = i
            } else if b == UInt8(ascii: "&") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<i]))
                let bounded = UnsafeBufferPointer(rebasing: s[..<range.upperBound])
                if let end = scan(bounded, at: i, into: &out) {
                    i = end
                } else {
                    out.append(b)
                    i += 1
                }
                copied = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<range.upperBound]))
        return out
    }

    /// `unescape` for a string (the blocks phase uses it for code block info strings).
    static func unescape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { String(utf8Bytes: unescape($0, 0..<$0.count)) }
    }
}
