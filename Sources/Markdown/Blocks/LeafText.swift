// The text of a finished leaf block (paragraph, heading, table cell) as phase 1 hands it to phase 2:
// the bytes with block prefixes removed and lines joined by "\n" (as cmark's node content), and where
// each line began in the source so inline nodes get source ranges.
import Diagnostics

/// A leaf block's raw inline content and its map back to the source.
struct LeafText {
    /// Where one line of `bytes` starts: its byte offset in `bytes` and its place in the source.
    struct Line {
        var offset: Int
        var location: SourceLocation
    }

    /// UTF-8, lines separated by a single `\n`, no final line ending.
    var bytes: [UInt8]
    /// One entry per line, offsets increasing; the first has offset 0.
    var lines: [Line]

    init(bytes: [UInt8], lines: [Line]) {
        self.bytes = bytes
        self.lines = lines
    }

    /// The source location of the byte at `offset` (`bytes.count` gives the place just after the last byte).
    /// Columns count Unicode scalars, so continuation bytes are not counted.
    func location(at offset: Int) -> SourceLocation {
        guard !lines.isEmpty else { return SourceLocation(line: 1, column: 1) }
        // Binary search: the last line starting at or before `offset`.
        var low = 0, high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].offset <= offset { low = mid } else { high = mid - 1 }
        }
        let line = lines[low]
        var column = line.location.column
        var i = line.offset
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: line.location.line, column: column)
    }

    /// The range from byte `start` to byte `end` (exclusive).
    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: location(at: start), end: location(at: end))
    }

    /// The text after the first `count` bytes, which must end at a line boundary (after a `\n`) or at the end.
    func dropping(_ count: Int) -> LeafText {
        let rest = lines.filter { $0.offset >= count }.map { Line(offset: $0.offset - count, location: $0.location) }
        return LeafText(bytes: Array(bytes[min(count, bytes.count)...]), lines: rest)
    }
}
