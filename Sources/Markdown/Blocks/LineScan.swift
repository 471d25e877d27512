// Finding where a line ends and how many columns it has: the block parser's pass over every input byte.
// Eight bytes at a time (SWAR: one 64-bit word holds eight bytes), as the reference parsers use vector
// instructions for their hottest scans; the last bytes of the input and of each line go one at a time.

enum LineScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether a byte of `word` is zero (exact as a yes/no, though not in saying which byte).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// How many of `word`'s bytes are UTF-8 continuation bytes (bit 7 set and bit 6 clear). Without
    /// `-target-cpu` a bit count is a dozen instructions: ASCII words, most of them, skip it.
    @inline(__always)
    private static func continuationByteCount(_ word: UInt64) -> Int {
        word & highBits == 0 ? 0 : (word & ~(word << 1) & highBits).nonzeroBitCount
    }

    /// The number of Unicode scalars in `bytes[start..<end]` (every byte but continuation bytes).
    @inline(__always)
    static func columns(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        var continuationBytes = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                continuationBytes += continuationByteCount(word)
                i += 8
            }
        }
        while i < end {
            if bytes[i] & 0xC0 == 0x80 { continuationBytes += 1 }
            i += 1
        }
        return end - start - continuationBytes
    }

    /// The end of the line that starts at `start` (the first LF or CR, or the end of `bytes`) and its length
    /// in columns: Unicode scalars, that is every byte but UTF-8 continuation bytes (`10xxxxxx`).
    @inline(__always)
    static func line(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, columns: Int) {
        var i = start
        var continuationBytes = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if hasZeroByte(word ^ (ones &* 0x0A)) || hasZeroByte(word ^ (ones &* 0x0D)) { break }
                continuationBytes += continuationByteCount(word)
                i += 8
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 10 || byte == 13 { break }
            if byte & 0xC0 == 0x80 { continuationBytes += 1 }
            i += 1
        }
        return (i, i - start - continuationBytes)
    }
}
