// What an author of any course sets up: numbering by chapter, references to another page's figures and equations,
// the author's own images as numbered figures, site-wide TeX macros, navigation parts and an extra stylesheet,
// each built through the whole pipeline and checked in the pages written.
import Foundation
import Testing
@testable import Site

@Suite struct AuthoringTests {
    /// A cheap experiment that draws a figure.
    static func weights(_ name: String) -> String { "```experiment weights\nname: \(name)\ninit: xavier-normal\n```\n" }

    static func built(_ files: [String: String]) throws -> (TestSite, BuildReport) {
        let site = try TestSite(files)
        let report = site.build()
        return (site, report)
    }

    /// The text of every link to `href` on a page: `<a href="HREF">TEXT</a>`.
    static func linkTexts(_ html: String, to href: String) -> [String] {
        html.components(separatedBy: "<a href=\"\(href)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    // MARK: Numbering

    @Test func figuresAndEquationsAreNumberedPerChapter() throws {
        let (site, report) = try Self.built([
            "site.yml": "title: T\nchapter-numbers: true\nnumbering: chapter\n",
            "index.md": "# Home\n\n![A plot](home.svg \"On the home page\")\n",
            "01-a.md": "# A\n\nSee [](02-b.md#fig-w), [](02-b.md#fig-second) and [](02-b.md#eq:x).\n",
            "02-b.md": "# B\n\n![First](first.svg \"An image\")\n\n" + Self.weights("w") + "\n![Second](second.svg \"Another\")\n\n"
                + "$$\\begin{equation}x = 1 \\label{eq:x}\\end{equation}$$\n\n$$\\begin{equation}y\\end{equation}$$\n\nHere [](#fig-w) and [](#eq:x).\n",
            "home.svg": "<svg/>", "first.svg": "<svg/>", "second.svg": "<svg/>",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let b = site.page("02-b.html")
        // Image and experiment figures share one sequence, in page order.
        #expect(b.contains("<span class=\"figure-number\">Figure 2.1.</span> An image"))
        #expect(b.contains("<span class=\"figure-number\">Figure 2.2.</span>"))
        #expect(b.contains("<span class=\"figure-number\">Figure 2.3.</span> Another"))
        #expect(b.contains(">(2.1)</mtext>") && b.contains(">(2.2)</mtext>"))
        #expect(Self.linkTexts(b, to: "#fig-w") == ["Figure 2.2"])
        #expect(Self.linkTexts(b, to: "#eq:x") == ["Equation 2.1"])
        // From another page the chapter's number already says where: no "in Chapter 2".
        let a = site.page("01-a.html")
        #expect(Self.linkTexts(a, to: "02-b.html#fig-w") == ["Figure 2.2"])
        #expect(Self.linkTexts(a, to: "02-b.html#fig-second") == ["Figure 2.3"])
        #expect(Self.linkTexts(a, to: "02-b.html#eq:x") == ["Equation 2.1"])
        // The home page is no chapter: its figures are numbered 1, 2, …
        #expect(site.page("index.html").contains("<span class=\"figure-number\">Figure 1.</span> On the home page"))
    }

    @Test(arguments: [
        ("title: T\nchapter-numbers: true\n", "Figure 1 in Chapter 2", "Equation 1 in Chapter 2"),
        ("title: T\n", "Figure 1 in B", "Equation 1 in B"),
    ])
    func numberedPerPageAReferenceFromElsewhereNamesThePage(configuration: String, figure: String, equation: String) throws {
        let (site, report) = try Self.built([
            "site.yml": configuration,
            "index.md": "# Home\n",
            "01-a.md": "# A\n\n" + Self.weights("here") + "\n[](#fig-here), [](02-b.md#fig-w), [](02-b.md#eq:x), [](02-b.md#section).\n",
            "02-b.md": "# B\n\n## Section\n\n" + Self.weights("w") + "\n$$\\begin{equation}x \\label{eq:x}\\end{equation}$$\n",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let a = site.page("01-a.html")
        #expect(Self.linkTexts(a, to: "#fig-here") == ["Figure 1"])
        #expect(Self.linkTexts(a, to: "02-b.html#fig-w") == [figure])
        #expect(Self.linkTexts(a, to: "02-b.html#eq:x") == [equation])
        // A heading is named by its text, which needs no chapter.
        #expect(Self.linkTexts(a, to: "02-b.html#section") == ["Section"])
    }

    @Test func theKoreanEditionSaysWhereInItsOwnWords() throws {
        let (site, report) = try Self.built([
            "site.yml": "title: T\nchapter-numbers: true\neditions: en, ko\n",
            "index.md": "# Home\n", "01-a.md": "# A\n\n[](02-b.md#eq:x)\n", "02-b.md": "# B\n\n$$\\begin{equation}x \\label{eq:x}\\end{equation}$$\n",
            "ko/index.md": "# 홈\n", "ko/01-a.md": "# 가\n\n[](02-b.md#eq:x)\n", "ko/02-b.md": "# 나\n\n$$\\begin{equation}x \\label{eq:x}\\end{equation}$$\n",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(Self.linkTexts(site.page("ko/01-a.html"), to: "02-b.html#eq:x") == ["2장의 식 1"])
        #expect(Self.linkTexts(site.page("01-a.html"), to: "02-b.html#eq:x") == ["Equation 1 in Chapter 2"])
    }

    // MARK: Image figures

    @Test func anImageAloneWithATitleIsANumberedFigure() throws {
        let (site, report) = try Self.built([
            "index.md": """
            # T

            ![Training loss of three runs](<images/Loss curve.png> "Loss per epoch, for $\\eta = 0.1$")

            An image in a sentence ![icon](images/icon.png "Icon") stays an image, and so does one without a title:

            ![A diagram](images/diagram.png)

            As [](#fig-loss-curve) shows.
            """,
            "images/Loss curve.png": "png", "images/icon.png": "png", "images/diagram.png": "png",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = site.page("index.html")
        #expect(page.contains("""
            <figure class="image-figure" id="fig-loss-curve">
            <p><img src="images/Loss%20curve.png" alt="Training loss of three runs" /></p>
            <figcaption>
            <p><span class="figure-number">Figure 1.</span> Loss per epoch, for <math
            """))
        #expect(page.contains("<p>An image in a sentence <img src=\"images/icon.png\" alt=\"icon\" title=\"Icon\" /> stays an image"))
        #expect(page.contains("<p><img src=\"images/diagram.png\" alt=\"A diagram\" /></p>"))
        #expect(Self.linkTexts(page, to: "#fig-loss-curve") == ["Figure 1"])
        #expect(site.outputFiles()["images/Loss curve.png"] == Data("png".utf8))
    }

    @Test func imageFigureIDs() {
        #expect(ImageFigures.id(for: "images/Loss curve.png") == "fig-loss-curve")
        #expect(ImageFigures.id(for: "a/b/plot.v2.svg#x") == "fig-plot-v2")
        #expect(ImageFigures.id(for: "%E2%80%94.png") == "fig-image")
        #expect(ImageFigures.id(for: "그래프_1.png") == "fig-그래프_1")
    }

    // MARK: Macros

    @Test(arguments: [
        "math-macros: \\newcommand{\\Var}{\\operatorname{Var}} \\def\\E#1{\\mathbb{E}[#1]}\n",
        "math-macros: |\n  \\newcommand{\\Var}{\\operatorname{Var}}\n\n  \\def\\E#1{\\mathbb{E}[#1]}\n",
        "math-macros: tex/macros.tex\n",
    ])
    func macrosApplyToEveryFormulaOfEveryEdition(setting: String) throws {
        let (site, report) = try Self.built([
            "site.yml": "title: T\neditions: en, ko\n" + setting,
            "tex/macros.tex": "% The course's notation\n\\newcommand{\\Var}{\\operatorname{Var}}\n\\def\\E#1{\\mathbb{E}[#1]}\n",
            "index.md": "# T\n\n$\\Var(x) = \\E{x^2}$\n", "ko/index.md": "# 티\n\n$$\\Var(x) = \\E{x^2}$$\n",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        for page in ["index.html", "ko/index.html"] {
            #expect(site.page(page).contains("<mi>Var</mi>"))
            #expect(site.page(page).contains("<mi mathvariant=\"double-struck\">E</mi>") || site.page(page).contains("<mi>𝔼</mi>"))
        }
    }

    // MARK: Navigation parts and the extra stylesheet

    @Test func partsGroupChaptersInTheNavigation() throws {
        let (site, report) = try Self.built([
            "site.yml": "title: T\nchapter-numbers: true\neditions: en, ko\nparts:\n  Part I: Basics: 01-a, 02-b.md\n  \"Part II\": 03-c\n",
            "ko/site.yml": "title: 티\nparts:\n  제1부: 01-a, 02-b\n",
            "index.md": "# Home\n", "01-a.md": "# A\n", "02-b.md": "# B\n", "03-c.md": "# C\n", "04-d.md": "# D\n",
            "ko/index.md": "# 홈\n", "ko/01-a.md": "# 가\n", "ko/02-b.md": "# 나\n", "ko/03-c.md": "# 다\n", "ko/04-d.md": "# 라\n",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = site.page("02-b.html")
        #expect(page.contains("""
            <ol>
            <li><a href="index.html">Home</a></li>
            <li class="part"><span class="part-title" id="chapters-sidebar-part-1">Part I: Basics</span>
            <ol aria-labelledby="chapters-sidebar-part-1">
            <li><a href="01-a.html"><span class="chapter-number">1</span> A</a></li>
            <li><a href="02-b.html" aria-current="page"><span class="chapter-number">2</span> B</a></li>
            </ol>
            </li>
            <li class="part"><span class="part-title" id="chapters-sidebar-part-3">Part II</span>
            <ol aria-labelledby="chapters-sidebar-part-3">
            <li><a href="03-c.html"><span class="chapter-number">3</span> C</a></li>
            </ol>
            </li>
            <li><a href="04-d.html"><span class="chapter-number">4</span> D</a></li>
            </ol>
            """))
        // The navigation is written twice (sidebar, and after the article for phones): each with its own ids.
        #expect(page.contains("<span class=\"part-title\" id=\"chapters-part-1\">Part I: Basics</span>"))
        // An edition's own site.yml names its parts in its language.
        #expect(site.page("ko/01-a.html").contains("<span class=\"part-title\" id=\"chapters-sidebar-part-1\">제1부</span>"))
        #expect(!site.page("ko/01-a.html").contains("Part II"))
    }

    @Test func anEditionWithoutSomePagesKeepsTheSitesParts() throws {
        let (site, report) = try Self.built([
            "site.yml": "title: T\neditions: en, ko\nparts:\n  One: a, b\n",
            "index.md": "# Home\n", "a.md": "# A\n", "b.md": "# B\n", "ko/index.md": "# 홈\n", "ko/a.md": "# 가\n",
        ])
        defer { site.remove() }
        #expect(report.succeeded)
        #expect(report.diagnostics.map(\.message) == ["page has no 'ko' edition: \(site.source.path)/ko/b.md does not exist"])
        #expect(site.page("ko/a.html").contains("<span class=\"part-title\" id=\"chapters-sidebar-part-1\">One</span>"))
    }

    @Test func theAuthorsStylesheetIsLinkedAfterTheSitesAndCopied() throws {
        let (site, report) = try Self.built([
            "site.yml": "title: T\neditions: en, ko\nstylesheet: css/custom.css\n",
            "index.md": "# Home\n", "ko/index.md": "# 홈\n", "a.md": "# A\n", "ko/a.md": "# 가\n",
            "css/custom.css": ":root { --accent: teal; }\n",
        ])
        defer { site.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(site.page("index.html").contains("<link rel=\"stylesheet\" href=\"style.css\">\n<link rel=\"stylesheet\" href=\"css/custom.css\">\n"))
        #expect(site.page("ko/a.html").contains("<link rel=\"stylesheet\" href=\"../style.css\">\n<link rel=\"stylesheet\" href=\"../css/custom.css\">\n"))
        #expect(site.page("print.html").contains("<link rel=\"stylesheet\" href=\"css/custom.css\">"))
        #expect(site.outputFiles()["css/custom.css"] == Data(":root { --accent: teal; }\n".utf8))
    }

    // MARK: A new course

    @Test func aNewCourseBuildsWithoutWarnings() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("starter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("my course")
        let written = try Starter.write(to: folder.path)
        #expect(written == ["site.yml", "index.md", "01-depth.md", "data/README.md", ".gitignore"])
        var options = BuildOptions()
        options.source = folder.path
        options.output = root.appendingPathComponent("out").path
        let report = Site.build(options)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.succeeded && report.pageCount == 2)
        // The cache is where .gitignore says.
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".cache").path))
        // A folder with anything in it is refused, and left as it was.
        #expect(throws: (any Error).self) { try Starter.write(to: folder.path) }
        #expect(try String(contentsOf: folder.appendingPathComponent("index.md"), encoding: .utf8) == Starter.files[1].text)
    }
}
