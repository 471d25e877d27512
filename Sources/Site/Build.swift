// The whole build, as its stages in order (after mdBook's load → preprocess → render and Publish's publishing
// steps): each stage takes the site being built and returns it changed. Diagnostics are collected across every
// stage and every page; the write stage runs only when there are none, so a failed build changes nothing.
import Diagnostics
import Foundation

/// Builds a course site from a folder of Markdown sources.
///
///     let report = Site.build(BuildOptions())   // docs-src/ → site/
///     for diagnostic in report.diagnostics { print(DiagnosticFormatter.format(diagnostic, source: report.source(of: diagnostic.path))) }
public enum Site {
    /// The version of build-docs, printed by `--version` and part of every cache key.
    public static let version = "1.0.0"

    /// A stage of the build.
    typealias Stage = @Sendable (inout SiteBuild) -> Void

    /// The stages, in order.
    static let stages: [(name: String, run: Stage)] = [
        ("load", Load.run),            // 1: read docs-src/: pages, site.yml, assets
        ("parse", Parse.run),          // 2: Markdown → Document per page; front matter; page order
        ("expand", Expand.run),        // 3: experiments (parallel, cached), inline values, cross-references, math
        ("render", Render.run),        // 4: Document → HTML; links checked and rewritten; code highlighted
        ("layout", Layout.run),        // 5: page template, navigation, table of contents, stylesheet, assets
        ("write", Write.run),          // 6: swap the new site into place, or compare it (--check)
    ]
    // Before the stages, UpToDate may find that nothing changed since the last build: then none runs.

    /// Runs the build; never throws and never crashes on bad input: every problem is in the report.
    /// - Parameter progress: called (from any thread) as experiments finish.
    public static func build(_ options: BuildOptions, progress: (@Sendable (BuildProgress) -> Void)? = nil) -> BuildReport {
        let start = Date()
        var site = SiteBuild(options: options, progress: progress ?? { _ in })
        if var report = UpToDate.report(site) {
            let seconds = Date().timeIntervalSince(start)
            report.seconds = seconds
            report.stageSeconds = [("up to date", seconds)]
            return report
        }
        var stageSeconds: [(name: String, seconds: Double)] = []
        for stage in stages {
            let started = Date()
            stage.run(&site)
            stageSeconds.append((stage.name, Date().timeIntervalSince(started)))
            if site.stopped { break }
        }
        UpToDate.record(site, started: Int64(start.timeIntervalSince1970))
        var report = site.report(seconds: Date().timeIntervalSince(start))
        report.stageSeconds = stageSeconds
        return report
    }
}

/// What to build, and how.
public struct BuildOptions: Sendable {
    /// The Markdown sources, as the author names the folder (relative to the working directory or absolute).
    public var source = "docs-src"
    /// The site folder to write.
    public var output = "site"
    /// How many experiments run at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Reuse results of unchanged experiments (stored in `<source>/.cache/`).
    public var useCache = true
    /// Build into a temporary folder and compare with `output` instead of replacing it.
    public var checkOnly = false
    /// Where cached results live; nil means `<source>/.cache`.
    public var cacheFolder: String?
    /// The figure check's findings are errors, not warnings (also `strict-figures: true` in site.yml).
    public var strictFigures = false

    public init() {}
}

/// One step of the build, for progress lines: `[4/12] activations tanh-small  docs-src/03-gaussian.md:42  0.8s`.
public struct BuildProgress: Sendable, CustomStringConvertible {
    /// For a finished experiment its position among those finished; for a started one, how many have finished.
    public let step: Int
    public let total: Int
    public let kind: String
    public let name: String
    public let location: String
    public let seconds: Double
    public let reused: Bool
    /// False when the experiment has just started (a terminal shows what is running during a long run).
    public var finished = true

    public var description: String {
        let label = "\(kind)\(name.isEmpty ? "" : " " + name)  \(location)"
        guard finished else { return "[\(step)/\(total)] running \(label)" }
        return "[\(step)/\(total)] \(label)  " + (reused ? "cached" : String(format: "%.1fs", seconds))
    }
}

/// The outcome of a build.
public struct BuildReport: Sendable {
    /// Every problem found, sorted by file and position.
    public let diagnostics: [Diagnostic]
    /// With `checkOnly`: the output files that differ from the build (empty when up to date).
    public let differences: [String]
    public let pageCount: Int
    public let experimentsRun: Int
    public let experimentsReused: Int
    /// Directives that took another directive's run in the same build (the same page in another edition).
    public var experimentsShared = 0
    public internal(set) var seconds: Double
    /// Wall-clock time of each stage that ran, in order (for benchmarks and profiling).
    public internal(set) var stageSeconds: [(name: String, seconds: Double)] = []
    let sources: [String: String]

    /// The text of a source file by its diagnostic path, to print the line a diagnostic points at.
    public func source(of path: String) -> String? { sources[path] }

    public var succeeded: Bool { count(of: .error) == 0 && differences.isEmpty }

    public func count(of severity: Diagnostic.Severity) -> Int { diagnostics.count { $0.severity == severity } }

    /// `built 12 pages in 3.4s: 20 experiments run, 5 reused`
    public var summary: String {
        let experiments = experimentsRun + experimentsReused
        var text = "build-docs: built \(pageCount) page\(pageCount == 1 ? "" : "s") in \(String(format: "%.1f", seconds))s"
        if experiments > 0 { text += ": \(experimentsRun) experiment\(experimentsRun == 1 ? "" : "s") run, \(experimentsReused) reused" }
        if experimentsShared > 0 { text += ", \(experimentsShared) shared between editions" }
        return text
    }
}
