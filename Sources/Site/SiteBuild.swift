// The site being built, as it passes from stage to stage: the options, the sources, the pages and what each stage
// has made of them, the files to write, and every diagnostic so far.
import Diagnostics
import Foundation
import Markdown
import TeXMath

struct SiteBuild {
    let options: BuildOptions
    let progress: @Sendable (BuildProgress) -> Void

    /// The source folder and how diagnostics name it (`docs-src`).
    let sourceURL: URL
    let sourceDisplay: String
    let output: OutputFolder
    let cache: ResultCache
    /// Results as pages show them (figures drawn, tables translated) by this executable, by result, place and
    /// language (`ExperimentExpansion.present`), in the cache folder's `presentations/`.
    let presentations: ResultCache
    /// Digests of the data files experiments read, remembered beside the cache.
    let dataDigests: FileDigests

    var sources = SourceTree(root: URL(fileURLWithPath: "/"), displayRoot: "", files: [])
    var configuration = SiteConfiguration(title: "")
    /// The site's TeX macros (`math-macros` in site.yml), read once, and where they are written.
    var mathMacros: TeXMath.MacroDefinitions?
    var mathMacroOrigin: MathMacroOrigin?
    /// The site's editions, the first at the root (load stage).
    var editions: [Edition] = []
    /// In reading order (after the parse stage).
    var pages: [Page] = []
    /// Output files: root-relative path → bytes. Added with `emit`, which refuses two sources for one path.
    private(set) var files: [String: [UInt8]] = [:]
    /// What made each output file (`page docs-src/a.md`, `asset docs-src/a.html`), to name both in a collision.
    private var origins: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    /// Source texts by diagnostic path, for printing the offending line.
    var sourceTexts: [String: String] = [:]

    /// How many experiments ran, and how many came from the cache (the summary line).
    var experimentsRun = 0
    var experimentsReused = 0
    /// Directives that repeat another's parameters in this build (a translated page): they share its run.
    var experimentsShared = 0
    var differences: [String] = []
    /// Experiments that did not run because their directive failed and said why (by scoped name, see
    /// `InlineValues.scoped`): their inline values and figure links are not reported again, only counted.
    var unavailableExperiments: [String: UnavailableExperiment] = [:]
    /// Set by a stage after which nothing useful can follow (no sources, no configuration).
    var stopped = false

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    init(options: BuildOptions, progress: @escaping @Sendable (BuildProgress) -> Void) {
        self.options = options
        self.progress = progress
        sourceDisplay = Self.trimmed(options.source)
        sourceURL = URL(fileURLWithPath: sourceDisplay).standardizedFileURL
        let outputDisplay = Self.trimmed(options.output)
        output = OutputFolder(url: URL(fileURLWithPath: outputDisplay).standardizedFileURL, displayPath: outputDisplay)
        let cacheURL = options.cacheFolder.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? sourceURL.appendingPathComponent(".cache")
        cache = ResultCache(folder: options.useCache ? cacheURL : nil)
        presentations = ResultCache(folder: cache.folder?.appendingPathComponent("presentations"))
        dataDigests = FileDigests(memo: options.useCache ? cacheURL.appendingPathComponent(ResultCache.digestsName) : nil)
    }

    /// `docs-src/` → `docs-src`, so diagnostic paths read `docs-src/page.md`.
    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "." : path
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Adds an output file made by `origin` (`page docs-src/a.md`); a second origin for the same path is an error
    /// naming both, at `path` (the later source), never a silent replacement.
    mutating func emit(_ output: String, _ bytes: [UInt8], from origin: String, at path: String) {
        if let first = origins[output], first != origin {
            report(.error("two sources make the output file '\(output)': \(first) and \(origin); rename one", path: path))
            return
        }
        origins[output] = origin
        files[output] = bytes
    }

    func displayPath(_ relative: String) -> String { sources.displayPath(relative) }

    /// The edition a source file belongs to: the one whose folder holds it, else the first.
    func editionIndex(of sourcePath: String) -> Int {
        editions.indices.dropFirst().first { sourcePath.hasPrefix(editions[$0].folder) } ?? 0
    }

    /// Written before the number of each figure and equation of a page: "3." with `numbering: chapter` (3.1, 3.2, …)
    /// on a chapter, else nothing.
    func numberPrefix(of page: Page) -> String {
        configuration.numbering == .chapter && configuration.chapterNumbers && page.chapter > 0 ? "\(page.chapter)." : ""
    }

    /// The interface text of a page's edition.
    func text(of page: Page) -> InterfaceText {
        editions.indices.contains(page.edition) ? editions[page.edition].text : .english
    }

    /// The diagnostics, each failed directive's first error noting how many uses of its experiment went unchecked.
    func diagnosticsNotingUncheckedUses() -> [Diagnostic] {
        var diagnostics = diagnostics
        // A directive that failed only because an experiment it quotes failed counts towards that one.
        var totals: [String: Int] = [:]
        for (name, experiment) in unavailableExperiments where experiment.uses > 0 {
            var root = name
            for _ in 0..<unavailableExperiments.count {
                guard let cause = unavailableExperiments[root]?.causedBy, unavailableExperiments[cause] != nil else { break }
                root = cause
            }
            totals[root, default: 0] += experiment.uses
        }
        for (name, uses) in totals {
            let experiment = unavailableExperiments[name]!
            guard let first = diagnostics.indices.first(where: {
                diagnostics[$0].severity == .error && diagnostics[$0].path == experiment.path
                    && experiment.lines.contains(diagnostics[$0].location.line)
            }) else { continue }
            let shown = name.drop { $0 != "/" }.dropFirst()
            diagnostics[first] = diagnostics[first].noting("\(uses) use\(uses == 1 ? "" : "s") of '\(shown)' \(uses == 1 ? "was" : "were") not checked, since it did not run")
        }
        return diagnostics
    }

    func report(seconds: Double) -> BuildReport {
        var report = BuildReport(diagnostics: diagnosticsNotingUncheckedUses().sorted(), differences: differences, pageCount: pages.count,
                                 experimentsRun: experimentsRun, experimentsReused: experimentsReused, seconds: seconds,
                                 sources: sourceTexts)
        report.experimentsShared = experimentsShared
        return report
    }
}

/// A page of the site.
struct Page {
    /// Relative to the source folder: `03-gaussian.md`.
    let sourcePath: String
    /// As diagnostics print it: `docs-src/03-gaussian.md`.
    let displayPath: String
    /// Root-relative output path: `03-gaussian.html`.
    let outputPath: String
    var document: Document
    var metadata: PageMetadata
    /// Index of the page's edition in `SiteBuild.editions`.
    var edition = 0
    /// The page's place in its edition's reading order: its chapter number, 0 for the home page (parse stage).
    var chapter = 0
    /// The anchors of numbered things (figures, equations, derivations), whose label a link from another page
    /// qualifies with the chapter: "Figure 2 in Chapter 3".
    var numberedAnchors: Set<String> = []
    /// Anchors a link may point at (heading ids, figure ids) → the text an empty link to it shows
    /// (the heading's text, "Figure 3"). Filled by the expand and render stages.
    var anchors: [String: String] = [:]
    var tableOfContents: [TableOfContentsEntry] = []
    /// Fenced code blocks never closed (an error already reported): not run as directives.
    var unterminatedFences: Set<ObjectIdentifier> = []
    /// Directives indented into code blocks (an error already reported), by name and lines: they never run.
    var misplacedDirectives: [(name: String, lines: ClosedRange<Int>)] = []
    /// Anchors that a failed directive or formula (its error reported) would have made → the experiment's scoped
    /// name ("" for a formula's `\label`): links to them are not reported again.
    var unavailableAnchors: [String: String] = [:]
    /// The article's HTML (render stage).
    var body = ""
}

/// An experiment whose directive failed (and said why), so it has no result to quote or figure to link to.
struct UnavailableExperiment {
    let path: String
    /// The directive's lines: its first error among them gets the note on unchecked uses.
    let lines: ClosedRange<Int>
    /// The experiment (scoped name) whose failure this one's follows from: a directive quoting it.
    var causedBy: String?
    /// Inline values, quoting directives and links to its figure that were skipped.
    var uses = 0
}

/// What a page's front matter says.
struct PageMetadata: Equatable {
    var title: String
    var description: String?
    /// Position in the navigation: pages sort by `order`, then by path; pages without one come last.
    var order: Double?
    var language: String?

    static let keys = ["title", "description", "order", "language"]
}

/// An edition of the site: one language, with its pages, navigation and interface text. Experiments are shared:
/// an edition's page repeats the directive of its counterpart with the same parameters, so it runs once.
struct Edition: Sendable {
    let language: String
    /// Where the edition's pages are, relative to the source folder and to the site: "" for the first, "ko/".
    let folder: String
    var configuration: SiteConfiguration
    let text: InterfaceText

    /// The path of a page relative to its edition's folder: `ko/03-gaussian.md` → `03-gaussian.md`.
    func relativePath(_ path: String) -> String { String(path.dropFirst(folder.count)) }
}
