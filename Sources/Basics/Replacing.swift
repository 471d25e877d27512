// Replacing literal text by comparing UTF-8 bytes. Foundation's `replacingOccurrences` copies the string to UTF-16
// and compares by canonical equivalence, character cluster by cluster: on the site's long pages (inline SVG, MathML)
// it was half of a rebuild. The generator only ever replaces markup it wrote itself, so bytes are what it means.

extension String {
    /// The text with every occurrence of each target replaced by its replacement, in one pass from left to right:
    /// where several targets start at the same place the first listed wins, and replacement text is never searched
    /// again (so `[("a", "ab"), ("b", "c")]` turns "ab" into "abc"). Empty targets are ignored. The time is linear
    /// in the text times the longest target's length.
    public func replacingAll(_ pairs: [(target: String, replacement: String)]) -> String {
        let pairs = pairs.filter { !$0.target.isEmpty }
        guard !pairs.isEmpty else { return self }
        var text = self
        return text.withUTF8 { bytes in
            let targets = pairs.map { Array($0.target.utf8) }
            // Which bytes can start a target: most bytes are skipped with one table lookup.
            var starts = [Bool](repeating: false, count: 256)
            for target in targets { starts[Int(target[0])] = true }
            var out: [UInt8] = []
            var copied = 0, index = 0
            while index < bytes.count {
                guard starts[Int(bytes[index])] else { index += 1; continue }
                guard let match = targets.firstIndex(where: { Self.matches($0, in: bytes, at: index) }) else { index += 1; continue }
                if out.isEmpty { out.reserveCapacity(bytes.count + bytes.count / 16) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                out.append(contentsOf: pairs[match].replacement.utf8)
                index += targets[match].count
                copied = index
            }
            guard copied > 0 else { return self }  // nothing found: no copy
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text with every occurrence of `target` replaced by `replacement` (see `replacingAll(_:)`).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        replacingAll([(target, replacement)])
    }

    private static func matches(_ target: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes.count - index >= target.count else { return false }
        for offset in 0..<target.count where bytes[index + offset] != target[offset] { return false }
        return true
    }
}
