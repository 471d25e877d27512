// `build-docs experiment [FILE|-]`: runs one experiment description (a `kind:` line and the directive's keys)
// and prints its result as JSON; invalid descriptions and failed expectations are compiler-style errors.

import Diagnostics
import Experiments
import Foundation

enum ExperimentCommand: Command {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs experiment",
        positionals: "[FILE|PAGE.md#NAME|-]",
        summary: "Runs one experiment description (a 'kind: KIND' line plus the directive's 'key: value' lines, from FILE or\nstandard input), or the directive named NAME (or the N-th) of a page, and prints its result as JSON.",
        options: [
            .init(name: "--no-svg", valueName: nil, help: "leave the SVG figures out of the JSON"),
            .init(name: "--id-prefix", valueName: "P", help: "prefix of every id in the SVG (default: fig-NAME- or experiment-)"),
            .init(name: "--root", valueName: "DIR", help: "the source folder that data files are read from (default: docs-src)"),
            .init(name: "--help", valueName: nil, help: "show this help"),
        ])

    /// The JSON document: the result, plus each expectation's outcome.
    struct Output: Encodable {
        struct Outcome: Encodable {
            let text: String
            let line: Int
            let passed: Bool
        }
        let kind: String
        let name: String?
        let caption: String
        let description: String
        let runLabels: [String]
        let values: [String: Double?]
        /// Values that are names (`best.conv-init`), when the kind has any.
        let names: [String: String]?
        let tables: [ExperimentResult.Table]
        let csv: String
        let math: [String]
        let expectations: [Outcome]
        let figures: [String]?
    }

    static func run(_ options: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32 {
        try options.positionals(atMost: 1, tooMany: "one FILE at most")
        var file = options.positionals.first ?? "-"
        let selected = PageDirective.split(file)
        if let selected { file = selected.page }
        let path = file == "-" ? "<stdin>" : file
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do { data = Data(try Files.read(file)) } catch {
                printError("build-docs experiment: cannot read '\(file)': \(error)")
                return 66
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("\(path): error: the description is not UTF-8 text")
            return 1
        }

        var (parsed, diagnostics) = ExperimentDirective.parse(description: text, path: path)
        if let selected {
            guard let found = PageDirective.find(selected.selector, in: text) else {
                printError("\(path):1:1: error: no experiment named '\(selected.selector)' in this page")
                return 1
            }
            (parsed, diagnostics) = ExperimentDirective.parse(infoString: found.infoString, body: found.body, path: path,
                                                              bodyStart: found.bodyStart, infoLocation: found.infoLocation)
                ?? (nil, [])
        }
        guard let directive = parsed, diagnostics.isEmpty || selected == nil else {
            for d in DiagnosticFormatter.limited(diagnostics.sorted()) { printError(DiagnosticFormatter.format(d, source: text)) }
            return 1
        }
        // Data files are named relative to the source folder: a page's is the nearest folder above it with a site.yml.
        let root = URL(fileURLWithPath: options.values["--root"] ?? selected.map { PageDirective.sourceFolder(of: $0.page) } ?? "docs-src",
                       isDirectory: true)
        let idPrefix = options.values["--id-prefix"] ?? directive.name.map { "fig-\($0)-" } ?? "experiment-"
        // Data files' errors name them relative to the working folder, as the page is named (`docs-src/data/x.csv`).
        let workingFolder = FileManager.default.currentDirectoryPath
        let displayRoot = root.path.hasPrefix(workingFolder + "/") ? String(root.path.dropFirst(workingFolder.count + 1)) : root.path
        let result: ExperimentResult
        do {
            result = try ExperimentRunner.run(directive, sourceRoot: root, displayRoot: displayRoot)
        } catch let d as Diagnostic {
            // A problem inside a data file (a `plot`'s CSV) shows that file's line, its note the description's.
            printError(DiagnosticFormatter.format(d, style: .text, sources: { file in
                file == path ? text : (try? Files.read(file, limit: 1 << 24)).map { String(decoding: $0, as: UTF8.self) }
            }))
            return 1
        } catch {
            printError("\(path): error: \(error)")
            return 1
        }
        let failures = check(directive.expectations, against: result, path: path)
        let failedLines = Set(failures.map(\.location.line))
        let output = Output(
            kind: result.kind, name: result.name, caption: result.caption, description: result.description,
            runLabels: result.runLabels, values: result.values.mapValues { $0.isFinite ? $0 : nil },
            names: result.names.isEmpty ? nil : result.names.mapValues(\.name),
            tables: result.tables, csv: result.csv, math: result.math,
            expectations: directive.expectations.map { .init(text: $0.text, line: $0.location.line, passed: !failedLines.contains($0.location.line)) },
            figures: options.has("--no-svg") ? nil : result.svgs(idPrefix: idPrefix))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(output) else {
            printError("build-docs experiment: could not encode the result")
            return 70
        }
        FileHandle.standardOutput.write(json + Data("\n".utf8))
        for d in failures.sorted() { printError(DiagnosticFormatter.format(d, source: text)) }
        return failures.isEmpty ? 0 : 1
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
