// `.gfm` (what `build-docs markdown --strict` writes) against the installed cmark-gfm on every spec input:
// the outputs must be identical except where that binary is older than the spec (Debian's 0.29.0.gfm.6,
// see ../shared/docs/FIELD-NOTES.md); each such example is listed here with the rule the binary predates.
import Foundation
import Testing
@testable import Markdown

@Suite struct CmarkGFMComparisonTests {
    static let executable = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first(where: FileManager.default.isExecutableFile)

    /// Examples where Debian's cmark-gfm 0.29.0.gfm.6 is outdated, and why (the expected output is the spec's).
    static let outdatedInBinary: [String: String] = [
        "commonmark 28": "0.30: numeric character references have at most 7 digits (`&#87654321;` is text)",
        "commonmark 171": "0.30: `<textarea>` starts an HTML block of condition 1",
        "commonmark 354": "0.31: Unicode symbols such as `£` count as punctuation for emphasis",
        "commonmark 625": "0.31: `<!-->` is a complete HTML comment",
        "commonmark 626": "0.31: `<!--->` is a complete HTML comment",
        "gfm 23": "gfm.13 footnote back-links: `data-footnote-backref-idx`, `aria-label=\"Back to reference 1\"`",
        "gfm 24": "gfm.13 footnote back-links",
        "gfm 25": "gfm.13 footnote back-links",
    ]

    @Test(.enabled(if: executable != nil, "cmark-gfm is not installed"))
    func sameOutputAsCmarkGFMExceptWhereItIsOutdated() throws {
        var differing: [String] = []
        let examples = SpecFixtures.commonMark.map { ("commonmark", $0) } + SpecFixtures.gfm.map { ("gfm", $0) }
        for (suite, example) in examples {
            let ours = html(example.markdown, .gfm)
            let theirs = try cmarkGFM(example.markdown)
            if ours != theirs { differing.append("\(suite) \(example.example)") }
        }
        let unexplained = differing.filter { Self.outdatedInBinary[$0] == nil }
        #expect(unexplained.isEmpty, "differ from cmark-gfm: \(unexplained)")
        #expect(examples.count == 706)
    }

    /// `cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tagfilter -e tasklist -e footnotes`
    /// (`--unsafe`: the spec examples expect raw HTML to pass through).
    func cmarkGFM(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = ["--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter",
                             "-e", "tasklist", "-e", "footnotes"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
