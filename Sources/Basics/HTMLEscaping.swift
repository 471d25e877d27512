// Escaping for text written into HTML or XML: the one escape every writer uses (Markdown's renderer, the
// MathML writer, the SVG writer, the site's layout). Unlike some template engines we never keep an existing
// entity, so author text always reads as typed.
// It works on UTF-8 bytes and looks at eight at a time (SWAR: a 64-bit word as eight lanes), because
// most text needs nothing replaced and the renderers call it for every text node.

public enum HTML {
    /// Which characters are replaced, by where the text goes.
    public enum Context: Sendable {
        /// `&`, `<`, `>`, `"`: element content and double-quoted attribute values in HTML, as cmark writes
        /// them (so Markdown output matches the CommonMark spec byte for byte).
        case html
        /// As `.html`, and characters XML 1.0 does not allow (C0 controls other than tab and line ends,
        /// U+FFFE, U+FFFF) become U+FFFD: MathML content and attribute values.
        case xml
        /// `&`, `<`, `>`; `\r` as `&#13;` (XML parsers would drop it); forbidden characters as in `.xml`:
        /// SVG text content.
        case xmlText
        /// As `.xml`, and tab and line ends as references, so they survive attribute-value normalization:
        /// SVG attribute values.
        case xmlAttribute
    }

    /// `text` escaped for `context` (HTML element content or a double-quoted attribute by default).
    public static func escape(_ text: some StringProtocol, for context: Context = .html) -> String {
        var text = String(text)
        if text.utf8.withContiguousStorageIfAvailable({ firstReplaced(in: $0, context) == nil }) == true {
            return text  // most text needs nothing: no copy
        }
        var out: [UInt8] = []
        text.withUTF8 { append($0, escapingFor: context, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` to `out`, escaped for `context`. Writers call it for many short strings (MathML tokens):
    /// those go byte by byte, in the caller's module.
    @inlinable
    public static func append(_ text: String, escapingFor context: Context = .html, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            if bytes.count < 16 {
                appendShort(bytes, context, to: &out)
            } else {
                append(bytes, escapingFor: context, to: &out)
            }
        }
    }

    /// Short text (a MathML token, a number): byte by byte is cheaper than finding and copying runs.
    @inlinable
    static func appendShort(_ bytes: UnsafeBufferPointer<UInt8>, _ context: Context, to out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if isReplaced(bytes, at: i, context) {
                i += appendReplacement(bytes, at: i, context, to: &out)
            } else {
                out.append(byte)
                i += 1
            }
        }
    }

    /// Appends what the byte at `i` (which `context` replaces) becomes; returns how many bytes it stood for.
    @usableFromInline
    static func appendReplacement(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ context: Context, to out: inout [UInt8]) -> Int {
        if bytes[i] == 0xEF {
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF).
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            return 3
        }
        out.append(contentsOf: replacement(for: bytes[i], context))
        return 1
    }

    /// Appends one scalar, escaped for HTML, to `out` (for writers that build their output scalar by scalar).
    public static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.unicodeScalars.append(scalar)
        }
    }

    /// Appends UTF-8 `bytes` to `out`, escaped for `context`: runs that need nothing are copied whole.
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, escapingFor context: Context = .html, to out: inout [UInt8]) {
        // One loop per context, so that each is compiled with its context's tests folded in.
        switch context {
        case .html: append(bytes, context: .html, to: &out)
        case .xml: append(bytes, context: .xml, to: &out)
        case .xmlText: append(bytes, context: .xmlText, to: &out)
        case .xmlAttribute: append(bytes, context: .xmlAttribute, to: &out)
        }
    }

    @inline(__always)
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, context: Context, to out: inout [UInt8]) {
        var start = 0
        while let i = firstReplaced(in: bytes, from: start, context) {
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            start = i + appendReplacement(bytes, at: i, context, to: &out)
        }
        if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    // MARK: Finding the next byte to replace

    /// The offset of the first byte at or after `from` that `context` replaces, nil when there is none.
    @inline(__always)
    static func firstReplaced(in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, _ context: Context) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = from
        // Eight bytes at a time (see `candidates`); the last word overlaps the one before it, its lanes
        // already looked at cleared.
        while i < count {
            let flags: UInt64
            let wordStart: Int
            if i + 8 <= count {
                wordStart = i
                flags = candidates(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), context)
            } else if count >= 8 {
                wordStart = count - 8
                flags = candidates(UnsafeRawPointer(base + wordStart).loadUnaligned(as: UInt64.self), context)
                    & (~0 << UInt64(8 * (i - wordStart)))
            } else {
                // Shorter than a word: byte by byte.
                while i < count {
                    if isReplaced(bytes, at: i, context) { return i }
                    i += 1
                }
                return nil
            }
            if flags == 0 {
                i = wordStart + 8
                continue
            }
            let candidate = wordStart + flags.trailingZeroBitCount >> 3
            if isReplaced(bytes, at: candidate, context) { return candidate }
            i = candidate + 1
        }
        return nil
    }

    /// The high bit set in the lowest lane of `word` (little-endian, so the first byte) that may need
    /// replacing, and perhaps in later ones: `"`, `&`, `<`, `>`, and for XML control bytes and 0xEF (which
    /// starts U+FFFE and U+FFFF). A lane is flagged wrongly only above a rightly flagged one (borrows run upward).
    @inline(__always)
    private static func candidates(_ word: UInt64, _ context: Context) -> UInt64 {
        let word = UInt64(littleEndian: word)
        // b | 0x04 == 0x26 exactly for `"` (0x22) and `&` (0x26); b | 0x02 == 0x3E for `<` and `>`.
        var flags = lanesEqual(word | 0x0404_0404_0404_0404, 0x26) | lanesEqual(word | 0x0202_0202_0202_0202, 0x3E)
        if context != .html { flags |= lanesBelow(word, 0x20) | lanesEqual(word, 0xEF) }
        return flags
    }


    /// The high bit set in (at least) the lowest lane of `word` equal to `byte`, zero when none is.
    @inline(__always)
    private static func lanesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080
    }

    /// The high bit set in (at least) the lowest lane of `word` below `limit` (≤ 0x80), zero when none is.
    @inline(__always)
    private static func lanesBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080
    }

    @inlinable @inline(__always)
    static func isReplaced(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ context: Context) -> Bool {
        let byte = bytes[i]
        if context == .html { return byte | 0x04 == 0x26 || byte | 0x02 == 0x3E }
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return true
        case UInt8(ascii: "\""): return context != .xmlText
        case 0x09, 0x0A: return context == .xmlAttribute
        case 0x0D: return context == .xmlText || context == .xmlAttribute
        case ..<0x20: return context != .html
        case 0xEF:
            return context != .html && i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)
        default: return false
        }
    }

    /// What a replaced byte (other than the 0xEF of U+FFFE/U+FFFF) becomes.
    private static func replacement(for byte: UInt8, _ context: Context) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case 0x09: "&#9;"
        case 0x0A: "&#10;"
        case 0x0D: "&#13;"
        default: "\u{FFFD}"
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func append(contentsOf text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
