// An author's data for a `plot` directive: a CSV file as RFC 4180 defines it (comma-separated fields, records ending
// in CRLF or LF, fields in double quotes may hold commas, line breaks and "" for a quote), with a header row naming the
// columns. One pass over the bytes, bounded by `maximumBytes`, `maximumRows` and `maximumColumns`; every problem is
// an error at its line and column in the file (columns count Unicode scalars, as the diagnostics do).

/// A CSV file's cells: a header and rows of text, each row with its line in the file.
struct CSVTable: Sendable, Equatable {
    var header: [String]
    var rows: [[String]]
    /// The line each row starts on (1-based; the header is on line 1 unless blank lines precede it).
    var lines: [Int]
    /// The column (1-based, in Unicode scalars) each cell starts at, per row.
    var columns: [[Int]]

    static let maximumBytes = 16 << 20
    static let maximumRows = 200_000
    static let maximumColumns = 256

    /// Why a file could not be read, at its line and column.
    struct Problem: Error, Equatable {
        let message: String
        let line: Int
        let column: Int
    }

    /// Reads `bytes` (UTF-8, an optional byte-order mark). Blank lines are skipped; every other row must have as many
    /// fields as the header, whose names must be distinct and not empty.
    static func parse(_ bytes: [UInt8]) throws(Problem) -> CSVTable {
        guard bytes.count <= maximumBytes else {
            throw Problem(message: "the file is too large (\(bytes.count) bytes; the limit is \(maximumBytes))", line: 1, column: 1)
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var (line, column) = (1, 1)
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break decoding
            case .error: throw Problem(message: "the file is not valid UTF-8", line: line, column: column)
            }
        }
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        var records: [(fields: [String], columns: [Int], line: Int)] = []
        var fields: [String] = [], columns: [Int] = []
        var field = String.UnicodeScalarView()
        var fieldQuoted = false
        var inQuotes = false, afterQuote = false
        var quoteLine = 0, quoteColumn = 0
        var recordLine = 1, fieldColumn = 1
        (line, column) = (1, 1)
        func endField() {
            fields.append(String(field))
            columns.append(fieldColumn)
            field = String.UnicodeScalarView()
            fieldQuoted = false
            afterQuote = false
        }
        func endRecord() throws(Problem) {
            // A blank line (no comma, no quotes, nothing) is skipped.
            let blank = fields.isEmpty && field.isEmpty && !fieldQuoted
            endField()
            if !blank {
                records.append((fields, columns, recordLine))
                guard records.count <= maximumRows + 1 else {
                    throw Problem(message: "too many rows: the limit is \(maximumRows)", line: recordLine, column: 1)
                }
            }
            fields = []
            columns = []
        }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2; column += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.append(c)
                    // A line break inside quotes is data; CRLF counts as one line.
                    if c == "\n" || (c == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n")) {
                        line += 1; column = 0
                    }
                }
                i += 1; column += 1
                continue
            }
            switch c {
            case ",":
                guard fields.count + 1 < maximumColumns else {
                    throw Problem(message: "too many columns: the limit is \(maximumColumns)", line: line, column: column)
                }
                endField()
                i += 1; column += 1
                fieldColumn = column
            case "\r", "\n":
                try endRecord()
                i += (c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") ? 2 : 1
                line += 1; column = 1
                recordLine = line; fieldColumn = 1
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw Problem(message: afterQuote ? "unexpected '\"' after a quoted field"
                                                      : "a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")",
                                  line: line, column: column)
                }
                inQuotes = true
                fieldQuoted = true
                quoteLine = line; quoteColumn = column
                i += 1; column += 1
            default:
                guard !afterQuote else {
                    throw Problem(message: "unexpected '\(Character(c))' after a quoted field; a field ends at ',' or the end of the line",
                                  line: line, column: column)
                }
                field.append(c)
                i += 1; column += 1
            }
        }
        if inQuotes { throw Problem(message: "unterminated quoted field: the '\"' opened here is never closed", line: quoteLine, column: quoteColumn) }
        // The last record, when the file does not end with a line break.
        if !field.isEmpty || !fields.isEmpty || fieldQuoted { try endRecord() }

        guard let head = records.first else { throw Problem(message: "the file is empty: expected a header row naming the columns", line: 1, column: 1) }
        var header: [String] = []
        for (name, column) in zip(head.fields, head.columns) {
            let trimmed = name.trimmingSpaces()
            guard !trimmed.isEmpty else { throw Problem(message: "empty column name in the header", line: head.line, column: column) }
            if header.contains(trimmed) { throw Problem(message: "duplicate column name '\(trimmed)' in the header", line: head.line, column: column) }
            header.append(trimmed)
        }
        for record in records.dropFirst() where record.fields.count != header.count {
            let column = record.fields.count > header.count ? record.columns[header.count] : 1
            throw Problem(message: "this row has \(record.fields.count) \(record.fields.count == 1 ? "field" : "fields"), the header has \(header.count)",
                          line: record.line, column: column)
        }
        let body = records.dropFirst()
        return CSVTable(header: header, rows: body.map(\.fields), lines: body.map(\.line), columns: body.map(\.columns))
    }

    /// The index of the column named `name`.
    func column(named name: String) -> Int? { header.firstIndex(of: name) }

    /// A column's cells as numbers: empty cells (after trimming spaces) are missing (NaN); anything else must be a
    /// decimal number (`-1.5`, `2e-3`, `−0.5`; also `nan`, `inf`, `-inf` as written by numpy and pandas).
    func numbers(_ index: Int) throws(Problem) -> [Double?] {
        var result: [Double?] = []
        result.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let cell = row[index].trimmingSpaces()
            if cell.isEmpty { result.append(nil); continue }
            if let value = NumberSpelling.parse(cell) ?? Self.nonFinite[cell.lowercased()] {
                result.append(value)
            } else {
                throw Problem(message: "'\(cell)' in column '\(header[index])' is not a number", line: lines[r] + lineOffset(r, index), column: columns[r][index])
            }
        }
        return result
    }

    static let nonFinite: [String: Double] = ["nan": .nan, "inf": .infinity, "+inf": .infinity, "-inf": -.infinity, "infinity": .infinity, "-infinity": -.infinity]

    /// Lines a row's earlier quoted fields span (a field inside a row that continues over several lines).
    private func lineOffset(_ row: Int, _ index: Int) -> Int {
        rows[row][..<index].reduce(0) { $0 + $1.unicodeScalars.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) } }
    }
}
