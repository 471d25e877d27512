// cmark's and cmark-gfm's pathological inputs (Fixtures/commonmark/pathological.json), generated at their full
// size N: the output must contain what the case's regular expression describes, and time must grow in
// proportion to the input (checked as a ratio between N and 2N, since the machine is shared). Plus input the
// parser must survive: invalid UTF-8, NUL, CR LF, 10,000 levels of nesting.
import Basics
import Diagnostics
import Foundation
import Testing
@testable import Markdown

struct PathologicalCase: CustomTestStringConvertible, Sendable {
    let name: String
    let parts: [[String: Sendable]]
    let expected: String
    let n: Int
    let fixed: Bool
    let needsTables: Bool
    let checksOutput: Bool
    let inputBytes: Int
    let sha256: String

    var testDescription: String { name }

    static let all: [PathologicalCase] = {
        let url = SpecFixtures.directory.appendingPathComponent("commonmark/pathological.json")
        guard let data = try? Data(contentsOf: url),
              let cases = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return cases.map { c in
            PathologicalCase(
                name: c["name"] as? String ?? "?",
                parts: (c["input"] as? [[String: Any]] ?? []).map { $0.mapValues { "\($0)" } },
                expected: c["expected"] as? String ?? "",
                n: c["n"] as? Int ?? 1,
                fixed: c["fixed"] as? Bool ?? false,
                needsTables: (c["extensions"] as? [String])?.contains("table") ?? false,
                checksOutput: (c["output"] as? String) != "commonmark",
                inputBytes: c["input_bytes"] as? Int ?? -1,
                sha256: c["input_sha256"] as? String ?? "")
        }
    }()

    /// The input at size `n`, built from the descriptor's parts (see Fixtures/commonmark/README.md).
    func input(n: Int) -> String {
        var out = ""
        func count(_ value: Sendable?) -> Int {
            switch value as? String {
            case "N": n
            case "N-1": n - 1
            case "N+1": n + 1
            case let literal?: Int(literal) ?? 0
            case nil: 0
            }
        }
        for part in parts {
            if let literal = part["literal"] as? String {
                out += literal
            } else if let unit = part["repeat"] as? String {
                out += String(repeating: unit, count: count(part["count"]))
            } else if let line = part["indent_ladder"] as? String, let indent = part["indent"] as? String {
                for x in 0..<count(part["count"]) { out += String(repeating: indent, count: x) + line }
            } else if let run = part["run_ladder"] as? String, let prefix = part["prefix"] as? String {
                for x in stride(from: 1, to: count(part["count"]), by: 1) { out += prefix + String(repeating: run, count: x) }
            } else if part["reference_collisions"] != nil {
                out += Self.referenceCollisions(count(part["reference_collisions"]), size: UInt32(part["refmap_size"] as? String ?? "16") ?? 16)
            }
        }
        return out
    }

    /// Labels `x0`, `x1`, … whose cmark hash is 0 modulo the map size; all but the first defined, each followed
    /// by a use of the first (never defined), as the fixture's note describes.
    static func referenceCollisions(_ count: Int, size: UInt32) -> String {
        var keys: [String] = []
        var i = 0
        while keys.count < count {
            let key = "x\(i)"
            var h: UInt32 = 0
            for c in key.unicodeScalars { h = c.value &+ (h << 6) &+ (h << 16) &- h }
            if h % size == 0 { keys.append(key) }
            i += 1
        }
        return keys.dropFirst().map { "[\($0)]: /url\n\n[\(keys[0])]\n\n" }.joined()
    }

    var options: MarkdownOptions { needsTables ? [.tables, .autolinks] : .commonMark }

    func render(_ input: String) -> String {
        HTMLRenderer(options: options).render(Document(parsing: input, options: options))
    }
}

@Suite(.serialized) struct PathologicalTests {
    /// The cases (and the spec examples) come from data files; without them the parameterized tests would
    /// pass with no cases at all.
    @Test func theDataFilesAreThere() {
        #expect(PathologicalCase.all.count >= 25, "Fixtures/commonmark/pathological.json is missing or unreadable")
        #expect(SpecFixtures.commonMark.count >= 600, "Fixtures/commonmark/spec-0.31.2.json is missing or unreadable")
        #expect(SpecFixtures.gfm.count >= 20, "Fixtures/gfm/extensions.json is missing or unreadable")
    }

    /// The growth measurements run every case several times at several sizes (about half a minute): CI runs
    /// them (`.ci/run` sets BUILD_DOCS_TIMING_TESTS=1); a plain `swift test` stays fast.
    static let timingTests = ProcessInfo.processInfo.environment["BUILD_DOCS_TIMING_TESTS"] == "1"

    @Test(arguments: PathologicalCase.all)
    func fullSize(_ c: PathologicalCase) throws {
        let input = c.input(n: c.n)
        // The generator agrees with the fixture's own size and checksum.
        #expect(input.utf8.count == c.inputBytes)
        let digest = SHA256.hex(Array(input.utf8))
        #expect(digest == c.sha256)

        let clock = ContinuousClock()
        var output = ""
        let elapsed = clock.measure { output = c.render(input) }
        #expect(elapsed < .seconds(5), "cmark's suite allows 5 s per case; took \(elapsed)")
        guard c.checksOutput else { return }
        let pattern = Self.counted(Self.counted(c.expected, "{N}", c.n), "{N-1}", c.n - 1)
        // Swift's Regex keeps its backtracking state on the heap; ICU's (NSRegularExpression) gives up on
        // `(<\w+>\n)+` repeated 100,000 times.
        let regex = try Regex(pattern)
        #expect(output.firstMatch(of: regex) != nil, "output does not match /\(c.expected.prefix(80))/: \(output.prefix(300))")
    }

    /// Replaces `(group){N}` by the count. Swift's Regex takes counts up to 2^16 at most, so a larger one
    /// becomes `(?:(group){1000}){q}(group){r}`.
    static func counted(_ pattern: String, _ placeholder: String, _ count: Int) -> String {
        var pattern = Array(pattern)
        let token = Array(placeholder)
        var i = 0
        while i + token.count <= pattern.count {
            guard Array(pattern[i..<(i + token.count)]) == token else {
                i += 1
                continue
            }
            // The atom before the quantifier: an escaped or plain character, or a group back to its unescaped `(`.
            var depth = 0
            var start = i - 1
            let closesGroup = pattern[i - 1] == ")" && !(i >= 2 && pattern[i - 2] == "\\")
            if !closesGroup { start = i >= 2 && pattern[i - 2] == "\\" ? i - 2 : i - 1 }
            while closesGroup, start >= 0 {
                let escaped = start > 0 && pattern[start - 1] == "\\"
                if !escaped, pattern[start] == ")" { depth += 1 }
                if !escaped, pattern[start] == "(" {
                    depth -= 1
                    if depth == 0 { break }
                }
                start -= 1
            }
            let group = String(pattern[start..<i])
            let replacement = count <= 1000 ? group + "{\(count)}"
                : "(?:\(group){1000}){\(count / 1000)}" + (count % 1000 > 0 ? "\(group){\(count % 1000)}" : "")
            pattern.replaceSubrange(start..<(i + token.count), with: Array(replacement))
            i = start + replacement.count
        }
        return String(pattern)
    }

    /// Time per input byte at about four times the input (4N, or 2N for the cases whose input grows as N²):
    /// linear time keeps it near 1 (up to ~2 here, from caches and allocation at the larger size), quadratic time
    /// makes it about 4. The bound is generous, for a shared machine.
    @Test(.enabled(if: timingTests, "set BUILD_DOCS_TIMING_TESTS=1 to measure growth (CI does)"),
          arguments: PathologicalCase.all.filter { !$0.fixed })
    func linear(_ c: PathologicalCase) {
        // Start at N, larger if needed so the first timing is long enough (≥ 10 ms) to mean something.
        var n = c.n
        var small = c.input(n: n)
        var t1 = fastest(of: 5) { _ = c.render(small) }
        while t1 < 0.01, n < 8 * c.n {
            n *= 2
            small = c.input(n: n)
            t1 = fastest(of: 5) { _ = c.render(small) }
        }
        // At least four times the bytes: quadratic time then makes the ratio ≥ 4, clear of the bound of 3.3 that
        // a linear case stays under even when the other core is busy (it measured up to 3.1 there).
        var multiple = 2
        var large = c.input(n: multiple * n)
        while large.utf8.count < 4 * small.utf8.count, multiple < 8 {
            multiple *= 2
            large = c.input(n: multiple * n)
        }
        let t2 = fastest(of: 5) { _ = c.render(large) }
        let bytesRatio = Double(large.utf8.count) / Double(small.utf8.count)
        let ratio = (t2 / t1) / bytesRatio
        #expect(ratio < 3.3, "time per byte grew \(ratio)× from \(small.utf8.count) to \(large.utf8.count) bytes (\(t1) s → \(t2) s)")
    }

    /// The least CPU time of this thread over `runs` runs: on a shared machine, wall-clock time measures the
    /// other processes as much as ours.
    private func fastest(of runs: Int, _ body: () -> Void) -> Double {
        func cpuTime() -> Double {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        }
        var best = Double.infinity
        for _ in 0..<runs {
            let start = cpuTime()
            body()
            best = min(best, cpuTime() - start)
        }
        return best
    }
}

@Suite struct HostileInputTests {
    func render(_ text: String, _ options: MarkdownOptions = .gfm) -> String {
        HTMLRenderer(options: options).render(Document(parsing: text, options: options))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let bytes: [UInt8] = Array("a ".utf8) + [0xFF, 0xC3] + Array(" *b*\n".utf8)
        let output = HTMLRenderer().render(Document(parsing: bytes))
        #expect(output == "<p>a \u{FFFD}\u{FFFD} <em>b</em></p>\n")
    }

    @Test func nulBecomesReplacementCharacter() {
        #expect(render("a\0b\n\n```\n\0\n```\n") == "<p>a\u{FFFD}b</p>\n<pre><code>\u{FFFD}\n</code></pre>\n")
    }

    @Test func crlfAndCRAreLineEndings() {
        let lf = render("# T\n\n- a\n- b\n\n```\ncode\n```\n| x |\n| - |\n| y |\n")
        #expect(render("# T\r\n\r\n- a\r\n- b\r\n\r\n```\r\ncode\r\n```\r\n| x |\r\n| - |\r\n| y |\r\n") == lf)
        #expect(render("# T\r\rr- a\r- b\r\r```\rcode\r```\r| x |\r| - |\r| y |\r")
                == render("# T\n\nr- a\n- b\n\n```\ncode\n```\n| x |\n| - |\n| y |\n"))
    }

    @Test func tenThousandLevelsOfNesting() {
        let depth = 10_000
        let quotes = String(repeating: ">", count: depth) + " deep\n"
        let output = render(quotes)
        #expect(output.components(separatedBy: "<blockquote>").count - 1 == depth)
        #expect(output.hasSuffix(String(repeating: "</blockquote>\n", count: depth)))

        let lists = String(repeating: "- ", count: depth) + "x\n"
        #expect(render(lists).components(separatedBy: "<li>").count - 1 == depth)

        let mixed = String(repeating: "> 1. ", count: depth / 2) + "*x*\n"
        #expect(render(mixed).contains("<em>x</em>"))

        // Walking, rewriting and freeing such a tree must not recurse either.
        let document = Document(parsing: quotes)
        var count = 0
        document.root.forEachDescendant { _ in count += 1 }
        #expect(count == depth + 2)
        document.root.rewrite { node in
            if case .text = node.kind { return [Node(.text("shallow"), range: node.range)] }
            return nil
        }
        #expect(document.root.plainText == "shallow")
    }

    @Test func hundredThousandNestedNodesAreFreedWithoutRecursion() {
        var node = Node(.text("leaf"), range: SourceRange(line: 1, column: 1, endColumn: 1))
        for _ in 0..<100_000 {
            node = Node(.blockQuote, range: node.range, children: [node])
        }
        #expect(node.children.count == 1)
    }
}
