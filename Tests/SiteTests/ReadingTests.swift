// Reading source files: a UTF-8 byte-order mark at the start of a page or of site.yml is not text, and site.yml
// is read in linear time however many mistakes it has (growth from n to 4n in this thread's CPU time: about 4×
// when linear, 16× when quadratic; never a fixed number of seconds).
import Foundation
import Testing
@testable import Site

@Suite struct ReadingTests {
    static let bom = Data([0xEF, 0xBB, 0xBF])

    @Test func byteOrderMarkBeforeFrontMatterAndSiteConfiguration() throws {
        let site = try TestSite(["index.md": "# Home\n"])
        defer { site.remove() }
        try site.write("site.yml", Self.bom + Data("title: Marked site\n".utf8))
        try site.write("02-page.md", Self.bom + Data("---\ntitle: Front matter title\n---\n# Heading\n".utf8))
        let report = site.build()
        #expect(report.succeeded, "\(site.printed(report))")
        let page = site.page("02-page.html")
        #expect(page.contains("<title>Front matter title"))
        #expect(page.contains("Marked site"))
        #expect(page.contains("<h1"))
        #expect(!page.contains("\u{FEFF}"))
    }

    @Test func byteOrderMarkBeforeAHeading() throws {
        let site = try TestSite(["index.md": "# Home\n"])
        defer { site.remove() }
        try site.write("02-page.md", Self.bom + Data("# Heading\n".utf8))
        let report = site.build()
        #expect(report.succeeded, "\(site.printed(report))")
        #expect(site.page("02-page.html").contains("Heading</h1>"))
    }

    @Test func positionsAfterAByteOrderMarkAreThoseAnEditorShows() throws {
        let site = try TestSite(["index.md": "# Home\n"])
        defer { site.remove() }
        try site.write("02-latin1.md", Self.bom + Data([0x23, 0x20, 0x54, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]))
        let report = site.build()
        #expect(site.printed(report) == "src/02-latin1.md:2:4: error: file is not valid UTF-8 (byte 0xE9); save it as UTF-8")
    }

    @Test func manyUnknownKeysInSiteConfigurationAreReadInLinearTime() {
        func best(_ n: Int) -> Double {
            let text = "title: T\n" + (0..<n).map { "key\($0): value\n" }.joined()
            return fastestCPUTime { _ = SiteConfiguration.parse(text, path: "site.yml") }
        }
        _ = best(1000)
        let ratio = best(40_000) / best(10_000)
        #expect(ratio < 8, "time grew \(ratio)× from n to 4n")
    }
}

extension ReadingTests {
    /// Found by `scripts/fuzz config`: a form feed split the line count (`isNewline`), so the error pointed past
    /// the end of the file.
    @Test func siteConfigurationLinesEndOnlyAtLineBreaks() {
        let (_, diagnostics) = SiteConfiguration.parse("title: A\u{0C}B\nbad\u{2028}key: x\n", path: "site.yml")
        #expect(diagnostics.map(\.description) == ["site.yml:2:1: error: unknown key 'bad\u{2028}key' in site configuration (known keys: title, description, author, language, footer, math-font, editions, chapter-numbers, strict-figures, math-macros, numbering, stylesheet, parts)"])
    }
}
