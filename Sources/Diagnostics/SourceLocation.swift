/// A place in a source file: 1-based line and column. Columns count Unicode scalars,
/// so a caret printed under the source line lands on the character a reader sees.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// No position: the diagnostic concerns a whole file or folder.
    public static let wholeFile = SourceLocation(line: 0, column: 0)
    public var isWholeFile: Bool { line < 1 }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span `start..<end` in one source file.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// A range covering one line from `column` to `endColumn`.
    public init(line: Int, column: Int, endColumn: Int) {
        self.init(start: SourceLocation(line: line, column: column),
                  end: SourceLocation(line: line, column: endColumn))
    }

    public var description: String { "\(start)-\(end)" }
}

extension StringProtocol {
    /// The text's lines as every reader of sources counts them: a line ends at LF, CR LF or CR, as in the Markdown
    /// parser and in editors (not at a form feed or U+2028, where `Character.isNewline` would also split), so a line
    /// number means the same line to every stage and to the author's editor.
    /// Found in the UTF-8 bytes (line ends are always grapheme boundaries, so this is the `Character` split, without
    /// the cost of finding every other boundary); inlinable, so the optimized stages that call it specialize it.
    @inlinable
    public var sourceLines: [SubSequence] {
        var lines: [SubSequence] = []
        let bytes = utf8
        var start = bytes.startIndex, index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = bytes.index(after: index)
                continue
            }
            lines.append(self[start..<index])
            index = bytes.index(after: index)
            if byte == 0x0D, index != bytes.endIndex, bytes[index] == 0x0A { index = bytes.index(after: index) }
            start = index
        }
        lines.append(self[start..<bytes.endIndex])
        return lines
    }
}
