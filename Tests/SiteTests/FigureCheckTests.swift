// The figure check in the build: what keeps a reader from seeing a figure's result is reported at the directive,
// as a warning, or as an error with --strict-figures or `strict-figures: true`; a figure without findings is silent,
// and figures are written for desktop and phone.
import Diagnostics
import Foundation
import Testing
@testable import Site

@Suite struct FigureCheckTests {
    /// A collapsing tanh run forced onto one shared −1…1 range: its deep layers are spikes in one bin.
    static let squeezed = "# Spikes\n\n```experiment activations\ninit: normal(0.01)\nlayers: 3\nwidth: 32\nsamples: 100\nrange: -1..1\n```\n"

    @Test func findingsAreWarningsAtTheDirective() throws {
        let site = try TestSite(["index.md": Self.squeezed])
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        let warnings = report.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("figure check: ") }
        #expect(!warnings.isEmpty)
        #expect(warnings.allSatisfy { $0.location.line == 3 && $0.location.column == 15 && $0.message.hasSuffix("[crowded-bins]") })
        #expect(warnings.contains { $0.message.contains("panel normal(0.01), layer 3") || $0.message.contains("layer 3:") })
        // Both layouts are on the page, and the stylesheet shows one of them.
        let page = site.page("index.html")
        #expect(page.contains("<svg class=\"chart-wide\"") && page.contains("<svg class=\"chart-narrow\""))
        #expect(site.page("style.css").contains(".figure-panels svg.chart-narrow { display: none; }"))
    }

    @Test func strictFiguresMakesThemErrors() throws {
        for configuration in ["title: T\nstrict-figures: true\n", "title: T\n"] {
            let site = try TestSite(["index.md": Self.squeezed, "site.yml": configuration])
            defer { site.remove() }
            var options = BuildOptions()
            options.source = site.source.path
            options.output = site.output.path
            options.cacheFolder = site.cache.path
            options.strictFigures = !configuration.contains("strict")
            let report = Site.build(options)
            #expect(!report.succeeded)
            #expect(report.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("figure check: ") })
            #expect(!FileManager.default.fileExists(atPath: site.output.path), "a failed build writes no site")
        }
    }

    @Test func theDefaultPolicyLeavesNothingToReport() throws {
        let site = try TestSite(["index.md": Self.squeezed.replacingOccurrences(of: "range: -1..1\n", with: "")])
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        #expect(!report.diagnostics.contains { $0.message.hasPrefix("figure check: ") }, "\(report.diagnostics)")
    }

    @Test func strictFiguresIsTrueOrFalse() {
        let (configuration, diagnostics) = SiteConfiguration.parse("title: T\nstrict-figures: yes\n", path: "s.yml")
        #expect(configuration == nil)
        #expect(diagnostics.map(\.description) == ["s.yml:2:1: error: 'strict-figures' is true or false, not 'yes'"])
        #expect(SiteConfiguration.parse("title: T\nstrict-figures: true\n", path: "s.yml").0?.strictFigures == true)
    }
}
