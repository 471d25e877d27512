// Fix-its (`--diagnostics json`): where a "did you mean" names the one right spelling, the edit that writes it, as the
// range of the misspelt text and its replacement. Each row builds a site and applies every fix-it to the page: the
// result must be the page as it should have been written.
import Diagnostics
import Foundation
import Testing
@testable import Site

@Suite struct FixItTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let page: String
        /// The page after its fix-its.
        let fixed: String
        var testDescription: String { name }
    }

    static let weights = "```experiment weights\nname: wide\ninit: xavier-normal\n```\n"

    static let rows: [Row] = [
        Row(name: "directive key", page: "# T\n\n```experiment weights\nfan_in: 3\n```\n", fixed: "# T\n\n```experiment weights\nfan-in: 3\n```\n"),
        Row(name: "directive value in a list", page: "# T\n\n```experiment activations\nactivation: tanh, rleu\n```\n",
            fixed: "# T\n\n```experiment activations\nactivation: tanh, relu\n```\n"),
        Row(name: "initializer name before its argument", page: "# T\n\n```experiment weights\ninit: he_normal(fan_out)\n```\n",
            fixed: "# T\n\n```experiment weights\ninit: he-normal(fan_out)\n```\n"),
        Row(name: "directive kind", page: "# T\n\n```experiment weigths\n```\n", fixed: "# T\n\n```experiment weights\n```\n"),
        Row(name: "front matter key", page: "---\nordre: 2\n---\n# T\n", fixed: "---\norder: 2\n---\n# T\n"),
        Row(name: "experiment name in an inline value", page: "# T\n\n" + weights + "\nIt is {{ wdie.weights.max }}.\n",
            fixed: "# T\n\n" + weights + "\nIt is {{ wide.weights.max }}.\n"),
        Row(name: "value path in an inline value", page: "# T\n\n" + weights + "\nIt is {{wide.weights.maxx | 2}}.\n",
            fixed: "# T\n\n" + weights + "\nIt is {{wide.weights.max | 2}}.\n"),
        Row(name: "alert", page: "# T\n\n> [!WARN]\n> Careful.\n", fixed: "# T\n\n> [!WARNING]\n> Careful.\n"),
        Row(name: "footnote label", page: "# T\n\nA claim[^sorce].\n\n[^source]: The source.\n",
            fixed: "# T\n\nA claim[^source].\n\n[^source]: The source.\n"),
    ]

    @Test(arguments: rows)
    func fixItsRepairThePage(_ row: Row) throws {
        let site = try TestSite(["index.md": row.page])
        defer { site.remove() }
        let report = site.build()
        let fixIts = report.diagnostics.flatMap(\.fixIts)
        #expect(!fixIts.isEmpty, "\(site.printed(report))")
        #expect(Self.apply(fixIts, to: row.page) == row.fixed)
    }

    @Test func siteConfigurationKey() throws {
        let site = try TestSite(["index.md": "# T\n", "site.yml": "title: T\nauthr: Me\n"])
        defer { site.remove() }
        let fixIts = site.build().diagnostics.flatMap(\.fixIts)
        #expect(Self.apply(fixIts, to: "title: T\nauthr: Me\n") == "title: T\nauthor: Me\n")
    }

    /// The text with each single-line fix-it applied (from the last, so earlier columns stay valid).
    static func apply(_ fixIts: [Diagnostic.FixIt], to text: String) -> String {
        var lines = text.components(separatedBy: "\n").map { Array($0.unicodeScalars) }
        for fixIt in fixIts.sorted(by: { $0.range.start > $1.range.start }) {
            let line = fixIt.range.start.line - 1
            lines[line].replaceSubrange((fixIt.range.start.column - 1)..<(fixIt.range.end.column - 1), with: Array(fixIt.replacement.unicodeScalars))
        }
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }
}
