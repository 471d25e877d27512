// Hostile input: deep nesting is an error and never a stack overflow, runaway macros stop, and any input at all
// either converts to well-formed XML or fails with a position inside the formula.
import Foundation
import Testing
@testable import TeXMath

@Suite struct RobustnessTests {
    static func repeated(_ open: String, _ middle: String, _ close: String, _ n: Int) -> String {
        String(repeating: open, count: n) + middle + String(repeating: close, count: n)
    }

    /// The error points at the `{` (or command) that opens level 101.
    @Test(arguments: [
        ("braces", repeated("{", "x", "}", 10_000), 1, 101),
        ("left", repeated(#"\left("#, "x", #"\right)"#, 10_000), 1, 601),
        ("sqrt", repeated(#"\sqrt{"#, "x", "}", 10_000), 1, 606),
        ("frac", repeated(#"\frac{"#, "x", "}{y}", 10_000), 1, 606),
        ("superscripts", repeated("x^{", "x", "}", 10_000), 1, 303),
        ("matrices", repeated(#"\begin{matrix}"#, "x", #"\end{matrix}"#, 10_000), 1, 1401),
        ("displaystyle", String(repeating: #"\displaystyle "#, count: 10_000), 1, 1401),
        ("text", repeated(#"\text{"#, "x", "}", 10_000), 1, 606),
    ])
    func deepNestingIsAnError(name: String, tex: String, line: Int, column: Int) {
        #expect(throws: TeXError(message: "formula nested too deeply (more than \(Parser.maxDepth) levels)", line: line, column: column)) {
            try TeXMath.mathML(tex, display: true)
        }
    }

    @Test(arguments: [
        (repeated(#"\frac{"#, "x", "}{y}", 99), "mfrac"), (repeated(#"\left("#, "x", #"\right)"#, 99), "mrow"),
        (repeated(#"\begin{pmatrix}"#, "x", #"\end{pmatrix}"#, 49), "mtable"), (repeated(#"\sqrt{"#, "x", "}", 99), "msqrt"),
        (repeated("x^{", "x", "}", 99), "msup"), (repeated(#"\hat{"#, "x", "}", 99), "mover"),
    ])
    func nestingJustUnderTheLimitConvertsOnASmallStack(tex: String, element: String) throws {
        // Just under the limit converts, even on a thread with half of the usual 1 MiB secondary-thread stack
        // (the writer and the test's XML walk use explicit stacks; the parser recurses once per level).
        final class Box: @unchecked Sendable { var result: Result<String, TeXError>? }   // written before signal, read after wait
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { () throws(TeXError) in try TeXMath.mathML(tex, display: true) }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        let mathML = try #require(try box.result?.get())
        #expect(try MathMLTree.allElements(MathMLTree.parse(mathML)).filter { $0.localName == element }.count >= 49)
    }

    @Test func macroBudgetStopsExponentialGrowth() {
        let tex = #"\def\a{x}\def\b{\a\a\a\a}\def\c{\b\b\b\b}\def\d{\c\c\c\c}\def\e{\d\d\d\d}\def\f{\e\e\e\e}\f"#
        #expect(throws: TeXError.self) { try TeXMath.mathML(tex, display: false) }
        // Well under the budget, the same kind of nesting works.
        #expect(throws: Never.self) { try TeXMath.mathML(#"\def\a{x}\def\b{\a\a\a\a}\def\c{\b\b\b\b}\c"#, display: false) }
    }

    /// SplitMix64 (Steele, Lea and Flood 2014): a seeded generator, so the fuzz inputs are the same on every run.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    static let pieces = [
        "x", "2", "+", "-", "=", "<", ">", "&", "\"", "'", "{", "}", "^", "_", "(", ")", "[", "]", "|", " ", "\n", "%", "#1", "$",
        #"\frac"#, #"\sqrt"#, #"\left("#, #"\right)"#, #"\middle|"#, #"\left."#, #"\text{a "#, #"\mathbb"#, #"\hat"#,
        #"\sum"#, #"\limits"#, #"\int"#, #"\\"#, #"\begin{aligned}"#, #"\end{aligned}"#, #"\begin{array}{lc}"#,
        #"\end{array}"#, #"\tag{1}"#, #"\label{a}"#, #"\over"#, #"\operatorname"#, #"\def\m#1{#1#1}"#, #"\m"#,
        #"\alpha"#, #"\unknown"#, #"\,"#, #"\hspace{1em}"#, "α", "≤", "√", "\u{FFFF}", "<b>", "&amp;", #"\big("#,
    ]

    @Test func anyInputConvertsOrFailsWithAPosition() throws {
        var random = SplitMix64(state: 2024)
        var converted = 0
        for _ in 0..<3000 {
            let length = Int(random.next() % 24)
            let tex = (0..<length).map { _ in random.pick(Self.pieces) }.joined()
            let display = random.next() % 2 == 0
            do {
                let mathML = try TeXMath.mathML(tex, display: display)
                let root = try MathMLTree.parse(mathML)
                #expect(MathMLTree.attribute("display", of: root) == (display ? "block" : "inline"))
                // The annotation holds the TeX exactly, except characters XML cannot carry.
                #expect(try MathMLTree.annotation(mathML) == tex.replacingOccurrences(of: "\u{FFFF}", with: "\u{FFFD}"))
                converted += 1
            } catch let error as TeXError {
                let lines = tex.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                #expect(error.line >= 1 && error.line <= lines.count + 1, "\(tex)")
                #expect(error.column >= 1 && error.column <= (lines.map { $0.unicodeScalars.count }.max() ?? 0) + 1, "\(tex)")
                #expect(!error.message.isEmpty)
            }
        }
        // The generator must exercise both paths for the test to mean anything.
        #expect(converted > 150)
        #expect(converted < 2700)
    }
}
