// Bounded work: every formula costs time and output in proportion to its input. Budgets stop macros that
// multiply tokens and tables that pad short lines; the linear cases are checked by how the time grows from
// n to 4n (about 4× when linear, 16× when quadratic), never against a fixed number of seconds.
import Foundation
import Testing
@testable import TeXMath

/// How many times longer the work takes for input size 4n than for n: the least CPU time of this thread over
/// three runs of each (on a shared machine wall-clock time measures the other processes too). Linear work
/// gives about 4, quadratic about 16.
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
    _ = best(n / 4)   // warm up
    return best(4 * n) / best(n)
}

@Suite struct BoundedWorkTests {
    /// `\def\m#1{#1#1…#1}` (n copies) called with an n-token argument would be n² tokens.
    @Test func macrosProducingQuadraticTokensAreStopped() {
        let n = 2000
        let body = String(repeating: "#1", count: n)
        let argument = String(repeating: "x", count: n)
        let tex = "\\def\\m#1{\(body)}\\m{\(argument)}"
        let column = tex.count - argument.count - 3   // the \m of the call
        #expect(throws: TeXError(message: "macros produce more than 100000 tokens",
                                 hint: "\\m expands to 4000000 tokens here; a formula this large is a runaway macro",
                                 line: 1, column: column)) {
            try TeXMath.mathML(tex, display: false)
        }
    }

    @Test func producedTokensAddUpOverManyCalls() {
        // Each call is small, the sum is not: 200 calls (under the expansion budget) of 1000 tokens each.
        let tex = "\\def\\m{\(String(repeating: "x", count: 1000))}" + String(repeating: "\\m", count: 200)
        #expect(throws: TeXError.self) { try TeXMath.mathML(tex, display: false) }
        // Just under the budget converts.
        let small = "\\def\\m{\(String(repeating: "x", count: 1000))}" + String(repeating: "\\m", count: 99)
        #expect(throws: Never.self) { try TeXMath.mathML(small, display: false) }
    }

    @Test func tablePaddingIsBounded() {
        // One line of 1000 cells over 1000 lines of one cell would be padded to a million cells.
        let wide = String(repeating: "a&", count: 999) + "a"
        let tex = "\\begin{matrix}" + wide + String(repeating: "\\\\ a", count: 1000) + "\\end{matrix}"
        #expect(throws: TeXError(message: "this table's lines would be padded with 999000 empty cells (at most 100000)",
                                 hint: "its widest line has 1000 cells; give the lines similar numbers of cells, or split the table",
                                 line: 1, column: 1)) {
            try TeXMath.mathML(tex, display: true)
        }
        // A wide array specification counts as a wide line.
        let spec = String(repeating: "c", count: 2000)
        #expect(throws: TeXError.self) {
            try TeXMath.mathML("\\begin{array}{\(spec)}" + String(repeating: "a\\\\", count: 100) + "\\end{array}", display: true)
        }
    }

    @Test func outputGrowsLinearlyWithDocumentMacros() throws {
        // The macro budget is per formula, so the output is bounded: input size plus the budget.
        let n = 2000
        let tex = "\\def\\m#1{#1#1#1#1}" + String(repeating: "\\m{xy}", count: n / 10)
        let mathML = try TeXMath.mathML(tex, display: false)
        #expect(mathML.utf8.count < 200 * tex.utf8.count)
    }

    @Test func labelsInALongAlignAreLinear() {
        let ratio = growth(10_000) { n in
            let lines = (0..<n).map { "x_{\($0)} &= y \\label{eq:\($0)}" }.joined(separator: "\\\\")
            _ = try? TeXMath.render("\\begin{align}\(lines)\\end{align}", options: .init(display: true))
        }
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }

    @Test func numberedEquationsAreLinear() {
        let ratio = growth(20_000) { n in
            let lines = String(repeating: "x \\\\", count: n)
            _ = try? TeXMath.render("\\begin{gather}\(lines) y\\end{gather}", options: .init(display: true, firstEquationNumber: 99_000))
        }
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }

    @Test func duplicateLabelIsFound() {
        #expect(throws: TeXError(message: "duplicate \\label{a}", line: 1, column: 42)) {
            try TeXMath.render(#"\begin{align}x\label{b}\\y\\z\label{a}\\w\label{a}\end{align}"#, options: .init(display: true))
        }
    }
}

extension BoundedWorkTests {
    @Test func aLongUnknownNameCostsTimeInProportionToItsLength() {
        let ratio = growth(20_000) { n in
            _ = try? TeXMath.mathML("\\" + String(repeating: "q", count: n), display: false)
            _ = try? TeXMath.mathML("\\begin{" + String(repeating: "q", count: n) + "}", display: false)
            _ = try? TeXMath.mathML("\\text{\\" + String(repeating: "q", count: n) + "}", display: false)
        }
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }

    @Test func typosStillGetAHint() {
        #expect(throws: TeXError(message: "unknown command \\fracc", hint: "did you mean \\frac?", line: 1, column: 1)) {
            try TeXMath.mathML("\\fracc12", display: false)
        }
    }
}

extension BoundedWorkTests {
    /// Found by `scripts/fuzz tex`: a length of 2e18 em trapped converting to Int.
    @Test func hugeLengthsAreAnError() {
        #expect(throws: TeXError(message: "\\hspace length '2222222222222221em' is too large (at most 1638em)", line: 1, column: 8)) {
            try TeXMath.mathML(#"\hspace2222222222222221em"#, display: false)
        }
        #expect(throws: TeXError.self) { try TeXMath.mathML(#"\kern{-1e300pt}"#, display: false) }
        #expect(throws: Never.self) { try TeXMath.mathML(#"\hspace{1000em}"#, display: false) }
    }
}
