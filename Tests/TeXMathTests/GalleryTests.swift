// The look: every formula of CourseFormulaTests on one XHTML page. The test checks that the page, with all its
// formulas embedded, parses as XML; with TEXMATH_GALLERY=/some/page.html set it also writes the page, to open in
// a browser or screenshot (`../shared/tools/screenshot page.html OUTDIR`) after a change to the output.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TeXMath

@Suite struct GalleryTests {
    static func page() throws -> String {
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/><title>TeXMath gallery</title>
            <style>:root { color-scheme: light dark; } body { font: 20px serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
            math { font-family: "Latin Modern Math", "STIX Two Math", math; } .tex { font: 12px monospace; opacity: 0.6; }
            .item { border-bottom: 1px solid #8884; padding: 0.3rem 0; overflow-x: auto; }</style></head><body>

            """
        for (display, tex, _) in CourseFormulaTests.formulas {
            var escaped = ""
            for c in tex { escaped += c == "&" ? "&amp;" : c == "<" ? "&lt;" : String(c) }
            let math = try TeXMath.mathML(tex, display: display)
            html += "<div class=\"item\"><div class=\"tex\">\(escaped)</div>"
            html += display ? math : "<p>Inline: the text runs \(math) and continues here.</p>"
            html += "</div>\n"
        }
        return html + "</body></html>\n"
    }

    @Test func everyFormulaEmbedsInAPage() throws {
        let html = try Self.page()
        let document = try XMLDocument(xmlString: html, options: [])
        let maths = try document.nodes(forXPath: "//*[local-name()='math']")
        #expect(maths.count == CourseFormulaTests.formulas.count)
        if let path = ProcessInfo.processInfo.environment["TEXMATH_GALLERY"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
