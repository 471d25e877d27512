// The default command: build the site from the sources (`build-docs [options]`), or check that the committed
// site is what the sources build (`--check`). Arguments → Site.build → diagnostics with source lines → exit status.
import Diagnostics
import Foundation
import Site

enum BuildCommand: Command {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs",
        positionals: "",
        summary: """
        Builds the course site: runs every experiment directive in the Markdown sources, renders the pages
        and writes them to the output folder, which is replaced only when the whole build succeeds.

        subcommands:
          markdown [FILE]     print one Markdown file as HTML (build-docs markdown --help)
          math [TEX]          print a TeX formula as MathML (build-docs math --help)
          experiment [FILE]   run one experiment directive and print its results (build-docs experiment --help)
          serve               preview the site: serve it, rebuild on change, reload the browser (build-docs serve --help)
          new FOLDER          write a new course that builds at once into FOLDER (build-docs new --help)
        """,
        options: [
            .source,
            .init(name: "--output", valueName: "DIR", help: "the site folder to write (default: site)"),
            .jobs,
            .init(name: "--quiet", valueName: nil, help: "print only errors"),
            .init(name: "--no-cache", valueName: nil, help: "rerun every experiment, ignoring and not updating the cache"),
            .init(name: "--check", valueName: nil, help: "build, then list the files of the output folder that differ; exit 1 if any"),
            .init(name: "--diagnostics", valueName: "FORMAT", help: "text (default), json (one object per line, on stdout) or github (workflow commands, on stdout)"),
            .init(name: "--strict-figures", valueName: nil, help: "what the figure check finds is an error, not a warning"),
            .init(name: "--version", valueName: nil, help: "print the version"),
            .init(name: "--help", valueName: nil, help: "print this help"),
        ])

    /// The subcommands, by the name that comes first on the command line; without one, build-docs builds.
    static var subcommands: [(name: String, command: any Command.Type)] { [
        ("markdown", MarkdownCommand.self), ("math", MathCommand.self), ("experiment", ExperimentCommand.self),
        ("serve", ServeCommand.self), ("new", NewCommand.self),
    ] }

    static func run(_ parsed: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32 {
        if parsed.has("--version") {
            print("build-docs \(Site.version)")
            return 0
        }
        if let extra = parsed.positionals.first {
            var message = "unexpected argument '\(extra)'"
            if subcommands.contains(where: { $0.name == extra }) {
                message += " (a subcommand comes before the options: build-docs \(extra) …)"
            } else if let near = Suggestion.closest(to: extra, among: subcommands.map(\.name)) {
                message += " (did you mean the subcommand '\(near)'?)"
            }
            throw .init(message)
        }
        var options = BuildOptions()
        if let source = parsed.values["--source"] { options.source = source }
        if let output = parsed.values["--output"] { options.output = output }
        if let jobs = try parsed.jobs() { options.jobs = jobs }
        var style = DiagnosticFormatter.Style.text
        if let name = parsed.values["--diagnostics"] {
            guard let chosen = DiagnosticFormatter.Style(rawValue: name) else {
                throw .init("--diagnostics needs one of text, json, github, not '\(name)'")
            }
            style = chosen
        }
        options.useCache = !parsed.has("--no-cache")
        options.checkOnly = parsed.has("--check")
        options.strictFigures = parsed.has("--strict-figures")

        let quiet = parsed.has("--quiet")
        let progress = ProgressPrinter(isTerminal: isatty(STDERR_FILENO) == 1, quiet: quiet)
        let report = Site.build(options) { event in progress.show(event) }
        progress.finish()

        printDiagnostics(report.diagnostics, style: style, sources: report.source(of:))
        let errors = report.count(of: .error)
        if errors > 0 {
            printError("build-docs: \(counted(errors, "error"))\(warningsSuffix(report)); \(options.checkOnly ? "nothing checked" : "'\(options.output)' was not changed")")
            return 1
        }
        if options.checkOnly {
            if report.differences.isEmpty {
                if !quiet { printError("build-docs: '\(options.output)' is up to date (\(report.pageCount) pages)\(warningsSuffix(report))") }
                return 0
            }
            printError("build-docs: '\(options.output)' differs from what the sources build (run `swift run build-docs`):")
            for path in report.differences { printError("  \(path)") }
            return 1
        }
        if !quiet { printError(report.summary + warningsSuffix(report)) }
        return 0
    }

    /// Every diagnostic, at most `DiagnosticFormatter.perFile` per file: text on standard error, the machine formats
    /// on standard output (so a tool reads them apart from progress lines).
    static func printDiagnostics(_ diagnostics: [Diagnostic], style: DiagnosticFormatter.Style, sources: (String) -> String?) {
        for diagnostic in DiagnosticFormatter.limited(diagnostics) {
            let text = DiagnosticFormatter.format(diagnostic, style: style, sources: sources)
            if style == .text { printError(text) } else { print(text) }
        }
    }

    /// `, 2 warnings` after the summary when the build warned.
    static func warningsSuffix(_ report: BuildReport) -> String {
        let warnings = report.count(of: .warning)
        return warnings == 0 ? "" : ", " + counted(warnings, "warning")
    }

    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// A bad invocation: the message, the usage line, and where to find more (the full help is long).
    static func report(_ error: CommandLineOptions.UsageError) {
        printError("build-docs: error: \(error.description)\nusage: build-docs [options]\nSee 'build-docs --help'.")
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
    }
}

/// Progress lines on stderr: on a terminal one line rewritten in place (what started or finished last), otherwise
/// one line per finished step.
final class ProgressPrinter: @unchecked Sendable {
    let isTerminal: Bool
    let quiet: Bool
    private let lock = NSLock()
    private var lineOpen = false

    init(isTerminal: Bool, quiet: Bool) {
        self.isTerminal = isTerminal
        self.quiet = quiet
    }

    func show(_ event: BuildProgress) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            FileHandle.standardError.write(("\r\u{1B}[K" + event.description).data(using: .utf8)!)
            lineOpen = true
        } else if event.finished {
            FileHandle.standardError.write((event.description + "\n").data(using: .utf8)!)
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lineOpen { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
        lineOpen = false
    }
}
