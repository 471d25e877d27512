// The exact text of every diagnostic the site build produces, one row per message with the input that triggers it,
// so a changed message is a reviewed change. Each row builds a small site (`src/`, output `site/`) and compares
// everything build-docs would print for it. When a message changes on purpose, the failure shows the new text:
// paste it into the row. Diagnostics of the parsers (Markdown, TeX, directive keys) have their own exhaustive
// tests in their modules; the rows here that reach them check the path from the parser to the printed report.
import Diagnostics
import Foundation
import Testing
@testable import Site

struct DiagnosticRow: Sendable, CustomTestStringConvertible {
    let name: String
    /// Source files (path → text); `site.yml` defaults to `title: Test site`.
    let files: [String: String]
    /// Changes to the folders before the build (FIFOs, links, a foreign output folder…).
    var prepare: @Sendable (TestSite) throws -> Void = { _ in }
    /// The printed report: every diagnostic as `build-docs` prints it in the text format, at most 20 per file.
    let expected: String

    var testDescription: String { name }
}

@Suite struct DiagnosticTextTests {
    static let weights = "```experiment weights\nname: w\ninit: xavier-normal\n```\n"
    static let train = "# T\n\n```experiment train\nname: t\nepochs: 1\nseeds: 1\n```\n"

    static func write(_ site: TestSite, _ path: String, _ text: String) throws { try site.write(path, Data(text.utf8)) }
    static func mkdir(_ url: URL) throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    static let rows: [DiagnosticRow] = [
        // MARK: 1 load: the folders, site.yml, file names
        DiagnosticRow(name: "source folder missing", files: [:], prepare: { try FileManager.default.removeItem(at: $0.source) }, expected: """
            src: error: source folder 'src' does not exist
            note: run build-docs where the sources are, or name them with --source DIR
            """),
        DiagnosticRow(name: "source is a file", files: [:], prepare: {
            try FileManager.default.removeItem(at: $0.source)
            try Data("x".utf8).write(to: $0.source)
        }, expected: "src: error: source 'src' is a file, not a folder"),
        DiagnosticRow(name: "no site.yml", files: ["index.md": "# T\n"], prepare: {
            try FileManager.default.removeItem(at: $0.source.appendingPathComponent("site.yml"))
        }, expected: "src/site.yml: error: no site configuration: create src/site.yml with at least 'title: …'"),
        DiagnosticRow(name: "site.yml line without a colon", files: ["index.md": "# T\n", "site.yml": "title: T\njust words\n"], expected: """
            src/site.yml:2:1: error: expected 'key: value'
                just words
                ^
            """),
        DiagnosticRow(name: "edition listed twice", files: ["index.md": "# T\n", "site.yml": "title: T\neditions: en, en\n"], expected: """
            src/site.yml:2:1: error: edition 'en' is listed twice
                editions: en, en
                ^
            """),
        DiagnosticRow(name: "edition without interface text", files: ["index.md": "# T\n", "site.yml": "title: T\neditions: en, xx\n"], expected: """
            src/site.yml:2:1: error: no interface text for the language 'xx' (the generator has: en, ko)
                editions: en, xx
                ^
            note: add a table for it in Sources/Site/5-Layout/InterfaceText.swift
            """),
        DiagnosticRow(name: "edition not a language tag", files: ["index.md": "# T\n", "site.yml": "title: T\neditions: en, k_o\n"], expected: """
            src/site.yml:2:1: error: 'k_o' is not a language tag (such as en, ko or pt-BR)
                editions: en, k_o
                ^
            """),
        DiagnosticRow(name: "language differs from the first edition", files: ["index.md": "# T\n", "site.yml": "title: T\nlanguage: ko\neditions: en, ko\n"], expected: """
            src/site.yml:3:1: error: 'language: ko' differs from the first edition 'en'; the first edition is the site's language
                editions: en, ko
                ^
            """),
        DiagnosticRow(name: "key not allowed in an edition's site.yml", files: ["index.md": "# T\n", "ko/index.md": "# 홈\n", "site.yml": "title: T\neditions: en, ko\n", "ko/site.yml": "title: 티\nmath-font: x.otf\n"], expected: """
            src/ko/site.yml:2:1: error: unknown key 'math-font' in an edition's configuration (known keys: title, description, author, footer, parts)
                math-font: x.otf
                ^~~~~~~~~
            """),
        DiagnosticRow(name: "chapter-numbers not a boolean", files: ["index.md": "# T\n", "site.yml": "title: T\nchapter-numbers: yes\n"], expected: """
            src/site.yml:2:1: error: 'chapter-numbers' is true or false, not 'yes'
                chapter-numbers: yes
                ^
            """),
        DiagnosticRow(name: "site.yml unknown key", files: ["index.md": "# T\n", "site.yml": "title: T\nauthr: Me\n"], expected: """
            src/site.yml:2:1: error: unknown key 'authr' in site configuration (known keys: title, description, author, language, footer, math-font, editions, chapter-numbers, strict-figures, math-macros, numbering, stylesheet, parts)
                authr: Me
                ^~~~~
            note: did you mean 'author'?
            """),
        DiagnosticRow(name: "site.yml duplicate key", files: ["index.md": "# T\n", "site.yml": "title: T\ntitle: U\n"], expected: """
            src/site.yml:2:1: error: duplicate key 'title'
                title: U
                ^
            """),
        DiagnosticRow(name: "site.yml without a title", files: ["index.md": "# T\n", "site.yml": "author: Me\n"],
                      expected: "src/site.yml: error: site configuration needs a 'title'"),
        DiagnosticRow(name: "site.yml unterminated string", files: ["index.md": "# T\n", "site.yml": "title: \"T\n"], expected: """
            src/site.yml:1:8: error: unterminated quoted string
                title: "T
                       ^
            """),
        DiagnosticRow(name: "site.yml text after the quote", files: ["index.md": "# T\n", "site.yml": "title: 'T' x\n"], expected: """
            src/site.yml:1:8: error: unexpected text after the closing quote
                title: 'T' x
                       ^
            """),
        DiagnosticRow(name: "site.yml unknown escape", files: ["index.md": "# T\n", "site.yml": "title: \"a\\qb\"\n"], expected: """
            src/site.yml:1:8: error: unknown escape '\\q' in a double-quoted string
                title: "a\\qb"
                       ^
            """),
        DiagnosticRow(name: "math font missing", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-font: fonts/m.woff2\n"], expected: """
            src/site.yml:2:12: error: math font 'fonts/m.woff2' not found in src
                math-font: fonts/m.woff2
                           ^~~~~~~~~~~~~
            """),
        DiagnosticRow(name: "math font not a font", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-font: m.css\n", "m.css": ""], expected: """
            src/site.yml:2:12: error: math font 'm.css' is not a font file (expected .woff2, .woff, .otf, .ttf)
                math-font: m.css
                           ^~~~~
            """),
        DiagnosticRow(name: "math font outside the sources", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-font: ../m.otf\n"], expected: """
            src/site.yml:2:12: error: math font '../m.otf' must be a path inside the source folder (no leading '/', no '..')
                math-font: ../m.otf
                           ^~~~~~~~
            """),
        DiagnosticRow(name: "page name too long", files: ["index.md": "# T\n", String(repeating: "n", count: 252) + ".md": "# N\n"],
                      expected: "src/\(String(repeating: "n", count: 252)).md: error: page file name too long: its output file name would be 257 bytes, the file system allows 255; shorten the name"),
        DiagnosticRow(name: "page not UTF-8", files: ["index.md": "# T\n"], prepare: {
            try $0.write("b.md", Data([0x23, 0x20, 0x54, 0x0A, 0xFF, 0x0A]))
        }, expected: "src/b.md:2:1: error: file is not valid UTF-8 (byte 0xFF); save it as UTF-8"),

        // MARK: 2 parse: pages and front matter
        DiagnosticRow(name: "no pages", files: [:], expected: "src: error: no pages: src has no .md files"),
        DiagnosticRow(name: "unterminated fence", files: ["index.md": "# T\n\n```swift\nlet x = 1\n"], expected: """
            src/index.md:3:1: error: unterminated code block: the fence opened here is never closed, so the rest of the file would be its body
                ```swift
                ^
            note: close it with a line of ```
            """),
        DiagnosticRow(name: "unknown front matter key", files: ["index.md": "---\ntitle: T\nordre: 2\n---\n"], expected: """
            src/index.md:3:1: error: unknown front matter key 'ordre' (known keys: title, description, order, language)
                ordre: 2
                ^~~~~
            note: did you mean 'order'?
            """),
        DiagnosticRow(name: "front matter list for a single value", files: ["index.md": "---\ntitle: T\ndescription: [a, b]\n---\n"], expected: """
            src/index.md:3:1: error: 'description' takes one value, not a list
                description: [a, b]
                ^
            """),
        DiagnosticRow(name: "order not a number", files: ["index.md": "---\ntitle: T\norder: first\n---\n"], expected: """
            src/index.md:3:8: error: 'order' must be a number, not 'first'
                order: first
                       ^
            """),
        DiagnosticRow(name: "page without a title", files: ["index.md": "Text.\n"], expected: """
            src/index.md:1:1: error: page has no title: start it with a '# Title' heading or give 'title:' in its front matter
                Text.
                ^
            """),

        // MARK: 3 expand: experiments, inline values, math
        DiagnosticRow(name: "duplicate experiment name", files: ["index.md": "# T\n\n" + weights + "\n" + weights], expected: """
            src/index.md:9:7: error: duplicate experiment name 'w'
                name: w
                      ^
            src/index.md:4:7: note: 'w' is first defined here
                name: w
                      ^
            """),
        DiagnosticRow(name: "unknown experiment in the text", files: ["index.md": "# T\n\n" + weights + "\nIt is {{v.weights.max}}.\n"], expected: """
            src/index.md:8:7: error: unknown experiment 'v' in inline value
                It is {{v.weights.max}}.
                      ^~~~~~~~~~~~~~~~~
            note: did you mean 'w'?
            """),
        DiagnosticRow(name: "unknown value in the text", files: ["index.md": "# T\n\n" + weights + "\nIt is {{w.weights.maxx}}.\n"], expected: """
            src/index.md:8:7: error: unknown value 'weights.maxx' in experiment 'w'
                It is {{w.weights.maxx}}.
                      ^~~~~~~~~~~~~~~~~~
            note: did you mean 'weights.max'?
            """),
        DiagnosticRow(name: "unknown experiment quoted by a directive", files: ["index.md": "# T\n\n```experiment weights\nname: a\nfan-in: {{x.weights.min}}\n```\n"], expected: """
            src/index.md:5:9: error: unknown experiment 'x' in inline value
                fan-in: {{x.weights.min}}
                        ^~~~~~~~~~~~~~~~~
            note: did you mean 'a'?
            """),
        DiagnosticRow(name: "cycle of inline values", files: ["index.md": "# T\n\n```experiment weights\nname: a\nfan-in: {{b.weights.min}}\n```\n\n```experiment weights\nname: b\nfan-in: {{a.weights.max}}\n```\n"], expected: """
            src/index.md:5:9: error: cycle in inline values: a → b → a
                fan-in: {{b.weights.min}}
                        ^~~~~~~~~~~~~~~~~
            src/index.md:10:9: note: 'b' quotes 'a' here
                fan-in: {{a.weights.max}}
                        ^
            """),
        DiagnosticRow(name: "failed expectation", files: ["index.md": "# T\n\n```experiment weights\nname: w\ninit: xavier-normal\nexpect: weights.max < 0\n```\n"], expected: """
            src/index.md:6:9: error: expectation failed: weights.max = 0.265, expected < 0
                expect: weights.max < 0
                        ^~~~~~~~~~~~~~~
            note: the run gave weights.max = 0.2649872899055481
            """),
        DiagnosticRow(name: "data file missing", files: ["index.md": train], expected: """
            src/index.md:3:15: error: cannot read the data file 'src/data/mnist/test-images-idx3-ubyte': it does not exist
                ```experiment train
                              ^~~~~
            """),
        DiagnosticRow(name: "data file is a FIFO", files: ["index.md": train], prepare: {
            try mkdir($0.source.appendingPathComponent("data/mnist"))
            _ = mkfifo($0.source.appendingPathComponent("data/mnist/test-images-idx3-ubyte").path, 0o644)
        }, expected: """
            src/index.md:3:15: error: cannot read the data file 'src/data/mnist/test-images-idx3-ubyte': it is a FIFO (named pipe), not a regular file
                ```experiment train
                              ^~~~~
            """),
        DiagnosticRow(name: "data file is /dev/zero", files: ["index.md": train], prepare: {
            try mkdir($0.source.appendingPathComponent("data/mnist"))
            try FileManager.default.createSymbolicLink(atPath: $0.source.appendingPathComponent("data/mnist/test-images-idx3-ubyte").path,
                                                       withDestinationPath: "/dev/zero")
        }, expected: """
            src/index.md:3:15: error: cannot read the data file 'src/data/mnist/test-images-idx3-ubyte': it is a device, not a regular file
                ```experiment train
                              ^~~~~
            """),
        DiagnosticRow(name: "data file is a folder", files: ["index.md": train], prepare: {
            try mkdir($0.source.appendingPathComponent("data/mnist/test-images-idx3-ubyte"))
        }, expected: """
            src/index.md:3:15: error: cannot read the data file 'src/data/mnist/test-images-idx3-ubyte': it is a folder, not a file
                ```experiment train
                              ^~~~~
            """),
        DiagnosticRow(name: "probe work limit", files: ["index.md": "# T\n\n```experiment activations\nwidth: 2048\nlayers: 100\nsamples: 1000\nactivation: tanh, relu\n```\n"], expected: """
            src/index.md:4:1: error: experiment too large: (samples + 300) × width² × layers = 1.09e12 multiply-adds summed over 2 runs exceeds the limit of 1e10
                width: 2048
                ^~~~~
            note: computed from samples = 1000; width = 2048; layers = 100; init = xavier-normal (default)
            """),
        DiagnosticRow(name: "weights limit", files: ["index.md": "# T\n\n```experiment weights\nfan-in: 4096\nfan-out: 4096\n```\n"], expected: """
            src/index.md:4:1: error: experiment too large: 300 × fan-in × fan-out = 2.01e10 multiply-adds summed over 4 runs exceeds the limit of 1e10
                fan-in: 4096
                ^~~~~~
            note: computed from fan-in = 4096; fan-out = 4096; init = xavier-normal, xavier-uniform, he-normal, he-uniform (default)
            src/index.md:4:1: error: too many weights: fan-in × fan-out must be at most 4194304
                fan-in: 4096
                ^~~~~~
            note: computed from fan-out = 4096; fan-in = 4096
            """),
        DiagnosticRow(name: "unknown directive key", files: ["index.md": "# T\n\n```experiment weights\nfan_in: 3\n```\n"], expected: """
            src/index.md:4:1: error: unknown key 'fan_in' for 'weights'
                fan_in: 3
                ^~~~~~
            note: did you mean 'fan-in'?
            """),
        DiagnosticRow(name: "training work limit", files: ["index.md": "# T\n\n```experiment train\nname: t\nseeds: 10\nepochs: 200\n```\n"], expected: """
            src/index.md:5:1: error: experiment too large: ((train-size + validation-size) × epochs + test-size) × seeds = 8.1e6 image passes exceeds the limit of 5e6
                seeds: 10
                ^~~~~
            note: computed from epochs = 200; train-size = 2000 (default); seeds = 10; validation-size = 2000 (default); test-size = 10000 (default); lr = 0.001 (default); record-every = 0 (default)
            """),
        DiagnosticRow(name: "unknown experiment kind", files: ["index.md": "# T\n\n```experiment weigths\nname: w\n```\n"], expected: """
            src/index.md:3:15: error: unknown experiment kind 'weigths'; allowed: activations, gradients, depth, symmetry, weights, train, search, study, plot, derivation uniform-bound
                ```experiment weigths
                              ^~~~~~~
            note: did you mean 'weights'?
            """),
        DiagnosticRow(name: "long value elided", files: ["index.md": "# T\n\n```experiment weights\ninit: " + String(repeating: "x", count: 400) + "\n```\n"], expected: """
            src/index.md:4:7: error: unknown initializer 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…ed: zeros, constant, normal, uniform, truncated-normal, lecun-normal, lecun-uniform, xavier-normal, xavier-uniform, he-normal, he-uniform, orthogonal
                init: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…
                      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            """),
        // No cascades: a directive that failed is reported once; its inline values, figure links and quoting
        // directives (on this page and others) are counted in a note.
        DiagnosticRow(name: "failed directive, uses not reported again", files: [
            "index.md": "# T\n\n```experiment weights\nname: w\nfan_in: 3\n```\n\nIt is {{w.weights.max}} in [](#fig-w).\n\n```experiment weights\nname: v\nfan-in: {{w.weights.min}}\n```\n",
            "two.md": "# Two\n\nSee [](index.md#fig-w) and {{v.weights.max}}.\n"], expected: """
            src/index.md:5:1: error: unknown key 'fan_in' for 'weights'
                fan_in: 3
                ^~~~~~
            note: did you mean 'fan-in'?
            note: 5 uses of 'w' were not checked, since it did not run
            """),
        DiagnosticRow(name: "math error, links to its label not reported again", files: ["index.md": "# T\n\n$$\\begin{equation}x = \\frac{1} \\label{eq:x}\\end{equation}$$\n\nSee [](#eq:x).\n"], expected: """
            src/index.md:3:23: error: math: missing argument for \\frac
                $$\\begin{equation}x = \\frac{1} \\label{eq:x}\\end{equation}$$
                                      ^
            note: usage: \\frac{numerator}{denominator}
            """),
        DiagnosticRow(name: "math error", files: ["index.md": "# T\n\n$a = \\sqrt{3$\n"], expected: """
            src/index.md:3:11: error: math: unbalanced braces: { is never closed
                $a = \\sqrt{3$
                          ^
            note: add a } to close it
            """),

        // MARK: 2b lint: what Markdown accepts silently but a reader would see as raw source
        DiagnosticRow(name: "unclosed dollar", files: ["index.md": "# T\n\nIt costs $5, and $x + y is never closed.\n"], expected: """
            src/index.md:3:18: warning: '$' opens inline math that is never closed, so the reader sees the TeX as text
                It costs $5, and $x + y is never closed.
                                 ^
            note: close it with '$' in the same paragraph, or write '\\$' for a dollar sign
            """),
        DiagnosticRow(name: "unclosed double dollar", files: ["index.md": "# T\n\nThen $$x + y is never closed.\n"], expected: """
            src/index.md:3:6: warning: '$$' opens display math that is never closed, so the reader sees the TeX as text
                Then $$x + y is never closed.
                     ^~
            note: close it with '$$'
            """),
        DiagnosticRow(name: "table row with too many cells", files: ["index.md": "# T\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"], expected: """
            src/index.md:5:11: error: table row has 3 cells but the header has 2: the cells from here on are dropped
                | 1 | 2 | 3 |
                          ^
            note: write '\\|' for a '|' inside a cell, or add a column to the header
            """),
        DiagnosticRow(name: "bar inside math in a table cell", files: ["index.md": "# T\n\n| norm | value |\n|---|---|\n| $|x|$ | 2 |\n"], expected: """
            src/index.md:5:4: error: '|' inside math splits the table cell here
                | $|x|$ | 2 |
                   ^
            note: write \\vert or \\| for a bar inside a table cell
            """),
        DiagnosticRow(name: "Markdown swallowed by an HTML block", files: ["index.md": "# T\n\n<details>\n<summary>Solution</summary>\nThe **answer** is 3.\n</details>\n"], expected: """
            src/index.md:5:1: warning: this line is part of the HTML block that starts on line 3, so its Markdown is shown as raw text
                The **answer** is 3.
                ^~~~~~~~~~~~~~~~~~~~
            note: leave a blank line before it (and one before the closing tag), as GitHub needs too
            """),
        DiagnosticRow(name: "alert typo", files: ["index.md": "# T\n\n> [!WARN]\n> Careful.\n"], expected: """
            src/index.md:3:3: error: unknown alert '[!WARN]', so the quote shows it as text; the alerts are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] and [!CAUTION]
                > [!WARN]
                  ^~~~~~~
            note: did you mean '[!WARNING]'?
            """),
        DiagnosticRow(name: "undefined footnote", files: ["index.md": "# T\n\nA claim[^sorce].\n\n[^source]: The source.\n"], expected: """
            src/index.md:3:8: error: footnote '[^sorce]' is not defined, so the reader sees '[^sorce]' as text
                A claim[^sorce].
                       ^~~~~~~~
            note: did you mean '[^source]'?
            src/index.md:5:1: warning: footnote '[^source]' is never referenced, so it is not shown
                [^source]: The source.
                ^~~~~~~~~
            """),
        DiagnosticRow(name: "undefined footnote without a near definition", files: ["index.md": "# T\n\nA claim[^1].\n"], expected: """
            src/index.md:3:8: error: footnote '[^1]' is not defined, so the reader sees '[^1]' as text
                A claim[^1].
                       ^~~~
            note: define it with a line '[^1]: …' on this page
            """),
        DiagnosticRow(name: "directive indented into a code block", files: ["index.md": "# T\n\nText.\n\n    ```experiment weights\n    name: w\n    ```\n\nIt is {{w.weights.max}}.\n"], expected: """
            src/index.md:5:5: error: this experiment directive is indented four spaces or more, so it is a code block and never runs
                    ```experiment weights
                    ^~~~~~~~~~~~~~~~~~~~~
            note: indent its fence at most three spaces (inside a list item, relative to the item's text)
            note: 1 use of 'w' was not checked, since it did not run
            """),
        DiagnosticRow(name: "directive continuing a paragraph", files: ["index.md": "# T\n\nText.\n    ```experiment weights\n    name: w\n    ```\n\nIt is {{w.weights.max}}.\n"], expected: """
            src/index.md:4:5: error: this experiment directive continues the paragraph above it, so it is inline code and never runs
                    ```experiment weights
                    ^~~~~~~~~~~~~~~~~~~~~
            note: indent its fence at most three spaces
            note: 1 use of 'w' was not checked, since it did not run
            """),
        DiagnosticRow(name: "bare environment without its end", files: ["index.md": "# T\n\n\\begin{equation}\nx = 1\n\nis not closed.\n"], expected: """
            src/index.md:3:1: warning: \\begin{equation} outside $$ has no \\end{equation} in its paragraph, so it is shown as text
                \\begin{equation}
                ^~~~~~~~~~~~~~~~
            note: end the environment in the same paragraph, or put it inside $$ … $$
            """),
        DiagnosticRow(name: "bare environment entangled with Markdown", files: ["index.md": "# T\n\n*a\n\\begin{equation}\nx = 1\n\\end{equation}\nb*\n"], expected: """
            src/index.md:4:1: warning: \\begin{equation} outside $$ is entangled with the Markdown around it, so it is shown as text
                \\begin{equation}
                ^~~~~~~~~~~~~~~~
            note: put it inside $$ … $$, with a blank line before and after
            """),

        // MARK: 3 expand: `plot` directives (formulas, CSV data)
        DiagnosticRow(name: "plot: unknown function in a formula", files: ["index.md": "# T\n\n```experiment plot\nfunction: f(x) = 1/(1+exq(-x))\n```\n"],
                      expected: """
            src/index.md:4:23: error: unknown function 'exq'
                function: f(x) = 1/(1+exq(-x))
                                      ^
            note: did you mean 'exp'?
            """),
        DiagnosticRow(name: "plot: x of a function plot is not a range", files: ["index.md": "# T\n\n```experiment plot\nfunction: f(x) = x^2\nx: epoch\n```\n"],
                      expected: """
            src/index.md:5:4: error: 'x' of a function plot must be a range 'a..b' with a < b, got 'epoch'
                x: epoch
                   ^
            """),
        DiagnosticRow(name: "plot: declared derivative disagrees", files: ["index.md": "# T\n\n```experiment plot\nfunction: f(x) = x^2\nderivative: f'(x) = x\n```\n"],
                      expected: """
            src/index.md:5:13: error: the declared derivative f'(x) is -5 at x = -5, but the numerical derivative of f(x) is -10
                derivative: f'(x) = x
                            ^
            """),
        DiagnosticRow(name: "plot: data file missing", files: ["index.md": "# T\n\n```experiment plot\ndata: runs.csv\nx: epoch\ny: loss\n```\n"],
                      expected: """
            src/index.md:3:15: error: cannot read the data file 'src/runs.csv': it does not exist
                ```experiment plot
                              ^~~~
            """),
        DiagnosticRow(name: "plot: unknown column", files: ["index.md": "# T\n\n```experiment plot\ndata: runs.csv\nx: epoch\ny: los\n```\n",
                                                         "runs.csv": "epoch,loss\n1,0.5\n"],
                      expected: """
            src/index.md:6:4: error: unknown column 'los' in runs.csv; columns: epoch, loss
                y: los
                   ^
            note: did you mean 'loss'?
            """),
        DiagnosticRow(name: "plot: CSV cell not a number", files: ["index.md": "# T\n\n```experiment plot\ndata: runs.csv\nx: epoch\ny: loss\n```\n",
                                                               "runs.csv": "epoch,loss\n1,0.5\n2,n/a\n"],
                      expected: """
            src/runs.csv:3:3: error: 'n/a' in column 'loss' is not a number
                2,n/a
                  ^
            src/index.md:4:7: note: read by this plot
                data: runs.csv
                      ^
            """),
        DiagnosticRow(name: "plot: CSV quote never closed", files: ["index.md": "# T\n\n```experiment plot\ndata: runs.csv\nx: epoch\ny: loss\n```\n",
                                                                "runs.csv": "epoch,loss\n1,\"0.5\n2,0.25\n"],
                      expected: """
            src/runs.csv:2:3: error: unterminated quoted field: the '"' opened here is never closed
                1,"0.5
                  ^
            src/index.md:4:7: note: read by this plot
                data: runs.csv
                      ^
            """),
        DiagnosticRow(name: "plot: CSV path leaves the source folder", files: ["index.md": "# T\n\n```experiment plot\ndata: ../runs.csv\nx: epoch\ny: loss\n```\n"],
                      expected: """
            src/index.md:4:7: error: 'data' must stay inside the source folder, got '../runs.csv'
                data: ../runs.csv
                      ^
            """),

        // MARK: 4 render: links and images
        DiagnosticRow(name: "unsafe link", files: ["index.md": "# T\n\n[x](javascript:alert(1))\n"], expected: """
            src/index.md:3:1: error: unsafe link: 'javascript:' URLs are not allowed in a page
                [x](javascript:alert(1))
                ^~~~~~~~~~~~~~~~~~~~~~~~
            note: link to a page, a file of the site, or an http(s) address
            """),
        DiagnosticRow(name: "link outside the sources", files: ["index.md": "# T\n\n[x](../secret.txt)\n"], expected: """
            src/index.md:3:1: error: link '../secret.txt' points outside the source folder
                [x](../secret.txt)
                ^~~~~~~~~~~~~~~~~~
            """),
        DiagnosticRow(name: "broken page link", files: ["index.md": "# T\n\n[x](tow.md)\n", "two.md": "# Two\n"], expected: """
            src/index.md:3:1: error: broken link: page 'tow.md' does not exist
                [x](tow.md)
                ^~~~~~~~~~~
            note: did you mean 'two.md'?
            """),
        DiagnosticRow(name: "broken file link", files: ["index.md": "# T\n\n[x](data.csv)\n"], expected: """
            src/index.md:3:1: error: broken link: 'data.csv' does not exist in src
                [x](data.csv)
                ^~~~~~~~~~~~~
            """),
        DiagnosticRow(name: "broken anchor", files: ["index.md": "# T\n\n## Setup\n\n[x](#set-up)\n"], expected: """
            src/index.md:5:1: error: broken link: no heading or figure with id 'set-up' on this page
                [x](#set-up)
                ^~~~~~~~~~~~
            note: did you mean 'setup'?
            """),
        DiagnosticRow(name: "unsafe image", files: ["index.md": "# T\n\n![x](data:text/html,hi)\n"], expected: """
            src/index.md:3:1: error: unsafe image: 'data:' URLs are not allowed in a page
                ![x](data:text/html,hi)
                ^~~~~~~~~~~~~~~~~~~~~~~
            note: use an image file of the site or an http(s) address
            """),
        DiagnosticRow(name: "missing image", files: ["index.md": "# T\n\n![x](figs/a.svg)\n", "figs/b.svg": "<svg/>"], expected: """
            src/index.md:3:1: error: missing image: 'figs/a.svg' does not exist in src
                ![x](figs/a.svg)
                ^~~~~~~~~~~~~~~~
            note: did you mean 'figs/b.svg'?
            """),
        // Bounded output: 20 diagnostics per file, then one line for the rest.
        DiagnosticRow(name: "more than 20 errors in a file", files: ["index.md": "# T\n\n" + (1...22).map { "[l](m\($0).md)" }.joined(separator: "\n") + "\n"],
                      expected: (1...20).map { n in
                          let link = "[l](m\(n).md)"
                          return "src/index.md:\(n + 2):1: error: broken link: page 'm\(n).md' does not exist\n    \(link)\n    ^" + String(repeating: "~", count: link.count - 1)
                      }.joined(separator: "\n") + "\nsrc/index.md: note: and 2 more errors in this file (not shown)"),
        DiagnosticRow(name: "page and asset with one output path", files: ["index.md": "# T\n\n[a](a.html)\n", "a.md": "# A\n", "a.html": "x"],
                      expected: "src/a.md: error: two sources make the output file 'a.html': asset src/a.html and page src/a.md; rename one"),

        // MARK: 6 write: the output folder
        DiagnosticRow(name: "output is a file", files: ["index.md": "# T\n"], prepare: { try Data("x".utf8).write(to: $0.output) },
                      expected: "site: error: output 'site' is a file, not a folder; refusing to replace it"),
        DiagnosticRow(name: "output not made by build-docs", files: ["index.md": "# T\n"], prepare: {
            try mkdir($0.output)
            try Data("x".utf8).write(to: $0.output.appendingPathComponent("thesis.tex"))
        }, expected: """
            site: error: output folder 'site' is not empty and was not made by build-docs (it has no .build-docs file); refusing to overwrite it
            note: choose another folder with --output, or empty this one
            """),
        DiagnosticRow(name: "output is a symbolic link", files: ["index.md": "# T\n"], prepare: {
            try mkdir($0.root.appendingPathComponent("elsewhere"))
            try FileManager.default.createSymbolicLink(atPath: $0.output.path, withDestinationPath: "elsewhere")
        }, expected: "site: error: output 'site' is a symbolic link; name the folder it points to with --output"),
        DiagnosticRow(name: "foreign folder where the new site goes", files: ["index.md": "# T\n"], prepare: {
            try mkdir($0.root.appendingPathComponent(".site.build-docs-new"))
            try Data("x".utf8).write(to: $0.root.appendingPathComponent(".site.build-docs-new/mine.txt"))
        }, expected: "site: error: '.site.build-docs-new' beside the output folder was not made by build-docs; move it away"),
        DiagnosticRow(name: "output inside the sources", files: ["index.md": "# T\n"], prepare: {
            try FileManager.default.createSymbolicLink(atPath: $0.output.path, withDestinationPath: "src/out")
        }, expected: "site: error: the output folder 'site' and the source folder 'src' overlap: the output folder is inside the source folder; choose separate folders"),
    ]

    /// The authoring settings of site.yml (math-macros, numbering, stylesheet, parts) and image figures.
    static let authoringRows: [DiagnosticRow] = [
        DiagnosticRow(name: "math-macros on the line, without a body", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-macros: \\newcommand{\\R}\n"], expected: """
            src/site.yml:2:14: error: math macros: missing body for \\R
                math-macros: \\newcommand{\\R}
                             ^
            note: usage: \\newcommand{\\name}[arguments]{body}
            """),
        DiagnosticRow(name: "math-macros block, not a definition", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-macros: |\n  \\newcommand{\\R}{\\mathbb{R}}\n  \\R\n"], expected: """
            src/site.yml:4:3: error: math macros: expected a definition such as \\newcommand{\\name}{body} or \\def\\name{body}, not \\R
                  \\R
                  ^
            note: a macros file holds only \\newcommand, \\renewcommand, \\providecommand and \\def definitions
            """),
        DiagnosticRow(name: "math-macros empty", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-macros: |\nfooter: F\n"], expected: """
            src/site.yml:2:1: error: 'math-macros' is empty: write \\newcommand definitions on its line or on the indented lines after 'math-macros: |', or the path of a .tex file of them
                math-macros: |
                ^
            """),
        DiagnosticRow(name: "math-macros file missing", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-macros: tex/macros.tex\n"], expected: """
            src/site.yml:2:14: error: math macros file 'tex/macros.tex' not found in src
                math-macros: tex/macros.tex
                             ^~~~~~~~~~~~~~
            """),
        DiagnosticRow(name: "math-macros not a .tex file", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-macros: macros.txt\n"], expected: """
            src/site.yml:2:14: error: math macros 'macros.txt' is not a .tex file (expected .tex, .sty)
                math-macros: macros.txt
                             ^~~~~~~~~~
            note: write the definitions themselves (starting with \\newcommand), or name a .tex file of them
            """),
        DiagnosticRow(name: "math-macros file with a mistake", files: ["index.md": "# T\n", "site.yml": "title: T\nmath-macros: macros.tex\n",
                                                                        "macros.tex": "% shared\n\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\R}{x}\n"], expected: """
            src/macros.tex:3:13: error: math macros: \\R is already defined
                \\newcommand{\\R}{x}
                            ^
            note: use \\renewcommand to redefine it
            """),
        DiagnosticRow(name: "math-macros body wrong where used", files: ["index.md": "# T\n\nLet $x = \\Var(y)$ and $\\Var(z)$.\n",
                                                                         "site.yml": "title: T\nmath-macros: |\n  \\newcommand{\\Var}{\\operatornam{Var}}\n"], expected: """
            src/site.yml:3:21: error: math macros: unknown command \\operatornam
                  \\newcommand{\\Var}{\\operatornam{Var}}
                                    ^
            note: did you mean \\operatorname?
            src/index.md:3:6: note: in the formula here
                Let $x = \\Var(y)$ and $\\Var(z)$.
                     ^
            """),
        DiagnosticRow(name: "undefined command names math-macros", files: ["index.md": "# T\n\n$x \\in \\R$\n"], expected: """
            src/index.md:3:8: error: math: unknown command \\R
                $x \\in \\R$
                       ^
            note: write \\mathbb{R}, or define \\R for every formula in math-macros in site.yml
            """),
        DiagnosticRow(name: "numbering not page or chapter", files: ["index.md": "# T\n", "site.yml": "title: T\nchapter-numbers: true\nnumbering: section\n"], expected: """
            src/site.yml:3:12: error: 'numbering' is 'page' (1, 2, … on each page) or 'chapter' (3.1, 3.2, …), not 'section'
                numbering: section
                           ^~~~~~~
            """),
        DiagnosticRow(name: "numbering by chapter without chapter numbers", files: ["index.md": "# T\n", "site.yml": "title: T\nnumbering: chapter\n"], expected: """
            src/site.yml:2:1: error: 'numbering: chapter' needs 'chapter-numbers: true': figures are numbered by the chapter numbers the navigation shows
                numbering: chapter
                ^
            """),
        DiagnosticRow(name: "stylesheet missing", files: ["index.md": "# T\n", "site.yml": "title: T\nstylesheet: custom.css\n"], expected: """
            src/site.yml:2:13: error: stylesheet 'custom.css' not found in src
                stylesheet: custom.css
                            ^~~~~~~~~~
            """),
        DiagnosticRow(name: "stylesheet not CSS", files: ["index.md": "# T\n", "site.yml": "title: T\nstylesheet: custom.scss\n", "custom.scss": ""], expected: """
            src/site.yml:2:13: error: stylesheet 'custom.scss' is not a .css file (expected .css)
                stylesheet: custom.scss
                            ^~~~~~~~~~~
            """),
        DiagnosticRow(name: "parts without lines", files: ["index.md": "# T\n", "site.yml": "title: T\nparts: Basics\n"], expected: """
            src/site.yml:2:8: error: 'parts' lists the navigation's parts on the indented lines after it, one 'Title: page, page' each
                parts: Basics
                       ^
            """),
        DiagnosticRow(name: "part line without pages", files: ["index.md": "# T\n", "a.md": "# A\n", "site.yml": "title: T\nparts:\n  Basics\n"], expected: """
            src/site.yml:3:3: error: expected 'Title: page, page' (the part's title, then its pages)
                  Basics
                  ^
            """),
        DiagnosticRow(name: "part lists a missing page", files: ["index.md": "# T\n", "01-a.md": "# A\n", "site.yml": "title: T\nparts:\n  Basics: 01-b\n"], expected: """
            src/site.yml:3:3: error: part 'Basics' lists the page '01-b', which does not exist
                  Basics: 01-b
                  ^
            note: did you mean '01-a'?
            """),
        DiagnosticRow(name: "page in two parts", files: ["index.md": "# T\n", "a.md": "# A\n", "b.md": "# B\n",
                                                         "site.yml": "title: T\nparts:\n  One: a\n  Two: a.md, b\n"], expected: """
            src/site.yml:4:3: error: page 'a' is in two parts: 'One' and 'Two'
                  Two: a.md, b
                  ^
            """),
        DiagnosticRow(name: "part pages not consecutive", files: ["index.md": "# T\n", "a.md": "# A\n", "b.md": "# B\n", "c.md": "# C\n",
                                                                  "site.yml": "title: T\nparts:\n  Ends: a, c\n"], expected: """
            src/site.yml:3:3: error: part 'Ends' must list pages that follow one another in reading order (a, c)
                  Ends: a, c
                  ^
            note: list them in reading order, or set their 'order:' in front matter so they follow one another
            """),
        DiagnosticRow(name: "image figure id used twice", files: ["index.md": "# T\n\n![A](a/plot.svg \"One\")\n\n![B](b/plot.svg \"Two\")\n",
                                                                  "a/plot.svg": "<svg/>", "b/plot.svg": "<svg/>"], expected: """
            src/index.md:5:1: error: figure id 'fig-plot' is already used on this page
                ![B](b/plot.svg "Two")
                ^
            note: an image figure's id is 'fig-' and its file name: give the image a file name of its own
            """),
    ]

    @Test(arguments: rows + authoringRows)
    func exactText(_ row: DiagnosticRow) throws {
        let site = try TestSite(row.files)
        defer { site.remove() }
        try row.prepare(site)
        let report = site.build()
        let printed = DiagnosticFormatter.limited(report.diagnostics)
            .map { DiagnosticFormatter.format($0, style: .text, sources: report.source(of:)) }
            .joined(separator: "\n").replacingOccurrences(of: site.root.path + "/", with: "")
        #expect(printed == row.expected, "new text of '\(row.name)':\n\(printed)")
        // Errors fail the build; warnings alone do not.
        #expect(report.succeeded == !row.expected.contains(": error: "))
    }

    /// An image figure without alt text builds, with a warning at the image.
    @Test func imageFigureWithoutAltText() throws {
        let site = try TestSite(["index.md": "# T\n\n![](plot.svg \"The loss\")\n", "plot.svg": "<svg/>"])
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        #expect(site.printed(report) == """
            src/index.md:3:1: warning: image figure without alt text: readers who cannot see the image hear nothing
                ![](plot.svg "The loss")
                ^
            note: describe the image between the brackets: ![what it shows](…)
            """)
    }

    /// The rows' names are unique, so a failure names one row.
    @Test func rowsAreDistinct() {
        let rows = Self.rows + Self.authoringRows
        #expect(Set(rows.map(\.name)).count == rows.count)
    }
}
