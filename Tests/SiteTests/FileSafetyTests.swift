// Issue 10's file-system faults, each through the whole build: sources inside the output (through symbolic links),
// two sources for one output file, CSS injection through site.yml, odd and over-long page names, data read from
// the source folder whatever its name.
import Diagnostics
import Foundation
import Testing
@testable import Site

@Suite struct FileSafetyTests {
    /// `--source link/docs-src --output site` where `link → site`: the sources are inside the output folder. The
    /// build refuses, and the sources (and the old site) survive.
    @Test func sourcesInsideTheOutputThroughASymbolicLink() throws {
        let site = try TestSite(["index.md": "# T\n"])
        defer { site.remove() }
        #expect(site.build().succeeded)
        let inside = site.output.appendingPathComponent("docs-src")
        try FileManager.default.copyItem(at: site.source, to: inside)
        let link = site.root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: site.output.path)
        var options = BuildOptions()
        options.source = link.appendingPathComponent("docs-src").path
        options.output = site.output.path
        options.cacheFolder = site.cache.path
        let report = Site.build(options)
        #expect(site.printed(report) == "site: error: the output folder 'site' and the source folder 'link/docs-src' overlap: the source folder is inside the output folder; choose separate folders")
        #expect(FileManager.default.fileExists(atPath: inside.appendingPathComponent("index.md").path))
    }

    /// The reverse (the output inside the sources, through a link) and the same folder under two names.
    @Test func outputInsideOrEqualToTheSourcesThroughASymbolicLink() throws {
        let site = try TestSite(["index.md": "# T\n"])
        defer { site.remove() }
        let link = site.root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: site.source.path)
        let inside = site.build(output: link.appendingPathComponent("out"))
        #expect(site.printed(inside) == "link/out: error: the output folder 'link/out' and the source folder 'src' overlap: the output folder is inside the source folder; choose separate folders")
        let same = site.build(output: link)
        #expect(site.printed(same) == "link: error: the output folder 'link' and the source folder 'src' are the same folder; choose separate folders")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.source.path).sorted() == ["index.md", "site.yml"])
    }

    @Test(arguments: [
        // A page and an asset with the same output path.
        (["index.md": "# T\n\n[a](a.html)\n", "a.md": "# A\n", "a.html": "<p>x</p>"],
         "src/a.md: error: two sources make the output file 'a.html': asset src/a.html and page src/a.md; rename one"),
        // An asset named like the stylesheet.
        (["index.md": "# T\n\n[s](style.css)\n", "style.css": "body{}"],
         "src/site.yml: error: two sources make the output file 'style.css': asset src/style.css and the stylesheet; rename one"),
        // An asset named like a figure's CSV.
        (["index.md": "# T\n\n```experiment weights\nname: w\n```\n\n[d](index.w.csv)\n", "index.w.csv": "x"],
         "src/index.w.csv: error: two sources make the output file 'index.w.csv': the CSV of figure 1 of src/index.md and asset src/index.w.csv; rename one"),
    ])
    func twoSourcesForOneOutputFile(files: [String: String], expected: String) throws {
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.build()
        #expect(site.printed(report) == expected)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    /// A `"` in `math-font:` would end the CSS string and inject rules into style.css: refused, and any font path
    /// reaches the stylesheet percent-encoded.
    @Test func mathFontCannotInjectCSS() throws {
        let site = try TestSite(["index.md": "# T\n", "site.yml": "title: T\nmath-font: 'x.woff2\"); } body { color: red; } @x (\"'\n"])
        defer { site.remove() }
        #expect(site.printed(site.build()) == """
            src/site.yml:2:13: error: math font 'x.woff2"); } body { color: red; } @x ("' contains a control character, '\\' or '"'; rename the file
                math-font: 'x.woff2"); } body { color: red; } @x ("'
                            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            """)
        let spaced = try TestSite(["index.md": "# T\n", "site.yml": "title: T\nmath-font: fonts/Latin Modern (1).otf\n"])
        defer { spaced.remove() }
        try spaced.write("fonts/Latin Modern (1).otf", Data([0, 1, 0, 0]))
        #expect(spaced.build().succeeded)
        #expect(spaced.page("style.css").contains("url(\"fonts/Latin%20Modern%20%281%29.otf\")"))
        #expect(spaced.page("fonts/Latin Modern (1).otf").utf8.count == 4)
    }

    /// Page file names are percent-encoded in every link to them (here the navigation's).
    @Test func oddPageNamesLinkCorrectly() throws {
        let site = try TestSite(["index.md": "# T\n", "a#b?c%d e.md": "# Odd\n"])
        defer { site.remove() }
        let report = site.build()
        #expect(site.printed(report) == "")
        let index = site.page("index.html")
        #expect(index.contains("href=\"a%23b%3Fc%25d%20e.html\""))
        #expect(!index.contains("href=\"a#b"))
        #expect(site.page("a#b?c%d e.html").contains("<h1"))
    }

    /// A page whose output name is longer than the file system allows is an error naming the page.
    @Test func pageNameTooLong() throws {
        let name = String(repeating: "n", count: 252) + ".md"
        let site = try TestSite(["index.md": "# T\n"])
        defer { site.remove() }
        // The source name (255 bytes) fits; its output (257 bytes) would not.
        try site.write(name, Data("# Long\n".utf8))
        let report = site.build()
        #expect(site.printed(report) == "src/\(name): error: page file name too long: its output file name would be 257 bytes, the file system allows 255; shorten the name")
    }

    /// Training data is read from the source folder, whatever it is called and wherever the build runs.
    @Test func dataIsReadFromTheSourceFolderWhateverItsName() throws {
        let site = try TestSite([
            "index.md": "# T\n\n```experiment train\nname: t\nmodel: mlp\nwidth: 4\nepochs: 1\nseeds: 1\ntrain-size: 20\nvalidation-size: 10\ntest-size: 10\n```\n",
        ])
        defer { site.remove() }
        let course = site.root.appendingPathComponent("course")
        try FileManager.default.moveItem(at: site.source, to: course)
        let mnist = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs-src/data/mnist")
        try FileManager.default.createDirectory(at: course.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: mnist, to: course.appendingPathComponent("data/mnist"))
        var options = BuildOptions()
        options.source = course.path
        options.output = site.output.path
        options.useCache = false
        let report = Site.build(options)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.experimentsRun == 1)
    }

    /// A data file that is a FIFO, a device or a folder is named and explained, never read (a FIFO would block).
    @Test(arguments: ["fifo", "device", "folder", "missing"])
    func dataFileThatIsNotAFile(kind: String) throws {
        let site = try TestSite(["index.md": "# T\n\n```experiment train\nname: t\nepochs: 1\nseeds: 1\n```\n"])
        defer { site.remove() }
        let mnist = site.source.appendingPathComponent("data/mnist")
        try FileManager.default.createDirectory(at: mnist, withIntermediateDirectories: true)
        let first = mnist.appendingPathComponent("test-images-idx3-ubyte")
        let reason: String
        switch kind {
        case "fifo":
            #expect(mkfifo(first.path, 0o644) == 0)
            reason = "it is a FIFO (named pipe), not a regular file"
        case "device":
            try FileManager.default.createSymbolicLink(atPath: first.path, withDestinationPath: "/dev/zero")
            reason = "it is a device, not a regular file"
        case "folder":
            try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
            reason = "it is a folder, not a file"
        default:
            reason = "it does not exist"
        }
        let report = site.build()
        #expect(site.printed(report) == """
            src/index.md:3:15: error: cannot read the data file 'src/data/mnist/test-images-idx3-ubyte': \(reason)
                ```experiment train
                              ^~~~~
            """)
    }
}
