// Link label matching (CommonMark 0.31.2 §6.3, "link label"): two labels match when they are equal after
// Unicode case folding, trimming, and collapsing runs of spaces, tabs and line endings to one space.
// Full case folding (CaseFoldingTable.swift, generated) makes `ẞ` match `SS` and `ﬃ` match `FFI`.

enum LinkLabel {
    /// Code point → what it folds to, parsed from `caseFoldingTable` on first use. Code points not listed fold to themselves.
    static let folding: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        table.reserveCapacity(1600)
        for record in caseFoldingTable.split(separator: " ") {
            let parts = record.split(separator: ":")
            guard parts.count == 2, let key = UInt32(parts[0], radix: 16) else { continue }
            table[key] = parts[1].split(separator: ",").compactMap { UInt32($0, radix: 16) }
        }
        return table
    }()

    /// The key under which a label is stored and looked up.
    static func normalize(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        if let ascii = normalizeASCII(s, range) { return ascii }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var pendingSpace = false
        var i = range.lowerBound
        while i < range.upperBound {
            let b = s[i]
            if CharacterClass.isSpaceOrLineEnding(b) {
                pendingSpace = !out.isEmpty
                i += 1
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            if b < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                i += 1
            } else {
                let (c, length) = UTF8Decoding.decode(s, at: i)
                if let folded = folding[c] {
                    for f in folded { UTF8Decoding.append(f, to: &out) }
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<i + length]))
                }
                i += length
            }
        }
        return String(utf8Bytes: out)
    }

    /// The usual label, all ASCII: folding only lowercases, and the key is never longer than the label,
    /// so it is written in place (no append, and its uniqueness check, per byte). Nil for any other label.
    private static func normalizeASCII(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        for i in range where s[i] >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: range.count) { out in
            var count = 0
            var pendingSpace = false
            for i in range {
                let b = s[i]
                if CharacterClass.isSpaceOrLineEnding(b) {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    out[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                out[count] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                count += 1
            }
            return count
        }
    }

    static func normalize(_ label: String) -> String {
        var label = label
        return label.withUTF8 { normalize($0, 0..<$0.count) }
    }
}
