// Front matter read in linear time: columns of a long flow list are counted in one pass over its line, and
// thousands of mistakes cost no more each than one. Growth from n to 4n is measured in this thread's CPU time
// (about 4× when linear, 16× when quadratic), never against a fixed number of seconds.
import Diagnostics
import Foundation
import Testing
@testable import Markdown

@Suite struct FrontMatterReadingTests {
    /// CPU time of this thread for size 4n over size n, the least of three runs of each.
    func growth(_ n: Int, _ work: (Int) -> Void) -> Double {
        func cpuTime() -> Double {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        }
        func best(_ size: Int) -> Double {
            (0..<3).map { _ in
                let start = cpuTime()
                work(size)
                return cpuTime() - start
            }.min()!
        }
        _ = best(n / 4)
        return best(4 * n) / best(n)
    }

    @Test func aLongFlowListIsReadInLinearTime() {
        let ratio = growth(25_000) { n in
            let items = (0..<n).map { "é\($0)" }.joined(separator: ", ")
            _ = Document(parsing: "---\ntags: [\(items)]\n---\n# T\n", options: .site)
        }
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }

    @Test func manyMistakesAreReadInLinearTime() {
        let ratio = growth(25_000) { n in
            let lines = (0..<n).map { "k\($0): [\"unclosed\n" }.joined()
            _ = Document(parsing: "---\n\(lines)---\n", options: .site)
        }
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }

    @Test func flowListColumnsCountScalarsAfterEarlierItems() throws {
        let document = Document(parsing: "---\ntags: [é, \"ü\", x, 'ß']\n---\n", options: .site)
        let entry = try #require(document.frontMatter?.entries.first)
        guard case .list(let items) = entry.value else { Issue.record("not a list"); return }
        #expect(items.map(\.text) == ["é", "ü", "x", "ß"])
        #expect(items.map(\.range.start.column) == [8, 11, 16, 19])
        #expect(items.map(\.range.end.column) == [9, 14, 17, 22])
        // An error after the items is still at its column.
        let bad = Document(parsing: "---\ntags: [é, \"ü\" x]\n---\n", options: .site)
        #expect(bad.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" } == ["2:15: expected ',' or ']'"])
    }
}
