// Input whose cost was out of proportion to its size: tables padded to a wide header, many columns, a footnote
// referenced many times, and the tree dump of deep nesting. Each has a bound; these check it holds.
import Diagnostics
import Foundation
import Testing
@testable import Markdown

@Suite struct BoundedWorkTests {
    /// A table of `columns` columns whose body rows hold one cell each (so each is padded with columns − 1).
    static func paddedTable(columns: Int, rows: Int) -> String {
        "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
            + String(repeating: "x\n", count: rows)
    }

    @Test func paddingShortRowsStopsAtTheBudget() {
        // 1025 columns: each row adds 1024 padding cells. After 512 rows the table holds exactly the budget,
        // which still admits a row (as in cmark-gfm, whose test is `>`); after the 513th it is over, and the
        // following lines are a paragraph.
        #expect(1024 * 512 == TableSyntax.maximumPaddingCells)
        let output = html(Self.paddedTable(columns: 1025, rows: 600), .gfm)
        #expect(output.components(separatedBy: "<tr>").count - 1 == 1 + 513)
        #expect(output.hasSuffix("</table>\n<p>" + Array(repeating: "x", count: 600 - 513).joined(separator: "\n") + "</p>\n"))
    }

    @Test func paddedTableOutputIsBounded() {
        // 24 KB of Markdown used to make 100 MB of HTML.
        let input = Self.paddedTable(columns: 3000, rows: 6000)
        #expect(input.utf8.count < 25_000)
        let output = html(input, .gfm)
        #expect(output.utf8.count < 8_000_000)
    }

    @Test func aHeaderWiderThanCmarkGFMsColumnCountIsNoTable() {
        let input = Self.paddedTable(columns: 65_536, rows: 0)
        #expect(!html(input, .gfm).contains("<table>"))
        #expect(html(Self.paddedTable(columns: 65_535, rows: 1), .gfm).hasPrefix("<table>"))
    }

    @Test func cellsOfAWideRowHaveTheirColumns() throws {
        let document = Document(parsing: "| a | bé | c |\n| - | - | - |\n| é | f |  g  |\n", options: .gfm)
        let rows = try #require(document.root.children.first?.children)
        #expect(rows[0].children.map(\.range.start.column) == [3, 7, 12])
        #expect(rows[1].children.map(\.range.start.column) == [3, 7, 12])
    }

    /// Each cell's column used to be counted from the start of its line: quadratic in the number of columns.
    @Test func manyColumnsTakeLinearTime() {
        func table(_ columns: Int) -> String {
            let row = "|" + String(repeating: " ab |", count: columns) + "\n"
            return row + "|" + String(repeating: "-|", count: columns) + "\n" + row
        }
        let small = table(5_000), large = table(20_000)
        let t1 = fastestCPUTime { _ = html(small, .gfm) }
        let t2 = fastestCPUTime { _ = html(large, .gfm) }
        let ratio = (t2 / t1) / (Double(large.utf8.count) / Double(small.utf8.count))
        #expect(ratio < 2.6, "time per byte grew \(ratio)× (\(t1) s → \(t2) s)")
    }

    @Test func backLinksPerFootnoteAreBounded() {
        let count = 1_000
        let input = "x" + String(repeating: "[^1]", count: count) + "\n\n[^1]: note\n"
        let output = html(input, .gfm)
        let limit = FootnoteNumbering.maximumBackReferences
        // Every reference still links to its footnote; only the first ones get a back-link and its target id.
        #expect(output.components(separatedBy: "href=\"#fn-1\"").count - 1 == count)
        #expect(output.components(separatedBy: "class=\"footnote-backref\"").count - 1 == limit)
        #expect(output.components(separatedBy: "id=\"fnref-1").count - 1 == limit)
        #expect(output.contains("id=\"fnref-1-\(limit)\""))
        #expect(!output.contains("id=\"fnref-1-\(limit + 1)\""))
        #expect(output.utf8.count < 100 * count)
        // Below the bound, as cmark-gfm writes it.
        #expect(html("a[^n] b[^n]\n\n[^n]: c\n", .gfm) == """
            <p>a<sup class="footnote-ref"><a href="#fn-n" id="fnref-n" data-footnote-ref>1</a></sup> \
            b<sup class="footnote-ref"><a href="#fn-n" id="fnref-n-2" data-footnote-ref>1</a></sup></p>
            <section class="footnotes" data-footnotes>
            <ol>
            <li id="fn-n">
            <p>c <a href="#fnref-n" class="footnote-backref" data-footnote-backref data-footnote-backref-idx="1" \
            aria-label="Back to reference 1">↩</a> <a href="#fnref-n-2" class="footnote-backref" data-footnote-backref \
            data-footnote-backref-idx="1-2" aria-label="Back to reference 1-2">↩<sup class="footnote-ref">2</sup></a></p>
            </li>
            </ol>
            </section>

            """)
    }

    @Test func treeDumpOfDeepNestingIsProportionalToItsNodes() throws {
        let depth = 3_000
        let dump = Document(parsing: String(repeating: "- ", count: depth) + "x\n").root.treeDescription
        let lines = dump.split(separator: "\n")
        #expect(lines.count == 2 * depth + 3)
        #expect(dump.utf8.count < 200 * lines.count)
        let cap = Node.maximumIndentedDepth
        let indent = String(repeating: "  ", count: cap)
        #expect(lines[cap].hasPrefix(indent + "list") || lines[cap].hasPrefix(indent + "listItem"))
        let last = try #require(lines.last)
        #expect(last.hasPrefix(indent + "[depth \(2 * depth + 2)] text \"x\""))
    }
}

@Suite struct ByteOrderMarkTests {
    @Test func aLeadingByteOrderMarkIsNotContent() throws {
        #expect(html("\u{FEFF}# Title\n", .gfm) == "<h1>Title</h1>\n")
        let document = Document(parsing: "\u{FEFF}---\ntitle: T\n---\n# A\n", options: .site)
        #expect(document.diagnostics.isEmpty)
        #expect(try #require(document.frontMatter)["title"]?.text == "T")
        #expect(document.root.children.first?.range.start == Diagnostics.SourceLocation(line: 4, column: 1))
        // Only at the very start: elsewhere it is text.
        #expect(html("a\n\u{FEFF}# b\n", .gfm) == "<p>a\n\u{FEFF}# b</p>\n")
    }
}

/// The least CPU time of this thread over five runs (on a shared machine, wall-clock time measures the other
/// processes as much as ours).
func fastestCPUTime(_ body: () -> Void) -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    var best = Double.infinity
    for _ in 0..<5 {
        let start = now()
        body()
        best = min(best, now() - start)
    }
    return best
}

@Suite struct LineScanTests {
    /// The word-at-a-time scan agrees with the plain byte loop on every start offset of mixed text.
    @Test func agreesWithTheByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("abc".utf8), Array("é".utf8), Array("日本".utf8), [10], [13], [13, 10], [0x80], [0xFF],
                                 Array("😀".utf8), Array(String(repeating: "x", count: 17).utf8), [0x0A, 0x0A], [0x09]]
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...buffer.count {
                    var end = start, columns = 0
                    while end < buffer.count, buffer[end] != 10, buffer[end] != 13 {
                        if buffer[end] & 0xC0 != 0x80 { columns += 1 }
                        end += 1
                    }
                    let scanned = LineScan.line(in: buffer, from: start)
                    #expect(scanned.end == end && scanned.columns == columns, "\(bytes) from \(start)")
                    #expect(LineScan.columns(in: buffer, from: start, to: end) == columns)
                }
            }
        }
    }
}
