// End-to-end runs of the built `build-docs` binary: exit codes, stderr and stdout, for the default command
// (build, --check, options, help) on small sites in temporary folders.
import Foundation
import Testing

/// The `build-docs` executable next to the test bundle (SwiftPM builds every product before testing).
let binary: URL = {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL]
    candidates += candidates.map { $0.deletingLastPathComponent() }
    for folder in candidates {
        let url = folder.appendingPathComponent("build-docs")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/build-docs")
}()

struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs build-docs with `arguments` in `folder`.
func run(_ arguments: [String], in folder: URL) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a full pipe can never block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
               stderr: String(decoding: stderr, as: UTF8.self))
}

/// A temporary working folder with `docs-src/` made of `files`.
func workspace(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("build-docs-cli-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent("docs-src").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

@Suite struct BuildDocsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func helpMatchesTheReviewedText() throws {
        let result = try run(["--help"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("help.txt"), encoding: .utf8)
        #expect(result.stdout == expected, "if the help changed on purpose, review it and update Tests/BuildDocsTests/Fixtures/help.txt")
    }

    @Test func version() throws {
        let result = try run(["--version"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("build-docs "))
    }

    @Test(arguments: [
        (["--jbos", "2"], "build-docs: error: unknown option '--jbos' (did you mean '--jobs'?)"),
        (["--jobs", "zero"], "build-docs: error: --jobs needs a whole number from 1 to 1024, not 'zero'"),
        (["--jobs", "0"], "build-docs: error: --jobs needs a whole number from 1 to 1024, not '0'"),
        (["--output"], "build-docs: error: option '--output' needs a value (--output DIR)"),
        (["--quiet=yes"], "build-docs: error: option '--quiet' takes no value"),
        (["mathh"], "build-docs: error: unexpected argument 'mathh' (did you mean the subcommand 'math'?)"),
        (["--quiet", "math", "x"], "build-docs: error: unexpected argument 'math' (a subcommand comes before the options: build-docs math …)"),
    ])
    func badInvocations(arguments: [String], message: String) throws {
        let result = try run(arguments, in: FileManager.default.temporaryDirectory)
        #expect(result.status == 64)
        #expect(result.stderr == message + "\nusage: build-docs [options]\nSee 'build-docs --help'.\n")
        #expect(result.stdout == "")
    }

    /// Every subcommand reads its arguments the same way: `--help` prints its usage on standard output (status 0);
    /// a bad invocation prints `build-docs NAME: problem`, a blank line and the usage on standard error (status 64).
    @Test(arguments: [
        (["new", "a", "b"], "give one folder"),
        (["new"], "give the folder to write the course into, as in: build-docs new my-course"),
        (["math", "--dispaly", "x"], "unknown option '--dispaly' (did you mean '--display'?)"),
        (["math", "x", "y"], "give one formula (quote it)"),
        (["serve", "here"], "serve takes no arguments"),
        (["serve", "--port", "x"], "--port needs a number from 0 to 65535, not 'x'"),
        (["serve", "--jobs", "0"], "--jobs needs a whole number from 1 to 1024, not '0'"),
        (["serve", "--open=yes"], "option '--open' takes no value"),
        (["markdown", "--strict", "--commonmark"], "give at most one file and one mode"),
        (["markdown", "a.md", "b.md"], "give at most one file and one mode"),
        (["experiment", "--root"], "option '--root' needs a value (--root DIR)"),
        (["experiment", "a", "b"], "one FILE at most"),
    ])
    func badSubcommandInvocations(arguments: [String], message: String) throws {
        let folder = FileManager.default.temporaryDirectory
        let help = try run([arguments[0], "--help"], in: folder)
        #expect(help.status == 0)
        #expect(help.stderr == "")
        #expect(help.stdout.hasPrefix("usage: build-docs \(arguments[0]) "))
        let result = try run(arguments, in: folder)
        #expect(result.status == 64)
        #expect(result.stderr == "build-docs \(arguments[0]): \(message)\n\n" + help.stdout)
        #expect(result.stdout == "")
    }

    @Test func buildsCheckAndRebuild() throws {
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": "# Home\n\nSee [two](two.md).\n", "two.md": "# Two\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try run([], in: root)
        #expect(build.status == 0)
        #expect(build.stderr.hasPrefix("build-docs: built 2 pages in "))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/two.html").path))
        let quiet = try run(["--quiet", "--check"], in: root)
        #expect(quiet.status == 0 && quiet.stderr == "")
        // Change a source: --check fails and names the page.
        try Data("# Two\n\nNew text.\n".utf8).write(to: root.appendingPathComponent("docs-src/two.md"))
        let check = try run(["--check"], in: root)
        #expect(check.status == 1)
        #expect(check.stderr == "build-docs: 'site' differs from what the sources build (run `swift run build-docs`):\n  print.html\n  two.html\n")
    }

    @Test func errorsArePrintedWithSourceLineAndCaret() throws {
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": "# Home\n\nSee [two](tow.md) and ![x](x.png).\n", "two.md": "# Two\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--output", "out"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            docs-src/index.md:3:5: error: broken link: page 'tow.md' does not exist
                See [two](tow.md) and ![x](x.png).
                    ^~~~~~~~~~~~~
            note: did you mean 'two.md'?
            docs-src/index.md:3:23: error: missing image: 'x.png' does not exist in docs-src
                See [two](tow.md) and ![x](x.png).
                                      ^~~~~~~~~~~
            build-docs: 2 errors; 'out' was not changed

            """)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }

    /// The "Try it" line under a figure names the page and the experiment: `experiment PAGE.md#NAME` runs exactly
    /// that directive, and a directive's errors point into the page.
    /// A page's `plot` reads its CSV from the page's source folder; an error inside the CSV shows the CSV's line and
    /// notes the directive.
    @Test func experimentPlotFromAPage() throws {
        let page = "# P\n\n```experiment plot\nname: p\ndata: data/r.csv\nx: epoch\ny: loss\n```\n"
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": page, "data/r.csv": "epoch,loss\n1,0.5\n2,0.25\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let good = try run(["experiment", "--no-svg", "docs-src/index.md#p"], in: root)
        #expect(good.status == 0 && good.stderr == "")
        #expect(good.stdout.contains("\"column[loss].mean\" : 0.375"))
        try Data("epoch,loss\n1,0.5\n2,abc\n".utf8).write(to: root.appendingPathComponent("docs-src/data/r.csv"))
        let bad = try run(["experiment", "--no-svg", "docs-src/index.md#p"], in: root)
        #expect(bad.status == 1)
        #expect(bad.stderr == """
            docs-src/data/r.csv:3:3: error: 'abc' in column 'loss' is not a number
                2,abc
                  ^
            docs-src/index.md:5:7: note: read by this plot
                data: data/r.csv
                      ^

            """)
    }

    @Test func experimentFromAPage() throws {
        let page = "# P\n\n```experiment weights\nname: w\ninit: he-normal\nfan-in: 16\nfan-out: 16\n```\n\n"
            + "```experiment weights\nname: bad\ninit: he-normall\n```\n"
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": page])
        defer { try? FileManager.default.removeItem(at: root) }
        let named = try run(["experiment", "--no-svg", "docs-src/index.md#w"], in: root)
        #expect(named.status == 0)
        #expect(named.stdout.contains("\"name\" : \"w\""))
        #expect(named.stdout.contains("\"weights.analytic_variance\" : 0.125"))
        let second = try run(["experiment", "--no-svg", "docs-src/index.md#1"], in: root)
        #expect(second.stdout == named.stdout)
        let bad = try run(["experiment", "docs-src/index.md#bad"], in: root)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("docs-src/index.md:12:7: error: "))
        let missing = try run(["experiment", "docs-src/index.md#nothing"], in: root)
        #expect(missing.status == 1)
        #expect(missing.stderr == "docs-src/index.md:1:1: error: no experiment named 'nothing' in this page\n")
    }

    @Test func progressLinesWhenNotATerminal() throws {
        let directive = "```experiment weights\nname: w\ninit: he-normal\nfan-in: 16\nfan-out: 16\n```\n"
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": "# Home\n\n" + directive])
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try run(["--source", "docs-src/", "--jobs", "1"], in: root)
        #expect(first.status == 0)
        let lines = first.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("[1/1] weights w  docs-src/index.md:3  ") == true)
        #expect(lines.first?.hasSuffix("s") == true)
        #expect(lines.last?.hasSuffix(": 1 experiment run, 0 reused") == true)
        let second = try run([], in: root)
        #expect(second.stderr.hasPrefix("[1/1] weights w  docs-src/index.md:3  cached\nbuild-docs: built 1 page in "))
        #expect(second.stderr.hasSuffix(": 0 experiments run, 1 reused\n"))
    }

    /// Two processes (each with its own random hashing seed), the second without the cache and on one job:
    /// byte-identical sites. In-process builds share a seed, so only this catches output that follows hash order.
    @Test func deterministicAcrossProcesses() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("build-docs-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let course = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SiteTests/Fixtures/course")
        try FileManager.default.copyItem(at: course, to: root.appendingPathComponent("docs-src"))
        #expect(try run(["--quiet", "--output", "a"], in: root).status == 0)
        #expect(try run(["--quiet", "--output", "b", "--no-cache", "--jobs", "1"], in: root).status == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("a").path).sorted()
        #expect(files.count > 8)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("b").path).sorted() == files)
        for file in files {
            let a = FileManager.default.contents(atPath: root.appendingPathComponent("a/" + file).path)
            let b = FileManager.default.contents(atPath: root.appendingPathComponent("b/" + file).path)
            #expect(a == b, "\(file) differs between two builds")
        }
    }

    @Test func refusesAForeignOutputFolder() throws {
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": "# Home\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("home/thesis.tex"))
        let result = try run(["--output", "home"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("home: error: output folder 'home' is not empty and was not made by build-docs"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("home").path) == ["thesis.tex"])
    }
}
