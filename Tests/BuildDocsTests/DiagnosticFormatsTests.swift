// `--diagnostics json|github`: golden output of the built binary on a site with a range, a hint, a note and a
// whole-file problem; the text format's bound on errors per file.
import Foundation
import Testing

@Suite struct DiagnosticFormatsTests {
    /// A duplicate name (a note at the first definition) and a typo (a hint).
    static let files = [
        "site.yml": "title: CLI\n",
        "index.md": "# Home\n\n```experiment weights\nname: wide\nfan_inn: 3\n```\n\n```experiment weights\nname: wide\n```\n",
    ]

    @Test func json() throws {
        let root = try workspace(Self.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--diagnostics", "json", "--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout == #"""
            {"severity":"error","path":"docs-src/index.md","line":5,"column":1,"endLine":5,"endColumn":8,"message":"unknown key 'fan_inn' for 'weights'","hint":"did you mean 'fan-in'?","notes":[],"fixIts":[{"line":5,"column":1,"endLine":5,"endColumn":8,"replacement":"fan-in"}]}
            {"severity":"error","path":"docs-src/index.md","line":9,"column":7,"endLine":9,"endColumn":11,"message":"duplicate experiment name 'wide'","notes":[{"message":"'wide' is first defined here","path":"docs-src/index.md","line":4,"column":7}],"fixIts":[]}

            """#)
        #expect(result.stderr == "build-docs: 2 errors; 'site' was not changed\n")
    }

    @Test func github() throws {
        let root = try workspace(Self.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--diagnostics", "github", "--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout == """
            ::error file=docs-src/index.md,line=5,col=1,endColumn=8::unknown key 'fan_inn' for 'weights'%0Anote: did you mean 'fan-in'?
            ::error file=docs-src/index.md,line=9,col=7,endColumn=11::duplicate experiment name 'wide'%0Adocs-src/index.md:4:7: note: 'wide' is first defined here

            """)
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try run(["--diagnostics", "xml"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("build-docs: error: --diagnostics needs one of text, json, github, not 'xml'\n"))
    }

    /// 100 broken links in one page: 20 printed, then one line for the other 80.
    @Test func atMostTwentyErrorsPerFile() throws {
        let links = (1...100).map { "[l](missing-\($0).md)" }.joined(separator: "\n\n")
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": "# Home\n\n" + links + "\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.components(separatedBy: ": error: broken link").count - 1 == 20)
        #expect(result.stderr.hasSuffix("docs-src/index.md: note: and 80 more errors in this file (not shown)\nbuild-docs: 100 errors; 'site' was not changed\n"))
    }
}

@Suite struct WarningSummaryTests {
    /// A build that had to restore the previous site (an earlier build stopped mid-swap) warns, succeeds, and counts
    /// the warning in its summary.
    @Test func warningsArePrintedAndCounted() throws {
        let root = try workspace(["site.yml": "title: CLI\n", "index.md": "# Home\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try run([], in: root).status == 0)
        try FileManager.default.moveItem(at: root.appendingPathComponent("site"), to: root.appendingPathComponent(".site.build-docs-old"))
        let result = try run([], in: root)
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first == "site: warning: an earlier build stopped while replacing the site; the previous site was restored from '.site.build-docs-old'")
        #expect(lines.last?.hasPrefix("build-docs: built 1 page in ") == true)
        #expect(lines.last?.hasSuffix("s, 1 warning") == true)
    }
}
