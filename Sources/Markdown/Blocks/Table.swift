// GFM tables (GFM spec 0.29, section 4.10, as cmark-gfm's table extension reads them): a header row, a
// delimiter row giving each column's alignment, then body rows until a blank line or another block starts.
// Cells are split at unescaped `|`; `\|` stands for a literal pipe inside a cell, even inside code spans.
import Diagnostics

enum TableSyntax {
    /// A short row is padded with empty cells to the header's width, so a wide header and many one-cell rows
    /// would make output out of all proportion to the input. Past this many padding cells the table ends,
    /// as in cmark-gfm since its security fixes (`MAX_AUTOCOMPLETED_CELLS`); at about 10 bytes of HTML
    /// each, that bounds the padding to a few megabytes per table.
    static let maximumPaddingCells = 0x80000
    /// cmark-gfm counts columns in 16 bits: a header row with more cells is not a table.
    static let maximumColumns = 0xFFFF

    /// The cells of the row in `s[start..<end]`: byte ranges of their trimmed content. A leading and a trailing
    /// `|` are optional; an empty array when the line holds no cell (`|` alone).
    static func cells(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [Range<Int>] {
        var from = start, to = end
        while from < to, s[from] == 32 || s[from] == 9 { from += 1 }
        while to > from, s[to - 1] == 32 || s[to - 1] == 9 { to -= 1 }
        if from < to, s[from] == UInt8(ascii: "|") { from += 1 }
        guard from < to else { return [] }
        var cells: [Range<Int>] = []
        var cellStart = from
        var i = from
        while i < to {
            let byte = s[i]
            if byte == UInt8(ascii: "\\"), i + 1 < to {
                i += 2
                continue
            }
            if byte == UInt8(ascii: "|") {
                cells.append(trimmed(s, cellStart, i))
                cellStart = i + 1
            }
            i += 1
        }
        // Text after the last pipe is a cell; nothing after a trailing pipe is not.
        if cellStart < to || cells.isEmpty { cells.append(trimmed(s, cellStart, to)) }
        return cells
    }

    private static func trimmed(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var from = start, to = end
        while from < to, s[from] == 32 || s[from] == 9 { from += 1 }
        while to > from, s[to - 1] == 32 || s[to - 1] == 9 { to -= 1 }
        return from..<to
    }

    /// The alignments of a delimiter row (`| :-- | :-: | --: |`), or nil if the line is not one. Each cell is
    /// optional `:`, one or more `-`, optional `:`, with spaces around (cmark-gfm also allows other ASCII
    /// whitespace such as vertical tab there).
    static func delimiterRow(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [Node.Table.Alignment]? {
        var alignments: [Node.Table.Alignment] = []
        var i = start
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 11 || b == 12 }
        func skipSpace() { while i < end, isSpace(s[i]) { i += 1 } }
        skipSpace()
        if i < end, s[i] == UInt8(ascii: "|") { i += 1 }
        while true {
            skipSpace()
            if i >= end { break }
            let left = s[i] == UInt8(ascii: ":")
            if left { i += 1 }
            let dashes = i
            while i < end, s[i] == UInt8(ascii: "-") { i += 1 }
            guard i > dashes else { return nil }
            let right = i < end && s[i] == UInt8(ascii: ":")
            if right { i += 1 }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
            skipSpace()
            if i >= end { break }
            guard s[i] == UInt8(ascii: "|") else { return nil }
            i += 1
        }
        // A single column needs no pipe (`-` then a vertical tab is one, as in cmark-gfm); a lone `---` never
        // gets here, as setext underlines and thematic breaks are tried first.
        return alignments.isEmpty ? nil : alignments
    }

    /// Source columns of byte offsets met in increasing order along one line, each counted on from the last
    /// (counting every cell's column from the start of the line is quadratic in a wide row).
    struct ColumnCounter {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset: Int
        var current: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, column: Int) {
            self.bytes = bytes
            self.offset = offset
            current = column
        }

        /// The column of byte `target` (≥ every earlier target): one per UTF-8 lead byte before it.
        mutating func column(at target: Int) -> Int {
            while offset < target {
                if bytes[offset] & 0xC0 != 0x80 { current += 1 }
                offset += 1
            }
            return current
        }
    }

    /// A cell's text for phase 2: `\|` becomes `|`, and where it came from.
    static func cellText(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, at location: SourceLocation) -> LeafText {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            if s[i] == UInt8(ascii: "\\"), i + 1 < range.upperBound, s[i + 1] == UInt8(ascii: "|") {
                i += 1
                continue
            }
            bytes.append(s[i])
            i += 1
        }
        return LeafText(bytes: bytes, lines: [LeafText.Line(offset: 0, location: location)])
    }
}

extension LineProcessor {
    /// Tries the current line as a table's delimiter row under the open paragraph `paragraph`, whose last
    /// line must then have as many cells: that line becomes the header row, earlier lines stay a paragraph.
    mutating func openTable(_ paragraph: OpenBlock, _ opener: inout BlockOpener) -> Bool {
        guard let alignments = TableSyntax.delimiterRow(input, lineStart + firstNonspace, lineStart + lineLength),
              let lastLine = paragraph.lines.last else { return false }
        // The header is the paragraph's last line (its content up to the final line ending).
        var headerEnd = paragraph.content.count
        if headerEnd > lastLine.offset, paragraph.content[headerEnd - 1] == 10 { headerEnd -= 1 }
        let header: (cells: [Range<Int>], texts: [LeafText]) = paragraph.content.withUnsafeBufferPointer { content in
            let cells = TableSyntax.cells(content, lastLine.offset, headerEnd)
            guard cells.count == alignments.count else { return (cells, []) }
            var columns = TableSyntax.ColumnCounter(content, from: lastLine.offset, column: lastLine.location.column)
            let texts = cells.map { range in
                TableSyntax.cellText(content, range, at: SourceLocation(line: lastLine.location.line, column: columns.column(at: range.lowerBound)))
            }
            return (cells, texts)
        }
        guard header.cells.count == alignments.count, alignments.count <= TableSyntax.maximumColumns else { return false }

        // Earlier lines of the paragraph stay a paragraph of their own.
        let headerLocation = lastLine.location
        if paragraph.lines.count > 1 {
            paragraph.content.removeSubrange(lastLine.offset...)
            paragraph.lines.removeLast()
            paragraph.lastLine = headerLocation.line - 1
            closeInnermost()
        } else {
            open.removeLast()
            let parent = open[open.count - 1]
            parent.node.children.removeLast()
        }
        let start = SourceLocation(line: headerLocation.line, column: headerLocation.column)
        let table = openBlock(.table, kind: .table(Node.Table(alignments: alignments)), at: headerLocation.column - 1, &opener)
        table.node.range.start = start
        table.alignments = alignments
        let row = Node(.tableRow(Node.TableRow(isHeader: true)),
                       range: SourceRange(start: start, end: SourceLocation(line: start.line, column: start.column)))
        for (text, alignment) in zip(header.texts, alignments) {
            let cell = Node(.tableCell(Node.TableCell(alignment: alignment)), range: text.range(0, text.bytes.count))
            leaves.append((cell, text))
            row.children.append(cell)
        }
        row.range.end = row.children.last?.range.end ?? start
        table.node.children.append(row)
        table.lastLine = lineNumber
        table.lastLineEndColumn = lineColumns + 1
        advance(lineLength - offset, columns: false)
        return true
    }

    /// A body row: as many cells as the header (extra ones dropped, missing ones empty).
    mutating func addTableRow(to table: OpenBlock) {
        let s = input
        let cells = TableSyntax.cells(s, lineStart + firstNonspace, lineStart + lineLength)
        let start = SourceLocation(line: lineNumber, column: firstNonspace + 1)
        let row = Node(.tableRow(Node.TableRow(isHeader: false)),
                       range: SourceRange(start: start, end: SourceLocation(line: lineNumber, column: lineColumns + 1)))
        var columns = TableSyntax.ColumnCounter(s, from: lineStart, column: 1)
        table.paddingCells += max(0, table.alignments.count - cells.count)
        for (column, alignment) in table.alignments.enumerated() {
            let cell: Node
            if column < cells.count {
                let range = cells[column]
                let text = TableSyntax.cellText(s, range, at: SourceLocation(line: lineNumber, column: columns.column(at: range.lowerBound)))
                cell = Node(.tableCell(Node.TableCell(alignment: alignment)), range: text.range(0, text.bytes.count))
                leaves.append((cell, text))
            } else {
                cell = Node(.tableCell(Node.TableCell(alignment: alignment)), range: SourceRange(start: row.range.end, end: row.range.end))
            }
            row.children.append(cell)
        }
        table.node.children.append(row)
        table.lastLine = lineNumber
        table.lastLineEndColumn = lineColumns + 1
    }
}
