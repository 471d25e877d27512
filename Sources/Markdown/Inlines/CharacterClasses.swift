// Byte and Unicode character classes of CommonMark 0.31.2 §2.1 ("Characters and lines"): ASCII punctuation,
// Unicode whitespace and Unicode punctuation (general categories P and S, so `£` and `€` count), read from
// UTF-8 bytes. Invalid UTF-8 has already been replaced by U+FFFD before parsing, but the decoders below
// still never trap on a truncated sequence.

enum CharacterClass {
    /// ASCII punctuation: the characters a backslash can escape (`!` … `~`, not letters or digits).
    @inline(__always)
    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    static func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool { isASCIIDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }

    /// Space, tab, line feed, carriage return: what cmark trims from the end of a leaf's content (a trailing
    /// vertical tab or form feed is content: a table cell keeps it).
    @inline(__always)
    static func isTrimmedAtLeafEnd(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Space, tab, line feed, line tabulation, form feed, carriage return (cmark's `cmark_isspace`).
    @inline(__always)
    static func isSpaceOrLineEnding(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Unicode whitespace (§2.1): general category Zs, or tab, line feed, form feed, carriage return.
    static func isUnicodeWhitespace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// Unicode punctuation (§2.1): general category P (punctuation) or S (symbol).
    static func isUnicodePunctuation(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIPunctuation(UInt8(c)) }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}

extension CharacterClass {
    /// Punctuation as CommonMark 0.29 and cmark-gfm define it: general category P only (symbols such as
    /// `🍄` are not punctuation there). The GFM autolink extension's host names use this one.
    static func isUnicodePunctuationOnly(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIPunctuation(UInt8(c)) }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

/// Decoding single code points from UTF-8 bytes, forwards and backwards.
enum UTF8Decoding {
    /// The code point starting at `i` and its length in bytes (U+FFFD, 1 for a malformed sequence).
    static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = s[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
        guard length > 1, i + length <= s.count else { return (0xFFFD, 1) }
        var c = UInt32(b0) & (0xFF >> UInt32(length + 1))
        for k in 1..<length {
            let b = s[i + k]
            guard b & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            c = c << 6 | UInt32(b & 0x3F)
        }
        return (c, length)
    }

    /// The code point that ends just before `i` (`i > 0`).
    static func decode(_ s: UnsafeBufferPointer<UInt8>, before i: Int) -> UInt32 {
        var start = i - 1
        while start > 0, i - start < 4, s[start] & 0xC0 == 0x80 { start -= 1 }
        let (c, length) = decode(s, at: start)
        return start + length == i ? c : 0xFFFD
    }

    /// Appends the UTF-8 encoding of `c` (U+FFFD for a surrogate or an out-of-range value).
    static func append(_ c: UInt32, to out: inout [UInt8]) {
        var c = c
        if c >= 0xD800 && c <= 0xDFFF || c > 0x10FFFF { c = 0xFFFD }
        switch c {
        case ..<0x80:
            out.append(UInt8(c))
        case ..<0x800:
            out.append(UInt8(0xC0 | c >> 6)); out.append(UInt8(0x80 | c & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | c >> 12)); out.append(UInt8(0x80 | c >> 6 & 0x3F)); out.append(UInt8(0x80 | c & 0x3F))
        default:
            out.append(UInt8(0xF0 | c >> 18)); out.append(UInt8(0x80 | c >> 12 & 0x3F))
            out.append(UInt8(0x80 | c >> 6 & 0x3F)); out.append(UInt8(0x80 | c & 0x3F))
        }
    }
}

extension String {
    /// A string from UTF-8 bytes that are known to be valid (the parser's input was validated).
    init(utf8Bytes bytes: some Collection<UInt8>) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}
