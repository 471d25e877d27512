// Each kind of bad input from the site generator's issue, built through the whole pipeline: the exact diagnostic
// (path:line:column, message, source line and caret, hint), a failed build, and an untouched output folder.
import Foundation
import Testing
@testable import Site

@Suite struct BadInputTests {
    /// Builds `files` and returns the printed diagnostics; the build must fail and write nothing.
    func diagnostics(_ files: [String: String]) throws -> String {
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.build()
        #expect(!report.succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "a failed build writes nothing")
        return site.printed(report)
    }

    static let weights = "```experiment weights\nname: w\ninit: xavier-normal\nfan-in: 64\nfan-out: 32\nseed: 1\n"

    @Test func unknownDirectiveKind() throws {
        let printed = try diagnostics(["index.md": "# T\n\n```experiment wieghts\nname: w\n```\n"])
        #expect(printed == """
            src/index.md:3:15: error: unknown experiment kind 'wieghts'; allowed: activations, gradients, depth, symmetry, weights, train, search, study, plot, derivation uniform-bound
                ```experiment wieghts
                              ^~~~~~~
            note: did you mean 'weights'?
            """)
    }

    @Test func unknownDirectiveKey() throws {
        let printed = try diagnostics(["index.md": "# T\n\n" + Self.weights + "fan_inn: 3\n```\n"])
        #expect(printed.hasPrefix("src/index.md:9:1: error: unknown key 'fan_inn' for 'weights'"))
        #expect(printed.contains("\n    fan_inn: 3\n    ^~~~~~~\n"))
        #expect(printed.hasSuffix("note: did you mean 'fan-in'?"))
    }

    @Test func wrongValueType() throws {
        let printed = try diagnostics(["index.md": "# T\n\n```experiment weights\nfan-in: many\n```\n"])
        #expect(printed == """
            src/index.md:4:9: error: 'fan-in' must be an integer from 1 to 4096, got 'many'
                fan-in: many
                        ^~~~
            """)
    }

    @Test func outOfRangeSize() throws {
        let printed = try diagnostics(["index.md": "# T\n\n```experiment weights\nfan-in: 0\n```\n"])
        #expect(printed == """
            src/index.md:4:9: error: 'fan-in' must be from 1 to 4096, got 0
                fan-in: 0
                        ^
            """)
    }

    @Test func unterminatedFence() throws {
        let printed = try diagnostics(["index.md": "# T\n\nText.\n\n" + Self.weights + "\nMore prose.\n"])
        #expect(printed == """
            src/index.md:5:1: error: unterminated directive: the fence opened here is never closed, so the rest of the file would be its body
                ```experiment weights
                ^
            note: close it with a line of ```
            """)
    }

    @Test func unterminatedCodeBlockInAList() throws {
        let printed = try diagnostics(["index.md": "# T\n\n- item\n\n  ~~~~python\n  x = 1\n"])
        #expect(printed.hasPrefix("src/index.md:5:3: error: unterminated code block"))
        #expect(printed.hasSuffix("note: close it with a line of ~~~~"))
    }

    @Test func unknownFrontMatterKey() throws {
        let printed = try diagnostics(["index.md": "---\ntitle: T\nordre: 2\n---\n# T\n"])
        #expect(printed == """
            src/index.md:3:1: error: unknown front matter key 'ordre' (known keys: title, description, order, language)
                ordre: 2
                ^~~~~
            note: did you mean 'order'?
            """)
    }

    @Test func malformedFrontMatter() throws {
        let printed = try diagnostics(["index.md": "---\ntitle: \"Unclosed\norder 3\n---\n# T\n"])
        #expect(printed == """
            src/index.md:2:8: error: unterminated double-quoted string
                title: "Unclosed
                       ^
            src/index.md:3:1: error: expected 'key: value'
                order 3
                ^
            """)
        let unclosed = try diagnostics(["index.md": "---\ntitle: T\n"])
        #expect(unclosed == """
            src/index.md:1:1: error: front matter is not closed: add a '---' line after it
                ---
                ^
            note: a '---' line at the very top starts front matter
            """)
    }

    @Test func frontMatterOrderNotANumber() throws {
        let printed = try diagnostics(["index.md": "---\ntitle: T\norder: first\n---\n"])
        #expect(printed == """
            src/index.md:3:8: error: 'order' must be a number, not 'first'
                order: first
                       ^
            """)
    }

    @Test func missingImage() throws {
        let printed = try diagnostics(["index.md": "# T\n\nSee ![the net](images/nett.svg).\n", "images/net.svg": "<svg/>"])
        #expect(printed == """
            src/index.md:3:5: error: missing image: 'images/nett.svg' does not exist in \(try #require(printedRoot(printed)))
                See ![the net](images/nett.svg).
                    ^~~~~~~~~~~~~~~~~~~~~~~~~~~
            note: did you mean 'images/net.svg'?
            """)
    }

    /// The source folder as messages spell it (an absolute temporary path, relative to the test root: `src`).
    func printedRoot(_ printed: String) -> String? { "src" }

    @Test func brokenLinks() throws {
        let printed = try diagnostics([
            "index.md": "# Home\n\n## Start here\n\nGo to [one](01-one.md), [two](02-two.md), [here](#start-her) and [there](01-one.md#nope).\n",
            "01-one.md": "# One\n\n[Back](index.md#start-here) and [a file](data/missing.csv).\n",
        ])
        #expect(printed == """
            src/01-one.md:3:33: error: broken link: 'data/missing.csv' does not exist in src
                [Back](index.md#start-here) and [a file](data/missing.csv).
                                                ^~~~~~~~~~~~~~~~~~~~~~~~~~
            src/index.md:5:25: error: broken link: page '02-two.md' does not exist
                Go to [one](01-one.md), [two](02-two.md), [here](#start-her) and [there](01-one.md#nope).
                                        ^~~~~~~~~~~~~~~~
            src/index.md:5:43: error: broken link: no heading or figure with id 'start-her' on this page
                Go to [one](01-one.md), [two](02-two.md), [here](#start-her) and [there](01-one.md#nope).
                                                          ^~~~~~~~~~~~~~~~~~
            note: did you mean 'start-here'?
            src/index.md:5:66: error: broken link: no heading or figure with id 'nope' in 01-one.md
                Go to [one](01-one.md), [two](02-two.md), [here](#start-her) and [there](01-one.md#nope).
                                                                                 ^~~~~~~~~~~~~~~~~~~~~~~
            """)
    }

    @Test func unsafeLinkSchemes() throws {
        let printed = try diagnostics(["index.md": "# T\n\n[a](javascript:alert(1)) <vbscript:x> ![b](data:text/html,x) ![c](data:image/png;base64,AA==)\n"])
        #expect(printed == """
            src/index.md:3:1: error: unsafe link: 'javascript:' URLs are not allowed in a page
                [a](javascript:alert(1)) <vbscript:x> ![b](data:text/html,x) ![c](data:image/png;base64,AA==)
                ^~~~~~~~~~~~~~~~~~~~~~~~
            note: link to a page, a file of the site, or an http(s) address
            src/index.md:3:26: error: unsafe link: 'vbscript:' URLs are not allowed in a page
                [a](javascript:alert(1)) <vbscript:x> ![b](data:text/html,x) ![c](data:image/png;base64,AA==)
                                         ^~~~~~~~~~~~
            note: link to a page, a file of the site, or an http(s) address
            src/index.md:3:39: error: unsafe image: 'data:' URLs are not allowed in a page
                [a](javascript:alert(1)) <vbscript:x> ![b](data:text/html,x) ![c](data:image/png;base64,AA==)
                                                      ^~~~~~~~~~~~~~~~~~~~~~
            note: use an image file of the site or an http(s) address
            """)
    }

    @Test func mathErrors() throws {
        let printed = try diagnostics(["index.md": "# T\n\nInline $\\fracc{1}{2}$ and\n\n$$\na = \\sqrt{3\n$$\n"])
        #expect(printed == """
            src/index.md:3:9: error: math: unknown command \\fracc
                Inline $\\fracc{1}{2}$ and
                        ^
            note: did you mean \\frac?
            src/index.md:6:10: error: math: unbalanced braces: { is never closed
                a = \\sqrt{3
                         ^
            note: add a } to close it
            """)
    }

    @Test func failedExpectation() throws {
        let printed = try diagnostics(["index.md": "# T\n\n" + Self.weights + "expect: weights.variance > 1\n```\n"])
        #expect(printed.hasPrefix("src/index.md:9:9: error: expectation failed: weights.variance = "))
        // The expect text underlined; a note gives the run's value in full.
        #expect(printed.contains(", expected > 1\n    expect: weights.variance > 1\n            ^~~~~~~~~~~~~~~~~~~~\nnote: the run gave weights.variance = 0.0"))
    }

    @Test func typoInInlineValue() throws {
        let printed = try diagnostics(["index.md": "# T\n\n" + Self.weights + "```\n\nThe variance is {{ww.weights.variance | 3}} and {{w.weights.varaince}}.\n"])
        #expect(printed == """
            src/index.md:11:17: error: unknown experiment 'ww' in inline value
                The variance is {{ww.weights.variance | 3}} and {{w.weights.varaince}}.
                                ^~~~~~~~~~~~~~~~~~~~~~~~~~~
            note: did you mean 'w'?
            src/index.md:11:49: error: unknown value 'weights.varaince' in experiment 'w'
                The variance is {{ww.weights.variance | 3}} and {{w.weights.varaince}}.
                                                                ^~~~~~~~~~~~~~~~~~~~~~
            note: did you mean 'weights.variance'?
            """)
    }

    @Test func cycleOfInlineValues() throws {
        let a = "```experiment weights\nname: a\nfan-in: {{b.weights.min}}\n```\n"
        let b = "```experiment weights\nname: b\nfan-in: {{a.weights.max}}\n```\n"
        let printed = try diagnostics(["index.md": "# T\n\n" + a + "\n" + b])
        #expect(printed == """
            src/index.md:5:9: error: cycle in inline values: a → b → a
                fan-in: {{b.weights.min}}
                        ^~~~~~~~~~~~~~~~~
            src/index.md:10:9: note: 'b' quotes 'a' here
                fan-in: {{a.weights.max}}
                        ^
            """)
    }

    /// A cycle is one problem: one error at its first directive with a note per step; a directive that only depends
    /// on the cycle adds nothing.
    @Test func longCycleIsReportedOnce() throws {
        let names = (0..<50).map { "e\($0)" }
        var page = "# T\n\n"
        for (i, name) in names.enumerated() {
            page += "```experiment weights\nname: \(name)\nfan-in: {{\(names[(i + 1) % names.count]).weights.min}}\n```\n\n"
        }
        page += "```experiment weights\nname: outside\nfan-in: {{e7.weights.min}}\n```\n"
        let site = try TestSite(["index.md": page])
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.count == 1)
        let cycle = try #require(report.diagnostics.first)
        #expect(cycle.message == "cycle in inline values: " + (names + ["e0"]).joined(separator: " → "))
        #expect(cycle.notes.count == 49)
    }

    @Test func pageThatIsNotUTF8() throws {
        let site = try TestSite(["index.md": "# T\n"])
        defer { site.remove() }
        try site.write("02-latin1.md", Data([0x23, 0x20, 0x54, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]))  // "# T\ncafé" in Latin-1
        let report = site.build()
        #expect(site.printed(report) == "src/02-latin1.md:2:4: error: file is not valid UTF-8 (byte 0xE9); save it as UTF-8")
    }

    @Test func outputFolderThatIsNotASite() throws {
        let site = try TestSite(["index.md": "# T\n"])
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: site.output.appendingPathComponent("notes.txt"))
        let report = site.build()
        #expect(site.printed(report) == """
            site: error: output folder 'site' is not empty and was not made by build-docs (it has no .build-docs file); refusing to overwrite it
            note: choose another folder with --output, or empty this one
            """)
        #expect(site.outputFiles().keys.sorted() == ["notes.txt"])
    }

    @Test func outputInsideTheSources() throws {
        let site = try TestSite(["index.md": "# T\n"])
        defer { site.remove() }
        let report = site.build(output: site.source.appendingPathComponent("site"))
        #expect(site.printed(report).hasPrefix("src/site: error: the output folder"))
    }

    @Test func missingConfigurationAndTitle() throws {
        let site = try TestSite(["index.md": "Just text.\n"])
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("site.yml"))
        #expect(site.printed(site.build()) == "src/site.yml: error: no site configuration: create src/site.yml with at least 'title: …'")
        try site.write("site.yml", Data("title: T\n".utf8))
        #expect(site.printed(site.build()) == """
            src/index.md:1:1: error: page has no title: start it with a '# Title' heading or give 'title:' in its front matter
                Just text.
                ^
            """)
    }
}
