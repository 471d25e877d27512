// Front matter (site mode): a `---` line at the very top, `key: value` lines, and a closing `---` (or `...`)
// line. The values are a YAML subset: plain scalars, 'single' and "double" quoted strings, lists written as
// `[a, b]` or as `- item` lines under an empty `key:`, and `#` comments. Anything else is reported with its
// line and column instead of being guessed at.
import Diagnostics

extension LineProcessor {
    /// Reads front matter at the start of the input, if there is one; returns the offset where Markdown begins.
    mutating func readFrontMatter() -> Int {
        var lines: [(number: Int, range: Range<Int>)] = []
        var position = 0
        var number = 0
        var closed = false
        while position < input.count {
            var end = position
            while end < input.count, input[end] != 10, input[end] != 13 { end += 1 }
            number += 1
            let range = position..<end
            position = end < input.count ? end + (input[end] == 13 && end + 1 < input.count && input[end + 1] == 10 ? 2 : 1) : end
            let trimmed = trimmingTrailingSpace(range)
            if number == 1 {
                guard isLine(trimmed, "---") else { return 0 }
                continue
            }
            if isLine(trimmed, "---") || isLine(trimmed, "...") {
                closed = true
                break
            }
            lines.append((number, range))
        }
        guard closed else {
            diagnostics.append(.error("front matter is not closed: add a '---' line after it", path: path, line: 1, column: 1,
                                      hint: "a '---' line at the very top starts front matter"))
            return 0
        }
        var parser = FrontMatterParser(input: input, path: path)
        let entries = parser.parse(lines)
        diagnostics += parser.diagnostics
        frontMatter = FrontMatter(entries: entries, range: SourceRange(start: SourceLocation(line: 1, column: 1),
                                                                      end: SourceLocation(line: number, column: 4)))
        lineNumber = number
        return position
    }

    private func trimmingTrailingSpace(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound, input[end - 1] == 32 || input[end - 1] == 9 { end -= 1 }
        return range.lowerBound..<end
    }

    private func isLine(_ range: Range<Int>, _ text: String) -> Bool {
        input[range].elementsEqual(text.utf8)
    }
}

/// The YAML subset of front matter, line by line.
struct FrontMatterParser {
    let input: UnsafeBufferPointer<UInt8>
    let path: String
    var diagnostics: [Diagnostic] = []
    /// The last position whose column was counted, so the columns of a line's values (a flow list of
    /// thousands of items) are counted in one pass over the line, not from its start for each.
    var counted = (index: 0, column: 1, lineStart: -1)

    /// A failure at a column of the current line.
    struct Failure: Error {
        var message: String
        var index: Int
        var hint: String?
    }

    mutating func parse(_ lines: [(number: Int, range: Range<Int>)]) -> [FrontMatter.Entry] {
        var entries: [FrontMatter.Entry] = []
        var firstLine: [String: Int] = [:]
        var i = 0
        while i < lines.count {
            let (number, range) = lines[i]
            i += 1
            let start = skipSpaces(range.lowerBound, range.upperBound)
            if start == range.upperBound || input[start] == UInt8(ascii: "#") { continue }
            do {
                if start > range.lowerBound {
                    throw Failure(message: "unexpected indentation: nested mappings are not supported", index: start)
                }
                if input[start] == UInt8(ascii: "-") {
                    throw Failure(message: "a list item needs a key", index: start,
                                  hint: "write the key on the line before, as 'key:'")
                }
                // The key runs to the first ':' followed by a space or the line's end.
                var colon = start
                while colon < range.upperBound {
                    if input[colon] == UInt8(ascii: ":"),
                       colon + 1 == range.upperBound || input[colon + 1] == 32 || input[colon + 1] == 9 { break }
                    colon += 1
                }
                guard colon < range.upperBound else {
                    throw Failure(message: "expected 'key: value'", index: start)
                }
                var keyEnd = colon
                while keyEnd > start, input[keyEnd - 1] == 32 || input[keyEnd - 1] == 9 { keyEnd -= 1 }
                let key = text(start, keyEnd)
                guard !key.isEmpty else { throw Failure(message: "expected a key before ':'", index: start) }
                let keyRange = SourceRange(start: location(number, range, start), end: location(number, range, keyEnd))

                var value: FrontMatter.Value
                let valueStart = skipSpaces(colon + 1, range.upperBound)
                if valueStart == range.upperBound || input[valueStart] == UInt8(ascii: "#") {
                    // `key:` alone: a block list may follow.
                    var items: [FrontMatter.Scalar] = []
                    while i < lines.count {
                        let (itemNumber, itemRange) = lines[i]
                        let dash = skipSpaces(itemRange.lowerBound, itemRange.upperBound)
                        if dash == itemRange.upperBound || input[dash] == UInt8(ascii: "#") {
                            i += 1
                            continue
                        }
                        guard input[dash] == UInt8(ascii: "-"),
                              dash + 1 == itemRange.upperBound || input[dash + 1] == 32 || input[dash + 1] == 9 else { break }
                        i += 1
                        let itemStart = skipSpaces(dash + 1, itemRange.upperBound)
                        do {
                            let (item, _) = try scalar(itemNumber, itemRange, itemStart, inFlowList: false)
                            items.append(item)
                        } catch let failure as Failure {
                            report(failure, itemNumber, itemRange)
                        }
                    }
                    let here = location(number, range, range.upperBound)
                    value = items.isEmpty ? .scalar(.init(text: "", range: SourceRange(start: here, end: here))) : .list(items)
                } else if input[valueStart] == UInt8(ascii: "[") {
                    value = .list(try flowList(number, range, valueStart))
                } else {
                    let first = input[valueStart]
                    if first == UInt8(ascii: "{") {
                        throw Failure(message: "inline mappings '{…}' are not supported", index: valueStart)
                    }
                    if first == UInt8(ascii: "|") || first == UInt8(ascii: ">") {
                        throw Failure(message: "block scalars ('|', '>') are not supported", index: valueStart,
                                      hint: "write the value on one line, in quotes if needed")
                    }
                    let (item, end) = try scalar(number, range, valueStart, inFlowList: false)
                    try expectEnd(range, end)
                    value = .scalar(item)
                }
                if let first = firstLine[key] {
                    throw Failure(message: "duplicate key '\(key)'", index: start, hint: "'\(key)' is first set on line \(first)")
                }
                firstLine[key] = number
                entries.append(FrontMatter.Entry(key: key, keyRange: keyRange, value: value))
            } catch let failure as Failure {
                report(failure, number, range)
            } catch {}
        }
        return entries
    }

    private mutating func report(_ failure: Failure, _ number: Int, _ range: Range<Int>) {
        let column = location(number, range, failure.index).column
        diagnostics.append(.error(failure.message, path: path, line: number, column: column, hint: failure.hint))
    }

    /// `[a, "b, c", 'd']`.
    private mutating func flowList(_ number: Int, _ range: Range<Int>, _ open: Int) throws -> [FrontMatter.Scalar] {
        var items: [FrontMatter.Scalar] = []
        var i = skipSpaces(open + 1, range.upperBound)
        if i < range.upperBound, input[i] == UInt8(ascii: "]") {
            try expectEnd(range, i + 1)
            return []
        }
        while true {
            guard i < range.upperBound else {
                throw Failure(message: "unclosed '[': the list must end with ']' on the same line", index: open)
            }
            let (item, end) = try scalar(number, range, i, inFlowList: true)
            items.append(item)
            i = skipSpaces(end, range.upperBound)
            guard i < range.upperBound else {
                throw Failure(message: "unclosed '[': the list must end with ']' on the same line", index: open)
            }
            if input[i] == UInt8(ascii: "]") {
                try expectEnd(range, i + 1)
                return items
            }
            guard input[i] == UInt8(ascii: ",") else { throw Failure(message: "expected ',' or ']'", index: i) }
            i = skipSpaces(i + 1, range.upperBound)
        }
    }

    /// A plain, 'single-quoted' or "double-quoted" scalar at `start`; returns it and where it ends.
    private mutating func scalar(_ number: Int, _ range: Range<Int>, _ start: Int, inFlowList: Bool) throws -> (FrontMatter.Scalar, Int) {
        let end = range.upperBound
        guard start < end else {
            let here = location(number, range, start)
            return (.init(text: "", range: SourceRange(start: here, end: here)), start)
        }
        let quote = input[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var bytes: [UInt8] = []
            var i = start + 1
            while true {
                guard i < end else {
                    throw Failure(message: "unterminated \(quote == UInt8(ascii: "'") ? "single" : "double")-quoted string", index: start)
                }
                let byte = input[i]
                if byte == quote {
                    // '' inside single quotes is one quote.
                    if quote == UInt8(ascii: "'"), i + 1 < end, input[i + 1] == quote {
                        bytes.append(quote)
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    guard i + 1 < end else { throw Failure(message: "unterminated double-quoted string", index: start) }
                    let escaped = input[i + 1]
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escaped)
                    case UInt8(ascii: "n"): bytes.append(10)
                    case UInt8(ascii: "t"): bytes.append(9)
                    case UInt8(ascii: "r"): bytes.append(13)
                    case UInt8(ascii: "u"):
                        guard i + 6 <= end, let code = UInt32(text(i + 2, i + 6), radix: 16), let scalar = Unicode.Scalar(code) else {
                            throw Failure(message: "'\\u' needs four hexadecimal digits", index: i)
                        }
                        bytes.append(contentsOf: String(Character(scalar)).utf8)
                        i += 6
                        continue
                    default:
                        throw Failure(message: "unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a double-quoted string", index: i,
                                      hint: "write '\\\\' for a backslash")
                    }
                    i += 2
                    continue
                }
                bytes.append(byte)
                i += 1
            }
            let scalar = FrontMatter.Scalar(text: String(decoding: bytes, as: UTF8.self),
                                            range: SourceRange(start: location(number, range, start), end: location(number, range, i)))
            return (scalar, i)
        }
        // Plain: up to a comment (` #`), or in a flow list up to ',' or ']'.
        var i = start
        while i < end {
            let byte = input[i]
            if byte == UInt8(ascii: "#"), i > start, input[i - 1] == 32 || input[i - 1] == 9 { break }
            if inFlowList, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
            i += 1
        }
        var valueEnd = i
        while valueEnd > start, input[valueEnd - 1] == 32 || input[valueEnd - 1] == 9 { valueEnd -= 1 }
        let scalar = FrontMatter.Scalar(text: text(start, valueEnd),
                                        range: SourceRange(start: location(number, range, start), end: location(number, range, valueEnd)))
        return (scalar, valueEnd)
    }

    /// Only spaces and a comment may follow a value.
    private func expectEnd(_ range: Range<Int>, _ i: Int) throws {
        let rest = skipSpaces(i, range.upperBound)
        guard rest == range.upperBound || (input[rest] == UInt8(ascii: "#") && rest > i) else {
            throw Failure(message: "unexpected text after the value", index: rest)
        }
    }

    private func skipSpaces(_ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end, input[i] == 32 || input[i] == 9 { i += 1 }
        return i
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
    }

    /// Line and column (in Unicode scalars) of byte `index` of a line.
    private mutating func location(_ number: Int, _ range: Range<Int>, _ index: Int) -> SourceLocation {
        let end = min(index, range.upperBound)
        var (i, column) = (range.lowerBound, 1)
        if counted.lineStart == range.lowerBound, counted.index <= end { (i, column) = (counted.index, counted.column) }
        while i < end {
            if input[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        counted = (end, column, range.lowerBound)
        return SourceLocation(line: number, column: column + max(0, index - range.upperBound))
    }
}
