// The build as a whole on the fixture course: what it writes, determinism (twice, with and without the cache,
// with one or two jobs), atomicity (a failed build leaves the previous site untouched), the cache (unchanged
// experiments reused, changed ones rerun) and --check.
import Foundation
import Testing
@testable import Site

@Suite struct BuildTests {
    @Test func writesEveryPageAndAsset() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        let report = site.build()
        #expect(site.printed(report) == "")
        #expect(report.succeeded)
        #expect(report.pageCount == 4)
        #expect(site.outputFiles().keys.sorted() == [
            ".build-docs", "01-weights.html", "01-weights.sampled.csv", "02-derivation.html", "images/neuron.svg",
            "index.html", "notes/extra.html", "print.html", "style.css",
        ])
    }

    /// GFM's tag filter applies to the author's raw HTML (in the page and in captions), never to the HTML the
    /// generator inserts: a figure's SVG keeps its `<title>`, an author's `<script>` does not run.
    @Test func tagFilterAppliesToAuthorHTMLOnly() throws {
        let site = try TestSite([
            "index.md": """
                # T

                <script>alert(1)</script>

                ```experiment weights
                name: w
                caption: Weights <title>x</title> of one layer.
                init: he-normal
                fan-in: 10
                fan-out: 10
                ```

                """,
        ])
        defer { site.remove() }
        let report = site.build()
        #expect(site.printed(report) == "")
        let page = site.page("index.html")
        #expect(page.contains("&lt;script>alert(1)&lt;/script>"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("Weights &lt;title>x&lt;/title> of one layer."))
        #expect(page.contains("<svg") && page.contains("<title id=\"fig-w-"))
    }

    @Test func pagesLinkRelativelyAndInReadingOrder() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let index = site.page("index.html")
        // Links to pages become .html, relative to the page; the subfolder page reaches back up.
        #expect(index.contains("<a href=\"01-weights.html\">the weights chapter</a>"))
        #expect(index.contains("<a href=\"01-weights.html#exercises\">its exercises</a>"))
        #expect(index.contains("<a href=\"notes/extra.html\">notes</a>"))
        let notes = site.page("notes/extra.html")
        #expect(notes.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(notes.contains("<a href=\"../index.html\">home</a>"))
        #expect(notes.contains("<a href=\"../images/neuron.svg\">an image</a>"))
        // Navigation: index first, then by order, then the page without one; the current page marked.
        let navigation = try #require(notes.range(of: "<nav id=\"chapters\"").map { notes[$0.lowerBound...] })
        #expect(navigation.contains("""
            <li><a href="../index.html">Welcome</a></li>
            <li><a href="../01-weights.html">Sampled weights</a></li>
            <li><a href="../02-derivation.html">Where the 6 comes from</a></li>
            <li><a href="extra.html" aria-current="page">Extra notes</a></li>
            """))
        // Previous / next.
        let weights = site.page("01-weights.html")
        #expect(weights.contains("<a class=\"previous\" rel=\"prev\" href=\"index.html\"><span class=\"pager-label\">Previous</span> Welcome</a>"))
        #expect(weights.contains("<a class=\"next\" rel=\"next\" href=\"02-derivation.html\"><span class=\"pager-label\">Next</span> Where the 6 comes from</a>"))
    }

    @Test func figuresInlineValuesAndCrossReferences() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let page = site.page("01-weights.html")
        #expect(page.contains("<div class=\"experiment\">\n<figure id=\"fig-sampled\">\n<div class=\"figure-panels\" tabindex=\"0\" role=\"region\" aria-label=\"Figure 1\">\n<svg "))
        #expect(page.contains("<span class=\"figure-number\">Figure 1.</span> Weights drawn from <strong>Xavier normal</strong>"))
        #expect(page.contains("As <a href=\"#fig-sampled\">Figure 1</a> shows"))
        #expect(page.contains("<a href=\"01-weights.sampled.csv\" download>"))
        // Inline values are the run's numbers, formatted; the syntax inside a code span is left alone.
        let csv = String(decoding: try #require(site.outputFiles()["01-weights.sampled.csv"]), as: UTF8.self)
        #expect(csv.hasPrefix("run,"), "the CSV of the run is written next to the page")
        #expect(page.contains("<code>{{name.path | 3}}</code>"))
        #expect(!page.replacingOccurrences(of: "<code>{{name.path | 3}}</code>", with: "").contains("{{"))
        // The derivation page links to the other page's figure.
        #expect(site.page("02-derivation.html").contains("<a href=\"01-weights.html#fig-sampled\">first figure</a>"))
        // Math is MathML; a labelled equation is an anchor that an empty link names.
        let derivation = site.page("02-derivation.html")
        #expect(derivation.contains("The variance of <math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"inline\">"))
        #expect(derivation.contains("<div class=\"equation\" id=\"eq:var\"><div class=\"formula\" tabindex=\"0\" role=\"region\" aria-label=\"Formula\"><math"))
        #expect(derivation.contains("By <a href=\"#eq:var\">Equation 1</a>"))
        #expect(!derivation.contains("class=\"math"), "no TeX is left untypeset")
        // The table of contents follows the title.
        #expect(page.contains("<h1 id=\"sampled-weights\">Sampled weights</h1>\n<nav class=\"toc\" aria-label=\"On this page\">"))
    }

    @Test func deterministicWithAndWithoutCacheAndJobs() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        let first = site.root.appendingPathComponent("first"), second = site.root.appendingPathComponent("second")
        let third = site.root.appendingPathComponent("third")
        let cold = site.build(jobs: 2, output: first)
        #expect(cold.experimentsRun == 2 && cold.experimentsReused == 0)
        let warm = site.build(jobs: 1, output: second)
        #expect(warm.experimentsRun == 0 && warm.experimentsReused == 2)
        _ = site.build(cache: false, jobs: 1, output: third)
        let a = site.outputFiles(first), b = site.outputFiles(second), c = site.outputFiles(third)
        #expect(!a.isEmpty)
        #expect(a == b, "the cache changes nothing")
        #expect(a == c, "a build without the cache, on one job, is byte-identical")
    }

    /// Two identical unnamed directives on a page share a cache entry; the figures are drawn from the cached numbers
    /// with ids from each directive's own place, so a warm build equals a cold one and no id repeats (the cache used to
    /// hold SVG whose ids came from the first directive's position).
    @Test func identicalUnnamedDirectivesHaveDistinctIdsWarmOrCold() throws {
        let directive = "```experiment weights\ninit: he-normal\nfan-in: 20\nfan-out: 20\nbins: 10\n```\n"
        let site = try TestSite(["index.md": "# Twins\n\n" + directive + "\nAgain:\n\n" + directive])
        defer { site.remove() }
        let cold = site.root.appendingPathComponent("cold"), warm = site.root.appendingPathComponent("warm")
        let first = site.build(output: cold)
        #expect(first.succeeded)
        let second = site.build(output: warm)
        #expect(second.experimentsRun == 0)
        #expect(site.outputFiles(cold) == site.outputFiles(warm), "a warm build equals a cold one")
        let page = String(decoding: try #require(site.outputFiles(warm)["index.html"]), as: UTF8.self)
        var ids: [String] = []
        var rest = Substring(page)
        while let r = rest.range(of: " id=\"") {
            let tail = rest[r.upperBound...]
            let end = try #require(tail.firstIndex(of: "\""))
            ids.append(String(tail[..<end]))
            rest = tail[end...]
        }
        #expect(ids.count > 5)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
    }

    @Test func changedExperimentRerunsAndUnusedEntriesArePruned() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        #expect(site.build().experimentsRun == 2)
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.cache.path).filter(ResultCache.isEntryName).sorted()
        #expect(entries.count == 2)
        // Change one parameter of one experiment: only that one runs again.
        let path = site.source.appendingPathComponent("01-weights.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "seed: 7", with: "seed: 8").write(to: path, atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(report.experimentsRun == 1 && report.experimentsReused == 1)
        let after = try FileManager.default.contentsOfDirectory(atPath: site.cache.path).filter(ResultCache.isEntryName).sorted()
        #expect(after.count == 2 && Set(after).intersection(entries).count == 1, "the stale entry is deleted")
    }

    /// A cache folder that is a symbolic link is refused: the prune would delete entry-named files wherever it points.
    @Test func cacheFolderThatIsASymbolicLinkIsRefused() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let victim = elsewhere.appendingPathComponent(String(repeating: "a", count: 64) + ".json")
        try Data("precious".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: site.cache, withDestinationURL: elsewhere)
        let report = site.build()
        #expect(!report.succeeded)
        #expect(site.printed(report).contains("error: the cache folder is a symbolic link"))
        #expect(FileManager.default.fileExists(atPath: victim.path), "nothing outside the cache is deleted")
        // A file where the folder should be is refused too; a real folder works and its prune spares non-entries.
        try FileManager.default.removeItem(at: site.cache)
        try Data().write(to: site.cache)
        #expect(site.printed(site.build()).contains("error: the cache folder is not a folder"))
        try FileManager.default.removeItem(at: site.cache)
        try FileManager.default.createDirectory(at: site.cache, withIntermediateDirectories: true)
        let notes = site.cache.appendingPathComponent(String(repeating: "A", count: 64) + ".json")
        try Data().write(to: notes)
        #expect(site.build().succeeded)
        #expect(FileManager.default.fileExists(atPath: notes.path))
    }

    @Test func cacheKeyCoversDataFilesAndEngine() {
        let base = ResultCache.key(kind: "train", normalizedText: "seed: 1\n", engineVersion: "e1", dataFiles: [("d/a", [1, 2, 3])])
        #expect(base == ResultCache.key(kind: "train", normalizedText: "seed: 1\n", engineVersion: "e1", dataFiles: [("d/a", [1, 2, 3])]))
        #expect(base != ResultCache.key(kind: "train", normalizedText: "seed: 1\n", engineVersion: "e1", dataFiles: [("d/a", [1, 2, 4])]))
        #expect(base != ResultCache.key(kind: "train", normalizedText: "seed: 1\n", engineVersion: "e2", dataFiles: [("d/a", [1, 2, 3])]))
        #expect(base != ResultCache.key(kind: "train", normalizedText: "seed: 2\n", engineVersion: "e1", dataFiles: [("d/a", [1, 2, 3])]))
        #expect(base != ResultCache.key(kind: "train", normalizedText: "seed: 1\n", engineVersion: "e1", dataFiles: [("d/b", [1, 2, 3])]))
        // Field boundaries are part of the key: moving a byte from one field to the next changes it.
        #expect(ResultCache.key(kind: "ab", normalizedText: "c", engineVersion: "e", dataFiles: [])
                != ResultCache.key(kind: "a", normalizedText: "bc", engineVersion: "e", dataFiles: []))
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let before = site.outputFiles()
        // Break one page: a failed expectation.
        let path = site.source.appendingPathComponent("01-weights.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "variance_ratio ≈ 1 ± 0.1", with: "variance_ratio > 2").write(to: path, atomically: true, encoding: .utf8)
        try "# New page\n".write(to: site.source.appendingPathComponent("03-new.md"), atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(!report.succeeded)
        #expect(site.printed(report).contains("error: expectation failed: xavier-normal.weights.variance_ratio = "))
        #expect(site.outputFiles() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == ["cache", "site", "src"],
                "no temporary folder is left behind")
    }

    @Test func checkListsDifferences() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let clean = site.build(check: true)
        #expect(clean.succeeded && clean.differences.isEmpty)
        try "tampered".write(to: site.output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("style.css"))
        try "old".write(to: site.output.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)
        try "# Extra notes\n\nChanged.\n".write(to: site.source.appendingPathComponent("notes/extra.md"), atomically: true, encoding: .utf8)
        let report = site.build(check: true)
        #expect(report.differences == ["index.html", "notes/extra.html", "print.html", "stale.html (not in the build)", "style.css (missing)"])
        #expect(!report.succeeded)
        #expect(site.page("index.html") == "tampered", "--check never writes")
    }
}
